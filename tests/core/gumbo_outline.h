// The outline of a tree — elements (namespace and name) and text nodes, one
// per line, indented by depth — from a parsed Document and from gumbo run on
// its own, for tests and fuzzers that check the guard (src/guard.h): the
// tree parse_html builds from the guarded input must be the one gumbo builds
// from the input as it is. Comments and attributes are left out (the guard
// limits attributes); elements deeper than max_depth are left out, their
// text shown at max_depth + 1, as parse_html flattens them. Gumbo's text is
// shown in Normalization Form C, as parse_html keeps it (nfc.h).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "dom.h"
#include "gumbo.h"
#include "nfc.h"
#include "parse.h"
#include "text.h"

namespace quietpage::testing {

inline void outline_line(std::string& out, size_t depth, std::string_view line) {
  out.append(depth * 2, ' ');
  out += line;
  out += '\n';
}

inline std::string outline(const Document& doc) {
  std::string out;
  size_t depth = 1;
  doc.walk(
      doc.root(),
      [&](NodeId n) {
        if (doc.is_text(n)) {
          outline_line(out, depth, "\"" + std::string(doc[n].text) + "\"");
          return false;
        }
        if (!doc.is_element(n)) return false;
        outline_line(out, depth, std::to_string(doc[n].ns) + ":" + std::string(doc.tag_name(n)));
        ++depth;
        return true;
      },
      [&](NodeId n) {
        if (doc.is_element(n)) --depth;
      });
  return out;
}

// The outline of a tree gumbo built; without script_text, the text
// parse_html leaves out (parse.h: drops_text) is left out.
inline std::string gumbo_outline(const GumboOutput* output, size_t max_depth, bool script_text = true) {
  std::string out;
  struct Frame {
    const GumboNode* node;
    size_t depth;
  };
  std::vector<Frame> stack;
  const GumboVector& top = output->document->v.document.children;
  for (unsigned i = top.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(top.data[i]), 1});
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const GumboNode* g = f.node;
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA) {
      if (!script_text && drops_text(g->parent)) continue;
      const std::string_view text = g->v.text.text;
      outline_line(out, max_depth ? std::min(f.depth, max_depth + 1) : f.depth,
                   "\"" + (nfc::may_change(text) ? nfc::to_nfc(text) : std::string(text)) + "\"");
      continue;
    }
    if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& el = g->v.element;
    size_t depth = f.depth;
    if (!max_depth || depth <= max_depth) {
      std::string name;
      if (el.tag == GUMBO_TAG_UNKNOWN) {
        const std::string_view unknown = unknown_element_name(el);
        name = unknown.empty() ? "unknown" : text::to_lower(unknown);
      } else {
        name = gumbo_normalized_tagname(el.tag);
      }
      outline_line(out, depth, std::to_string(el.tag_namespace) + ":" + name);
      ++depth;
    }
    for (unsigned i = el.children.length; i-- > 0;)
      stack.push_back({static_cast<const GumboNode*>(el.children.data[i]), depth});
  }
  return out;
}

// gumbo's tree of `html`, parsed as it is.
inline std::string gumbo_outline(std::string_view html, size_t max_depth) {
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::string out = gumbo_outline(output, max_depth);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return out;
}

}  // namespace quietpage::testing
