#include <doctest/doctest.h>

#include "rules/titles.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::titles;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("titles: the <title> cleaned of site names and section trails") {
  auto site = parse_doc("<title>Harbour town opens its first floating library | The Coastal Ledger</title>");
  CHECK(article_title(*site.doc) == "Harbour town opens its first floating library");
  auto section = parse_doc("<title>News &raquo; Harbour town opens its first floating library</title>");
  CHECK(article_title(*section.doc) == "Harbour town opens its first floating library");
  auto em_dash = parse_doc("<title>Harbour town opens its first floating library — The Coastal Ledger</title>");
  CHECK(article_title(*em_dash.doc) == "Harbour town opens its first floating library");
  auto en_dash = parse_doc("<title>Harbour town opens its first floating library – Ledger</title>");
  CHECK(article_title(*en_dash.doc) == "Harbour town opens its first floating library");
  auto colon_heading = parse_doc(
      "<title>Panne de Facebook : Telegram dit avoir battu un record</title>"
      "<h1>Panne de Facebook : Telegram dit avoir battu un record</h1>");
  CHECK(article_title(*colon_heading.doc) == "Panne de Facebook : Telegram dit avoir battu un record");
  auto colon = parse_doc("<title>Site: The real title of the article</title>");
  CHECK(article_title(*colon.doc) == "The real title of the article");
  auto short_title = parse_doc("<title>Home | Site</title>");
  CHECK(article_title(*short_title.doc) == "Home | Site");
  auto one_h1 = parse_doc("<title>Hi</title><h1>A much better heading from the page</h1>");
  CHECK(article_title(*one_h1.doc) == "A much better heading from the page");
}

TEST_CASE("titles: text similarity") {
  CHECK(text_similarity("Hello big world", "hello world") == doctest::Approx(1.0));
  CHECK(text_similarity("abc", "xyz") == doctest::Approx(0.0));
  CHECK(text_similarity("", "x") == 0);
  // Words of any script count (Readability's ASCII-only split saw none here).
  CHECK(text_similarity("مكتبة الحي التي يديرها القرّاء", "مكتبة الحي التي يديرها القرّاء") == doctest::Approx(1.0));
  CHECK(text_similarity("Привет, мир", "привет мир") == doctest::Approx(1.0));
  CHECK(text_similarity("東京の天気", "大阪の天気") < 0.5);
  // The same with the first text's tokens and the second lowercased.
  CHECK(similarity_to_lower(similarity_tokens("Hello big world"), "hello, world!") == doctest::Approx(1.0));
  CHECK(similarity_to_lower(similarity_tokens("Hello"), "hello there") == doctest::Approx(1 - 5.0 / 11));
  CHECK(similarity_to_lower(similarity_tokens("Hello"), "...") == 0);
  CHECK(similarity_to_lower({}, "hello") == 0);
}

TEST_CASE("titles: a heading that repeats the title, and the header that holds the headline") {
  auto p = parse_doc("<header id=h><h2 id=a>Harbour town opens its first floating library</h2></header>"
                     "<h2 id=b>Harbour town opens a library</h2><h3 id=c>Harbour town opens its first floating library</h3>"
                     "<header id=g><h3>Other news</h3></header><header id=one><h1>Anything</h1></header>");
  const Document& doc = *p.doc;
  const std::string title = "Harbour town opens its first floating library";
  CHECK(header_duplicates_title(doc, by_id(doc, "a"), title));
  CHECK_FALSE(header_duplicates_title(doc, by_id(doc, "b"), "Ferry fares to rise in April"));
  CHECK_FALSE(header_duplicates_title(doc, by_id(doc, "c"), title));  // only <h1> and <h2>
  CHECK(holds_headline(doc, by_id(doc, "h"), title));
  CHECK_FALSE(holds_headline(doc, by_id(doc, "g"), title));
  CHECK(holds_headline(doc, by_id(doc, "one"), title));  // any <h1>
}

TEST_CASE("titles: the headings that mark where the title is") {
  auto p = parse_doc("<h3 id=c>Harbour town opens its first floating library</h3>"
                     "<h2 id=d>Video: harbour town opens its first floating library, a boat of books</h2>"
                     "<h3 id=e>Other news</h3><h4 id=f>Harbour town opens its first floating library</h4>"
                     "<h2 id=g>Weekly recap: Library news</h2>");
  const Document& doc = *p.doc;
  const std::string title = "Harbour town opens its first floating library";
  CHECK(marks_title(doc, by_id(doc, "c"), title));         // an <h3> that repeats it
  CHECK(marks_title(doc, by_id(doc, "d"), title));         // a heading that holds all of it
  CHECK_FALSE(marks_title(doc, by_id(doc, "e"), title));
  CHECK_FALSE(marks_title(doc, by_id(doc, "f"), title));   // <h1>-<h3> only
  CHECK_FALSE(marks_title(doc, by_id(doc, "g"), "Library news"));  // a title this short is in many headings
}
