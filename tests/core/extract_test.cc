#include <doctest/doctest.h>

#include <string>
#include <type_traits>
#include <vector>

#include "deadline.h"
#include "json.h"
#include "parse.h"
#include "pipeline.h"
#include "quietpage.h"
#include "test_util.h"

using namespace quietpage;

namespace {
bool has(const std::string& haystack, const char* needle) { return haystack.find(needle) != std::string::npos; }
Internals with_deadline(Deadline& deadline) {
  Internals internals;
  internals.deadline = &deadline;
  return internals;
}
}  // namespace

TEST_CASE("extract: a cluttered news page yields the article and its metadata") {
  Options options;
  options.url = "https://ledger.example/news/floating-library.html";
  Result r = parse(testing::fixture("cluttered-news.html"), options);
  REQUIRE(r.error == ErrorCode::kOk);
  REQUIRE(r.found);
  const Article& a = r.article;
  CHECK(a.title == "Harbour town opens its first floating library");
  CHECK(a.byline == "Mara Jensen");
  CHECK(a.site_name == "The Coastal Ledger");
  CHECK(a.lang == "en");
  CHECK(a.published_time == "2024-03-14T09:30:00Z");
  CHECK(a.excerpt == "A converted ferry now lends books to the islands.");
  for (const char* want : {"The old ferry that carried cars", "Eleven thousand books",
                           "Children get a reading corner", "first weekend of April"})
    CHECK_MESSAGE(has(a.text_content, want), want);
  for (const char* unwanted : {"Sign in", "We use cookies", "Share on Twitter", "Most read",
                               "First comment", "All rights reserved", "Ferry fares to rise"})
    CHECK_MESSAGE(!has(a.text_content, unwanted), unwanted);
  CHECK(has(a.content, "<img src=\"https://ledger.example/images/ferry.jpg\""));
  CHECK(!has(a.content, "onerror"));
  CHECK(has(a.content, "<figcaption>"));
  CHECK(has(a.text_content, "north pier.\n\n"));  // paragraphs stay apart

  // textCaptions: false leaves the caption out of the text; the content keeps it.
  options.text_captions = false;
  Result bare = parse(testing::fixture("cluttered-news.html"), options);
  REQUIRE(bare.found);
  CHECK(!has(bare.article.text_content, "The library ferry at the north pier."));
  CHECK(has(bare.article.text_content, "The old ferry that carried cars"));
  CHECK(has(bare.article.content, "<figcaption>The library ferry at the north pier.</figcaption>"));
}

TEST_CASE("extract: errors are typed, never crashes") {
  Options small;
  small.max_input_bytes = 10;
  CHECK(parse("<p>more than ten bytes</p>", small).error == ErrorCode::kInputTooLarge);
  Options bad_url;
  bad_url.url = "not a url";
  CHECK(parse("<p>x</p>", bad_url).error == ErrorCode::kInvalidUrl);
  Options few;
  few.max_elements = 5;
  CHECK(parse("<div><p>a</p><p>b</p><p>c</p></div>", few).error == ErrorCode::kTooManyElements);
  CHECK(std::string(error_code_name(ErrorCode::kOutOfMemory)) == "OUT_OF_MEMORY");
  // A long <base> multiplied by many relative links must not blow up memory.
  std::string links = "<div>";
  for (int i = 0; i < 2000; ++i) links += "<p>Paragraph text, with a comma, and a <a href=x>link</a> in it.</p>";
  links += "</div>";
  const std::string long_base = "<base href='https://example.com/" + std::string(100000, 'a') + "/'>";
  Options capped;
  capped.max_output_bytes = 1 << 20;
  Result big = parse(long_base + links, capped);
  CHECK(big.error == ErrorCode::kOutputTooLarge);
  CHECK(big.message == "the article exceeds 1048576 bytes");
  CHECK_FALSE(big.found);
  // The same article with a short base fits under the same limit.
  Result fits = parse("<base href='https://example.com/'>" + links, capped);
  REQUIRE(fits.error == ErrorCode::kOk);
  CHECK(fits.found);
  CHECK(fits.article.content.find("<a href=\"https://example.com/x\">link</a>") != std::string::npos);
}

TEST_CASE("extract: hostile inputs finish and find nothing or something sane") {
  CHECK_FALSE(parse("").found);
  CHECK_FALSE(parse("   \n\t ").found);
  std::string garbage;
  for (int i = 0; i < 20000; ++i) garbage += static_cast<char>((i * 7919) & 0xFF);
  Result g = parse(garbage);
  CHECK(g.error == ErrorCode::kOk);
  Result json = parse("{\"not\": \"html\", \"list\": [1, 2, 3]}");
  CHECK(json.error == ErrorCode::kOk);
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div>";
  deep += "<p>Deep text, deep down, with commas, and enough words to be a paragraph of its own.</p>";
  Result d = parse(deep);
  CHECK(d.error == ErrorCode::kOk);
  CHECK(has(d.article.text_content, "Deep text"));
}

