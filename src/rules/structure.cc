#include "rules/structure.h"

#include "text.h"

namespace quietpage::rules::structure {
namespace {

bool is_phrasing_tag(Tag t) {
  switch (t) {
    case GUMBO_TAG_ABBR: case GUMBO_TAG_AUDIO: case GUMBO_TAG_B: case GUMBO_TAG_BDO:
    case GUMBO_TAG_BR: case GUMBO_TAG_BUTTON: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA: case GUMBO_TAG_DATALIST: case GUMBO_TAG_DFN: case GUMBO_TAG_EM:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_I: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KBD: case GUMBO_TAG_LABEL: case GUMBO_TAG_MARK: case GUMBO_TAG_MATH:
    case GUMBO_TAG_METER: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_OUTPUT: case GUMBO_TAG_PROGRESS: case GUMBO_TAG_Q: case GUMBO_TAG_RUBY:
    case GUMBO_TAG_SAMP: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_SELECT: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TIME: case GUMBO_TAG_VAR: case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

bool is_div_to_p_block(Tag t) {
  switch (t) {
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DL: case GUMBO_TAG_DIV: case GUMBO_TAG_IMG:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Readability's /\S$/: the text's last character is not whitespace.
bool ends_with_non_space(std::string_view t) {
  if (t.empty()) return false;
  size_t k = t.size() - 1;
  while (k > 0 && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80) --k;
  return !text::is_space(text::next_code_point(t, k));
}

}  // namespace

Tag html_tag(const Document& doc, NodeId n) {
  const Node& node = doc[n];
  if (node.kind != NodeKind::kElement) return GUMBO_TAG_UNKNOWN;
  if (node.ns != GUMBO_NAMESPACE_HTML && node.tag != GUMBO_TAG_SVG && node.tag != GUMBO_TAG_MATH)
    return GUMBO_TAG_UNKNOWN;
  return node.tag;
}

bool is_heading(Tag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
         t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

bool is_text_block(Tag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_LI:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ADDRESS:
      return true;
    default:
      return false;
  }
}

bool is_embed(Tag t) {
  return t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_EMBED || t == GUMBO_TAG_IFRAME;
}

bool is_phrasing_content(const Document& doc, NodeId root) {
  // A link, <del> or <ins> is phrasing when all its children are; walk those
  // with a stack instead of recursing (none for another element: its tag says).
  if (doc.is_text(root)) return true;
  const Tag root_tag = html_tag(doc, root);
  if (root_tag != GUMBO_TAG_SVG && is_phrasing_tag(root_tag)) return true;
  if (root_tag != GUMBO_TAG_A && root_tag != GUMBO_TAG_DEL && root_tag != GUMBO_TAG_INS) return false;
  std::vector<NodeId> stack{root};
  while (!stack.empty()) {
    NodeId n = stack.back();
    stack.pop_back();
    if (doc.is_text(n)) continue;
    Tag t = html_tag(doc, n);
    if (t != GUMBO_TAG_SVG && is_phrasing_tag(t)) continue;
    if (t == GUMBO_TAG_A || t == GUMBO_TAG_DEL || t == GUMBO_TAG_INS) {
      for (NodeId c = doc[n].first_child; c != kNoNode; c = doc[c].next) stack.push_back(c);
      continue;
    }
    return false;
  }
  return true;
}

bool is_whitespace_node(const Document& doc, NodeId n) {
  if (doc.is_text(n)) return text::is_blank(doc[n].text);
  return doc.is(n, GUMBO_TAG_BR);
}

NodeId next_significant(const Document& doc, NodeId n) {
  while (n != kNoNode && !doc.is_element(n) && text::is_blank(doc[n].text)) n = doc[n].next;
  return n;
}

bool is_element_without_content(const Document& doc, NodeId n) {
  if (!doc.is_element(n) || doc.has_text(n)) return false;
  for (NodeId c = doc.first_element_child(n); c != kNoNode; c = doc.next_element_sibling(c)) {
    // Element children are fine only if every element below is a <br>/<hr>.
    if (!doc.is(c, GUMBO_TAG_BR) && !doc.is(c, GUMBO_TAG_HR)) {
      // Readability compares children.length with the number of <br>/<hr>
      // descendants, so nested ones can stand in; keep that arithmetic.
      size_t children = doc.element_child_count(n);
      size_t brs = doc.count_tag(n, GUMBO_TAG_BR) + doc.count_tag(n, GUMBO_TAG_HR);
      return children == brs;
    }
  }
  return true;
}

bool has_single_tag_inside(const Document& doc, NodeId n, Tag tag) {
  NodeId only = kNoNode;
  for (NodeId c = doc[n].first_child; c != kNoNode; c = doc[c].next) {
    if (doc.is_element(c)) {
      if (only != kNoNode) return false;
      only = c;
    } else if (doc.is_text(c) && ends_with_non_space(doc[c].text)) {
      return false;  // real text beside the element
    }
  }
  return only != kNoNode && html_tag(doc, only) == tag;
}

bool has_child_block_element(const Document& doc, NodeId n) {
  for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n))
    if (is_div_to_p_block(html_tag(doc, c))) return true;
  return false;
}

bool has_image_or_embed(const Document& doc, NodeId n) {
  if (!doc.may_hold_any({GUMBO_TAG_IMG, GUMBO_TAG_EMBED, GUMBO_TAG_OBJECT, GUMBO_TAG_IFRAME})) return false;
  for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n)) {
    Tag t = doc.is_element(c) ? doc[c].tag : Tag{GUMBO_TAG_UNKNOWN};
    if (t == GUMBO_TAG_IMG || t == GUMBO_TAG_EMBED || t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_IFRAME)
      return true;
  }
  return false;
}

std::vector<NodeId> ancestors_of(const Document& doc, NodeId n) {
  std::vector<NodeId> out;
  for (NodeId p = doc[n].parent; p != kNoNode; p = doc[p].parent) out.push_back(p);
  return out;
}

bool has_presentational_size(Tag t) {
  return t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TH || t == GUMBO_TAG_TD || t == GUMBO_TAG_HR ||
         t == GUMBO_TAG_PRE;
}

}  // namespace quietpage::rules::structure
