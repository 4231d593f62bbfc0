#include <doctest/doctest.h>

#include "rules/formulas.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::formulas;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("formulas rules: TeX scripts and renderers' drawings") {
  auto p = parse_doc(
      "<script id=a type='math/tex'>x</script><script id=b type='Math/TeX; mode=display'>y</script>"
      "<script id=c type=text/javascript>z</script><span id=d class='katex'></span>"
      "<span id=e class='katex-display'></span><mjx-container id=f display=true></mjx-container>"
      "<mjx-container id=g></mjx-container><div id=h class='MathJax_Display'></div>"
      "<span id=i class='MathJax_Preview'></span><span id=j class='katexish math'></span>");
  const Document& doc = *p.doc;
  CHECK(is_tex_script(doc, by_id(doc, "a")));
  CHECK(is_tex_script(doc, by_id(doc, "b")));
  CHECK_FALSE(is_tex_script(doc, by_id(doc, "c")));
  CHECK_FALSE(is_display_tex(doc, by_id(doc, "a")));
  CHECK(is_display_tex(doc, by_id(doc, "b")));
  for (const char* id : {"d", "e", "f", "g", "h"}) CHECK_MESSAGE(is_rendered_formula(doc, by_id(doc, id)), id);
  CHECK_FALSE(is_rendered_formula(doc, by_id(doc, "j")));
  CHECK(is_display_formula(doc, by_id(doc, "e")));
  CHECK(is_display_formula(doc, by_id(doc, "f")));
  CHECK(is_display_formula(doc, by_id(doc, "h")));
  CHECK_FALSE(is_display_formula(doc, by_id(doc, "d")));
  CHECK_FALSE(is_display_formula(doc, by_id(doc, "g")));
  CHECK(is_preview(doc, by_id(doc, "i")));
}