// publishedTime: JSON-LD or <meta> first (as Readability reads them), then a
// <time datetime>, then the date in the byline, then a block named as a
// date; the author is the byline's name alone.
TEST_CASE("extract: the byline's date is the publication date only where nothing better gives one") {
  std::string body;
  for (int i = 0; i < 6; ++i)
    body += "<p>The harbour town opened its floating library, with commas, shelves, and a reading corner for "
            "children on the lower deck of the old ferry.</p>";
  auto run = [&](const std::string& head, const std::string& top) {
    return parse("<html lang=en><head>" + head + "</head><body><article><h1>Library</h1>" + top + body +
                 "</article></body></html>");
  };
  const std::string byline = "<p class=byline>By Carrie ArnoldNovember 15, 2019</p>";
  Result r = run("", byline);
  REQUIRE(r.found);
  CHECK(r.article.byline == "By Carrie ArnoldNovember 15, 2019");  // as Readability reports it
  CHECK(r.article.author == "Carrie Arnold");
  CHECK(r.article.published_time == "2019-11-15");
  CHECK(!has(r.article.text_content, "Carrie"));
  Result meta = run("<meta property='article:published_time' content='2019-11-14T08:00:00Z'>", byline);
  CHECK(meta.article.published_time == "2019-11-14T08:00:00Z");
  Result time = run("", byline + "<time datetime='2019-11-13'>Nov 13</time>");
  CHECK(time.article.published_time == "2019-11-13");
  Result line = run("", "<p class=byline>By Jane Doe and John Roe, Staff Writers | Updated 3:15 pm</p>"
                        "<div class=entry-date>11/12/2019</div>");
  CHECK(line.article.author == "Jane Doe and John Roe");
  CHECK(line.article.published_time == "2019-11-12");  // US English: month first
  Result none = run("", "<p class=byline>By Jane Doe</p>");
  CHECK(none.article.published_time.empty());
  // No byline: the author the page declares elsewhere (its card's "Written by"); the byline stays empty,
  // as Readability reports it. A byline's name comes first.
  const std::string card =
      "<meta name='twitter:label1' content='Written by'><meta name='twitter:data1' content='Kay Roe'>";
  Result declared = run(card, "");
  CHECK(declared.article.byline.empty());
  CHECK(declared.article.author == "Kay Roe");
  CHECK(run(card, "<p class=byline>By Jane Doe</p>").article.author == "Jane Doe");
  // A byline inside the article's header, which goes as unlikely (Readability never reads it): the author.
  const std::string header = "<header class=entry-header><div class=entry-meta><span class=byline>Posted by "
                             "<span class='author vcard'><a href=/jd>Jane Doe</a></span></span></div></header>";
  Result in_header = run("", header);
  CHECK(in_header.article.byline.empty());
  CHECK(in_header.article.author == "Jane Doe");
  CHECK(run(card, header).article.author == "Kay Roe");  // the declared name first
}

// A hidden <body> is dropped with everything in it; a JSON-LD articleBody
// long enough then stands in for the article. It used to be appended to the
// body that was no longer there (a crash).
TEST_CASE("extract: a hidden body with a long JSON-LD articleBody gives that body, no crash") {
  std::string body;
  for (int i = 0; i < 12; ++i) body += "Line " + std::to_string(i) + " of the whole story, told at length.\\n";
  for (const char* hidden : {"<body hidden>", "<body style='display:none'>"}) {
    Result r = parse("<html><head><script type=application/ld+json>{\"@context\": \"https://schema.org\", "
                     "\"@type\": \"NewsArticle\", \"articleBody\": \"" + body + "\"}</script></head>" + hidden +
                     "<p>Loading…</p></body></html>");
    CHECK(r.error == ErrorCode::kOk);
    REQUIRE(r.found);
    CHECK(has(r.article.text_content, "Line 0 of the whole story"));
    CHECK(has(r.article.text_content, "Line 11 of the whole story"));
    CHECK(!has(r.article.text_content, "Loading"));
  }
  // Shorter than charThreshold: the JSON-LD body is not used, and no crash.
  Result short_body = parse("<html><head><script type=application/ld+json>{\"@context\": \"https://schema.org\", "
                            "\"@type\": \"NewsArticle\", \"articleBody\": \"Too short.\"}</script></head>"
                            "<body hidden><p>Loading…</p></body></html>");
  CHECK(short_body.error == ErrorCode::kOk);
  CHECK(!has(short_body.article.text_content, "Too short"));
}

// tests/fixtures/cluttered-news.expected.json is the article as it was
// accepted: every field, byte for byte (the JS tests read it too). After a
// change meant to alter the output, look at the difference and write it again:
//   build/native/corpus_runner --full --url https://ledger.example/news/floating-library.html \
//     tests/fixtures/cluttered-news.html > tests/fixtures/cluttered-news.expected.json
TEST_CASE("extract: the fixture's article is the stored one, every field, byte for byte") {
  json::Value expected;
  REQUIRE(json::parse(testing::fixture("cluttered-news.expected.json"), expected));
  Options options;
  options.url = "https://ledger.example/news/floating-library.html";
  options.markdown = true;
  Result r = parse(testing::fixture("cluttered-news.html"), options);
  REQUIRE(r.found);
  size_t compared = 0;
  for_each_article_field(r.article, [&](const char* name, FieldKind, FieldGroup, const auto& value) {
    CAPTURE(name);
    const json::Value& want = expected[name];
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>) {
      REQUIRE(want.is_string());
      CHECK(value == want.string);
    } else {
      REQUIRE(want.type == json::Value::Type::kNumber);
      CHECK(static_cast<double>(value) == want.number);
    }
    ++compared;
  });
  CHECK(compared == 17);
  CHECK(expected["readerable"].boolean == is_probably_readerable(testing::fixture("cluttered-news.html")));
}

