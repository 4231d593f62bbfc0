// A small mutable DOM for extraction.
//
// gumbo's tree is read-only, while extraction moves, retags and removes nodes
// all the time. So parse.cc converts gumbo's output into this Document: nodes
// live in one vector and link to each other by index, which makes every edit
// O(1), makes a full snapshot a pair of vector copies (used to retry the
// extraction with relaxed rules), and keeps traversals iterative — there is
// no recursion anywhere that a deeply nested page could overflow.
//
// Strings are views into memory that outlives the Document (gumbo's output
// and the Arena); nodes never own text.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "arena.h"
#include "deadline.h"
#include "gumbo.h"
#include "text.h"

namespace quietpage {

using NodeId = uint32_t;
constexpr NodeId kNoNode = UINT32_MAX;
// A tag is gumbo's GumboTag value, widened so that we can add our own.
using Tag = uint16_t;

// Elements newer than gumbo 0.10.1 get tags of their own after gumbo's range
// (parse.cc maps their names), so the rules can name them like any other.
constexpr Tag kTagPicture = GUMBO_TAG_LAST + 1;
constexpr Tag kTagDialog = GUMBO_TAG_LAST + 2;
constexpr Tag kTagSlot = GUMBO_TAG_LAST + 3;

enum class NodeKind : uint8_t { kDocument, kElement, kText };

struct Attr {
  std::string_view name;   // lowercase
  std::string_view value;
};

struct Node {
  NodeId parent = kNoNode;
  NodeId first_child = kNoNode;
  NodeId last_child = kNoNode;
  NodeId prev = kNoNode;
  NodeId next = kNoNode;
  uint32_t attr_begin = 0;
  uint32_t attr_count = 0;
  Tag tag = GUMBO_TAG_UNKNOWN;
  NodeKind kind = NodeKind::kElement;
  uint8_t ns = GUMBO_NAMESPACE_HTML;  // GumboNamespaceEnum
  // Text of a text node; lowercase tag name of an element gumbo doesn't know.
  // (The Document keeps each node's cached measures beside it, not in it:
  // walks read only these fields, in fewer cache lines.)
  std::string_view text;
};

class Document {
 public:
  explicit Document(Arena& arena) : arena_(arena) {}

  Arena& arena() { return arena_; }
  // The parse's time budget (deadline.h; none by default). tick() counts a
  // step of work; once the time is up, next_in(), next_element() and walk()
  // end every walk early. timed_out() reads the clock (between stages).
  // (A deadline without a limit never expires: walks do not ask it.)
  void set_deadline(Deadline* deadline) { deadline_ = deadline && deadline->limited() ? deadline : nullptr; }
  Deadline* deadline() const { return deadline_; }
  bool tick() const { return deadline_ && deadline_->tick(); }
  bool timed_out() const { return deadline_ && deadline_->check(); }
  NodeId root() const { return 0; }  // the document node
  const Node& operator[](NodeId id) const { return nodes_[id]; }
  Node& operator[](NodeId id) { return nodes_[id]; }
  size_t size() const { return nodes_.size(); }

  // Construction. clear() empties the document, to build it again;
  // reserve() makes room for what it will hold and starts a build whose
  // nodes get their caches (room for them too) only at finish_build(): the
  // parse builds the Document while gumbo's tree is in memory, and calls
  // finish_build() once that tree is freed, so that the two are not there
  // at once. (Nothing is cached while a build is on: the tree is only built.)
  struct Room {
    size_t nodes = 0;
    size_t attrs = 0;
  };
  void reserve(const Room& room) {
    nodes_.reserve(room.nodes);
    attrs_.reserve(room.attrs);
    cache_room_ = room.nodes;
    building_ = nodes_.empty();
    if (!building_) caches_.reserve(room.nodes);
  }
  void finish_build() {
    if (!building_) return;
    building_ = false;
    caches_.reserve(std::max(cache_room_, nodes_.size()));
    caches_.resize(nodes_.size());
  }
  void clear() {
    nodes_.clear();
    caches_.clear();
    attrs_.clear();
    tags_seen_.reset();
    building_ = false;
  }
  NodeId create_document();
  NodeId create_element(Tag tag, std::string_view unknown_name = {});
  NodeId create_text(std::string_view text);

  // Tree edits. A removed node keeps its subtree; it is just unlinked.
  void append_child(NodeId parent, NodeId child);
  void insert_before(NodeId parent, NodeId child, NodeId before);
  void remove(NodeId node);
  void replace(NodeId old_node, NodeId new_node);
  // Moves all children of `from` to the end of `to`.
  void move_children(NodeId from, NodeId to);
  // Replaces `node` by its children.
  void unwrap(NodeId node);

