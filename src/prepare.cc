#include "prepare.h"

#include <string>

#include "heuristics.h"
#include "patterns.h"
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

namespace {

// Blocks whose text is scored: section, h2–h6, p, td, pre.
bool is_scored_tag(Tag t) {
  switch (t) {
    case GUMBO_TAG_SECTION: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_P: case GUMBO_TAG_TD:
    case GUMBO_TAG_PRE:
      return true;
    default:
      return false;
  }
}

// A <div> holding a single <p> becomes that <p> when not too linky.
constexpr double kSingleParagraphMaxLinkDensity = 0.25;
// A byline is short.
constexpr size_t kMaxBylineLength = 100;
// A heading duplicates the title when this similar to it.
constexpr double kTitleSimilarity = 0.75;
// A block whose class/id looks unlikely only because of where it sits
// ("above-footer", "header-wrap") is kept when it holds more than this
// share of the page's paragraph text.
constexpr double kProtectedProseShare = 0.5;

// Names that say where a block sits rather than what it is.
bool only_positional_unlikely(std::string match) {
  for (std::string_view where : {"footer", "header", "extra", "supplemental", "banner"}) {
    for (size_t pos = text::ifind(match, where); pos != std::string::npos; pos = text::ifind(match, where))
      match.replace(pos, where.size(), " ");
  }
  return !patterns::unlikely_candidate(match);
}

bool holds_the_prose(const Document& doc, NodeId node, const std::string& match, double page_prose) {
  return only_positional_unlikely(match) &&
         static_cast<double>(paragraph_text(doc, node)) > kProtectedProseShare * page_prose;
}

NodeId remove_and_get_next(Document& doc, NodeId n) {
  NodeId next = doc.next_element(n, true);
  doc.remove(n);
  return next;
}

bool is_valid_byline(const Document& doc, NodeId n, std::string_view match) {
  bool looks = doc.attr(n, "rel") == "author" ||
               doc.attr(n, "itemprop").find("author") != std::string_view::npos ||
               patterns::byline(match);
  if (!looks) return false;
  size_t length = text::js_length(text::trim(doc.text_content(n)));
  return length > 0 && length < kMaxBylineLength;
}

bool header_duplicates_title(const Document& doc, NodeId n, const std::string& title) {
  if (!doc.is(n, GUMBO_TAG_H1) && !doc.is(n, GUMBO_TAG_H2)) return false;
  std::string heading(text::trim(doc.text_content(n)));
  return text_similarity(title, heading) > kTitleSimilarity;
}

// The article's header: it holds the headline (an <h1>, or a heading that
// repeats the title).
bool holds_headline(const Document& doc, NodeId n, const std::string& title) {
  for (NodeId h = doc.next_in(n, n); h != kNoNode; h = doc.next_in(h, n))
    if (doc.is(h, GUMBO_TAG_H1) || header_duplicates_title(doc, h, title)) return true;
  return false;
}

// Wraps runs of phrasing content directly inside a <div> into <p>s.
void wrap_phrasing_runs(Document& doc, NodeId div) {
  NodeId p = kNoNode;
  NodeId child = doc[div].first_child;
  while (child != kNoNode) {
    NodeId next = doc[child].next;
    if (is_phrasing_content(doc, child)) {
      if (p != kNoNode) {
        doc.append_child(p, child);
      } else if (!is_whitespace_node(doc, child)) {
        p = doc.create_element(GUMBO_TAG_P);
        doc.replace(child, p);
        doc.append_child(p, child);
      }
    } else if (p != kNoNode) {
      while (doc[p].last_child != kNoNode && is_whitespace_node(doc, doc[p].last_child))
        doc.remove(doc[p].last_child);
      p = kNoNode;
    }
    child = next;
  }
}


}  // namespace