TEST_CASE("extract: the guard's whole-input fallback is counted in the diagnostics") {
  // An edit the guard makes where gumbo decodes nothing (a reference
  // shortened in raw text or a comment) is undone in another pass (guard.h).
  const std::string article = "<p>" + std::string(600, 'x') + "</p>";
  CHECK(parse("<xmp>&#99999999999;</xmp>").diagnostics.whole_input_reparses == 1);
  CHECK(parse("<!--&#99999999999;-->" + article).diagnostics.whole_input_reparses == 1);
  CHECK(parse(testing::fixture("cluttered-news.html")).diagnostics.whole_input_reparses == 0);
  // Counted even when the parse then fails.
  Options tiny;
  tiny.max_output_bytes = 10;
  Result failed = parse("<!--&#99999999999;-->" + article, tiny);
  CHECK(failed.error == ErrorCode::kOutputTooLarge);
  CHECK(failed.diagnostics.whole_input_reparses == 1);
}

TEST_CASE("readerable: articles yes, link farms and short pages no") {
  CHECK(is_probably_readerable(testing::fixture("cluttered-news.html")));
  CHECK_FALSE(is_probably_readerable("<p>Too short.</p>"));
  std::string links;
  for (int i = 0; i < 50; ++i) links += "<li><a href=/x>A link with a long enough title to matter</a></li>";
  CHECK_FALSE(is_probably_readerable("<ul>" + links + "</ul>"));
  std::string hidden = "<p style='display:none'>" + std::string(2000, 'x') + "</p>";
  CHECK_FALSE(is_probably_readerable(hidden));
  // Script text is not article text: parse() finds "Short." there, so no.
  CHECK_FALSE(is_probably_readerable("<p>Short.<script>" + std::string(2000, 'x') + "</script></p>"));
}

TEST_CASE("readerable: agrees with what parse() finds, list- and table-shaped articles included") {
  for (const char* name : {"list-article.html", "table-article.html", "media-article.html", "promo-article.html",
                           "rtl-article.html", "extension/article.html"}) {
    CHECK_MESSAGE(parse(testing::fixture(name)).found, name);
    CHECK_MESSAGE(is_probably_readerable(testing::fixture(name)), name);
  }
  // A directory of links and a page without an article say no (parse() finds
  // only their longest run of text).
  for (const char* name : {"extension/link-directory.html", "extension/no-article.html", "short-article.html"})
    CHECK_MESSAGE(!is_probably_readerable(testing::fixture(name)), name);
}

TEST_CASE("extract: fields beyond Readability") {
  Options options;
  options.url = "https://ledger.example/news/floating-library.html";
  Result r = parse(testing::fixture("cluttered-news.html"), options);
  REQUIRE(r.found);
  CHECK(r.article.author == "Mara Jensen");
  CHECK(r.article.lead_image == "https://ledger.example/images/ferry.jpg");  // the first image
  CHECK(r.article.word_count > 200);
  CHECK(r.article.reading_minutes == 1);
  Result rtl = parse(testing::fixture("rtl-article.html"));
  CHECK(rtl.article.lang == "ar");
  Result undeclared = parse("<body><article><p>" + std::string(20, ' ') +
                            "Die Fähre brachte vierzig Jahre lang Autos über den Sund, und nun ist sie eine "
                            "Bibliothek, die auch auf den Inseln nicht mehr wegzudenken ist. Sie wird auch "
                            "von den Kindern der Inseln geliebt, die mit der Fähre zur Schule fahren.</p></article>");
  CHECK(undeclared.article.lang == "de");
}