  // Attributes (names are compared case-sensitively; store lowercase).
  // (Inline: the rules read them for most elements, and most have none.)
  std::string_view attr(NodeId node, std::string_view name) const {
    if (!is_element(node)) return {};
    const Node& n = nodes_[node];
    for (uint32_t i = 0; i < n.attr_count; ++i) {
      const Attr& a = attrs_[n.attr_begin + i];
      if (a.name == name) return a.value;
    }
    return {};
  }
  bool has_attr(NodeId node, std::string_view name) const {
    if (!is_element(node)) return false;
    const Node& n = nodes_[node];
    for (uint32_t i = 0; i < n.attr_count; ++i)
      if (attrs_[n.attr_begin + i].name == name) return true;
    return false;
  }
  // Attributes hold views: `name` and `value` must outlive the document (a
  // literal, or text the document already owns such as another attribute).
  void set_attr(NodeId node, std::string_view name, std::string_view value);
  void remove_attr(NodeId node, std::string_view name);
  const Attr* attrs_begin(NodeId node) const { return attrs_.data() + nodes_[node].attr_begin; }
  const Attr* attrs_end(NodeId node) const {
    return attrs_.data() + nodes_[node].attr_begin + nodes_[node].attr_count;
  }
  void add_parsed_attr(NodeId node, std::string_view name, std::string_view value);

  // An element's tag changes through set_tag() (never by assigning
  // Node::tag), so that may_hold() stays true.
  void set_tag(NodeId n, Tag tag) {
    saw_tag(tag);
    nodes_[n].tag = tag;
  }
  // False when no element of the document ever had `tag`: a walk looking
  // for one can be skipped (restore() does not forget: it only says "maybe").
  bool may_hold(Tag tag) const { return tag >= kTagsSeen || tags_seen_.test(tag); }
  bool may_hold_any(std::initializer_list<Tag> tags) const {
    for (Tag t : tags)
      if (may_hold(t)) return true;
    return false;
  }

  // Queries.
  bool is_element(NodeId n) const { return n != kNoNode && nodes_[n].kind == NodeKind::kElement; }
  bool is_text(NodeId n) const { return n != kNoNode && nodes_[n].kind == NodeKind::kText; }
  bool is(NodeId n, Tag tag) const { return is_element(n) && nodes_[n].tag == tag; }
  std::string_view tag_name(NodeId n) const;  // lowercase
  NodeId first_element_child(NodeId n) const {
    NodeId c = nodes_[n].first_child;
    while (c != kNoNode && nodes_[c].kind != NodeKind::kElement) c = nodes_[c].next;
    return c;
  }
  NodeId next_element_sibling(NodeId n) const {
    NodeId c = nodes_[n].next;
    while (c != kNoNode && nodes_[c].kind != NodeKind::kElement) c = nodes_[c].next;
    return c;
  }
  NodeId prev_element_sibling(NodeId n) const;
  size_t element_child_count(NodeId n) const;
  // True when `node` lies inside `ancestor` (or is it).
  bool contains(NodeId ancestor, NodeId node) const;

  // Depth-first pre-order step inside the subtree of `scope`, or kNoNode at its
  // end. `skip_children` steps over the current node's subtree. (Inline: every
  // walk of the stages takes this step once per node.)
  NodeId next_in(NodeId node, NodeId scope, bool skip_children = false) const {
    if (tick()) return kNoNode;
    if (!skip_children && nodes_[node].first_child != kNoNode) return nodes_[node].first_child;
    for (NodeId n = node; n != kNoNode && n != scope; n = nodes_[n].parent) {
      if (nodes_[n].next != kNoNode) return nodes_[n].next;
    }
    return kNoNode;
  }
  // Readability's _getNextNode: next *element* in document order, optionally
  // skipping the current node's subtree.
  NodeId next_element(NodeId node, bool skip_children = false) const {
    if (tick()) return kNoNode;
    if (!skip_children) {
      NodeId c = first_element_child(node);
      if (c != kNoNode) return c;
    }
    for (NodeId n = node; n != kNoNode; n = nodes_[n].parent) {
      NodeId s = next_element_sibling(n);
      if (s != kNoNode) return s;
    }
    return kNoNode;
  }

  // Iterative depth-first walk over the descendants of `root`.
  // enter(n) returns true to descend into n's children; leave(n) runs after
  // the children of every node that enter() descended into.
  template <typename Enter, typename Leave>
  void walk(NodeId root, Enter&& enter, Leave&& leave) const {
    NodeId n = nodes_[root].first_child;
    while (n != kNoNode) {
      if (tick()) return;
      bool descend = enter(n);
      if (descend && nodes_[n].first_child != kNoNode) {
        n = nodes_[n].first_child;
        continue;
      }
      if (descend) leave(n);
      // Climb, closing entered ancestors, until a next sibling appears.
      while (nodes_[n].next == kNoNode) {
        n = nodes_[n].parent;
        if (n == root || n == kNoNode) return;
        leave(n);
      }
      n = nodes_[n].next;
    }
  }

