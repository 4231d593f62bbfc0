#include <doctest/doctest.h>

#include "prepare.h"
#include "test_util.h"

using namespace quietpage;
using testing::by_id;
using testing::find;
using testing::parse_doc;

TEST_CASE("prepare: noscript images replace their lazy placeholders") {
  auto p = parse_doc(R"(<body><div id=d><img id=ph src="data:image/gif;base64,R0lGOD" data-src="/real.jpg" class=lazy>
    <noscript><img id=real src="/real.jpg" alt="A real picture"></noscript></div>
    <img id=empty class=placeholder>)");
  Document& doc = *p.doc;
  unwrap_noscript_images(doc);
  remove_scripts(doc);
  CHECK(by_id(doc, "empty") == kNoNode);  // no source at all
  CHECK(by_id(doc, "ph") == kNoNode);
  NodeId real = by_id(doc, "real");
  REQUIRE(real != kNoNode);
  CHECK(doc[real].parent == by_id(doc, "d"));
  CHECK(doc.attr(real, "alt") == "A real picture");
  CHECK(doc.attr(real, "data-old-src") == "data:image/gif;base64,R0lGOD");
  CHECK(find(doc, GUMBO_TAG_NOSCRIPT) == kNoNode);
}

TEST_CASE("prepare: scripts, styles and templates go; fonts become spans") {
  auto p = parse_doc("<style>x{}</style><script>1</script><template><p>t</p></template>"
                     "<p id=p><font>f</font></p>");
  Document& doc = *p.doc;
  remove_scripts(doc);
  prepare_document(doc);
  CHECK(find(doc, GUMBO_TAG_SCRIPT) == kNoNode);
  CHECK(find(doc, GUMBO_TAG_STYLE) == kNoNode);
  CHECK(find(doc, GUMBO_TAG_TEMPLATE) == kNoNode);
  CHECK(find(doc, GUMBO_TAG_FONT) == kNoNode);
  CHECK(doc[doc.first_element_child(by_id(doc, "p"))].tag == GUMBO_TAG_SPAN);
}

TEST_CASE("prepare: runs of <br> become paragraphs") {
  auto p = parse_doc("<div id=d>foo<br>bar<br> <br><br>abc<br>def</div>");
  Document& doc = *p.doc;
  prepare_document(doc);
  NodeId d = by_id(doc, "d");
  CHECK(doc.count_tag(d, GUMBO_TAG_P) == 1);
  NodeId para = find(doc, GUMBO_TAG_P);
  CHECK(doc.inner_text(para) == "abcdef");
  CHECK(doc.count_tag(d, GUMBO_TAG_BR) == 2);  // foo<br>bar and abc<br>def stay
}