TEST_CASE("extract: an article that is mostly a list, one that is mostly a table, and a very short one") {
  Options options;
  options.url = "https://example.com/story.html";
  Result list = parse(testing::fixture("list-article.html"), options);
  REQUIRE(list.found);
  CHECK(list.article.title == "Ten tools every home cook should own");
  CHECK(list.article.byline == "By Ana Ferreira");
  CHECK(has(list.article.content, "<ol>"));
  for (const char* item : {"A sharp chef's knife.", "Tongs.", "A kitchen scale."})
    CHECK_MESSAGE(has(list.article.text_content, item), item);
  for (const char* clutter : {"Recipes", "Most read", "Best pancakes", "Privacy"})
    CHECK_MESSAGE(!has(list.article.text_content, clutter), clutter);

  Result table = parse(testing::fixture("table-article.html"), options);
  REQUIRE(table.found);
  CHECK(has(table.article.content, "<caption>Monthly rainfall, millimetres</caption>"));
  CHECK(has(table.article.content, "<th>Days with rain</th>"));
  CHECK(has(table.article.text_content, "December 133 21 +12%"));
  // The table's data source stays (under a photo, "Source: ..." is a credit and goes).
  CHECK(has(table.article.text_content, "Source: Carrick Point weather station."));
  for (const char* clutter : {"Weather", "Storm warning", "Contact"})
    CHECK_MESSAGE(!has(table.article.text_content, clutter), clutter);
  std::string photo = "<html><body><article>";
  for (int i = 0; i < 6; ++i)
    photo += "<p>The harbour wall was rebuilt this spring, stone by stone, by a crew of eight masons.</p>";
  photo += "<figure><img src=/wall.jpg alt=wall></figure><p>Source: Harbour Archive</p></article></body></html>";
  Result credit = parse(photo, options);
  REQUIRE(credit.found);
  CHECK(!has(credit.article.text_content, "Harbour Archive"));
  // A picture in a wrapper named for its credit is the article's figure: it stays, the credit goes.
  std::string wrapped = "<html><body><article>";
  for (int i = 0; i < 6; ++i)
    wrapped += "<p>The harbour wall was rebuilt this spring, stone by stone, by a crew of eight masons.</p>";
  wrapped += "<div class='image-holder credit-image-wrap'><img src=/masons.jpg width=1000 height=563 alt=masons>"
             "<span class=image-credit>Harbour Archive</span></div><p>The work took four months.</p>"
             "</article></body></html>";
  Result figure = parse(wrapped, options);
  REQUIRE(figure.found);
  CHECK(has(figure.article.content, "masons.jpg"));
  CHECK(!has(figure.article.text_content, "Harbour Archive"));

  Result short_one = parse(testing::fixture("short-article.html"), options);
  REQUIRE(short_one.found);
  CHECK(short_one.article.text_content ==
        "The town library will be closed on Monday for repairs to its heating. It reopens on Tuesday at 9 a.m.");
}

TEST_CASE("extract: a short article stays the article next to a longer comment thread the page names") {
  Options options;
  options.url = "https://example.com/2012/11/post.html";
  // Shorter than charThreshold, the article makes the extraction retry with
  // relaxed rules; a retry that keeps the thread finds its longer comment.
  const std::string article =
      "<div class=post><h1>Keeper emails</h1><div class=entry><p>For the past week I have been getting great advice "
      "by email from a small newsletter, first on how to bootstrap and then on going from idea to launch in eight "
      "steps. Highly recommended.</p></div></div>";
  const std::string comment =
      "<div class=tabs-content><span class=date>08-08-2012</span><p>Thanks for this. I am still on information "
      "overload though, because I sign up for things that seem like they will teach me something, and the worse "
      "part is the folder where something looks like a great read, and I don't have the time right now, so it goes "
      "in there, and by the time I retire it will keep me busy.</p></div>";
  Result r = parse("<html><body>" + article + "<div id=comments>" + comment + "</div></body></html>", options);
  REQUIRE(r.found);
  CHECK(has(r.article.text_content, "Highly recommended."));
  CHECK(!has(r.article.text_content, "information overload"));
  // The same text in a container not named for comments is the longer article.
  Result unnamed = parse("<html><body>" + article + "<div id=more>" + comment + "</div></body></html>", options);
  REQUIRE(unnamed.found);
  CHECK(has(unnamed.article.text_content, "information overload"));
  // With only the thread to offer, the thread is what is found.
  Result only = parse("<html><body><div id=comments>" + comment + "</div></body></html>", options);
  REQUIRE(only.found);
  CHECK(has(only.article.text_content, "information overload"));
}

TEST_CASE("extract: a short post under its title stays the article next to a longer box elsewhere") {
  Options options;
  options.url = "https://example.com/2012/08/trailer.html";
  const std::string post =
      "<div class=post><h2>Trailer of the honour flight film</h2><div class=entry><iframe "
      "src='https://www.youtube.com/embed/x'></iframe><p>The trailer of a film about flights that take veterans "
      "to their memorial.</p></div></div>";
  const std::string about =
      "<div class=sidebar><div class=box><p>I am the creator and writer of this site, which provides commentary, "
      "opinion and analysis on the issues surrounding the election, the administration, the Congress, foreign "
      "policy and national security matters, with thousands of readers a day.</p><p>The site was selected as one "
      "of the best of its kind on the internet and is a member of a council of writers from around the world, "
      "whose posts are read and quoted by many others, and it contributes articles to several larger sites.</p>"
      "</div></div>";
  const std::string page = "<html><head><title>Trailer of the honour flight film</title></head><body><div id=main>" +
                           post + "</div>" + about + "</body></html>";
  Result r = parse(page, options);
  REQUIRE(r.found);
  CHECK(has(r.article.text_content, "take veterans to their memorial"));
  CHECK(!has(r.article.text_content, "creator and writer"));
  // (The first attempt strips the sidebar and finds the post; a relaxed one
  // finds the longer box.)
  // An <h3> that repeats the title marks the place as well (it stays).
  std::string h3 = page;
  h3.replace(h3.find("<h2>"), 4, "<h3>");
  h3.replace(h3.find("</h2>"), 5, "</h3>");
  Result under_h3 = parse(h3, options);
  REQUIRE(under_h3.found);
  CHECK(has(under_h3.article.text_content, "take veterans to their memorial"));
  CHECK(!has(under_h3.article.text_content, "creator and writer"));
  std::string headless = page;
  headless.erase(headless.find("<h2>"), headless.find("</h2>") + 5 - headless.find("<h2>"));
  // Without a heading that repeats the title, the box still ranks below the
  // post: the page names it its sidebar (a footer likewise)...
  Result untitled = parse(headless, options);
  REQUIRE(untitled.found);
  CHECK(has(untitled.article.text_content, "take veterans to their memorial"));
  CHECK(!has(untitled.article.text_content, "creator and writer"));
  std::string in_footer = headless;
  in_footer.replace(in_footer.find("<div class=sidebar>"), 19, "<div id=site-footer>");
  Result footer = parse(in_footer, options);
  REQUIRE(footer.found);
  CHECK(has(footer.article.text_content, "take veterans to their memorial"));
  // ...but, named otherwise, the longer text is the article; so is a box in
  // the sidebar when nothing is found elsewhere.
  std::string unnamed = headless;
  unnamed.replace(unnamed.find("<div class=sidebar>"), 19, "<div class=aboutbox>");
  Result longer = parse(unnamed, options);
  REQUIRE(longer.found);
  CHECK(has(longer.article.text_content, "creator and writer"));
  std::string alone = "<html><body>" + about + "</body></html>";
  Result only = parse(alone, options);
  REQUIRE(only.found);
  CHECK(has(only.article.text_content, "the best of its kind"));
}

