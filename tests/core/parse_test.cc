#include <doctest/doctest.h>

#include "test_util.h"

using namespace quietpage;
using testing::by_id;
using testing::find;
using testing::parse_doc;

TEST_CASE("parse: builds html/head/body and drops comments") {
  auto p = parse_doc("<title>T</title><!-- c --><p id=p>a &amp; b</p>");
  const Document& doc = *p.doc;
  REQUIRE(doc.html() != kNoNode);
  REQUIRE(doc.head() != kNoNode);
  REQUIRE(doc.body() != kNoNode);
  CHECK(doc.text_content(by_id(doc, "p")) == "a & b");
  CHECK(doc.text_content(doc.body()) == "a & b");
}

TEST_CASE("parse: script and style text is dropped, JSON-LD text kept") {
  auto p = parse_doc("<script id=s>var x = '<p>not html</p>';</script><style id=c>p{}</style>"
                     "<script id=j type=application/ld+json>{\"@type\":\"NewsArticle\"}</script><p id=p>x</p>");
  const Document& doc = *p.doc;
  CHECK(by_id(doc, "s") != kNoNode);
  CHECK(doc[by_id(doc, "s")].first_child == kNoNode);
  CHECK(doc[by_id(doc, "c")].first_child == kNoNode);
  CHECK(is_json_ld(doc, by_id(doc, "j")));
  CHECK(doc.text_content(by_id(doc, "j")) == "{\"@type\":\"NewsArticle\"}");
  CHECK(doc.text_content(by_id(doc, "p")) == "x");
  ParseLimits keep;
  keep.script_text = true;
  auto q = parse_doc("<p id=p>a<script>b</script></p>", keep);
  CHECK(q.doc->text_content(by_id(*q.doc, "p")) == "ab");
}

TEST_CASE("parse: unknown and newer elements keep their names") {
  auto p = parse_doc("<my-widget id=w>x</my-widget><picture id=p><source></picture><dialog id=d></dialog>");
  const Document& doc = *p.doc;
  CHECK(doc.tag_name(by_id(doc, "w")) == "my-widget");
  CHECK(doc[by_id(doc, "p")].tag == kTagPicture);
  CHECK(doc.tag_name(by_id(doc, "d")) == "dialog");
}

TEST_CASE("parse: foreign content is namespaced") {
  auto p = parse_doc("<svg><title>icon</title><a href=x>t</a></svg><title>doc</title>");
  const Document& doc = *p.doc;
  NodeId svg = find(doc, GUMBO_TAG_SVG);
  REQUIRE(svg != kNoNode);
  CHECK(doc[svg].ns == GUMBO_NAMESPACE_SVG);
}

TEST_CASE("parse: the element limit is enforced") {
  std::string html;
  for (int i = 0; i < 1000; ++i) html += "<p>x</p>";
  Arena arena;
  Document doc(arena);
  CHECK(parse_html(html, {100, 0}, doc) == ErrorCode::kTooManyElements);
}

TEST_CASE("parse: elements deeper than max_depth are flattened, text kept") {
  std::string html;
  for (int i = 0; i < 50; ++i) html += "<div>";
  html += "deep text";
  auto p = parse_doc(html, {0, 10});
  const Document& doc = *p.doc;
  size_t max_depth = 0;
  for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode; n = doc.next_in(n, doc.root())) {
    size_t depth = 0;
    for (NodeId a = n; a != kNoNode; a = doc[a].parent) ++depth;
    if (depth > max_depth) max_depth = depth;
  }
  CHECK(max_depth <= 12);  // document + 10 elements + the text node
  CHECK(doc.text_content(doc.root()) == "deep text");
}