  // Every element inside `scope` (not scope itself) that matches, collected
  // first so callers may edit the tree while going through the list.
  std::vector<NodeId> elements_by_tag(NodeId scope, Tag tag) const;
  template <typename Pred>
  std::vector<NodeId> elements_where(NodeId scope, Pred&& pred) const {
    std::vector<NodeId> out;
    for (NodeId n = next_in(scope, scope); n != kNoNode; n = next_in(n, scope))
      if (nodes_[n].kind == NodeKind::kElement && pred(n)) out.push_back(n);
    return out;
  }
  size_t count_tag(NodeId scope, Tag tag) const;
  // The first element of `tag` inside `scope` (not scope itself) in document order, or kNoNode.
  NodeId first_descendant(NodeId scope, Tag tag) const;
  bool has_descendant(NodeId scope, Tag tag) const { return first_descendant(scope, tag) != kNoNode; }

  // textContent, concatenated.
  std::string text_content(NodeId n) const;
  // Readability's _getInnerText(n): trimmed, whitespace runs collapsed; soft
  // hyphens left out (the rules read the words a reader sees: "Image
  // illus\u00ADtra\u00ADtive" is "Image illustrative").
  std::string inner_text(NodeId n) const;
  // The same into `out` (replacing what it held; its room kept for the next).
  void inner_text_into(NodeId n, std::string& out) const;
  // The first byte of inner_text(n), or 0 when it is empty (a test before
  // reading all of it). An invalid byte is given as it is.
  unsigned char first_text_byte(NodeId n) const;
  // Length (UTF-16 units) of inner_text(n) and the number of commas in it.
  struct TextStats {
    size_t length = 0;
    size_t commas = 0;
  };
  TextStats text_stats(NodeId n) const {
    // A summary computed before (text or element) is read in place.
    const Cache& c = caches_[n];
    const text::TextSummary& s = c.summarized ? c.summary : subtree_summary(n);
    return {s.length, s.commas};
  }
  bool has_text(NodeId n) const;  // any non-whitespace text inside
  // text::summarize() of a text node's text (cached).
  const text::TextSummary& summary(NodeId text_node) const;
  // The summary of node `n` when one is cached, else nullptr (computes nothing).
  const text::TextSummary* cached_summary(NodeId n) const {
    return caches_[n].summarized ? &caches_[n].summary : nullptr;
  }
  // The summary of all text inside `n` (cached, see Cache::summarized).
  const text::TextSummary& subtree_summary(NodeId n) const;
  // Text length (text_stats) of the <a> elements inside element `n`, summed
  // (nested links count twice, as in Readability); `fragment` is the part in
  // links whose href is "#something". Cached like the summaries.
  struct LinkText {
    size_t all = 0;
    size_t fragment = 0;
  };
  LinkText link_text(NodeId n) const;

  // A node's cached measures, kept beside it (caches_).
  struct Cache {
    // A text node's text::summarize(text), computed on first use by
    // text_stats() and kept: text never changes after create_text(). For an
    // element, the merge of its subtree's text summaries, kept until a tree
    // edit inside it (insert_before/remove clear it up the ancestors).
    bool summarized = false;
    // An element's link text (link_text()), cached the same way.
    bool links_counted = false;
    text::TextSummary summary;
    uint32_t link_chars = 0;           // text length inside <a href> descendants...
    uint32_t fragment_link_chars = 0;  // ...of which in links to "#fragments"
  };

  // Snapshot/restore of the whole tree (for retries).
  struct Snapshot {
    std::vector<Node> nodes;
    std::vector<Cache> caches;
    std::vector<Attr> attrs;
  };
  Snapshot snapshot() const { return {nodes_, caches_, attrs_}; }
  // The text nodes of the snapshot keep the summaries computed since it was
  // taken: a text node's text never changes (so a retry does not measure
  // every text again).
  void restore(const Snapshot& s);

  // The <html> and <body> elements (kNoNode if missing).
  NodeId html() const;
  NodeId body() const;

 private:
  void forget_caches(NodeId node);
  NodeId add(Node node);
  void saw_tag(Tag tag) {
    if (tag < kTagsSeen) tags_seen_.set(tag);
  }
  Attr* find_attr(NodeId node, std::string_view name);

  Arena& arena_;
  Deadline* deadline_ = nullptr;
  std::vector<Node> nodes_;
  mutable std::vector<Cache> caches_;  // by node, beside nodes_ (but during a build: reserve())
  bool building_ = false;
  size_t cache_room_ = 0;
  std::vector<Attr> attrs_;
  // The tags elements have had (may_hold()).
  static constexpr Tag kTagsSeen = 256;
  std::bitset<kTagsSeen> tags_seen_;
  // The stacks of subtree_summary() and link_text() (which calls the former
  // while its own stack is in use), kept to spare an allocation per call.
  struct SummaryFrame {
    NodeId node;
    NodeId child;
    text::TextSummary acc;
  };
  struct LinkFrame {
    NodeId node;
    NodeId child;
    uint32_t all;
    uint32_t fragment;
  };
  mutable std::vector<SummaryFrame> summary_stack_;
  mutable std::vector<LinkFrame> link_stack_;
};

}  // namespace quietpage