TEST_CASE("extract: pictures, lazy images, code and videos keep what makes them work") {
  Options options;
  options.url = "https://example.com/a.html";
  options.markdown = true;
  Result r = parse(testing::fixture("media-article.html"), options);
  REQUIRE(r.found);
  const std::string& html = r.article.content;
  CHECK(has(html, "<picture><source type=\"image/webp\" srcset=\"https://example.com/a.webp 1x, "
                  "https://example.com/a@2x.webp 2x\"><img src=\"https://example.com/a.jpg\" alt=\"A\"></picture>"));
  CHECK(has(html, "<figcaption>Harbour at dawn</figcaption>"));
  // A lazy image's placeholder gives way to data-srcset and data-src.
  CHECK(has(html, "<img alt=\"B\" srcset=\"https://example.com/b-400.jpg 400w, https://example.com/b-800.jpg 800w\" "
                  "src=\"https://example.com/b.jpg\">"));
  CHECK(has(html, "<img alt=\"C\" src=\"https://example.com/c.jpg\">"));
  CHECK(!has(html, "data:image/gif"));
  CHECK(has(html, "<pre><code>  indented\n    code</code></pre>"));
  CHECK(has(html, "<iframe src=\"https://www.youtube.com/embed/abc\""));
  CHECK(has(html, "sandbox="));
  CHECK(!has(html, "ads.example"));
  CHECK(has(r.article.markdown, "![A](https://example.com/a.jpg)"));
  CHECK(has(r.article.markdown, "```\n  indented\n    code\n```"));
}

TEST_CASE("extract: Readability's maxElemsToParse counts every element of the parsed document") {
  // html, head, body, div and three p: seven elements.
  const std::string html = "<div><p>a</p><p>b</p><p>c</p></div>";
  Options at;
  at.max_elems_to_parse = 7;
  CHECK(parse(html, at).error == ErrorCode::kOk);
  Options below;
  below.max_elems_to_parse = 6;
  const Result r = parse(html, below);
  CHECK(r.error == ErrorCode::kTooManyElements);
  CHECK(r.message == "document has 7 elements; maxElemsToParse is 6");
  // A template's contents are not the document's (a DOM keeps them apart): 8.
  CHECK(parse("<template><p>x</p><p>y</p></template>" + html, below).message ==
        "document has 8 elements; maxElemsToParse is 6");
}

TEST_CASE("extract: disableJSONLD reads neither JSON-LD metadata nor its articleBody") {
  std::string body;
  for (int i = 0; i < 12; ++i) body += "The whole story, as the JSON-LD tells it, sentence after sentence. ";
  const std::string html =
      "<html><head><title>Page title</title><script type=application/ld+json>{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
      "\"headline\":\"JSON-LD headline\",\"author\":{\"name\":\"Jay Son\"},\"articleBody\":\"" + body +
      "\"}</script></head><body><article><p>" + testing::prose(6) + "</p></article></body></html>";
  const Result with = parse(html);
  CHECK(with.article.title == "JSON-LD headline");
  CHECK(with.article.byline == "Jay Son");
  CHECK(with.article.text_content.find("JSON-LD tells it") != std::string::npos);
  Options options;
  options.disable_json_ld = true;
  const Result without = parse(html, options);
  CHECK(without.article.title == "Page title");
  CHECK(without.article.byline.empty());
  CHECK(without.article.text_content.find("JSON-LD tells it") == std::string::npos);
}

