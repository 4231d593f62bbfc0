#include <doctest/doctest.h>

#include "pipeline.h"
#include "test_util.h"

using namespace quietpage;
using testing::parse_doc;

namespace {

struct Grabbed {
  testing::ParsedDoc parsed;
  Extraction extraction;
  bool found = false;
  std::string text() const { return parsed.doc->inner_text(extraction.content); }
};

// The pipeline as parse() runs it, up to the article's tree.
Grabbed grab(const std::string& html, Options options = {}) {
  Grabbed g{parse_doc(html)};
  g.found = extract_article(*g.parsed.doc, options, g.extraction);
  return g;
}

std::string paragraph(const char* word, int sentences = 6) {
  std::string p = "<p>";
  for (int i = 0; i < sentences; ++i) {
    p += "This sentence talks about ";
    p += word;
    p += ", with a comma, and it goes on for a while to look like prose. ";
  }
  return p + "</p>";
}

}  // namespace

TEST_CASE("score: the prose block wins over navigation and sidebars") {
  std::string html = "<body><div class=nav><a href=/a>Home</a> <a href=/b>World</a></div>"
                     "<div id=story>" + paragraph("boats") + paragraph("books") + paragraph("tides") +
                     "</div><div class=sidebar>" + paragraph("ads", 1) + "</div></body>";
  Grabbed g = grab(html);
  REQUIRE(g.found);
  CHECK(g.text().find("boats") != std::string::npos);
  CHECK(g.text().find("tides") != std::string::npos);
  CHECK(g.text().find("Home") == std::string::npos);
  CHECK(g.text().find("ads") == std::string::npos);
}

TEST_CASE("score: siblings split by an ad are gathered") {
  std::string html = "<body><div id=wrap><div class=part>" + paragraph("first") + paragraph("first") +
                     "</div><div class=ad>Advertisement</div><div class=part>" + paragraph("second") +
                     paragraph("second") + "</div></div></body>";
  Grabbed g = grab(html);
  REQUIRE(g.found);
  CHECK(g.text().find("first") != std::string::npos);
  CHECK(g.text().find("second") != std::string::npos);
  CHECK(g.text().find("Advertisement") == std::string::npos);
}

TEST_CASE("score: the byline is taken out of the text") {
  std::string html = "<body><div><p class=byline>By Jane Doe</p>" + paragraph("x") + paragraph("y") +
                     "</div></body>";
  Grabbed g = grab(html);
  REQUIRE(g.found);
  CHECK(g.extraction.byline == "By Jane Doe");
  CHECK(g.text().find("Jane Doe") == std::string::npos);
}

TEST_CASE("score: short pages are retried with relaxed rules and still found") {
  // Everything looks like a comment section, so the strict pass removes it.
  std::string html = "<body><div class=comments><p>A short note, but the only text on the page.</p></div></body>";
  Grabbed g = grab(html);
  REQUIRE(g.found);
  CHECK(g.text() == "A short note, but the only text on the page.");
}

TEST_CASE("score: an empty page has no article") {
  CHECK_FALSE(grab("<body><div></div></body>").found);
  CHECK_FALSE(grab("").found);
}

TEST_CASE("score: text direction comes from the article's ancestors") {
  Grabbed g = grab(testing::fixture("rtl-article.html"));
  REQUIRE(g.found);
  CHECK(g.extraction.dir == "rtl");
  CHECK(g.extraction.lang == "ar");
}

TEST_CASE("score: a wrapper named for its position keeps the article it holds") {
  std::string html = "<body><div class=above-footer><div class=post>" + paragraph("ferries") +
                     paragraph("libraries") + paragraph("islands") + "</div></div>"
                     "<div class=disclosure><p>Short disclosure text, with a comma, that is not the article at all.</p></div></body>";
  Grabbed g = grab(html);
  REQUIRE(g.found);
  CHECK(g.text().find("ferries") != std::string::npos);
  // Names that say what a block is still remove it, prose or not.
  Grabbed c = grab("<body><div class=comments>" + paragraph("comment", 12) + "</div><div>" + paragraph("story") +
                   paragraph("story") + "</div></body>");
  REQUIRE(c.found);
  CHECK(c.text().find("comment") == std::string::npos);
}

