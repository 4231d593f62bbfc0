#include "rules/formulas.h"

#include "text.h"

namespace quietpage::rules::formulas {
namespace {

constexpr std::string_view kTexType = "math/tex";

// Class names of the renderers' boxes: KaTeX's, MathJax 2's (one per output
// format), and MathJax 3's container (an element of its own).
constexpr std::string_view kFormulaClasses[] = {"katex", "katex-display", "MathJax", "MathJax_Display",
                                                "MathJax_CHTML", "MathJax_SVG", "MathJax_SVG_Display",
                                                "MathJax_PHTML", "MathJax_MathML"};
constexpr std::string_view kDisplayClasses[] = {"katex-display", "MathJax_Display", "MathJax_SVG_Display"};
constexpr std::string_view kContainerTag = "mjx-container";

// Whether a class of `n` is one of `wanted`: its class list read once.
template <size_t N>
bool has_class(const Document& doc, NodeId n, const std::string_view (&wanted)[N]) {
  bool found = false;
  text::for_each_token(doc.attr(n, "class"), [&](std::string_view token) {
    for (std::string_view w : wanted) found = found || token == w;
  });
  return found;
}
bool has_class(const Document& doc, NodeId n, std::string_view wanted) {
  const std::string_view one[] = {wanted};
  return has_class(doc, n, one);
}

}  // namespace

bool is_tex_type(std::string_view type) { return text::istarts_with(text::trim(type), kTexType); }

bool is_tex_annotation(const Document& doc, NodeId n) {
  return doc[n].ns == GUMBO_NAMESPACE_MATHML && doc.tag_name(n) == "annotation" &&
         text::iequals(text::trim(doc.attr(n, "encoding")), kTexEncoding);
}

bool is_tex_script(const Document& doc, NodeId n) {
  return doc.is(n, GUMBO_TAG_SCRIPT) && is_tex_type(doc.attr(n, "type"));
}

bool is_display_tex(const Document& doc, NodeId script) {
  return text::icontains(doc.attr(script, "type"), "mode=display");
}

bool is_preview(const Document& doc, NodeId n) { return has_class(doc, n, "MathJax_Preview"); }

bool is_rendered_formula(const Document& doc, NodeId n) {
  if (!doc.is_element(n) || doc[n].ns != GUMBO_NAMESPACE_HTML) return false;
  // (kContainerTag is no tag gumbo knows.)
  if (doc[n].tag == GUMBO_TAG_UNKNOWN && doc.tag_name(n) == kContainerTag) return true;
  return has_class(doc, n, kFormulaClasses);
}

bool is_display_formula(const Document& doc, NodeId n) {
  if (doc.tag_name(n) == kContainerTag) return doc.attr(n, "display") == "true";
  return has_class(doc, n, kDisplayClasses);
}

}  // namespace quietpage::rules::formulas
