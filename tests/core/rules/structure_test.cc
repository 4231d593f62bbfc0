#include <doctest/doctest.h>

#include "rules/structure.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::structure;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("structure: phrasing content and block children") {
  auto p = parse_doc("<div id=a><a id=l href=#><b>x</b></a><a id=m href=#><div>y</div></a></div>"
                     "<p id=s><svg></svg></p>");
  const Document& doc = *p.doc;
  CHECK(is_phrasing_content(doc, by_id(doc, "l")));
  CHECK_FALSE(is_phrasing_content(doc, by_id(doc, "m")));
  CHECK_FALSE(is_phrasing_content(doc, doc.first_element_child(by_id(doc, "s"))));  // <svg> is not
  CHECK(has_child_block_element(doc, by_id(doc, "a")));
  CHECK_FALSE(has_child_block_element(doc, by_id(doc, "l")));
}

TEST_CASE("structure: single tags, empty elements, whitespace") {
  auto p = parse_doc("<div id=one> <p>x</p> </div><div id=t> <p>x</p> text</div><div id=e><br><hr></div>"
                     "<div id=f><span></span></div><div id=w>a <br> <b>b</b></div>");
  const Document& doc = *p.doc;
  CHECK(has_single_tag_inside(doc, by_id(doc, "one"), GUMBO_TAG_P));
  CHECK_FALSE(has_single_tag_inside(doc, by_id(doc, "one"), GUMBO_TAG_DIV));
  CHECK_FALSE(has_single_tag_inside(doc, by_id(doc, "t"), GUMBO_TAG_P));
  CHECK(is_element_without_content(doc, by_id(doc, "e")));
  CHECK_FALSE(is_element_without_content(doc, by_id(doc, "f")));
  CHECK_FALSE(is_element_without_content(doc, by_id(doc, "t")));
  NodeId w = by_id(doc, "w");
  NodeId br = doc.first_element_child(w);
  CHECK(is_whitespace_node(doc, br));
  CHECK(is_whitespace_node(doc, doc[br].next));  // " "
  CHECK(next_significant(doc, doc[br].next) == doc.next_element_sibling(br));
}

TEST_CASE("structure: ancestors, media and tag classes") {
  auto p = parse_doc("<table><tr><td><div><p id=p>x <img src=a.jpg></p></div></td></tr></table>");
  const Document& doc = *p.doc;
  NodeId para = by_id(doc, "p");
  CHECK(has_ancestor_tag(doc, para, GUMBO_TAG_TD));
  CHECK_FALSE(has_ancestor_tag(doc, para, GUMBO_TAG_TABLE, 2));
  CHECK(has_ancestor_tag(doc, para, GUMBO_TAG_TABLE, -1));
  CHECK(ancestors_of(doc, para).front() == doc[para].parent);
  CHECK(ancestors_of(doc, para).back() == doc.root());
  CHECK(has_image_or_embed(doc, para));
  CHECK(is_heading(GUMBO_TAG_H6));
  CHECK_FALSE(is_heading(GUMBO_TAG_HEADER));
  CHECK(is_text_block(GUMBO_TAG_LI));
  CHECK_FALSE(is_text_block(GUMBO_TAG_SPAN));
  CHECK(is_embed(GUMBO_TAG_IFRAME));
  CHECK(has_presentational_size(GUMBO_TAG_TD));
  CHECK_FALSE(has_presentational_size(GUMBO_TAG_IMG));
}
