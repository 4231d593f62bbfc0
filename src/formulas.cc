#include "formulas.h"

#include <string>
#include <vector>

#include "rules/formulas.h"
#include "text.h"

namespace quietpage {

using namespace rules;

namespace {

NodeId first_math(const Document& doc, NodeId scope) {
  for (NodeId n = doc.next_in(scope, scope); n != kNoNode; n = doc.next_in(n, scope))
    if (doc.is(n, GUMBO_TAG_MATH) && doc[n].ns == GUMBO_NAMESPACE_MATHML) return n;
  return kNoNode;
}

NodeId math_element(Document& doc, Tag tag, std::string_view name = {}) {
  const NodeId n = doc.create_element(tag, name);
  doc[n].ns = GUMBO_NAMESPACE_MATHML;
  return n;
}

// <math><semantics><mtext>TeX</mtext><annotation
// encoding="application/x-tex">TeX</annotation></semantics></math>
NodeId tex_formula(Document& doc, std::string_view tex) {
  const NodeId math = math_element(doc, GUMBO_TAG_MATH);
  const NodeId semantics = math_element(doc, GUMBO_TAG_UNKNOWN, "semantics");
  const NodeId shown = math_element(doc, GUMBO_TAG_MTEXT);
  const NodeId annotation = math_element(doc, GUMBO_TAG_UNKNOWN, "annotation");
  doc.set_attr(annotation, "encoding", formulas::kTexEncoding);
  doc.append_child(shown, doc.create_text(tex));
  doc.append_child(annotation, doc.create_text(tex));
  doc.append_child(semantics, shown);
  doc.append_child(semantics, annotation);
  doc.append_child(math, semantics);
  return math;
}

// Puts `math` (possibly inside `drawing`) in the place of `drawing`.
void replace_with(Document& doc, NodeId drawing, NodeId math, bool display) {
  if (doc[math].parent != kNoNode) doc.remove(math);
  doc.replace(drawing, math);
  if (display && !doc.has_attr(math, "display")) doc.set_attr(math, "display", "block");
}

bool attached(const Document& doc, NodeId n) {
  while (n != doc.root()) {
    if (n == kNoNode) return false;
    n = doc[n].parent;
  }
  return true;
}

// MathJax 2: the drawing before a TeX script (an element with the frame id,
// or one holding it), or kNoNode.
NodeId drawing_of(const Document& doc, NodeId script) {
  const std::string_view id = doc.attr(script, "id");
  if (id.empty()) return kNoNode;
  const std::string frame = std::string(id) + std::string(formulas::kFrameIdSuffix);
  constexpr int kSiblingsSearched = 3;
  int seen = 0;
  for (NodeId s = doc.prev_element_sibling(script); s != kNoNode && seen < kSiblingsSearched;
       s = doc.prev_element_sibling(s), ++seen) {
    if (doc.attr(s, "id") == frame) return s;
    for (NodeId d = doc.next_in(s, s); d != kNoNode; d = doc.next_in(d, s))
      if (doc.is_element(d) && doc.attr(d, "id") == frame) return s;
  }
  return kNoNode;
}

}  // namespace

void reduce_rendered_math(Document& doc) {
  std::vector<NodeId> scripts, drawings, actions;
  for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode; n = doc.next_in(n, doc.root())) {
    if (!doc.is_element(n)) continue;
    if (formulas::is_tex_script(doc, n)) scripts.push_back(n);
    else if (formulas::is_rendered_formula(doc, n)) drawings.push_back(n);
    else if (doc[n].ns == GUMBO_NAMESPACE_MATHML && doc.tag_name(n) == "maction") actions.push_back(n);
  }
  // TeX scripts first: their drawing may hold MathML, which then stands for both.
  for (NodeId script : scripts) {
    if (!attached(doc, script)) continue;
    const NodeId source = doc[script].first_child;  // the parser keeps a TeX script's text (parse.cc)
    const std::string_view tex = doc.is_text(source) ? text::trim(doc[source].text) : std::string_view();
    const NodeId drawing = drawing_of(doc, script);
    const NodeId place = drawing != kNoNode ? drawing : script;
    while (doc.prev_element_sibling(place) != kNoNode && formulas::is_preview(doc, doc.prev_element_sibling(place)))
      doc.remove(doc.prev_element_sibling(place));
    NodeId math = drawing != kNoNode ? first_math(doc, drawing) : kNoNode;
    if (math == kNoNode && !tex.empty()) math = tex_formula(doc, tex);
    if (place != script) doc.remove(script);
    if (math != kNoNode) replace_with(doc, place, math, formulas::is_display_tex(doc, script));
    else doc.remove(place);
  }
  for (NodeId drawing : drawings) {
    if (!attached(doc, drawing)) continue;
    const NodeId math = first_math(doc, drawing);
    if (math != kNoNode) replace_with(doc, drawing, math, formulas::is_display_formula(doc, drawing));
  }
  for (NodeId action : actions) {
    if (!attached(doc, action)) continue;
    const NodeId shown = doc.first_element_child(action);
    if (shown == kNoNode) {
      doc.remove(action);
    } else {
      doc.remove(shown);
      doc.replace(action, shown);
    }
  }
}

}  // namespace quietpage
