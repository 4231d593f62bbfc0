#include "prepare.h"

#include <string>

#include "heuristics.h"
#include "text.h"

namespace quietpage {

bool looks_like_image_url(std::string_view v) {
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".webp"})
    if (text::icontains(v, ext)) return true;
  return false;
}

namespace {

// The node is an <img>, or holds exactly one element child all the way down
// to an <img>, with no text.
bool is_single_image(const Document& doc, NodeId n) {
  while (n != kNoNode) {
    if (doc.is(n, GUMBO_TAG_IMG)) return true;
    if (doc.element_child_count(n) != 1 || doc.has_text(n)) return false;
    n = doc.first_element_child(n);
  }
  return false;
}

NodeId first_img(const Document& doc, NodeId scope) {
  if (doc.is(scope, GUMBO_TAG_IMG)) return scope;
  for (NodeId n = doc.next_in(scope, scope); n != kNoNode; n = doc.next_in(n, scope))
    if (doc.is(n, GUMBO_TAG_IMG)) return n;
  return kNoNode;
}

}  // namespace

void unwrap_noscript_images(Document& doc) {
  // Images without any source are placeholders for the <noscript> copy.
  for (NodeId img : doc.elements_by_tag(doc.root(), GUMBO_TAG_IMG)) {
    bool keep = false;
    for (const Attr* a = doc.attrs_begin(img); a != doc.attrs_end(img) && !keep; ++a) {
      keep = a->name == "src" || a->name == "srcset" || a->name == "data-src" ||
             a->name == "data-srcset" || looks_like_image_url(a->value);
    }
    if (!keep) doc.remove(img);
  }

  for (NodeId noscript : doc.elements_by_tag(doc.root(), GUMBO_TAG_NOSCRIPT)) {
    if (!is_single_image(doc, noscript)) continue;
    NodeId prev = doc.prev_element_sibling(noscript);
    if (prev == kNoNode || !is_single_image(doc, prev)) continue;
    NodeId prev_img = first_img(doc, prev);
    NodeId replacement = doc.first_element_child(noscript);
    NodeId new_img = first_img(doc, replacement);
    if (prev_img == kNoNode || new_img == kNoNode) continue;
    // Carry over the placeholder's image URLs the real image lacks.
    std::vector<Attr> old_attrs(doc.attrs_begin(prev_img), doc.attrs_end(prev_img));
    for (const Attr& a : old_attrs) {
      if (a.value.empty()) continue;
      if (a.name != "src" && a.name != "srcset" && !looks_like_image_url(a.value)) continue;
      if (doc.attr(new_img, a.name) == a.value) continue;
      std::string_view name = a.name;
      if (doc.has_attr(new_img, name)) name = doc.arena().copy("data-old-" + std::string(name));
      doc.set_attr(new_img, name, a.value);
    }
    doc.replace(prev, replacement);
  }
}

namespace {

// Some pages render their article with script and keep the real text only
// in <noscript> (the script's own copy is an inert template). Such a
// <noscript> holds several paragraphs of prose; "enable JavaScript" notices,
// fallback banners and tracking pixels do not.
constexpr size_t kNoscriptArticleParagraphs = 3;
constexpr size_t kNoscriptArticleLength = 500;

bool is_noscript_article(const Document& doc, NodeId noscript) {
  if (doc.count_tag(noscript, GUMBO_TAG_P) < kNoscriptArticleParagraphs) return false;
  if (doc.text_stats(noscript).length < kNoscriptArticleLength) return false;
  return !text::icontains(doc.text_content(noscript), "javascript");
}

}  // namespace

void remove_scripts(Document& doc) {
  for (NodeId n : doc.elements_where(doc.root(), [&](NodeId id) {
         Tag t = doc[id].tag;
         return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE;
       })) {
    if (doc[n].parent == kNoNode) continue;  // inside one removed already
    if (doc[n].tag == GUMBO_TAG_NOSCRIPT && is_noscript_article(doc, n))
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
    NodeId next = doc[br].next;
    bool replaced = false;
    // Remove the rest of the chain, leaving the first <br> to become the <p>.
    while ((next = next_significant(doc, next)) != kNoNode && doc.is(next, GUMBO_TAG_BR)) {
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
        NodeId after = next_significant(doc, doc[next].next);
        if (after != kNoNode && doc.is(after, GUMBO_TAG_BR)) break;
      }
      if (!is_phrasing_content(doc, next)) break;
      NodeId sibling = doc[next].next;
      doc.append_child(p, next);
      next = sibling;
    }
    while (doc[p].last_child != kNoNode && is_whitespace_node(doc, doc[p].last_child))
      doc.remove(doc[p].last_child);
    if (doc.is(parent, GUMBO_TAG_P)) doc[parent].tag = GUMBO_TAG_DIV;
  }
}

}  // namespace

void prepare_document(Document& doc) {
  for (NodeId n : doc.elements_by_tag(doc.root(), GUMBO_TAG_STYLE)) doc.remove(n);
  NodeId body = doc.body();
  if (body != kNoNode) replace_brs(doc, body);
  for (NodeId n : doc.elements_by_tag(doc.root(), GUMBO_TAG_FONT)) doc[n].tag = GUMBO_TAG_SPAN;
}

}  // namespace quietpage
