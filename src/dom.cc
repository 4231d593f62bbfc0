#include "dom.h"

#include <algorithm>
#include <array>
#include <vector>

#include "text.h"

namespace quietpage {

NodeId Document::add(Node node) {
  nodes_.push_back(node);
  if (!building_) caches_.emplace_back();
  return static_cast<NodeId>(nodes_.size() - 1);
}

NodeId Document::create_document() {
  Node n;
  n.kind = NodeKind::kDocument;
  return add(n);
}

NodeId Document::create_element(Tag tag, std::string_view unknown_name) {
  Node n;
  n.kind = NodeKind::kElement;
  n.tag = tag;
  saw_tag(tag);
  n.text = unknown_name;
  n.attr_begin = static_cast<uint32_t>(attrs_.size());
  return add(n);
}

NodeId Document::create_text(std::string_view text) {
  Node n;
  n.kind = NodeKind::kText;
  n.text = text;
  return add(n);
}

void Document::append_child(NodeId parent, NodeId child) {
  insert_before(parent, child, kNoNode);
}

void Document::forget_caches(NodeId node) {
  if (building_) return;  // (nothing is cached yet)
  // A cached element has only cached descendants, so the walk stops at the
  // first ancestor already without either cache.
  for (NodeId a = node; a != kNoNode && (caches_[a].summarized || caches_[a].links_counted);
       a = nodes_[a].parent) {
    if (nodes_[a].kind == NodeKind::kText) continue;
    caches_[a].summarized = false;
    caches_[a].links_counted = false;
  }
}

void Document::insert_before(NodeId parent, NodeId child, NodeId before) {
  if (nodes_[child].parent != kNoNode) remove(child);
  forget_caches(parent);
  Node& c = nodes_[child];
  Node& p = nodes_[parent];
  c.parent = parent;
  if (before == kNoNode) {
    c.prev = p.last_child;
    c.next = kNoNode;
    if (p.last_child != kNoNode) nodes_[p.last_child].next = child;
    else p.first_child = child;
    p.last_child = child;
  } else {
    Node& b = nodes_[before];
    c.next = before;
    c.prev = b.prev;
    if (b.prev != kNoNode) nodes_[b.prev].next = child;
    else p.first_child = child;
    b.prev = child;
  }
}

void Document::remove(NodeId node) {
  Node& n = nodes_[node];
  if (n.parent == kNoNode) return;
  forget_caches(n.parent);
  Node& p = nodes_[n.parent];
  if (n.prev != kNoNode) nodes_[n.prev].next = n.next;
  else p.first_child = n.next;
  if (n.next != kNoNode) nodes_[n.next].prev = n.prev;
  else p.last_child = n.prev;
  n.parent = n.prev = n.next = kNoNode;
}

void Document::replace(NodeId old_node, NodeId new_node) {
  NodeId parent = nodes_[old_node].parent;
  if (parent == kNoNode) return;
  if (new_node == old_node) return;
  if (nodes_[new_node].parent != kNoNode) remove(new_node);
  insert_before(parent, new_node, old_node);
  remove(old_node);
}

void Document::move_children(NodeId from, NodeId to) {
  while (nodes_[from].first_child != kNoNode) append_child(to, nodes_[from].first_child);
}

void Document::unwrap(NodeId node) {
  NodeId parent = nodes_[node].parent;
  if (parent == kNoNode) return;
  while (nodes_[node].first_child != kNoNode)
    insert_before(parent, nodes_[node].first_child, node);
  remove(node);
}

Attr* Document::find_attr(NodeId node, std::string_view name) {
  const Node& n = nodes_[node];
  for (uint32_t i = 0; i < n.attr_count; ++i) {
    Attr& a = attrs_[n.attr_begin + i];
    if (a.name == name) return &a;
  }
  return nullptr;
}

void Document::add_parsed_attr(NodeId node, std::string_view name, std::string_view value) {
  // Only valid while building: the node's range is at the end of attrs_.
  attrs_.push_back({name, value});
  nodes_[node].attr_count++;
}

void Document::set_attr(NodeId node, std::string_view name, std::string_view value) {
  if (name == "href") forget_caches(nodes_[node].parent);  // link_text() weighs links by href
  if (Attr* a = find_attr(node, name)) {
    a->value = value;
    return;
  }
  Node& n = nodes_[node];
  if (n.attr_begin + n.attr_count != attrs_.size()) {
    // Move this node's range to the end so it can grow in place.
    uint32_t begin = static_cast<uint32_t>(attrs_.size());
    for (uint32_t i = 0; i < n.attr_count; ++i) attrs_.push_back(attrs_[n.attr_begin + i]);
    n.attr_begin = begin;
  }
  attrs_.push_back({name, value});
  n.attr_count++;
}

void Document::remove_attr(NodeId node, std::string_view name) {
  if (name == "href") forget_caches(nodes_[node].parent);
  Node& n = nodes_[node];
  for (uint32_t i = 0; i < n.attr_count; ++i) {
    if (attrs_[n.attr_begin + i].name != name) continue;
    for (uint32_t k = i + 1; k < n.attr_count; ++k)
      attrs_[n.attr_begin + k - 1] = attrs_[n.attr_begin + k];
    n.attr_count--;
    return;
  }
}

std::string_view Document::tag_name(NodeId n) const {
  const Node& node = nodes_[n];
  if (node.kind != NodeKind::kElement) return {};
  switch (node.tag) {
    case GUMBO_TAG_UNKNOWN: return node.text;
    case kTagPicture: return "picture";
    case kTagDialog: return "dialog";
    case kTagSlot: return "slot";
    default: {
      // gumbo's names, measured once (serializing asks for every element's).
      static const std::array<std::string_view, GUMBO_TAG_LAST> kNames = [] {
        std::array<std::string_view, GUMBO_TAG_LAST> names;
        for (int t = 0; t < GUMBO_TAG_LAST; ++t) names[t] = gumbo_normalized_tagname(static_cast<GumboTag>(t));
        return names;
      }();
      if (node.tag < GUMBO_TAG_LAST) return kNames[node.tag];
      return gumbo_normalized_tagname(static_cast<GumboTag>(node.tag));
    }
  }
}

NodeId Document::prev_element_sibling(NodeId n) const {
  NodeId c = nodes_[n].prev;
  while (c != kNoNode && nodes_[c].kind != NodeKind::kElement) c = nodes_[c].prev;
  return c;
}

size_t Document::element_child_count(NodeId n) const {
  size_t count = 0;
  for (NodeId c = nodes_[n].first_child; c != kNoNode; c = nodes_[c].next)
    if (nodes_[c].kind == NodeKind::kElement) ++count;
  return count;
}

bool Document::contains(NodeId ancestor, NodeId node) const {
  for (NodeId n = node; n != kNoNode; n = nodes_[n].parent)
    if (n == ancestor) return true;
  return false;
}

std::vector<NodeId> Document::elements_by_tag(NodeId scope, Tag tag) const {
  if (!may_hold(tag)) return {};
  return elements_where(scope, [&](NodeId n) { return nodes_[n].tag == tag; });
}

size_t Document::count_tag(NodeId scope, Tag tag) const {
  if (!may_hold(tag)) return 0;
  size_t count = 0;
  for (NodeId n = next_in(scope, scope); n != kNoNode; n = next_in(n, scope))
    if (nodes_[n].kind == NodeKind::kElement && nodes_[n].tag == tag) ++count;
  return count;
}

NodeId Document::first_descendant(NodeId scope, Tag tag) const {
  if (!may_hold(tag)) return kNoNode;
  for (NodeId n = next_in(scope, scope); n != kNoNode; n = next_in(n, scope))
    if (nodes_[n].kind == NodeKind::kElement && nodes_[n].tag == tag) return n;
  return kNoNode;
}

std::string Document::text_content(NodeId n) const {
  if (nodes_[n].kind == NodeKind::kText) return std::string(nodes_[n].text);
  std::string out;
  for (NodeId c = next_in(n, n); c != kNoNode; c = next_in(c, n))
    if (nodes_[c].kind == NodeKind::kText) out += nodes_[c].text;
  return out;
}

std::string Document::inner_text(NodeId n) const {
  std::string out;
  inner_text_into(n, out);
  return out;
}

void Document::inner_text_into(NodeId n, std::string& out) const {
  out.clear();
  if (nodes_[n].kind == NodeKind::kText) {
    bool pending = false;
    out.reserve(nodes_[n].text.size());
    text::collapse_spaces_into(out, nodes_[n].text, pending, /*drop_soft_hyphens=*/true);
    return;
  }
  // Collapsed text node by text node (no textContent in between), into
  // room for its length when that is known (UTF-16 units: at most its bytes).
  if (caches_[n].summarized) out.reserve(caches_[n].summary.length);
  bool pending = false;
  for (NodeId c = next_in(n, n); c != kNoNode; c = next_in(c, n)) {
    if (nodes_[c].kind != NodeKind::kText) continue;
    const text::TextSummary* summary = cached_summary(c);
    if (!summary || !summary->collapsed_ascii) {
      text::collapse_spaces_into(out, nodes_[c].text, pending, /*drop_soft_hyphens=*/true);
      continue;
    }
    // Collapsed already (its summary says so): what collapse_spaces_into
    // would append is its text without the ASCII whitespace around it.
    const std::string_view t = nodes_[c].text, core = text::strip_ascii_space(t);
    if (core.data() != t.data()) pending = !out.empty();
    if (pending) out += ' ';
    out += core;
    pending = core.data() + core.size() != t.data() + t.size();
  }
}

unsigned char Document::first_text_byte(NodeId n) const {
  for (NodeId c = n; c != kNoNode; c = next_in(c, n)) {
    if (nodes_[c].kind != NodeKind::kText) continue;
    const std::string_view t = nodes_[c].text;
    for (size_t i = 0; i < t.size();) {
      // (An ASCII byte is its own code point: is_space() of it is is_ascii_space().)
      const auto b = static_cast<unsigned char>(t[i]);
      if (b < 0x80) {
        if (!text::is_ascii_space(b)) return b;
        ++i;
        continue;
      }
      const size_t start = i;
      if (!text::is_space(text::next_multibyte_code_point(t, i))) return static_cast<unsigned char>(t[start]);
    }
  }
  return 0;
}

const text::TextSummary& Document::summary(NodeId text_node) const {
  const Node& t = nodes_[text_node];
  if (t.kind != NodeKind::kText) return subtree_summary(text_node);
  Cache& c = caches_[text_node];
  if (!c.summarized) {
    c.summary = text::summarize(t.text);
    c.summarized = true;
  }
  return c.summary;
}

const text::TextSummary& Document::subtree_summary(NodeId n) const {
  if (nodes_[n].kind == NodeKind::kText) return summary(n);
  if (caches_[n].summarized) return caches_[n].summary;
  // Post-order without recursion: a frame per element whose summary is
  // being merged from its children; cached subtrees are not entered.
  // The stack is the document's (kept between calls: no allocation per call).
  std::vector<SummaryFrame>& stack = summary_stack_;
  stack.clear();
  stack.push_back({n, nodes_[n].first_child, {}});
  while (true) {
    SummaryFrame& f = stack.back();
    if (f.child == kNoNode) {
      Cache& done = caches_[f.node];
      done.summary = f.acc;
      done.summarized = true;
      stack.pop_back();
      if (stack.empty()) return done.summary;
      stack.back().acc = text::merge(stack.back().acc, done.summary);
      continue;
    }
    const NodeId c = f.child;
    f.child = nodes_[c].next;
    const Node& child = nodes_[c];
    if (child.kind == NodeKind::kText) {
      f.acc = text::merge(f.acc, summary(c));
    } else if (child.kind == NodeKind::kElement && caches_[c].summarized) {
      f.acc = text::merge(f.acc, caches_[c].summary);
    } else if (child.kind == NodeKind::kElement) {
      stack.push_back({c, child.first_child, {}});
    }
  }
}

Document::LinkText Document::link_text(NodeId n) const {
  if (nodes_[n].kind != NodeKind::kElement) return {};
  // What element `c` adds to its parent's count: its own count, and its
  // whole text if it is a link.
  auto add_child = [&](NodeId c, uint32_t& all, uint32_t& fragment) {
    const Cache& counted = caches_[c];
    all += counted.link_chars;
    fragment += counted.fragment_link_chars;
    if (nodes_[c].tag != GUMBO_TAG_A) return;
    const auto own = static_cast<uint32_t>(text_stats(c).length);
    const std::string_view href = attr(c, "href");
    all += own;
    if (href.size() > 1 && href[0] == '#') fragment += own;
  };
  // Post-order without recursion, as in subtree_summary().
  std::vector<LinkFrame>& stack = link_stack_;
  stack.clear();
  if (!caches_[n].links_counted) stack.push_back({n, nodes_[n].first_child, 0, 0});
  while (!stack.empty()) {
    LinkFrame& f = stack.back();
    if (f.child == kNoNode) {
      const NodeId done = f.node;
      caches_[done].link_chars = f.all;
      caches_[done].fragment_link_chars = f.fragment;
      caches_[done].links_counted = true;
      stack.pop_back();
      if (!stack.empty()) add_child(done, stack.back().all, stack.back().fragment);
      continue;
    }
    const NodeId c = f.child;
    f.child = nodes_[c].next;
    if (nodes_[c].kind != NodeKind::kElement) continue;
    if (caches_[c].links_counted)
      add_child(c, f.all, f.fragment);
    else
      stack.push_back({c, nodes_[c].first_child, 0, 0});  // `f` is not used after this
  }
  return {caches_[n].link_chars, caches_[n].fragment_link_chars};
}

bool Document::has_text(NodeId n) const {
  if (nodes_[n].kind == NodeKind::kText) return !summary(n).blank;
  if (caches_[n].summarized) return !caches_[n].summary.blank;  // (its text's summary, cached)
  for (NodeId c = next_in(n, n); c != kNoNode; c = next_in(c, n))
    if (nodes_[c].kind == NodeKind::kText && !summary(c).blank) return true;
  return false;
}

void Document::restore(const Snapshot& s) {
  // In place (the vectors keep their room), a text node's summary computed
  // since the snapshot kept.
  const size_t common = std::min(nodes_.size(), s.nodes.size());
  for (size_t i = 0; i < common; ++i) {
    Cache& c = caches_[i];
    const Cache& was = s.caches[i];
    if (s.nodes[i].kind == NodeKind::kText && !was.summarized && c.summarized) {
      const text::TextSummary summary = c.summary;
      c = was;
      c.summary = summary;
      c.summarized = true;
    } else {
      c = was;
    }
  }
  caches_.resize(common);
  caches_.insert(caches_.end(), s.caches.begin() + static_cast<std::ptrdiff_t>(common), s.caches.end());
  nodes_.assign(s.nodes.begin(), s.nodes.end());
  attrs_.assign(s.attrs.begin(), s.attrs.end());
}

NodeId Document::html() const {
  for (NodeId c = nodes_[0].first_child; c != kNoNode; c = nodes_[c].next)
    if (is(c, GUMBO_TAG_HTML)) return c;
  return kNoNode;
}

NodeId Document::body() const {
  NodeId h = html();
  if (h == kNoNode) return kNoNode;
  for (NodeId c = nodes_[h].first_child; c != kNoNode; c = nodes_[c].next)
    if (is(c, GUMBO_TAG_BODY)) return c;
  return kNoNode;
}

}  // namespace quietpage