TEST_CASE("score: the lead in the article's header joins the article, once") {
  std::string html =
      "<body><article><header><h1>Headline</h1>"
      "<p class=article-lead>The intro sums up the story in two sentences, before the body starts.</p>"
      "<nav class=tags><a href=/a>A</a> <a href=/b>B</a></nav></header>"
      "<div class=body>" + paragraph("ferries") + paragraph("libraries") + paragraph("islands") +
      "</div></article></body>";
  Grabbed g = grab(html);
  REQUIRE(g.found);
  std::string text = g.text();
  size_t lead = text.find("The intro sums up");
  REQUIRE(lead != std::string::npos);
  CHECK(lead < text.find("ferries"));
  CHECK(text.find("The intro sums up", lead + 1) == std::string::npos);
  // A block named like a lead but made of links is no lead.
  Grabbed links = grab("<body><div class=teaser><a href=/1>One linked teaser headline for another story</a> "
                       "<a href=/2>and a second linked teaser headline</a></div><div class=body>" +
                       paragraph("ferries") + paragraph("libraries") + "</div></body>");
  REQUIRE(links.found);
  CHECK(links.text().find("teaser headline") == std::string::npos);
}

TEST_CASE("score: a lead survives its header being dropped as unlikely, and a heading lead is a paragraph") {
  // "entry-header" looks unlikely; it holds the headline, so its lead stays.
  Grabbed g = grab("<body><main><header class=entry-header><h1>Headline</h1>"
                   "<div class=lead>The intro sums up the story in two sentences, before the body starts.</div>"
                   "</header><div class=body>" + paragraph("ferries") + paragraph("libraries") +
                   "</div></main></body>");
  REQUIRE(g.found);
  CHECK(g.text().find("The intro sums up") < g.text().find("ferries"));
  // A header without the headline (a graphic's, a site's) takes its lead along.
  Grabbed graphic = grab("<body><main><div class=body>" + paragraph("ferries") + "</div>"
                         "<section><header class=graphic-header><p class=leadin>Interest payments are "
                         "expected to triple over the next decade.</p></header></section>"
                         "<div class=more>" + paragraph("libraries") + "</div></main></body>");
  REQUIRE(graphic.found);
  CHECK(graphic.text().find("Interest payments") == std::string::npos);
  // <h2 class=deck> becomes a paragraph, so later cleaning keeps it.
  Grabbed deck = grab("<body><article><h2 class=article-deck>The deck says what happened and why, in one "
                      "sentence</h2><div class=article-body>" + paragraph("ferries") + paragraph("libraries") +
                      paragraph("islands") + "</div></article></body>");
  REQUIRE(deck.found);
  Document& doc = *deck.parsed.doc;
  NodeId first = doc.first_element_child(deck.extraction.content);
  REQUIRE(first != kNoNode);
  CHECK(doc.is(first, GUMBO_TAG_P));
  CHECK(doc.text_content(first).find("The deck says") != std::string::npos);
  // A caption is never a lead.
  Grabbed caption = grab("<body><article><figure><img src=a.jpg><figcaption itemprop=description>A man "
                         "prays in the old town square, on the 30th of April.</figcaption></figure>"
                         "<div class=article-body>" + paragraph("ferries") + paragraph("libraries") +
                         "</div></article></body>");
  REQUIRE(caption.found);
  CHECK(caption.text().find("A man prays") == std::string::npos);
}

TEST_CASE("score: the page's description shown above the article is its lead, unless the article holds it") {
  const std::string head = "<head><meta name=description content='The intro sums up the story in two "
                           "sentences, before the body starts…'></head>";
  Grabbed g = grab("<html>" + head + "<body><div class=hero><p>The intro sums up the story in two sentences, "
                   "before the body starts. Really.</p></div><div class=main><div class=body>" +
                   paragraph("ferries") + paragraph("libraries") + "</div></div></body></html>");
  REQUIRE(g.found);
  CHECK(g.text().find("The intro sums up") < g.text().find("ferries"));
  // The same text as the article's first paragraph is not added twice.
  Grabbed twice = grab("<html>" + head + "<body><div class=top><div class=hero><p>The intro sums up the story "
                       "in two sentences, before the body starts.</p></div></div><div class=main><div class=body>"
                       "<p>The intro sums up the story in two sentences, before the body starts.</p>" +
                       paragraph("ferries") + paragraph("libraries") + "</div></div></body></html>");
  REQUIRE(twice.found);
  const std::string text = twice.text();
  CHECK(text.find("The intro sums up", text.find("The intro sums up") + 1) == std::string::npos);
}

TEST_CASE("score: a <div> turned into its only paragraph keeps its name, so a share bar still goes") {
  std::string html = "<body><nav><a href=/>Home</a></nav><article><h1>Headline</h1>"
                     "<div class=share>Share on Facebook · Share on X</div>" +
                     paragraph("ferries") + paragraph("libraries") + paragraph("islands") + "</article></body>";
  Grabbed g = grab(html);
  REQUIRE(g.found);
  CHECK(g.text().find("Share on Facebook") == std::string::npos);
  CHECK(g.text().find("ferries") != std::string::npos);
}

