// Shared judgements about nodes, used by prepare, score and clean: what is
// phrasing content, what is visible, how link-heavy or text-dense a block is,
// and how its class/id names weigh. Readability.js defines the same rules;
// the numbers here are theirs unless a comment says otherwise.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "dom.h"

namespace quietpage {

// Readability's FLAG_* bits: each retry drops one to relax the extraction.
enum Flags : unsigned {
  kStripUnlikelys = 1,     // remove blocks whose class/id look like boilerplate
  kWeightClasses = 2,      // let class/id names raise or lower scores
  kCleanConditionally = 4  // remove low-quality blocks from the winner
};

// class + " " + id, the string class/id patterns are matched against.
std::string match_string(const Document& doc, NodeId n);

bool is_phrasing_content(const Document& doc, NodeId n);
// A whitespace-only text node or a <br>.
bool is_whitespace_node(const Document& doc, NodeId n);
// First node from `n` on (siblings) that is an element or non-blank text.
NodeId next_significant(const Document& doc, NodeId n);

bool is_probably_visible(const Document& doc, NodeId n);

// No text, and no element children other than <br>/<hr>.
bool is_element_without_content(const Document& doc, NodeId n);
// Exactly one element child, of `tag`, and no non-blank text beside it.
bool has_single_tag_inside(const Document& doc, NodeId n, Tag tag);
// Any descendant that is a block (div, p, table, list, img, ...).
bool has_child_block_element(const Document& doc, NodeId n);
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

// Share of the text that sits inside links (in-page "#" links count 30%).
double link_density(const Document& doc, NodeId n);
// Share of the text inside descendants with one of `tags`.
double text_density(const Document& doc, NodeId n, std::initializer_list<Tag> tags);
// ±25 for each of class and id that looks like content / boilerplate.
int class_weight(const Document& doc, NodeId n, unsigned flags);

bool is_heading(Tag tag);

// Characters of text in the <p>s inside `root`.
size_t paragraph_text(const Document& doc, NodeId root);
// Parent, grandparent... up to the document.
std::vector<NodeId> ancestors_of(const Document& doc, NodeId n);

// The lead: an element named like one ("teaser", "standfirst"...) with this
// much text and at most this link density.
constexpr size_t kMinLeadLength = 40;
constexpr double kMaxLeadLinkDensity = 0.3;
// The lead inside `node` (or `node` itself, unless `inside_only`), looking
// at its first elements.
NodeId lead_inside(const Document& doc, NodeId node, bool inside_only = false);

}  // namespace quietpage