Prepared prepare_attempt(Document& doc, NodeId body, unsigned flags, const Metadata& metadata,
                         std::string& byline, std::string& lang) {
  Prepared prepared;
  std::vector<NodeId>& to_score = prepared.paragraphs;
  NodeId main = kNoNode;
  int mains = 0;
  bool should_remove_title_header = true;
  const double page_prose = body != kNoNode ? static_cast<double>(paragraph_text(doc, body)) : 0;
  NodeId node = doc.html();
  while (node != kNoNode) {
    if (doc.is(node, GUMBO_TAG_HTML)) lang = std::string(doc.attr(node, "lang"));
    std::string match = match_string(doc, node);

    if (!is_probably_visible(doc, node)) {
      node = remove_and_get_next(doc, node);
      continue;
    }
    // Modal dialogs are not visible to the reader either.
    if (doc.attr(node, "aria-modal") == "true" && doc.attr(node, "role") == "dialog") {
      node = remove_and_get_next(doc, node);
      continue;
    }
    if (byline.empty() && metadata.byline.empty() &&
        is_valid_byline(doc, node, match)) {
      // Prefer a descendant marked itemprop="name": the bare author name.
      NodeId end = doc.next_element(node, true);
      NodeId name_node = kNoNode;
      for (NodeId n = doc.next_element(node); n != kNoNode && n != end; n = doc.next_element(n)) {
        if (doc.attr(n, "itemprop").find("name") != std::string_view::npos) {
          name_node = n;
          break;
        }
      }
      byline = std::string(
          text::trim(doc.text_content(name_node != kNoNode ? name_node : node)));
      node = remove_and_get_next(doc, node);
      continue;
    }
    if (should_remove_title_header && header_duplicates_title(doc, node, metadata.title)) {
      should_remove_title_header = false;
      node = remove_and_get_next(doc, node);
      continue;
    }
    Tag tag = doc[node].tag;
    if (flags & kStripUnlikelys) {
      if (patterns::unlikely_candidate(match) && !patterns::maybe_candidate(match) &&
          !has_ancestor_tag(doc, node, GUMBO_TAG_TABLE) &&
          !has_ancestor_tag(doc, node, GUMBO_TAG_CODE) && tag != GUMBO_TAG_BODY &&
          tag != GUMBO_TAG_A && !holds_the_prose(doc, node, match, page_prose)) {
        // An article header ("entry-header") goes, but its lead stays in its
        // place for find_lead().
        const bool header = tag == GUMBO_TAG_HEADER || match.find("header") != std::string::npos;
        NodeId lead = header && holds_headline(doc, node, metadata.title) ? lead_inside(doc, node, true)
                                                                            : kNoNode;
        if (lead == kNoNode) {
          node = remove_and_get_next(doc, node);
          continue;
        }
        doc.replace(node, lead);
        node = lead;
        tag = doc[node].tag;
        match = match_string(doc, node);
      }
      if (patterns::unlikely_role(doc.attr(node, "role"))) {
        node = remove_and_get_next(doc, node);
        continue;
      }
    }
    if ((tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_HEADER ||
         is_heading(tag)) &&
        is_element_without_content(doc, node)) {
      node = remove_and_get_next(doc, node);
      continue;
    }
    if (is_scored_tag(tag)) to_score.push_back(node);
    if (tag == GUMBO_TAG_MAIN || doc.attr(node, "role") == "main") {
      main = node;
      ++mains;
    }

    if (tag == GUMBO_TAG_DIV) {
      wrap_phrasing_runs(doc, node);
      // A <div> around a single paragraph is that paragraph.
      if (has_single_tag_inside(doc, node, GUMBO_TAG_P) &&
          link_density(doc, node) < kSingleParagraphMaxLinkDensity) {
        NodeId child = doc.first_element_child(node);
        // The wrapper's name says what the paragraph is ("share", "byline"):
        // keep it when the paragraph has none of its own.
        for (std::string_view name : {"class", "id"})
          if (!doc.has_attr(child, name) && doc.has_attr(node, name))
            doc.set_attr(child, name, doc.attr(node, name));  // the same (document-owned) text
        doc.replace(node, child);
        node = child;
        to_score.push_back(node);
      } else if (!has_child_block_element(doc, node)) {
        doc[node].tag = GUMBO_TAG_P;
        to_score.push_back(node);
      }
    }
    node = doc.next_element(node);
  }
  prepared.main = mains == 1 ? main : kNoNode;
  return prepared;
}


}  // namespace quietpage
