#include "heuristics.h"

#include <vector>

#include "patterns.h"
#include "text.h"

namespace quietpage {

std::string match_string(const Document& doc, NodeId n) {
  std::string s(doc.attr(n, "class"));
  s += ' ';
  s += doc.attr(n, "id");
  return s;
}

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

// Tag as seen by the rules: foreign (SVG/MathML) elements never match HTML
// tag names, as in the DOM where their tagName keeps its own case.
Tag html_tag(const Document& doc, NodeId n) {
  const Node& node = doc[n];
  if (node.kind != NodeKind::kElement) return GUMBO_TAG_UNKNOWN;
  if (node.ns != GUMBO_NAMESPACE_HTML && node.tag != GUMBO_TAG_SVG && node.tag != GUMBO_TAG_MATH)
    return GUMBO_TAG_UNKNOWN;
  return node.tag;
}

}  // namespace

bool is_heading(Tag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
         t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

bool is_phrasing_content(const Document& doc, NodeId root) {
  // A link, <del> or <ins> is phrasing when all its children are; walk those
  // with a stack instead of recursing.
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

namespace {

// Last value of a CSS property in a style attribute, lowercased, without
// "!important".
std::string style_property(std::string_view style, std::string_view property) {
  std::string value;
  size_t start = 0;
  while (start < style.size()) {
    size_t end = style.find(';', start);
    if (end == std::string_view::npos) end = style.size();
    std::string_view decl = style.substr(start, end - start);
    size_t colon = decl.find(':');
    if (colon != std::string_view::npos &&
        text::iequals(text::trim(decl.substr(0, colon)), property)) {
      std::string v = text::to_lower(text::trim(decl.substr(colon + 1)));
      size_t bang = v.find("!important");
      if (bang != std::string::npos) v = std::string(text::trim(std::string_view(v).substr(0, bang)));
      value = v;
    }
    start = end + 1;
  }
  return value;
}

// Utility classes of CSS frameworks that hide an element ("d-none",
// "is-hidden", "sr-only"...): whole class names only.
bool has_hidden_class(std::string_view classes) {
  if (!patterns::maybe_hidden_class(classes)) return false;
  static constexpr std::string_view kHidden[] = {"hidden", "is-hidden", "d-none", "display-none",
                                                 "visually-hidden", "visuallyhidden", "sr-only",
                                                 "screen-reader-text", "screenreader-only", "u-hidden",
                                                 "hide", "invisible"};
  bool found = false, shown_from_breakpoint = false;
  text::for_each_token(classes, [&](std::string_view token) {
    for (std::string_view h : kHidden)
      if (text::iequals(token, h)) found = true;
    // Bootstrap's "d-none d-md-block": hidden on phones only.
    if (text::istarts_with(token, "d-") && token.find('-', 2) != std::string_view::npos &&
        !text::icontains(token, "none"))
      shown_from_breakpoint = true;
  });
  return found && !shown_from_breakpoint;
}

}  // namespace

bool is_probably_visible(const Document& doc, NodeId n) {
  std::string_view style = doc.attr(n, "style");
  if (!style.empty()) {
    if (style_property(style, "display") == "none") return false;
    if (style_property(style, "visibility") == "hidden") return false;
  }
  if (doc.has_attr(n, "hidden")) return false;
  if (has_hidden_class(doc.attr(n, "class"))) return false;
  if (doc.attr(n, "aria-hidden") == "true") {
    // Wikimedia marks math fallback images aria-hidden; they are content.
    return doc.attr(n, "class").find("fallback-image") != std::string_view::npos;
  }
  return true;
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

// Readability's /\S$/: the text's last character is not whitespace.
static bool ends_with_non_space(std::string_view t) {
  if (t.empty()) return false;
  size_t k = t.size() - 1;
  while (k > 0 && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80) --k;
  return !text::is_space(text::next_code_point(t, k));
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

double link_density(const Document& doc, NodeId n) {
  size_t length = doc.text_stats(n).length;
  if (length == 0) return 0;
  // Links to "#fragments" (in-page navigation) weigh 0.3.
  const Document::LinkText links = doc.link_text(n);
  const double link_length = static_cast<double>(links.all - links.fragment) +
                             0.3 * static_cast<double>(links.fragment);
  return link_length / static_cast<double>(length);
}

double text_density(const Document& doc, NodeId n, std::initializer_list<Tag> tags) {
  size_t length = doc.text_stats(n).length;
  if (length == 0) return 0;
  size_t children = 0;
  for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n)) {
    Tag t = html_tag(doc, c);
    for (Tag want : tags)
      if (t == want) {
        children += doc.text_stats(c).length;
        break;
      }
  }
  return static_cast<double>(children) / static_cast<double>(length);
}

int class_weight(const Document& doc, NodeId n, unsigned flags) {
  if (!(flags & kWeightClasses)) return 0;
  if (doc[n].ns != GUMBO_NAMESPACE_HTML) return 0;
  int weight = 0;
  for (std::string_view name : {doc.attr(n, "class"), doc.attr(n, "id")}) {
    if (name.empty()) continue;
    if (patterns::negative(name)) weight -= 25;
    if (patterns::positive(name)) weight += 25;
  }
  return weight;
}

size_t paragraph_text(const Document& doc, NodeId root) {
  size_t length = 0;
  for (NodeId n = doc.next_in(root, root); n != kNoNode;) {
    if (doc.is(n, GUMBO_TAG_P)) {
      length += doc.text_stats(n).length;
      n = doc.next_in(n, root, true);
    } else {
      n = doc.next_in(n, root);
    }
  }
  return length;
}

std::vector<NodeId> ancestors_of(const Document& doc, NodeId n) {
  std::vector<NodeId> out;
  for (NodeId p = doc[n].parent; p != kNoNode; p = doc[p].parent) out.push_back(p);
  return out;
}

namespace {

constexpr int kLeadSearchDescendants = 400;  // elements looked at inside each block

bool has_lead_name(const Document& doc, NodeId n) {
  for (std::string_view name : {doc.attr(n, "class"), doc.attr(n, "id"), doc.attr(n, "itemprop")})
    if (patterns::lead_name(name)) return true;
  return false;
}

}  // namespace

NodeId lead_inside(const Document& doc, NodeId node, bool inside_only) {
  NodeId d = inside_only ? doc.next_in(node, node) : node;
  for (int looked = 0; d != kNoNode && looked < kLeadSearchDescendants; ++looked) {
    // A caption is not a lead: figures are skipped whole.
    const bool figure = doc.is(d, GUMBO_TAG_FIGURE) || doc.is(d, GUMBO_TAG_FIGCAPTION);
    if (doc.is_element(d) && !figure && has_lead_name(doc, d) &&
        doc.text_stats(d).length >= kMinLeadLength && link_density(doc, d) <= kMaxLeadLinkDensity)
      return d;
    d = doc.next_in(d, node, figure);
  }
  return kNoNode;
}

}  // namespace quietpage
