#include <doctest/doctest.h>

#include <string>

#include "guard.h"
#include "test_util.h"

using namespace quietpage;

TEST_CASE("guard: ordinary markup passes through without a copy") {
  std::string out;
  std::string html = "<!doctype html><html><head><title>a<b</title><script>if (a<b) x='<div>';</script></head>"
                     "<body><!-- <div><div> --><p>one<p>two<ul><li>a<li>b</ul><img src=x><br/></body></html>";
  GuardResult r = guard_input(html, {10, 4, 100}, out);
  CHECK_FALSE(r.rewritten);
  CHECK(out.empty());
}

TEST_CASE("guard: attributes beyond the limit are dropped") {
  std::string html = "<div a=1 b='2' c=\"3>\" d e=5>text</div>";
  std::string out;
  GuardResult r = guard_input(html, {2, 0, 0}, out);
  REQUIRE(r.rewritten);
  CHECK(out == "<div a=1 b='2' >text</div>");
}

TEST_CASE("guard: start tags nested past the limit are dropped with their end tags") {
  std::string html;
  for (int i = 0; i < 10; ++i) html += "<div>";
  html += "x";
  for (int i = 0; i < 10; ++i) html += "</div>";
  html += "<p>after</p>";
  std::string out;
  GuardResult r = guard_input(html, {0, 3, 0}, out);
  REQUIRE(r.rewritten);
  CHECK(out == "<div><div><div>x</div></div></div><p>after</p>");
}

TEST_CASE("guard: counts start tags and refuses too many") {
  std::string html;
  for (int i = 0; i < 50; ++i) html += "<span>x</span>";
  std::string out;
  CHECK(guard_input(html, {0, 0, 49}, out).too_many_elements);
  CHECK_FALSE(guard_input(html, {0, 0, 50}, out).too_many_elements);
}

TEST_CASE("guard: pathological inputs become cheap for gumbo") {
  std::string attrs = "<div";
  for (int i = 0; i < 100000; ++i) attrs += " a" + std::to_string(i) + "=v";
  attrs += ">x</div>";
  auto p = testing::parse_doc(attrs, {0, 512, 1000});
  NodeId div = testing::find(*p.doc, GUMBO_TAG_DIV);
  REQUIRE(div != kNoNode);
  CHECK(p.doc->attrs_end(div) - p.doc->attrs_begin(div) == 1000);

  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "deep";
  auto d = testing::parse_doc(deep, {0, 512, 0});
  CHECK(d.doc->count_tag(d.doc->root(), GUMBO_TAG_DIV) <= 512);
  CHECK(d.doc->text_content(d.doc->root()) == "deep");
}
