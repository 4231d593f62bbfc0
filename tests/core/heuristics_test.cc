#include <doctest/doctest.h>

#include "heuristics.h"
#include "test_util.h"

using namespace quietpage;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("heuristics: visibility") {
  auto p = parse_doc(R"(<p id=a style="display: none !important">x</p><p id=b hidden>x</p>
    <p id=c aria-hidden=true>x</p><p id=d aria-hidden=true class="mwe-math-fallback-image-inline">x</p>
    <p id=e style="visibility:hidden">x</p><p id=f style="display:block">x</p>)");
  const Document& doc = *p.doc;
  CHECK_FALSE(is_probably_visible(doc, by_id(doc, "a")));
  CHECK_FALSE(is_probably_visible(doc, by_id(doc, "b")));
  CHECK_FALSE(is_probably_visible(doc, by_id(doc, "c")));
  CHECK(is_probably_visible(doc, by_id(doc, "d")));
  CHECK_FALSE(is_probably_visible(doc, by_id(doc, "e")));
  CHECK(is_probably_visible(doc, by_id(doc, "f")));
  // Hiding utility classes, as whole class names only.
  auto c = parse_doc(R"(<p id=a class="menu is-hidden">x</p><p id=b class="sr-only">x</p>
    <p id=c class="d-none">x</p><p id=d class="hidden-xs">x</p><p id=e class="unhide">x</p>
    <p id=f class="d-none d-md-block">x</p>)");
  const Document& cd = *c.doc;
  CHECK_FALSE(is_probably_visible(cd, by_id(cd, "a")));
  CHECK_FALSE(is_probably_visible(cd, by_id(cd, "b")));
  CHECK_FALSE(is_probably_visible(cd, by_id(cd, "c")));
  CHECK(is_probably_visible(cd, by_id(cd, "d")));
  CHECK(is_probably_visible(cd, by_id(cd, "e")));
  CHECK(is_probably_visible(cd, by_id(cd, "f")));  // shown from a breakpoint on
}

TEST_CASE("heuristics: phrasing content and block children") {
  auto p = parse_doc("<div id=a><a id=l href=#><b>x</b></a><a id=m href=#><div>y</div></a></div>");
  const Document& doc = *p.doc;
  CHECK(is_phrasing_content(doc, by_id(doc, "l")));
  CHECK_FALSE(is_phrasing_content(doc, by_id(doc, "m")));
  CHECK(has_child_block_element(doc, by_id(doc, "a")));
  CHECK_FALSE(has_child_block_element(doc, by_id(doc, "l")));
}

TEST_CASE("heuristics: link density counts in-page links at 30%") {
  auto p = parse_doc("<p id=a>0123456789<a href=/x>0123456789</a></p><p id=b>0123456789<a href=#x>0123456789</a></p>");
  const Document& doc = *p.doc;
  CHECK(link_density(doc, by_id(doc, "a")) == doctest::Approx(0.5));
  CHECK(link_density(doc, by_id(doc, "b")) == doctest::Approx(0.15));
}

TEST_CASE("heuristics: class weight and single-tag checks") {
  auto p = parse_doc("<div id=article-body class=comment-list><p>x</p></div><div id=t> <p>x</p> text</div>");
  const Document& doc = *p.doc;
  NodeId a = by_id(doc, "article-body");
  CHECK(class_weight(doc, a, kWeightClasses) == 0);  // -25 (class) + 25 (id)
  CHECK(class_weight(doc, a, 0) == 0);
  CHECK(has_single_tag_inside(doc, a, GUMBO_TAG_P));
  CHECK_FALSE(has_single_tag_inside(doc, by_id(doc, "t"), GUMBO_TAG_P));
}
