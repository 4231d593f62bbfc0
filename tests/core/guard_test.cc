#include <doctest/doctest.h>

#include <string>

#include "guard.h"
#include "test_util.h"

using namespace quietpage;

TEST_CASE("guard: ordinary markup passes through without a copy") {
  std::string out;
  std::string html = "<!doctype html><html><head><title>a<b</title><script>if (a<b) x='<div>';</script></head>"
                     "<body><!-- <div><div> --><p>one<p>two<ul><li>a<li>b</ul><img src=x><br/></body></html>";
  GuardResult r = guard_input(html, GuardLimits().with_max_attributes(10).with_max_depth(4).with_max_elements(100), out);
  CHECK_FALSE(r.rewritten);
  CHECK(out.empty());
}

TEST_CASE("guard: attributes beyond the limit are dropped") {
  std::string html = "<div a=1 b='2' c=\"3>\" d e=5>text</div>";
  std::string out;
  GuardResult r = guard_input(html, GuardLimits().with_max_attributes(2), out);
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
  GuardResult r = guard_input(html, GuardLimits().with_max_depth(3), out);
  REQUIRE(r.rewritten);
  CHECK(out == "<div><div><div>x</div></div></div><p>after</p>");
}

TEST_CASE("guard: counts start tags and refuses too many") {
  std::string html;
  for (int i = 0; i < 50; ++i) html += "<span>x</span>";
  std::string out;
  CHECK(guard_input(html, GuardLimits().with_max_elements(49), out).too_many_elements);
  CHECK_FALSE(guard_input(html, GuardLimits().with_max_elements(50), out).too_many_elements);
}

TEST_CASE("guard: pathological inputs become cheap for gumbo") {
  std::string attrs = "<div";
  for (int i = 0; i < 100000; ++i) attrs += " a" + std::to_string(i) + "=v";
  attrs += ">x</div>";
  auto p = testing::parse_doc(attrs, ParseLimits().with_max_depth(512).with_max_attributes(1000));
  NodeId div = testing::find(*p.doc, GUMBO_TAG_DIV);
  REQUIRE(div != kNoNode);
  CHECK(p.doc->attrs_end(div) - p.doc->attrs_begin(div) == 1000);

  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "deep";
  auto d = testing::parse_doc(deep, ParseLimits().with_max_depth(512));
  CHECK(d.doc->count_tag(d.doc->root(), GUMBO_TAG_DIV) <= 512);
  CHECK(d.doc->text_content(d.doc->root()) == "deep");
}

namespace {

GuardLimits stripping() {
  GuardLimits limits;
  limits.strip_scripts = true;
  return limits;
}

}  // namespace

TEST_CASE("guard: script and style text is left out, and each element listed") {
  std::string html =
      "<head><script>if (a<b) x = '</p>';</script><style>p { color: red }</style>"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"
      "<script type='application&#x2f;ld+json'>{}</script>"
      "<script><!-- document.write('<script></script>') //--></script>"
      "<SCRIPT src=x.js>y</SCRIPT ><script>z</scripty></script/></head><p>text";
  std::string out;
  GuardResult r = guard_input(html, stripping(), out);
  REQUIRE(r.rewritten);
  CHECK(out ==
        "<head><script></script><style></style>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"
        "<script type='application&#x2f;ld+json'>{}</script>"
        "<script><!-- document.write('<script></script>') //--></script>"
        "<SCRIPT src=x.js></SCRIPT ><script></script/></head><p>text");
  REQUIRE(r.stripped.size() == 4);
  for (const StrippedElement& e : r.stripped) {
    CHECK(out.compare(e.offset, 1, "<") == 0);
    CHECK(out[e.offset + e.tag_length - 1] == '>');
    CHECK(out.compare(e.offset + e.tag_length, 2, "</") == 0);
  }
  CHECK(out.substr(r.stripped[2].offset, r.stripped[2].tag_length) == "<SCRIPT src=x.js>");
}

TEST_CASE("guard: text is kept where <script> is not a script or has no end") {
  std::string out;
  // In <svg>, <script> and <style> hold markup; after </svg> they are raw text again.
  GuardResult r = guard_input("<svg><style>.a{}</style><script>a()</script></svg><style>p{}</style>", stripping(), out);
  CHECK(out == "<svg><style>.a{}</style><script>a()</script></svg><style></style>");
  CHECK(r.stripped.size() == 1);
  // A script the input ends in; text in <textarea> and <xmp>.
  r = guard_input("<textarea><script>a</script></textarea><xmp><style>b</style></xmp><script>c", stripping(), out);
  CHECK_FALSE(r.rewritten);
  CHECK(r.stripped.empty());
}

TEST_CASE("guard: tags, attributes and comments are read as the HTML tokenizer reads them") {
  GuardLimits one;
  one.max_attributes = 1;
  std::string out;
  // A '>' inside a quoted value does not end the tag.
  CHECK(guard_input("<div a=\"x>y\" b=2>t</div>", one, out).rewritten);
  CHECK(out == "<div a=\"x>y\" >t</div>");
  // A name may start with '=': the tag is `<div ="a>`, with one attribute.
  CHECK_FALSE(guard_input("<div =\"a>b\" c=1 d=2>t</div>", one, out).rewritten);
  // "<!-->" and "--!>" end comments: the <div>s after them are tags.
  CHECK(guard_input("<!--><div a=1 b=2>", one, out).rewritten);
  CHECK(out == "<!--><div a=1 >");
  CHECK(guard_input("<!-- x --!><div a=1 b=2>", one, out).rewritten);
  // "</ " starts a bogus comment up to the next '>': no tag inside.
  CHECK_FALSE(guard_input("</ <div a=1 b=2>", one, out).rewritten);
  // A tag the input ends in is dropped by the parser, whatever it holds.
  CHECK_FALSE(guard_input("<p>x<div a=1 b=2", one, out).rewritten);
}

TEST_CASE("guard: numeric character references too long for gumbo's int are shortened") {
  std::string out;
  GuardResult r = guard_input(
      "<p title=\"&#99999999999;\">&#x0000000041;&#4294967393;&#x1000000041</p>"
      "<title>&#99999999999</title><script>&#99999999999;</script><!-- &#99999999999; -->",
      {}, out);
  REQUIRE(r.rewritten);
  CHECK(out ==
        "<p title=\"&#1114112;\">&#x0000000041;&#1114112;&#x110000</p>"
        "<title>&#1114112</title><script>&#99999999999;</script><!-- &#99999999999; -->");
  // Above U+10FFFF the parser gives U+FFFD, as for the original references.
  auto p = testing::parse_doc("<p id=p title=\"&#99999999999;\">&#x0000000041;&#4294967393;&#x1000000041</p>");
  NodeId para = testing::by_id(*p.doc, "p");
  CHECK(p.doc->text_content(para) == "A\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(p.doc->attr(para, "title") == "\xEF\xBF\xBD");
}
