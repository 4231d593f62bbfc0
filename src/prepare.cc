#include "prepare.h"

#include <string>

#include "rules/boilerplate.h"
#include "rules/candidates.h"
#include "rules/features.h"
#include "rules/flags.h"
#include "rules/hidden.h"
#include "rules/leads.h"
#include "rules/media.h"
#include "rules/names.h"
#include "rules/structure.h"
#include "rules/titles.h"

namespace quietpage {

using namespace rules;

namespace {

NodeId first_img(const Document& doc, NodeId scope) {
  if (doc.is(scope, GUMBO_TAG_IMG)) return scope;
  if (!doc.may_hold(GUMBO_TAG_IMG)) return kNoNode;
  for (NodeId n = doc.next_in(scope, scope); n != kNoNode; n = doc.next_in(n, scope))
    if (doc.is(n, GUMBO_TAG_IMG)) return n;
  return kNoNode;
}

}  // namespace

void unwrap_noscript_images(Document& doc) {
  // Images without any source are placeholders for the <noscript> copy.
  for (NodeId img : doc.elements_by_tag(doc.root(), GUMBO_TAG_IMG))
    if (!media::has_image_source(doc, img)) doc.remove(img);

  for (NodeId noscript : doc.elements_by_tag(doc.root(), GUMBO_TAG_NOSCRIPT)) {
    if (!media::is_single_image(doc, noscript)) continue;
    NodeId prev = doc.prev_element_sibling(noscript);
    if (prev == kNoNode || !media::is_single_image(doc, prev)) continue;
    NodeId prev_img = first_img(doc, prev);
    NodeId replacement = doc.first_element_child(noscript);
    NodeId new_img = first_img(doc, replacement);
    if (prev_img == kNoNode || new_img == kNoNode) continue;
    // Carry over the placeholder's image URLs the real image lacks.
    std::vector<Attr> old_attrs(doc.attrs_begin(prev_img), doc.attrs_end(prev_img));
    for (const Attr& a : old_attrs) {
      if (a.value.empty()) continue;
      if (!media::is_image_url_attr(a)) continue;
      if (doc.attr(new_img, a.name) == a.value) continue;
      std::string_view name = a.name;
      if (doc.has_attr(new_img, name)) name = doc.arena().copy("data-old-" + std::string(name));
      doc.set_attr(new_img, name, a.value);
    }
    doc.replace(prev, replacement);
  }
}

void remove_scripts(Document& doc) {
  for (NodeId n : doc.elements_where(doc.root(), [&](NodeId id) {
         Tag t = doc[id].tag;
         return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE;
       })) {
    if (doc[n].parent == kNoNode) continue;  // inside one removed already
    if (doc[n].tag == GUMBO_TAG_NOSCRIPT && hidden::is_noscript_article(doc, n))
      doc.unwrap(n);
    else
      doc.remove(n);
  }
}

namespace {

// Replaces 2+ successive <br>s with one <p> holding the phrasing content that
// follows: <div>foo<br>bar<br> <br><br>abc</div> -> <div>foo<br>bar<p>abc</p></div>
void replace_brs(Document& doc, NodeId body) {
  for (NodeId br : doc.elements_by_tag(body, GUMBO_TAG_BR)) {
    // In preformatted text (code), a <br> is a line break: blank lines stay.
    if (structure::has_ancestor_tag(doc, br, GUMBO_TAG_PRE, -1)) continue;
    NodeId next = doc[br].next;
    bool replaced = false;
    // Remove the rest of the chain, leaving the first <br> to become the <p>.
    while ((next = structure::next_significant(doc, next)) != kNoNode && doc.is(next, GUMBO_TAG_BR)) {
      replaced = true;
      NodeId after = doc[next].next;
      doc.remove(next);
      next = after;
    }
    if (!replaced) continue;

    NodeId p = doc.create_element(GUMBO_TAG_P);
    NodeId parent = doc[br].parent;
    doc.replace(br, p);
    next = doc[p].next;
    while (next != kNoNode) {
      // Stop at the next <br><br>.
      if (doc.is(next, GUMBO_TAG_BR)) {
        NodeId after = structure::next_significant(doc, doc[next].next);
        if (after != kNoNode && doc.is(after, GUMBO_TAG_BR)) break;
      }
      if (!structure::is_phrasing_content(doc, next)) break;
      NodeId sibling = doc[next].next;
      doc.append_child(p, next);
      next = sibling;
    }
    while (doc[p].last_child != kNoNode && structure::is_whitespace_node(doc, doc[p].last_child))
      doc.remove(doc[p].last_child);
    if (doc.is(parent, GUMBO_TAG_P)) doc.set_tag(parent, GUMBO_TAG_DIV);
  }
}

}  // namespace

void prepare_document(Document& doc) {
  for (NodeId n : doc.elements_by_tag(doc.root(), GUMBO_TAG_STYLE)) doc.remove(n);
  NodeId body = doc.body();
  if (body != kNoNode) replace_brs(doc, body);
  for (NodeId n : doc.elements_by_tag(doc.root(), GUMBO_TAG_FONT)) doc.set_tag(n, GUMBO_TAG_SPAN);
}

namespace {

NodeId remove_and_get_next(Document& doc, NodeId n) {
  NodeId next = doc.next_element(n, true);
  doc.remove(n);
  return next;
}

// Wraps runs of phrasing content directly inside a <div> into <p>s.
void wrap_phrasing_runs(Document& doc, NodeId div) {
  NodeId p = kNoNode;
  NodeId child = doc[div].first_child;
  while (child != kNoNode) {
    NodeId next = doc[child].next;
    if (structure::is_phrasing_content(doc, child)) {
      if (p != kNoNode) {
        doc.append_child(p, child);
      } else if (!structure::is_whitespace_node(doc, child)) {
        p = doc.create_element(GUMBO_TAG_P);
        doc.replace(child, p);
        doc.append_child(p, child);
      }
    } else if (p != kNoNode) {
      while (doc[p].last_child != kNoNode && structure::is_whitespace_node(doc, doc[p].last_child))
        doc.remove(doc[p].last_child);
      p = kNoNode;
    }
    child = next;
  }
}

}  // namespace

Prepared prepare_attempt(Document& doc, NodeId body, unsigned flags, const Metadata& metadata,
                         std::string& byline, std::string& header_byline, std::string& lang) {
  Prepared prepared;
  std::vector<NodeId>& to_score = prepared.paragraphs;
  NodeId main = kNoNode;
  int mains = 0;
  bool should_remove_title_header = true;
  // (Read only by the unlikely rule, which attempts without kStripUnlikelys skip.)
  const double page_prose =
      body != kNoNode && (flags & kStripUnlikelys) ? static_cast<double>(features::paragraph_text(doc, body)) : 0;
  NodeId node = doc.html();
  while (node != kNoNode) {
    if (doc.is(node, GUMBO_TAG_HTML)) lang = std::string(doc.attr(node, "lang"));
    // The node's names, read when a rule asks for them (later attempts mostly don't).
    std::string match;
    bool matched = false;
    auto names = [&]() -> const std::string& {
      if (!matched) match = class_and_id(doc, node);
      matched = true;
      return match;
    };

    // What the reader doesn't see: hidden nodes and modal dialogs. (Only
    // attributes hide an element, make it a dialog, a byline or the main
    // one: most elements have none, and are not asked.)
    const bool has_attrs = doc[node].attr_count != 0;
    if (has_attrs && (!hidden::is_probably_visible(doc, node) || hidden::is_modal_dialog(doc, node))) {
      node = remove_and_get_next(doc, node);
      continue;
    }
    if (has_attrs && byline.empty() && metadata.byline.empty() && leads::is_byline(doc, node, names())) {
      byline = leads::byline_text(doc, node);
      node = remove_and_get_next(doc, node);
      continue;
    }
    if (should_remove_title_header && titles::header_duplicates_title(doc, node, metadata.title)) {
      should_remove_title_header = false;
      prepared.title_parent = doc[node].parent;
      if (!leads::names_the_site(doc, node)) prepared.after_title = doc.next_element_sibling(node);
      node = remove_and_get_next(doc, node);
      continue;
    }
    // An <h3> that repeats the title, or a heading that holds all of it,
    // stays, but marks where the title is.
    if (prepared.title_parent == kNoNode && titles::marks_title(doc, node, metadata.title))
      prepared.title_parent = doc[node].parent;
    Tag tag = doc[node].tag;
    if (flags & kStripUnlikelys) {
      // (Only a class or an id makes a name unlikely.)
      const bool named = !doc.attr(node, "class").empty() || !doc.attr(node, "id").empty();
      if (named && boilerplate::strips_as_unlikely(doc, node, names(), page_prose)) {
        // An article header goes, but its lead stays in its place for
        // gathering to find.
        NodeId lead = leads::lead_kept_from_header(doc, node, names(), metadata.title);
        if (byline.empty() && header_byline.empty() && metadata.byline.empty() &&
            leads::may_hold_header_byline(doc, node, names()))
          header_byline = leads::byline_within(doc, node);
        if (lead == kNoNode) {
          node = remove_and_get_next(doc, node);
          continue;
        }
        doc.replace(node, lead);
        node = lead;
        tag = doc[node].tag;
        matched = false;
      }
      if (boilerplate::unlikely_role(doc.attr(node, "role"))) {
        node = remove_and_get_next(doc, node);
        continue;
      }
    }
    // (is_empty_block() holds only for these tags.)
    const bool may_be_empty_block = tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_HEADER ||
                                    tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 ||
                                    tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
    if (may_be_empty_block && candidates::is_empty_block(doc, node)) {
      node = remove_and_get_next(doc, node);
      continue;
    }
    if (candidates::scores_text(tag)) to_score.push_back(node);
    if ((doc[node].attr_count != 0 || doc[node].tag == GUMBO_TAG_MAIN) && candidates::is_main(doc, node)) {
      main = node;
      ++mains;
    }

    if (tag == GUMBO_TAG_DIV) {
      wrap_phrasing_runs(doc, node);
      if (candidates::is_paragraph_wrapper(doc, node)) {
        NodeId child = doc.first_element_child(node);
        // The wrapper's name says what the paragraph is (a widget, a
        // byline): keep it when the paragraph has none of its own.
        for (std::string_view name : {"class", "id"})
          if (!doc.has_attr(child, name) && doc.has_attr(node, name))
            doc.set_attr(child, name, doc.attr(node, name));  // the same (document-owned) text
        doc.replace(node, child);
        node = child;
        to_score.push_back(node);
      } else if (!structure::has_child_block_element(doc, node)) {
        doc.set_tag(node, GUMBO_TAG_P);
        to_score.push_back(node);
      }
    }
    // Preformatted text (code) keeps its structure: its lines may be divs,
    // and an empty one is a blank line.
    node = doc.next_element(node, tag == GUMBO_TAG_PRE);
  }
  prepared.main = mains == 1 ? main : kNoNode;
  return prepared;
}

}  // namespace quietpage