TEST_CASE("extract: code blocks keep their lines, blank ones included, and their language") {
  const std::string html =
      "<article><p>" + testing::prose(12) + "</p>"
      "<pre class=lang-js><span class=line>function g() {</span><br><span class=line>  return 1;</span><br><br>"
      "<span class=line>}</span></pre>"
      "<pre><div class=line>int a;</div><div class=line></div><div class=line>  int b;</div></pre>"
      "<pre><code class='language-python'>def f(x):\n    if x:\n\n        return 1</code></pre></article>";
  const Result r = parse(html);
  REQUIRE(r.found);
  const std::string& c = r.article.content;
  CHECK(c.find("<pre class=\"lang-js\"><span>function g() {</span><br><span>  return 1;</span><br><br><span>}</span></pre>") !=
        std::string::npos);
  CHECK(c.find("<pre><div>int a;</div><div></div><div>  int b;</div></pre>") != std::string::npos);
  CHECK(c.find("<code class=\"language-python\">def f(x):\n    if x:\n\n        return 1</code>") != std::string::npos);
  CHECK(r.article.text_content.find("function g() {\n  return 1;\n\n}") != std::string::npos);
  CHECK(r.article.text_content.find("def f(x):\n    if x:\n\n        return 1") != std::string::npos);
}

TEST_CASE("extract: a deadline that passes in any stage gives TIMEOUT, never a partial article") {
  // Step by step: a deadline that expires at step k, for k from the first
  // step to past the end, on every fixture with Markdown on. Each parse
  // gives the full article or kTimeout (the sanitizer build checks the
  // walks that stop early).
  Options options;
  options.url = "https://example.com/news/a.html";
  options.markdown = true;
  CHECK(std::string(error_code_name(ErrorCode::kTimeout)) == "TIMEOUT");
  for (const char* name : {"cluttered-news.html", "list-article.html", "media-article.html", "rtl-article.html",
                           "short-article.html", "table-article.html"}) {
    CAPTURE(name);
    const std::string html = testing::fixture(name);
    const Result whole = parse(html, options);
    REQUIRE(whole.error == ErrorCode::kOk);
    Deadline counting = Deadline::after_steps(~uint64_t{0});
    parse(html, options, with_deadline(counting));
    const uint64_t steps = counting.steps();
    REQUIRE(steps > 100);
    size_t timeouts = 0, tried = 0;
    for (uint64_t k = 1; k <= steps + 1; k += 1 + steps / 97) {
      ++tried;
      Deadline deadline = Deadline::after_steps(k);
      Result r = parse(html, options, with_deadline(deadline));
      if (r.error == ErrorCode::kTimeout) {
        ++timeouts;
        CHECK_FALSE(r.found);
        CHECK(r.article.content.empty());
      } else {
        CHECK(r.error == ErrorCode::kOk);
        CHECK(r.article.content == whole.article.content);
        CHECK(r.article.markdown == whole.article.markdown);
      }
    }
    CHECK(timeouts * 10 >= tried * 9);  // (only the last ones tried may pass the end)
  }
}

TEST_CASE("extract: timeout_ms stops a slow parse") {
  // 500 levels of <div> around 20,000 paragraphs: every level's cleaning
  // reads the paragraphs below it (bounded by max_depth, but slow).
  std::string html;
  for (int i = 0; i < 500; ++i) html += "<div>";
  for (int i = 0; i < 20000; ++i) html += "<p>Some words, with commas, in a paragraph.</p>";
  Options options;
  options.timeout_ms = 20;
  Result r = parse(html, options);
  CHECK(r.error == ErrorCode::kTimeout);
  CHECK(r.message == "the parse took longer than 20 ms");
  options.timeout_ms = 0;
  CHECK(parse("<p>" + std::string(600, 'x') + "</p>", options).error == ErrorCode::kOk);
}

TEST_CASE("extract: the outputs count toward max_memory_bytes, the Markdown too") {
  // One long paragraph: each output is about as large as the input. Some
  // budget fits the parse, the HTML and the text, but not the Markdown too.
  std::string words;
  for (int i = 0; i < 200000; ++i) words += "word, ";
  const std::string html = "<article><p>" + words + "</p></article>";
  Options options;
  bool found_budget = false;
  for (size_t budget = 4u << 20; budget < (64u << 20) && !found_budget; budget += budget / 50) {
    options.max_memory_bytes = budget;
    options.markdown = false;
    if (parse(html, options).error != ErrorCode::kOk) continue;
    options.markdown = true;
    Result r = parse(html, options);
    REQUIRE(r.error == ErrorCode::kOutOfMemory);
    CHECK(r.message == "the article needs more memory than the limit");
    found_budget = true;
  }
  CHECK(found_budget);
}

namespace {

// The article of the clutter and keep cases: six paragraphs under a heading,
// with the case's html set before its first ("start"), after its third
// ("mid") or after its last ("end").
const char* const kCaseParagraphs[] = {
    "The city council voted on Tuesday to approve a new budget that increases spending on public transport by "
    "twelve percent, officials said.",
    "Supporters of the plan argued that the investment was long overdue, pointing to years of delays and crowded "
    "buses during rush hour.",
    "Critics, however, warned that the tax increase needed to pay for the plan would hit small businesses hardest "
    "in the coming year.",
    "The mayor, who had campaigned on the issue, called the vote a turning point for the city and promised quick "
    "results for commuters.",
    "Construction on the first new lines is expected to begin next spring, with completion planned within three "
    "years of the start date.",
    "Residents will be able to comment on the route maps at a series of public meetings to be held in the coming "
    "weeks across the city."};

struct PlacedCase {
  std::string where, html, text;
};

// The cases of a fixture: where <TAB> html <TAB> text, one a line ('#' comments).
std::vector<PlacedCase> placed_cases(const std::string& name) {
  const std::string cases = testing::fixture(name);
  std::vector<PlacedCase> out;
  for (size_t at = 0; at < cases.size();) {
    size_t end = cases.find('\n', at);
    if (end == std::string::npos) end = cases.size();
    const std::string line = cases.substr(at, end - at);
    at = end + 1;
    if (line.empty() || line[0] == '#') continue;
    const size_t tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
    REQUIRE(tab2 != std::string::npos);
    out.push_back({line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)});
  }
  return out;
}

