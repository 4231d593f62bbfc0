// What the tree's shape says: HTML's content categories and the few tag
// lists the other rules have in common (phrasing content, blocks, headings, media).
// Facts of HTML and of Readability's tree rules, not of any page's words.
#pragma once

#include <string_view>
#include <vector>

#include "dom.h"

namespace quietpage::rules::structure {

// Tag as the rules see it: foreign (SVG/MathML) elements never match HTML
// tag names, as in the DOM where their tagName keeps its own case.
Tag html_tag(const Document& doc, NodeId n);

bool is_heading(Tag tag);
// Blocks that hold text directly: p, div, section, li, dt, dd, h1-h6,
// header, footer, address.
bool is_text_block(Tag tag);
// <object>, <embed>, <iframe>.
bool is_embed(Tag tag);

// Phrasing content (a link, <del> or <ins> when all their children are).
bool is_phrasing_content(const Document& doc, NodeId n);
// A whitespace-only text node or a <br>.
bool is_whitespace_node(const Document& doc, NodeId n);
// First node from `n` on (siblings) that is an element or non-blank text.
NodeId next_significant(const Document& doc, NodeId n);

// No text, and no element children other than <br>/<hr>.
bool is_element_without_content(const Document& doc, NodeId n);
// Exactly one element child, of `tag`, and no non-blank text beside it.
bool has_single_tag_inside(const Document& doc, NodeId n, Tag tag);
// Any descendant that is a block (div, p, table, list, img, ...):
// Readability's DIV_TO_P_ELEMS.
bool has_child_block_element(const Document& doc, NodeId n);
// Any <img>, <embed>, <object> or <iframe> inside.
bool has_image_or_embed(const Document& doc, NodeId n);
// Ancestor with `tag` within max_depth levels (negative: any depth),
// optionally also satisfying `pred`.
template <typename Pred>
bool has_ancestor_tag(const Document& doc, NodeId n, Tag tag, int max_depth, Pred&& pred) {
  int depth = 0;
  for (NodeId p = doc[n].parent; p != kNoNode; p = doc[p].parent, ++depth) {
    if (max_depth > 0 && depth > max_depth) return false;
    if (doc.is(p, tag) && pred(p)) return true;
  }
  return false;
}
inline bool has_ancestor_tag(const Document& doc, NodeId n, Tag tag, int max_depth = 3) {
  return has_ancestor_tag(doc, n, tag, max_depth, [](NodeId) { return true; });
}
// Parent, grandparent... up to the document.
std::vector<NodeId> ancestors_of(const Document& doc, NodeId n);

// Attributes that only style, dropped from the article everywhere but
// inside <svg>; and the tags whose width/height are layout too.
constexpr std::string_view kPresentationalAttributes[] = {
    "align", "background", "bgcolor", "border", "cellpadding", "cellspacing",
    "frame", "hspace", "rules", "style", "valign", "vspace"};
bool has_presentational_size(Tag tag);

}  // namespace quietpage::rules::structure
