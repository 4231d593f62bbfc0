#include <doctest/doctest.h>

#include "rules/tail.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::tail;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("tail: sentences end with punctuation of many scripts") {
  for (const char* s : {"The end.", "Really?", "Wow! ", "終わり。", "«Fin»", "(see above)", "هل؟"})
    CHECK_MESSAGE(ends_like_sentence(s), s);
  for (const char* s : {"Mehr zum Thema", "Kontakt:", ""}) CHECK_MESSAGE(!ends_like_sentence(s), s);
}

TEST_CASE("tail: the block of the last text, unless it may end an article") {
  auto p = parse_doc("<div id=a><p id=p>Keine <b>Kommentare</b></p><ul><li id=li>3 Eier</li></ul>"
                     "<blockquote id=q>Quote</blockquote><p id=img>Pic <img src=a.jpg></p></div>");
  const Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  NodeId bold_text = doc[doc.first_element_child(by_id(doc, "p"))].first_child;
  CHECK(trailing_block_of(doc, a, bold_text) == by_id(doc, "p"));
  CHECK(trailing_block_of(doc, a, doc[by_id(doc, "li")].first_child) == kNoNode);
  CHECK(trailing_block_of(doc, a, doc[by_id(doc, "q")].first_child) == kNoNode);
  CHECK(trailing_block_of(doc, a, doc[by_id(doc, "img")].first_child) == kNoNode);
  CHECK(ends_the_article(GUMBO_TAG_TABLE));
  CHECK_FALSE(ends_the_article(GUMBO_TAG_P));
}

TEST_CASE("tail: labels and headings are a tail; a short article is not") {
  auto p = parse_doc("<p id=label>Keine Kommentare</p><p id=sentence>The last sentence.</p><h3 id=h>Next.</h3>");
  const Document& doc = *p.doc;
  CHECK(is_trailing_label(doc, by_id(doc, "label")));
  CHECK_FALSE(is_trailing_label(doc, by_id(doc, "sentence")));
  CHECK(is_trailing_label(doc, by_id(doc, "h")));  // a heading, whatever it ends with
  CHECK(leaves_enough_text(1000, 20));
  CHECK_FALSE(leaves_enough_text(100, 20));
  CHECK(leaves_enough_text(20 + kMinTextBeforeTail, 20));
}