Result parse_placed(const PlacedCase& c) {
  std::string body = c.where == "start" ? c.html : "";
  for (size_t i = 0; i < std::size(kCaseParagraphs); ++i) {
    body += std::string("<p>") + kCaseParagraphs[i] + "</p>";
    if (i == 2 && c.where == "mid") body += c.html;
  }
  if (c.where == "end") body += c.html;
  const std::string html =
      "<html><head><title>Council approves transport budget - The Daily</title></head><body><header><nav>"
      "<a href=\"/\">Home</a> <a href=\"/news\">News</a></nav></header><main><article>"
      "<h1>Council approves transport budget</h1><div class=\"body\">" + body +
      "</div></article></main><footer><p>Contact us</p></footer></body></html>";
  Options options;
  options.url = "https://www.daily.example/news/2020/council";
  return parse(html, options);
}

}  // namespace

TEST_CASE("extract: what pages set between and around an article's paragraphs goes, the paragraphs stay") {
  // tests/fixtures/clutter-cases.tsv: each case's text must go.
  const std::vector<PlacedCase> cases = placed_cases("clutter-cases.tsv");
  for (const PlacedCase& c : cases) {
    Result r = parse_placed(c);
    REQUIRE(r.found);
    CHECK_MESSAGE(!has(r.article.text_content, c.text.c_str()), c.html);
    for (const char* p : kCaseParagraphs) CHECK_MESSAGE(has(r.article.text_content, p), c.html);
  }
  CHECK(cases.size() >= 200);
}

TEST_CASE("extract: an article's own lines that look like clutter stay") {
  // tests/fixtures/keep-cases.tsv: each case's text must stay, with the paragraphs.
  const std::vector<PlacedCase> cases = placed_cases("keep-cases.tsv");
  for (const PlacedCase& c : cases) {
    Result r = parse_placed(c);
    REQUIRE(r.found);
    CHECK_MESSAGE(has(r.article.text_content, c.text.c_str()), c.html);
    for (const char* p : kCaseParagraphs) CHECK_MESSAGE(has(r.article.text_content, p), c.html);
  }
  CHECK(cases.size() >= 40);
}

TEST_CASE("extract: the standfirst under the headline leads the article, a blog's tagline does not, an intro "
          "past spacers does") {
  const std::string body = "<p>" + testing::prose(12) + "</p><p>" + testing::prose(10) + "</p><p>" +
                           testing::prose(11) + "</p>";
  // The headline's <hgroup> holds the dek, above the article's body.
  const std::string news =
      "<html><head><title>Council approves budget</title></head><body><div class=top><hgroup><h1>Council "
      "approves budget</h1><h2>Spending on buses rises by twelve percent, the largest increase in a "
      "decade</h2></hgroup></div><div class=story><div class=text>" + body + "</div></div></body></html>";
  Result r = parse(news);
  REQUIRE(r.found);
  CHECK(r.article.text_content.rfind("Spending on buses rises by twelve percent", 0) == 0);
  // A blog's title (a link home) over the blog's tagline.
  const std::string blog =
      "<html><head><title>Council approves budget</title></head><body><div class=top><h1><a href=/>Council "
      "approves budget</a></h1><h2>Notes on the city council, the buses and the weather since 2005</h2></div>"
      "<div class=story><div class=text>" + body + "</div></div></body></html>";
  r = parse(blog);
  REQUIRE(r.found);
  CHECK(r.article.text_content.find("Notes on the city council") == std::string::npos);
  // The tagline in its own wrapper after the title's, named as a description (a lead's name), and
  // the page's <meta name=description> too: still the blog's, not the post's.
  const std::string tagline = "Notes on the city council, the buses and the weather since 2005, by a reader";
  const std::string named =
      "<html><head><title>Council approves budget</title><meta name=description content=\"" + tagline +
      "\"></head><body><div id=header><div class=titlewrapper><h1 class=title><a href=/>City Notes</a></h1>"
      "</div><div class=descriptionwrapper><p class=description><span>" + tagline + "</span></p></div></div>"
      "<div id=main><div class=post><h3 class=post-title>Council approves budget</h3><div class=post-body>" +
      body + "</div></div></div></body></html>";
  r = parse(named);
  REQUIRE(r.found);
  CHECK(r.article.text_content.find("Notes on the city council") == std::string::npos);
  CHECK(r.article.text_content.find("Words, words and more words") != std::string::npos);
  // The same page's intro under the post's own (unlinked) headline stays the article's lead.
  const std::string intro = "Spending on buses rises by twelve percent, the largest increase in a decade";
  const std::string post =
      "<html><head><title>Council approves budget</title><meta name=description content=\"" + intro +
      "\"></head><body><div id=main><div class=post><div class=top><h1>Council approves budget</h1></div>"
      "<div class=wrap><p class=description>" + intro + "</p></div><div class=spacer><hr></div><div class=story><div "
      "class=text>" + body + "</div></div></div></div></body></html>";
  r = parse(post);
  REQUIRE(r.found);
  CHECK(r.article.text_content.rfind(intro, 0) == 0);
  // A named intro above the article, past empty spacer rows (they are not counted); short and
  // without a period, it is no sibling Readability's rules would gather.
  const std::string meeting =
      "The council met on a wet Tuesday evening and argued for hours about the plan, the money and the buses. ";
  const std::string council = "<p>" + meeting + meeting + meeting + meeting + "</p><p>" + meeting + meeting +
                              meeting + "</p><p>" + meeting + meeting + meeting + meeting + "</p>";
  std::string spacers;
  for (int i = 0; i < 8; ++i) spacers += "<div class=\"row hide-for-print\"><span></span></div>";
  const std::string rows =
      "<html><head><title>Council approves budget</title></head><body><div class=page><div class=row><p "
      "class=intro>Spending on buses rises by twelve percent, the most in a decade</p></div>" +
      spacers + "<div class=row><div class=text>" + council + "</div></div></div></body></html>";
  r = parse(rows);
  REQUIRE(r.found);
  CHECK(r.article.text_content.rfind("Spending on buses rises by twelve percent", 0) == 0);
}

