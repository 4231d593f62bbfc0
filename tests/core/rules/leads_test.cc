#include <doctest/doctest.h>

#include "rules/leads.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::leads;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("leads: names of leads") {
  CHECK(lead_name("article-Standfirst"));
  CHECK(lead_name("c-teaser__text"));
  CHECK(lead_name("chapeau"));
  CHECK_FALSE(lead_name("article-body"));
}

TEST_CASE("leads: the lead inside a block is named, long enough, not linky and no caption") {
  auto p = parse_doc("<header id=h><h1>Headline</h1><p id=lead class=intro>The intro sums up the story in two "
                     "sentences, before the body starts.</p></header>"
                     "<div id=short><p class=intro>Too short.</p></div>"
                     "<div id=links><p class=intro><a href=/a>A linked teaser headline of another story, long "
                     "enough</a></p></div>"
                     "<figure id=f><figcaption class=intro>A caption named like a lead, long enough to be one, "
                     "but a caption.</figcaption></figure>");
  const Document& doc = *p.doc;
  CHECK(lead_inside(doc, by_id(doc, "h")) == by_id(doc, "lead"));
  CHECK(lead_inside(doc, by_id(doc, "lead")) == by_id(doc, "lead"));
  CHECK(lead_inside(doc, by_id(doc, "lead"), /*inside_only=*/true) == kNoNode);
  CHECK(lead_inside(doc, by_id(doc, "short")) == kNoNode);
  CHECK(lead_inside(doc, by_id(doc, "links")) == kNoNode);
  CHECK(lead_inside(doc, by_id(doc, "f")) == kNoNode);
}

TEST_CASE("leads: a dropped header keeps its lead only when it holds the headline") {
  auto p = parse_doc("<div id=a class=entry-header><h1>Headline</h1><p id=lead class=lead>The intro sums up the "
                     "story in two sentences, before the body starts.</p></div>"
                     "<div id=b class=graphic-header><p class=lead>Interest payments are expected to triple "
                     "over the next decade.</p></div>");
  const Document& doc = *p.doc;
  CHECK(lead_kept_from_header(doc, by_id(doc, "a"), "entry-header a", "Headline") == by_id(doc, "lead"));
  CHECK(lead_kept_from_header(doc, by_id(doc, "b"), "graphic-header b", "Headline") == kNoNode);
}

TEST_CASE("leads: the page's description shown above the article") {
  CHECK(comparable("  The intro   sums up\n the story…") == "The intro sums up the story");
  CHECK(comparable("Cut off here ...") == "Cut off here");
  auto p = parse_doc("<p id=same>The intro sums up the story in two sentences, before the body starts. Really.</p>"
                     "<p id=long>The intro sums up the story in two sentences, before the body starts. And then "
                     "a whole paragraph follows that makes this block far longer than the description.</p>"
                     "<div id=blocks><p>The intro sums up the story in two sentences, before the body starts.</p></div>"
                     "<p id=other>Something else entirely, in a sentence of about the same length here.</p>");
  const Document& doc = *p.doc;
  const std::string description = comparable("The intro sums up the story in two sentences, before the body starts…");
  const double length = static_cast<double>(text::js_length(description));
  CHECK(shows_description(doc, by_id(doc, "same"), description, length));
  CHECK_FALSE(shows_description(doc, by_id(doc, "long"), description, length));
  CHECK_FALSE(shows_description(doc, by_id(doc, "blocks"), description, length));
  CHECK_FALSE(shows_description(doc, by_id(doc, "other"), description, length));
}

TEST_CASE("leads: bylines by rel, itemprop or name, short, with the bare name preferred") {
  auto p = parse_doc("<p id=a class=byline>By Jane Doe</p><a id=b rel=author href=/jd>Jane Doe</a>"
                     "<div id=c itemprop=author><span itemprop=name>Jane Doe</span>, Harbour desk</div>"
                     "<p id=d class=author-bio>" + std::string(120, 'x') + "</p><p id=e class=story>Jane</p>");
  const Document& doc = *p.doc;
  CHECK(is_byline(doc, by_id(doc, "a"), "byline a"));
  CHECK(is_byline(doc, by_id(doc, "b"), " b"));
  CHECK(is_byline(doc, by_id(doc, "c"), " c"));
  CHECK_FALSE(is_byline(doc, by_id(doc, "d"), "author-bio d"));  // too long
  CHECK_FALSE(is_byline(doc, by_id(doc, "e"), "story e"));
  CHECK(byline_text(doc, by_id(doc, "a")) == "By Jane Doe");
  CHECK(byline_text(doc, by_id(doc, "c")) == "Jane Doe");
}

TEST_CASE("leads: author names are cleaned from bylines") {
  CHECK(clean_author("By Jane Doe") == "Jane Doe");
  CHECK(clean_author("By\n\t\t\tScott Cunningham") == "Scott Cunningham");
  CHECK(clean_author("By Nathan Willis\n                March 25, 2015") == "Nathan Willis");
  CHECK(clean_author("by Lucas Nolan | 22 Dec 2016") == "Lucas Nolan");
  CHECK(clean_author("Jane Doe, March 25, 2015") == "Jane Doe");
  CHECK(clean_author("John Mayer") == "John Mayer");
  CHECK(clean_author("Von Tim Ehlers") == "Tim Ehlers");
  CHECK(clean_author("") == "");
}

TEST_CASE("leads: update lines and byline openings") {
  for (const char* line : {"Updated at 3:15 pm", "Published: July 24, 2012", "Posted Nov. 6, 2012 at 5:32 PM",
                           "Mis à jour le 4 mars 2024 à 10h12", "Aktualisiert am 06.12.2022"})
    CHECK_MESSAGE(is_update_line(line), std::string(line));
  for (const char* text : {"Updated guidance arrives next week", "Published research shows the sea rising faster",
                           "The city published its plan in 2015 and updated it twice since then, the council said.",
                           "Posted by Ann Roe, Tom Lee on 2019-02-15"})
    CHECK_MESSAGE(!is_update_line(text), std::string(text));
  CHECK(opens_like_byline("By Ines Marlow"));
  CHECK(opens_like_byline("von Jan Roe"));
  CHECK_FALSE(opens_like_byline("Bystanders said"));
  CHECK(is_date_word("March"));
  CHECK(is_date_word("2024,"));
  CHECK_FALSE(is_date_word("harbour"));
}
