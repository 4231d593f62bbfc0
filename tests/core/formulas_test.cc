#include <doctest/doctest.h>

#include "formulas.h"
#include "quietpage.h"
#include "serialize.h"
#include "test_util.h"

using namespace quietpage;
using testing::by_id;
using testing::count;
using testing::fixture;
using testing::parse_doc;

namespace {

// `snippet` after the formulas stage, serialized.
std::string reduced(const std::string& snippet) {
  auto p = parse_doc("<div id=root>" + snippet + "</div>");
  reduce_rendered_math(*p.doc);
  std::string out;
  serialize_html(*p.doc, by_id(*p.doc, "root"), Output(), out);
  return out;
}

}  // namespace

TEST_CASE("formulas: a drawing that holds MathML becomes that MathML") {
  // KaTeX, whether or not its boxes are marked aria-hidden.
  CHECK(reduced("<span class=katex><span class=katex-mathml><math><mi>x</mi></math></span>"
                "<span class=katex-html><span class=mord>x</span></span></span>") == "<math><mi>x</mi></math>");
  CHECK(reduced("<span class=katex-display><span class=katex><span class=katex-mathml><math><mi>y</mi></math>"
                "</span></span></span>") == "<math display=\"block\"><mi>y</mi></math>");
  // MathJax 3.
  CHECK(reduced("<mjx-container class=MathJax jax=CHTML display=true><mjx-math aria-hidden=true><mjx-mi>z"
                "</mjx-mi></mjx-math><mjx-assistive-mml><math display=block><mi>z</mi></math></mjx-assistive-mml>"
                "</mjx-container>") == "<math display=\"block\"><mi>z</mi></math>");
  // A drawing without MathML stays as it is.
  CHECK(reduced("<span class=katex><span class=mord>q</span></span>") == "<span><span>q</span></span>");
}

TEST_CASE("formulas: MathJax 2 drawings become their TeX, or the MathML they hold") {
  CHECK(reduced("<p>so <span class=MathJax_Preview>x^2</span><span class=MathJax id=MathJax-Element-1-Frame>"
                "<nobr><span>x</span><span>2</span></nobr></span><script type='math/tex' id=MathJax-Element-1>x^2"
                "</script> holds</p>") ==
        "<p>so <math><semantics><mtext>x^2</mtext><annotation encoding=\"application/x-tex\">x^2</annotation>"
        "</semantics></math> holds</p>");
  CHECK(reduced("<div class=MathJax_Display><span class=MathJax id=MathJax-Element-2-Frame><nobr>a</nobr></span>"
                "</div><script type='math/tex; mode=display' id=MathJax-Element-2>a = b</script>") ==
        "<math display=\"block\"><semantics><mtext>a = b</mtext><annotation encoding=\"application/x-tex\">a = b"
        "</annotation></semantics></math>");
  // With its assistive MathML, the drawing's MathML stands for both.
  CHECK(reduced("<span class=MathJax id=MathJax-Element-3-Frame><nobr aria-hidden=true>c</nobr>"
                "<span class=MJX_Assistive_MathML><math><mi>c</mi></math></span></span>"
                "<script type=math/tex id=MathJax-Element-3>c</script>") == "<math><mi>c</mi></math>");
  // A TeX script alone (no drawing yet).
  CHECK(reduced("<script type=math/tex>\\alpha</script>") ==
        "<math><semantics><mtext>\\alpha</mtext><annotation encoding=\"application/x-tex\">\\alpha</annotation>"
        "</semantics></math>");
}

TEST_CASE("formulas: <maction> keeps the choice it shows") {
  CHECK(reduced("<math><maction actiontype=toggle><mi>a</mi><mi>b</mi></maction></math>") ==
        "<math><mi>a</mi></math>");
  CHECK(reduced("<math><maction></maction><mi>c</mi></math>") == "<math><mi>c</mi></math>");
}

TEST_CASE("formulas: the math article keeps every formula once, without its drawing") {
  Options options;
  options.url = "https://math.example/quadratic";
  const Result r = parse(fixture("math-article.html"), options);
  REQUIRE(r.found);
  const std::string& html = r.article.content;
  CHECK(count(html, "<math") == 7);
  CHECK(count(html, "<math display=\"block\">") == 2);
  CHECK(count(html, "<annotation encoding=\"application/x-tex\">") == 4);
  CHECK(html.find("\\frac{-b \\pm \\sqrt{\\Delta}}{2a}") != std::string::npos);
  CHECK(html.find("mjx-") == std::string::npos);
  CHECK(html.find("maction") == std::string::npos);
  CHECK(html.find("click to see") == std::string::npos);
  CHECK(html.find("x_1 x_2 = c/a") == std::string::npos);  // MathJax 2's preview
  CHECK(r.article.text_content.find("\\Delta") == std::string::npos);  // TeX annotations are not shown
  CHECK(r.article.text_content.find("x_1 x_2 = \\frac{c}{a}") != std::string::npos);  // TeX that is
}