TEST_CASE("extract: a notice about the reader's browser is no part of a short article") {
  // A short story, and in the page's footer a longer notice that asks for a newer browser: the
  // notice is the page's longest text, but not the article's.
  const std::string html =
      "<html><head><title>Visitors pack for the Games</title></head><body><div id=\"page\"><div class=\"sto"
      "ry\"><h1>Visitors pack for the Games</h1><p>People from all over the world are coming to the city to"
      " see the Games.</p><p>A couple from the hills are among the thousands who are making the trip.</p><p"
      ">They made a film at home about getting ready for the visit.</p></div><div id=\"foot\"><p>Copyright "
      "2012</p><div id=\"obit\"><p><strong>This page is best viewed in a recent web browser with style shee"
      "ts turned on. You can still read everything on this page in the browser you have now, but it will no"
      "t look the way it was meant to look. Please think about upgrading your browser, or turning style she"
      "ets back on, if you are able to.</strong></p></div></div></div></body></html>";
  Result r = parse(html);
  REQUIRE(r.found);
  CHECK(r.article.text_content.find("They made a film at home") != std::string::npos);
  CHECK(r.article.text_content.find("best viewed") == std::string::npos);
}

TEST_CASE("extract: a page that declares no date gets the day its address names") {
  const std::string html = "<html><head><title>A story</title></head><body><article><h1>A story</h1><p>" +
                           testing::prose(20) + "</p></article></body></html>";
  Options options;
  options.url = "https://daily.example/2020/04/26/a-story/";
  Result r = parse(html, options);
  REQUIRE(r.found);
  CHECK(r.article.published_time == "2020-04-26");
  // The page's own date comes first.
  const std::string dated = "<html><head><title>A story</title><meta property=\"article:published_time\" "
                            "content=\"2020-04-25T22:00:00Z\"></head><body><article><h1>A story</h1><p>" +
                            testing::prose(20) + "</p></article></body></html>";
  r = parse(dated, options);
  CHECK(r.article.published_time == "2020-04-25T22:00:00Z");
}

TEST_CASE("extract: a date line that opens the article's text is its date where the page declares none") {
  const std::string html = "<html lang=en-US><head><title>A story</title></head><body><article><h1>A story</h1>"
                           "<p>Tuesday, 05/04/2020 5:32 PM</p><p>" + testing::prose(20) + "</p></article></body></html>";
  Options options;
  options.url = "https://daily.example/news/a-story/";
  Result r = parse(html, options);
  REQUIRE(r.found);
  CHECK(r.article.published_time == "2020-05-04");  // US English: month first
  CHECK(r.article.text_content.find("5:32") == std::string::npos);
}

TEST_CASE("extract: a day declared by other names comes last, after the text's and the address's") {
  const auto page = [](const std::string& head, const std::string& body) {
    return "<html><head><title>A story</title>" + head + "</head><body><article><h1>A story</h1>" + body + "<p>" +
           testing::prose(20) + "</p></article></body></html>";
  };
  Options options;
  options.url = "https://daily.example/news/a-story/";
  Result r = parse(page("<meta name=\"DC.date\" content=\"2011-07-25\">", ""), options);
  REQUIRE(r.found);
  CHECK(r.article.published_time == "2011-07-25");
  r = parse(page("", "<span property=\"schema:dateCreated\" content=\"2022-01-28T12:45:46+00:00\"></span>"), options);
  CHECK(r.article.published_time == "2022-01-28T12:45:46+00:00");
  // A date written in the byline comes first; a name's value that is no date is none.
  r = parse(page("<meta name=\"date\" content=\"2011-07-25\">", "<p class=byline>By Ann Lee, May 3, 2020</p>"), options);
  CHECK(r.article.published_time == "2020-05-03");
  r = parse(page("<meta name=\"date\" content=\"today\">", ""), options);
  CHECK(r.article.published_time.empty());
}