TEST_CASE("score: a JSON-LD articleBody much longer than the markup's article replaces it") {
  auto json_ld = [](const std::string& body) {
    return "<script type=application/ld+json>{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", "
           "\"articleBody\": \"" + body + "\"}</script>";
  };
  std::string body;
  for (int i = 0; i < 12; ++i) body += "Line " + std::to_string(i) + " of the whole story, told at length, with commas.\\n\\n";
  Grabbed g = grab("<head>" + json_ld(body) + "</head><body><article><h1>Headline</h1>" + paragraph("teaser", 2) +
                   "<p>Subscribe to read the rest.</p></article></body>");
  REQUIRE(g.found);
  std::string text = g.text();
  CHECK(text.find("Line 0 of the whole story") != std::string::npos);
  CHECK(text.find("Line 11 of the whole story") != std::string::npos);
  CHECK(g.parsed.doc->elements_by_tag(g.extraction.content, GUMBO_TAG_P).size() == 12);

  // A short articleBody (a summary) never replaces a real article.
  Grabbed kept = grab("<head>" + json_ld("A summary of the story in one line.") + "</head><body><article>" +
                      paragraph("ferries") + paragraph("islands") + "</article></body>");
  REQUIRE(kept.found);
  CHECK(kept.text().find("ferries") != std::string::npos);
}

TEST_CASE("score: an article cut into repeated blocks is gathered whole, teaser lists are not") {
  auto block = [](const std::string& inside) {
    return "<div class=text-block><div class=container><div class=row><div class=col-12></div></div>"
           "<div class=row><div class=col>" + inside + "</div></div></div></div>";
  };
  std::string html = "<body><div class=page dir=rtl>" + block("<h2>First part</h2>" + paragraph("ferries", 2)) +
                     "<div class=table-block><table><tr><td>1</td></tr></table></div>" +
                     block(paragraph("harbours", 8) + paragraph("harbours", 8) + paragraph("harbours", 8)) +
                     block("<h2>Last part</h2>" + paragraph("islands", 2)) +
                     "</div><div class=more><div class=teaser><a href=/1>" + paragraph("elsewhere", 2) +
                     "</a></div><div class=teaser><a href=/2>" + paragraph("elsewhere", 2) + "</a></div></div></body>";
  Grabbed g = grab(html);
  REQUIRE(g.found);
  std::string text = g.text();
  CHECK(text.find("ferries") != std::string::npos);
  CHECK(text.find("harbours") != std::string::npos);
  CHECK(text.find("islands") != std::string::npos);
  CHECK(text.find("Last part") != std::string::npos);
  CHECK(text.find("elsewhere") == std::string::npos);
  CHECK(g.extraction.dir == "rtl");  // read before the blocks were moved
}

TEST_CASE("score: the page's marks of its main content weigh in (itemprop=articleBody, one <main>)") {
  // Two blocks of prose far apart in the page (too far for the sibling
  // step to join them), with neutral names; the smaller one is the article.
  const std::string notes = "<div id=a><div><div><div id=other>" + paragraph("ferries", 2) + paragraph("gulls", 2) +
                            paragraph("nets", 2) + paragraph("ropes", 2) + "</div></div></div></div>";
  const std::string story = paragraph("lighthouse", 2) + paragraph("keepers", 2) + paragraph("lamps", 2);
  const auto found = [](const Grabbed& g, const char* word) { return g.text().find(word) != std::string::npos; };

  Grabbed unmarked = grab("<body>" + notes + "<div id=b><div><div><div id=piece>" + story + "</div></div></div></div></body>");
  CHECK(found(unmarked, "ferries"));
  CHECK_FALSE(found(unmarked, "lighthouse"));
  // Marked as the article body (schema.org microdata), the story wins.
  Grabbed marked = grab("<body>" + notes + "<div id=b><div><div><div id=piece itemprop=articleBody>" + story +
                        "</div></div></div></div></body>");
  CHECK(found(marked, "lighthouse"));
  CHECK_FALSE(found(marked, "ferries"));
  // Inside the page's one <main>, the story wins too...
  Grabbed in_main = grab("<body>" + notes + "<main><div><div id=piece>" + story + "</div></div></main></body>");
  CHECK(found(in_main, "lighthouse"));
  CHECK_FALSE(found(in_main, "ferries"));
  // ...but two <main>s (invalid, and seen) say nothing.
  Grabbed two = grab("<body><main></main>" + notes + "<main><div><div id=piece>" + story + "</div></div></main></body>");
  CHECK(found(two, "ferries"));
}
