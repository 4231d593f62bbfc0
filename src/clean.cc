#include "clean.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "heuristics.h"
#include "patterns.h"
#include "prepare.h"
#include "text.h"

namespace quietpage {
namespace {

// Blocks with "share" in their class/id and less text than this are widgets.
constexpr size_t kShareElementMaxLength = 500;
// A block is a list when lists hold more than this share of its text.
constexpr double kListTextShare = 0.9;
// Blocks with at least this many commas are prose and always kept.
constexpr size_t kProseCommas = 10;
// Lists of up to this many items are not counted against a block.
constexpr int kFreeListItems = 100;
// Thresholds of the "fishy block" checks in should_remove().
constexpr size_t kShortContentLength = 25;
constexpr double kMaxHeadingDensity = 0.9;
constexpr double kLowWeightMaxLinkDensity = 0.2;
constexpr double kHighWeightMaxLinkDensity = 0.5;
constexpr int kHighWeight = 25;
// (quietpage) A low-weight block with this many characters outside links,
// and links up to this density, is prose with links in it, not a link list.
constexpr double kLinkedProseMinText = 200;
constexpr double kLinkedProseMaxLinkDensity = 0.5;
// ...and it is not a list of teasers (headings with summaries).
constexpr double kLinkedProseMaxHeadingDensity = 0.1;
constexpr size_t kSingleEmbedMinLength = 75;
// Tables this big are data, not layout.
// A <footer> or <aside> holding more than this share of the article's text
// is the page's wrapper around the article, not chrome beside it.
constexpr double kWrapperTextShare = 0.5;
constexpr int kDataTableMinRows = 10;
constexpr int kDataTableMinColumns = 5;
constexpr int kDataTableMinCells = 10;

// Attributes that only style; dropped everywhere but inside <svg>.
constexpr std::string_view kPresentationalAttributes[] = {
    "align", "background", "bgcolor", "border", "cellpadding", "cellspacing",
    "frame", "hspace", "rules", "style", "valign", "vspace"};

void clean_styles(Document& doc, NodeId root) {
  for (NodeId n = root; n != kNoNode;) {
    if (doc.is_element(n) && doc[n].tag == GUMBO_TAG_SVG) {
      n = doc.next_in(n, root, true);
      continue;
    }
    if (doc.is_element(n)) {
      for (std::string_view a : kPresentationalAttributes) doc.remove_attr(n, a);
      Tag t = doc[n].tag;
      if (t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TH || t == GUMBO_TAG_TD || t == GUMBO_TAG_HR ||
          t == GUMBO_TAG_PRE) {
        doc.remove_attr(n, "width");
        doc.remove_attr(n, "height");
      }
    }
    n = doc.next_in(n, root);
  }
}

int parse_int(std::string_view s) {
  int v = 0;
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
  bool any = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9' && v < 100000; ++i) {
    v = v * 10 + (s[i] - '0');
    any = true;
  }
  return any ? v : 0;
}

// The tables of the article that hold data rather than layout, marked once
// per cleaning, beside the tree.
class DataTables {
 public:
  explicit DataTables(size_t nodes) : marks_(nodes, false) {}
  void mark(NodeId table) { marks_[table] = true; }
  bool contains(NodeId n) const { return n < marks_.size() && marks_[n]; }

 private:
  std::vector<bool> marks_;
};

// Data tables (as opposed to layout tables), after Firefox's accessibility
// heuristics: explicit markers first, then size.
DataTables mark_data_tables(const Document& doc, NodeId root) {
  DataTables tables(doc.size());
  for (NodeId table : doc.elements_by_tag(root, GUMBO_TAG_TABLE)) {
    bool data;
    if (doc.attr(table, "role") == "presentation" || doc.attr(table, "datatable") == "0") {
      data = false;
    } else if (!doc.attr(table, "summary").empty()) {
      data = true;
    } else {
      std::vector<NodeId> captions = doc.elements_by_tag(table, GUMBO_TAG_CAPTION);
      if (!captions.empty() && doc[captions[0]].first_child != kNoNode) {
        data = true;
      } else if (doc.has_descendant(table, GUMBO_TAG_COL) ||
                 doc.has_descendant(table, GUMBO_TAG_COLGROUP) ||
                 doc.has_descendant(table, GUMBO_TAG_TFOOT) ||
                 doc.has_descendant(table, GUMBO_TAG_THEAD) ||
                 doc.has_descendant(table, GUMBO_TAG_TH)) {
        data = true;
      } else if (doc.has_descendant(table, GUMBO_TAG_TABLE)) {
        data = false;  // nested tables are layout
      } else {
        int rows = 0, columns = 0;
        for (NodeId tr : doc.elements_by_tag(table, GUMBO_TAG_TR)) {
          int rowspan = parse_int(doc.attr(tr, "rowspan"));
          rows += rowspan ? rowspan : 1;
          int in_row = 0;
          for (NodeId td : doc.elements_by_tag(tr, GUMBO_TAG_TD)) {
            int colspan = parse_int(doc.attr(td, "colspan"));
            in_row += colspan ? colspan : 1;
          }
          columns = std::max(columns, in_row);
        }
        if (columns == 1 || rows == 1) data = false;
        else if (rows >= kDataTableMinRows || columns >= kDataTableMinColumns) data = true;
        else data = rows * columns > kDataTableMinCells;
      }
    }
    if (data) tables.mark(table);
  }
  return tables;
}

bool is_b64_data_url(std::string_view s, std::string_view& mime, size_t& prefix_len) {
  // ^data:\s*([^\s;,]+)\s*;\s*base64\s*,
  if (!text::istarts_with(s, "data:")) return false;
  size_t i = 5;
  auto skip_ws = [&] { while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i; };
  skip_ws();
  size_t start = i;
  while (i < s.size() && s[i] != ' ' && s[i] != ';' && s[i] != ',' && s[i] != '\t' && s[i] != '\n') ++i;
  if (i == start) return false;
  mime = s.substr(start, i - start);
  skip_ws();
  if (i >= s.size() || s[i] != ';') return false;
  ++i;
  skip_ws();
  if (!text::istarts_with(s.substr(i), "base64")) return false;
  i += 6;
  skip_ws();
  if (i >= s.size() || s[i] != ',') return false;
  prefix_len = i + 1;
  return true;
}

// "x.jpg 2x" style values belong in srcset; a lone "x.jpg" in src.
bool looks_like_srcset(std::string_view v) {
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".webp"}) {
    for (size_t pos = text::ifind(v, ext); pos != std::string_view::npos;
         pos = text::ifind(v, ext, pos + 1)) {
      size_t i = pos + ext.size();
      size_t spaces = 0;
      while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n')) ++i, ++spaces;
      if (spaces && i < v.size() && v[i] >= '0' && v[i] <= '9') return true;
    }
  }
  return false;
}

bool looks_like_single_image(std::string_view v) {
  std::string_view t = text::trim(v);
  if (t.empty()) return false;
  for (char c : t)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return false;
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".webp"}) {
    size_t pos = text::ifind(t, ext);
    if (pos != std::string_view::npos && pos > 0) return true;
  }
  return false;
}

// Base64 image data under 100 bytes (this many characters) is a placeholder.
constexpr size_t kMaxPlaceholderBase64 = 133;

// A src of a few bytes of base64 image data, other than SVG (which can be
// meaningful in very few bytes): a placeholder, not a picture.
bool is_placeholder_src(std::string_view src) {
  std::string_view mime;
  size_t prefix = 0;
  return is_b64_data_url(src, mime, prefix) && mime != "image/svg+xml" &&
         src.size() - prefix < kMaxPlaceholderBase64;
}

// Lazy images: move the real URL from data-* attributes into src/srcset and
// drop tiny base64 placeholders.
void fix_lazy_images(Document& doc, NodeId root) {
  for (NodeId el : doc.elements_where(root, [&](NodeId n) {
         Tag t = doc[n].tag;
         return t == GUMBO_TAG_IMG || t == kTagPicture || t == GUMBO_TAG_FIGURE;
       })) {
    Tag tag = doc[el].tag;
    std::string_view src = tag == GUMBO_TAG_IMG ? doc.attr(el, "src") : std::string_view();
    std::string_view mime;
    size_t prefix = 0;
    if (!src.empty() && is_b64_data_url(src, mime, prefix)) {
      // SVG can be meaningful in very few bytes.
      if (mime == "image/svg+xml") continue;
      bool other_image = false;
      for (const Attr* a = doc.attrs_begin(el); a != doc.attrs_end(el); ++a)
        if (a->name != "src" && looks_like_image_url(a->value)) other_image = true;
      if (other_image && is_placeholder_src(src)) {
        doc.remove_attr(el, "src");
        src = {};
      }
    }
    std::string_view srcset = tag == GUMBO_TAG_IMG ? doc.attr(el, "srcset") : std::string_view();
    bool lazy_class = text::icontains(doc.attr(el, "class"), "lazy");
    if ((!src.empty() || (!srcset.empty() && srcset != "null")) && !lazy_class) continue;

    std::vector<Attr> attrs(doc.attrs_begin(el), doc.attrs_end(el));
    for (const Attr& a : attrs) {
      if (a.name == "src" || a.name == "srcset" || a.name == "alt") continue;
      std::string_view copy_to;
      if (looks_like_srcset(a.value)) copy_to = "srcset";
      else if (looks_like_single_image(a.value)) copy_to = "src";
      if (copy_to.empty()) continue;
      if (tag == GUMBO_TAG_IMG || tag == kTagPicture) {
        doc.set_attr(el, copy_to, a.value);
      } else if (!doc.has_descendant(el, GUMBO_TAG_IMG) && !doc.has_descendant(el, kTagPicture)) {
        NodeId img = doc.create_element(GUMBO_TAG_IMG);
        doc.set_attr(img, copy_to, a.value);
        doc.append_child(el, img);
      }
    }
  }
}

// --- Tracking pixels and icons (quietpage) -----------------------------------
//
// Images the page sizes at a pixel or two are beacons and spacers; images it
// sizes no bigger than an icon are icons (share buttons, arrows, logos of
// feeds). Neither is part of the article — but in a data table small images
// are data (flags, status marks), and an emoji drawn as an image reads as
// its alt text. Sizes count only when the page declares them (width and
// height attributes, in CSS pixels; 0 often stands for "auto"). An image whose
// only source is a few bytes of base64 (a 1x1 GIF is 43) is a spacer too.
constexpr int kMaxPixelSize = 2;
constexpr int kMaxIconSize = 32;
// An alt of at most this many code points, all symbols (U+2000 and above),
// is an emoji.
constexpr size_t kMaxEmojiCodePoints = 4;
constexpr uint32_t kFirstSymbol = 0x2000;

// A width or height attribute in CSS pixels ("16", "16px"); 0 when absent,
// zero or relative ("50%", "2em").
int declared_pixels(std::string_view v) {
  v = text::trim(v);
  size_t digits = 0;
  while (digits < v.size() && v[digits] >= '0' && v[digits] <= '9') ++digits;
  std::string_view unit = v.substr(digits);
  if (digits == 0 || (!unit.empty() && unit != "px" && unit[0] != '.')) return 0;
  return parse_int(v);
}

bool in_data_table(const Document& doc, const DataTables& tables, NodeId n, NodeId root) {
  for (NodeId a = doc[n].parent; a != kNoNode && a != doc[root].parent; a = doc[a].parent)
    if (doc.is(a, GUMBO_TAG_TABLE) && tables.contains(a)) return true;
  return false;
}

bool is_emoji_text(std::string_view alt) {
  alt = text::trim(alt);
  size_t count = 0;
  for (size_t i = 0; i < alt.size();) {
    if (text::next_code_point(alt, i) < kFirstSymbol || ++count > kMaxEmojiCodePoints) return false;
  }
  return count > 0;
}

void remove_pixels_and_icons(Document& doc, const DataTables& tables, NodeId root) {
  for (NodeId img : doc.elements_by_tag(root, GUMBO_TAG_IMG)) {
    if (doc.attr(img, "srcset").empty() && is_placeholder_src(doc.attr(img, "src"))) {
      doc.remove(img);
      continue;
    }
    const int largest = std::max(declared_pixels(doc.attr(img, "width")), declared_pixels(doc.attr(img, "height")));
    if (largest == 0 || largest > kMaxIconSize) continue;
    if (largest <= kMaxPixelSize) {
      doc.remove(img);
    } else if (is_emoji_text(doc.attr(img, "alt"))) {
      doc.replace(img, doc.create_text(text::trim(doc.attr(img, "alt"))));
    } else if (!in_data_table(doc, tables, img, root)) {
      doc.remove(img);
    }
  }
}

bool is_embed_tag(Tag t) {
  return t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_EMBED || t == GUMBO_TAG_IFRAME;
}

// An embed from an allowed video host (checked on attributes and, for
// <object>, on the markup inside).
bool is_allowed_video(const Document& doc, NodeId n) {
  for (const Attr* a = doc.attrs_begin(n); a != doc.attrs_end(n); ++a)
    if (patterns::mentions_video(a->value)) return true;
  if (doc[n].tag == GUMBO_TAG_OBJECT) {
    for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n)) {
      if (doc.is_text(c) && patterns::mentions_video(doc[c].text)) return true;
      if (doc.is_element(c))
        for (const Attr* a = doc.attrs_begin(c); a != doc.attrs_end(c); ++a)
          if (patterns::mentions_video(a->value)) return true;
    }
  }
  return false;
}

// Removes every `tag` element (keeping allowed videos among embeds).
void clean_tag(Document& doc, NodeId root, Tag tag) {
  std::vector<NodeId> nodes = doc.elements_by_tag(root, tag);
  for (size_t i = nodes.size(); i-- > 0;) {
    NodeId n = nodes[i];
    if (doc[n].parent == kNoNode) continue;
    if (is_embed_tag(tag) && is_allowed_video(doc, n)) continue;
    doc.remove(n);
  }
}

bool should_remove_conditionally(const Document& doc, const DataTables& tables, NodeId node, Tag tag,
                                 unsigned flags) {
  bool is_list = tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL;
  const size_t length = doc.text_stats(node).length;
  if (!is_list) {
    size_t list_length = 0;
    for (NodeId c = doc.next_in(node, node); c != kNoNode; c = doc.next_in(c, node))
      if (doc.is(c, GUMBO_TAG_UL) || doc.is(c, GUMBO_TAG_OL)) list_length += doc.text_stats(c).length;
    // JavaScript division semantics: x/0 is Infinity, 0/0 is NaN (false).
    is_list = length == 0 ? list_length > 0
                          : static_cast<double>(list_length) / static_cast<double>(length) > kListTextShare;
  }
  if (tag == GUMBO_TAG_TABLE && tables.contains(node)) return false;
  if (has_ancestor_tag(doc, node, GUMBO_TAG_TABLE, -1, [&](NodeId t) { return tables.contains(t); }))
    return false;
  if (has_ancestor_tag(doc, node, GUMBO_TAG_CODE)) return false;
  for (NodeId c = doc.next_in(node, node); c != kNoNode; c = doc.next_in(c, node))
    if (doc.is(c, GUMBO_TAG_TABLE) && tables.contains(c)) return false;

  const int weight = class_weight(doc, node, flags);
  if (weight < 0) return true;

  // Readability counts ASCII commas only here.
  size_t commas = 0;
  for (NodeId c = doc.next_in(node, node); c != kNoNode; c = doc.next_in(c, node))
    if (doc.is_text(c)) commas += static_cast<size_t>(std::count(doc[c].text.begin(), doc[c].text.end(), ','));
  if (commas >= kProseCommas) return false;

  int p = 0, img = 0, li = -kFreeListItems, input = 0, embeds = 0;
  for (NodeId c = doc.next_in(node, node); c != kNoNode; c = doc.next_in(c, node)) {
    if (!doc.is_element(c)) continue;
    switch (doc[c].tag) {
      case GUMBO_TAG_P: ++p; break;
      case GUMBO_TAG_IMG: ++img; break;
      case GUMBO_TAG_LI: ++li; break;
      case GUMBO_TAG_INPUT: ++input; break;
      case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_IFRAME:
        if (is_allowed_video(doc, c)) return false;
        ++embeds;
        break;
      default: break;
    }
  }
  if (length <= patterns::kMaxLabelWordLength) {
    std::string inner = doc.inner_text(node);
    if (patterns::ad_words(inner) || patterns::loading_words(inner)) return true;
  }

  const double heading_density = text_density(
      doc, node, {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6});
  const size_t content_length = length;
  const double links = link_density(doc, node);
  const double textish = text_density(
      doc, node, {GUMBO_TAG_SPAN, GUMBO_TAG_LI, GUMBO_TAG_TD, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_DL,
                  GUMBO_TAG_DIV, GUMBO_TAG_IMG, GUMBO_TAG_OL, GUMBO_TAG_P, GUMBO_TAG_PRE,
                  GUMBO_TAG_TABLE, GUMBO_TAG_UL});
  const bool figure_child = has_ancestor_tag(doc, node, GUMBO_TAG_FIGURE);

  // Prose that cites with links is kept where Readability sees only links.
  const bool is_linked_prose = static_cast<double>(length) * (1 - links) >= kLinkedProseMinText &&
                               links <= kLinkedProseMaxLinkDensity &&
                               heading_density < kLinkedProseMaxHeadingDensity;
  bool remove =
      // more images than paragraphs
      (!figure_child && img > 1 && static_cast<double>(p) / img < 0.5) ||
      // many list items outside of a list
      (!is_list && li > p) ||
      // a form, not prose
      (input > static_cast<int>(std::floor(p / 3.0))) ||
      // short, linked and not a heading, figure or image block
      (!is_list && !figure_child && heading_density < kMaxHeadingDensity &&
       content_length < kShortContentLength && (img == 0 || img > 2) && links > 0) ||
      (!is_list && weight < kHighWeight && links > kLowWeightMaxLinkDensity && !is_linked_prose) ||
      (weight >= kHighWeight && links > kHighWeightMaxLinkDensity) ||
      // embeds (other than allowed videos) without text around them
      ((embeds == 1 && content_length < kSingleEmbedMinLength) || embeds > 1) ||
      // no text in text-holding elements and no image
      (img == 0 && textish == 0);

  if (is_list && remove) {
    // Keep simple lists of images: one image per item, nothing else.
    for (NodeId c = doc.first_element_child(node); c != kNoNode; c = doc.next_element_sibling(c))
      if (doc.element_child_count(c) > 1) return true;
    if (img == static_cast<int>(doc.count_tag(node, GUMBO_TAG_LI))) return false;
  }
  return remove;
}

void clean_conditionally(Document& doc, const DataTables& tables, NodeId root, Tag tag, unsigned flags) {
  if (!(flags & kCleanConditionally)) return;
  // Innermost first (reverse document order), as removals change the
  // statistics of the blocks around them.
  std::vector<NodeId> nodes = doc.elements_by_tag(root, tag);
  for (size_t i = nodes.size(); i-- > 0;) {
    NodeId n = nodes[i];
    if (doc[n].parent == kNoNode) continue;
    if (should_remove_conditionally(doc, tables, n, tag, flags)) doc.remove(n);
  }
}

// Removes descendants of `root` matched by `pred(node, class_and_id)`.
template <typename Pred>
void clean_matched(Document& doc, NodeId root, Pred&& pred) {
  NodeId end = doc.next_element(root, true);
  NodeId n = doc.next_element(root);
  while (n != kNoNode && n != end) {
    if (pred(n, match_string(doc, n))) {
      NodeId next = doc.next_element(n, true);
      doc.remove(n);
      n = next;
    } else {
      n = doc.next_element(n);
    }
  }
}

bool has_image_or_embed(const Document& doc, NodeId n) {
  for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n)) {
    Tag t = doc.is_element(c) ? doc[c].tag : Tag{GUMBO_TAG_UNKNOWN};
    if (t == GUMBO_TAG_IMG || t == GUMBO_TAG_EMBED || t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_IFRAME)
      return true;
  }
  return false;
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

// --- Boilerplate inside the article (quietpage's own rules) ------------------
//
// Readability keeps much of what sits inside the chosen container: share
// bars, "related" boxes, author boxes, image credits. These rules remove
// such blocks by what they are called and what they say, never blocks that
// hold a large part of the article's text.

// A block holding at least this share of the article's text is never
// removed as boilerplate.
constexpr double kBoilerplateMaxShare = 0.25;
// Credits and labels are short.
constexpr size_t kMaxCreditLength = 150;
constexpr size_t kMaxLabelLength = 60;
// After a "related" heading, siblings this linky are its list of links.
constexpr double kRelatedLinkDensity = 0.5;

// Words in class/id names that mark boilerplate whatever else the name says
// (unlike Readability's patterns, "related-content" counts as related).
bool is_boilerplate_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "share", "sharing", "shares", "social", "newsletter", "subscribe", "subscription",
      "promo", "advert", "advertisement", "sponsor", "sponsored", "breadcrumb", "breadcrumbs",
      "pagination", "pager", "sidebar", "signup", "cookie", "cookies", "popup", "modal",
      "recommended", "recommendations", "outbrain", "taboola", "related", "comments", "disqus",
      "tags", "tagcloud", "readmore", "author", "byline", "bio", "meta", "postmeta", "postmetadata",
      "noprint", "disclaimer", "disclosure", "saboxplugin", "kommentare", "community", "teasers", "linkbox", "commentaires",
      "comentarios"};
  for (std::string_view k : kWords)
    if (text::iequals(w, k)) return true;
  // Words that start a name ("relatedPosts", "kommentarModul").
  for (std::string_view k : {"related", "kommentar"})
    if (text::istarts_with(w, k)) return true;
  return false;
}

bool is_credit_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {"credit", "credits", "copyright", "photographer",
                                                "photocredit", "imagecredit", "attribution"};
  for (std::string_view k : kWords)
    if (text::iequals(w, k)) return true;
  return false;
}

// Ad slots are named "ad", "ads", "ad-slot"...: only whole names or their
// first part count, as "ad" inside a name is mostly something else
// ("TestReport__Section--Ads" is a content section that may hold ads).
bool is_ad_name(std::string_view token) {
  for (std::string_view w : {"ad", "ads", "adv", "advert", "adslot", "adsense", "dfp", "gpt-ad"}) {
    if (text::iequals(token, w)) return true;
    if (text::istarts_with(token, w) && token.size() > w.size() &&
        (token[w.size()] == '-' || token[w.size()] == '_'))
      return true;
  }
  return false;
}

// Class names that hide a block when the page is printed ("noprint",
// "d-print-none", "hidden-print"): the page's own word that the block is
// not part of what it would put on paper. Blocks shown only on paper
// ("print-only", "visible-print") are not part of the page on screen.
bool is_print_name(std::string_view token) {
  if (text::ifind(token, "print") == std::string_view::npos) return false;
  char squashed[16];  // the name lowercased, without - and _ (long names: their start)
  size_t size = 0;
  for (size_t i = 0; i < token.size() && size < sizeof squashed; ++i)
    if (token[i] != '-' && token[i] != '_') squashed[size++] = text::lower(token[i]);
  const std::string_view s(squashed, size);
  const bool hidden_in_print = s.substr(0, 7) == "noprint" || s == "dprintnone" || s == "printnone" ||
                               s == "hiddenprint" || s == "hideprint" || s == "printhide" ||
                               s == "printhidden" || s == "notprint";
  const bool only_in_print = s == "print" || s == "printonly" || s == "onlyprint" ||
                             s.substr(0, 12) == "visibleprint" || s == "showforprint";
  return hidden_in_print || only_in_print;
}

// Calls fn(word) for the words of class and id: split at anything that is
// not a letter or digit ("c-article__share-bar" -> c, article, share, bar).
// BEM modifiers ("block--modifier") describe a block rather than name it
// and are skipped; whole ad names are reported as "advert". Long ids are
// slugs of headings ("sharing-with-a-single-developer"), not names.
constexpr size_t kMaxNameIdWords = 3;

template <typename Fn>
void for_each_name_word(const Document& doc, NodeId n, Fn&& fn) {
  std::string_view id = doc.attr(n, "id");
  if (std::count(id.begin(), id.end(), '-') + std::count(id.begin(), id.end(), '_') >=
      static_cast<long>(kMaxNameIdWords))
    id = {};
  for (std::string_view names : {doc.attr(n, "class"), id}) {
    text::for_each_token(names, [&](std::string_view token) {
      if (is_ad_name(token)) fn("advert");
      if (is_print_name(token)) fn("noprint");
      size_t modifier = token.find("--");
      std::string_view name = token.substr(0, modifier);
      size_t i = 0;
      while (i < name.size()) {
        auto is_word = [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 static_cast<unsigned char>(c) >= 0x80;
        };
        while (i < name.size() && !is_word(name[i])) ++i;
        size_t start = i;
        while (i < name.size() && is_word(name[i])) ++i;
        if (i > start) fn(name.substr(start, i - start));
      }
    });
  }
}

// Texts that open image credits: "Foto: dpa", "(Photo: Getty)", "© AFP".
bool starts_like_credit(std::string_view t) {
  if (!t.empty() && t[0] == '(') t.remove_prefix(1);
  // Every opening below starts with one of these bytes (0xC2: "©").
  if (t.empty() || std::string_view("fpbicqsg(\xC2").find(text::lower(t[0])) == std::string_view::npos)
    return false;
  for (std::string_view p : {"foto:", "fotos:", "photo:", "photos:", "bild:", "bilder:", "image:",
                             "imagen:", "imagens:", "crédit", "credit:", "credits:", "copyright",
                             "©", "(c) ", "quelle:", "source:", "fuente:", "photo credit",
                             "picture:", "illustration:", "grafik:", "photo by ", "image by ", "bild via",
                             "foto via", "photo via", "image via"})
    if (text::istarts_with(t, p)) return true;
  return false;
}

// "Source: ..." under a table names where its data comes from: that belongs
// to the article, where the same words under a photo are a credit.
bool is_source_line(std::string_view t) {
  if (!t.empty() && t[0] == '(') t.remove_prefix(1);
  for (std::string_view p : {"source:", "sources:", "quelle:", "quellen:", "fuente:", "fuentes:"})
    if (text::istarts_with(t, p)) return true;
  return false;
}

bool follows_table(const Document& doc, NodeId n) {
  NodeId prev = doc.prev_element_sibling(n);
  return prev != kNoNode && (doc.is(prev, GUMBO_TAG_TABLE) || doc.has_descendant(prev, GUMBO_TAG_TABLE));
}

// A call to follow the site on a social network or get its app ("Follow
// us on Twitter", "Únete a nuestro canal de Telegram", "Download the app
// for iOS and Android"): a sentence opening with an action, and a channel,
// in a short block. Or a paywall's prompt ("To continue reading...").
constexpr size_t kMaxPromoLength = 250;

bool is_promo_line(std::string_view t) {
  static constexpr std::string_view kActions[] = {
      "follow", "folgen sie", "folgt uns", "folge uns", "síguenos",
      "siguenos", "suivez-nous", "suivez nous", "únete", "unete", "join us", "join our", "download the",
      "download our", "descarga la", "descarga nuestra", "lade dir", "laden sie sich", "like us on",
      "abonnieren sie", "abonniere", "suscríbete", "suscribete", "abonnez-vous", "sign up for",
      "subscribe to our"};
  static constexpr std::string_view kChannels[] = {
      "twitter", "facebook", "instagram", "telegram", "whatsapp", "tiktok", "youtube", "linkedin",
      "newsletter", "app store", "google play", "android", " app ", " apps ", "podcast"};
  // Paywall prompts say what they are anywhere.
  static constexpr std::string_view kPaywall[] = {
      "to view the full story", "to read the full story", "to read the full article",
      "to continue reading", "already a subscriber", "already have an account", "subscribe to continue",
      "subscribe to read", "für abonnenten", "nur für abonnenten", "réservé aux abonnés",
      "exclusivo para suscriptores", "contenido exclusivo para"};
  const std::string lower = text::lower_utf8(t);
  for (std::string_view w : kPaywall)
    if (lower.find(w) != std::string::npos) return true;
  // The action opens a sentence (an imperative), the channel is anywhere.
  auto opens_sentence = [&](size_t pos) {
    while (pos > 0 && (lower[pos - 1] == ' ' || lower[pos - 1] == '*')) --pos;
    return pos == 0 || std::string_view(".!?:,").find(lower[pos - 1]) != std::string_view::npos ||
           (pos >= 2 && (lower.compare(pos - 2, 2, "\u00bf") == 0 || lower.compare(pos - 2, 2, "\u00a1") == 0));
  };
  bool action = false;
  for (std::string_view w : kActions)
    for (size_t pos = lower.find(w); pos != std::string::npos && !action; pos = lower.find(w, pos + 1))
      action = opens_sentence(pos);
  if (!action) return false;
  for (std::string_view w : kChannels)
    if (lower.find(w) != std::string::npos) return true;
  return false;
}

// Headings that introduce lists of other articles, comments or sign-ups.
bool is_related_heading(std::string_view t) {
  static constexpr std::string_view kPhrases[] = {
      // en
      "related", "read more", "read also", "read next", "more from", "more on this", "more stories",
      "more news", "you may also like", "you might also like", "recommended", "further reading",
      "next article", "next post", "previous article", "previous post", "discover more", "explore more",
      "enjoyed this article", "liked this article", "support us", "support our",
      "see also", "most read", "most popular", "latest news", "trending", "share this", "follow us",
      "leave a comment", "leave a reply", "about the author", "sign up", "subscribe",
      // de
      "mehr zum thema", "mehr zu diesem thema", "das könnte sie auch interessieren",
      "das könnte dich auch interessieren", "das könnte sie interessieren", "auch interessant",
      "weitere artikel", "weiterführende links", "weiterführender link", "zum weiterlesen",
      "weiterlesen", "siehe auch", "empfohlene beiträge", "ähnliche artikel", "ähnliche beiträge",
      "neueste artikel", "meistgelesen", "meist gelesen", "über den autor", "über die autorin",
      "verwandte themen", "verwandte artikel", "lesen sie auch", "lesen sie mehr", "artikel teilen",
      "beitrag teilen", "nächster artikel", "nächster beitrag", "vorheriger artikel", "vorheriger beitrag",
      "vorschau auf den nächsten", "entdecke weitere", "entdecken sie weitere", "wir empfehlen",
      "heute empfehlen wir", "artikel gefallen", "beitrag gefallen", "unterstütze", "unterstützen sie",
      // fr
      "à lire aussi", "a lire aussi", "lire aussi", "voir aussi", "sur le même sujet",
      "articles similaires", "les plus lus", "à découvrir", "partager",
      // es, pt, it, nl
      "te puede interesar", "noticias relacionadas", "lee también", "más noticias", "puedes ver",
      "leia também", "veja também", "notícias relacionadas", "leggi anche", "articoli correlati",
      "potrebbe interessarti", "lees ook", "gerelateerd", "meer over"};
  std::string lower = text::lower_utf8(text::trim(t));
  for (std::string_view p : kPhrases)
    if (text::istarts_with(lower, p)) return true;
  return false;
}

// Where a credit that runs to the end of a caption's text starts ("Die
// Altstadt. Foto: dpa"), or npos. It starts a word.
size_t credit_start(std::string_view t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (i > 0 && std::string_view(" \t\n(|/.,;").find(t[i - 1]) == std::string_view::npos) continue;
    if (starts_like_credit(t.substr(i))) return i;
  }
  return std::string_view::npos;
}

bool is_caption(const Document& doc, NodeId n) {
  return doc.is(n, GUMBO_TAG_FIGCAPTION) || text::icontains(doc.attr(n, "class"), "caption");
}

// Image credits at the end of captions go; the description stays.
void cut_caption_credits(Document& doc, NodeId article) {
  for (NodeId caption : doc.elements_where(article, [&](NodeId n) { return is_caption(doc, n); })) {
    if (!doc.contains(article, caption)) continue;  // inside a caption cut before
    // The caption's text, joined, and where each text node starts in it (a
    // credit may span nodes: "Bild <a>via</a>").
    std::string joined;
    std::vector<std::pair<NodeId, size_t>> texts;
    for (NodeId n = doc.next_in(caption, caption); n != kNoNode; n = doc.next_in(n, caption)) {
      if (!doc.is_text(n)) continue;
      texts.emplace_back(n, joined.size());
      joined += doc[n].text;
    }
    const size_t start = credit_start(joined);
    if (start == std::string::npos || text::js_length(std::string_view(joined).substr(start)) > kMaxCreditLength)
      continue;
    size_t i = texts.size() - 1;
    while (texts[i].second > start) --i;
    const NodeId t = texts[i].first;
    // Keep the description (and its leading space), without the separator
    // before the credit.
    std::string_view kept = doc[t].text.substr(0, start - texts[i].second);
    while (!kept.empty() && std::string_view(" \t\n(|/-").find(kept.back()) != std::string_view::npos)
      kept.remove_suffix(1);
    for (NodeId x = t; x != caption; x = doc[x].parent)
      while (doc[x].next != kNoNode) doc.remove(doc[x].next);
    if (text::trim(kept).empty()) doc.remove(t); else doc.replace(t, doc.create_text(kept));
    if (!doc.has_text(caption) && !has_image_or_embed(doc, caption)) doc.remove(caption);
  }
}

void remove_boilerplate(Document& doc, NodeId article, unsigned flags) {
  cut_caption_credits(doc, article);
  const size_t article_length = doc.text_stats(article).length;
  // A retry (the page had little text) removes no block holding a large
  // share of it, however short.
  const double share = kBoilerplateMaxShare * static_cast<double>(article_length);
  const double max_length = (flags & kCleanConditionally) ? std::max<double>(kMaxLabelLength, share) : share;

  // Named boilerplate and credits, outermost first.
  NodeId end = doc.next_element(article, true);
  for (NodeId n = doc.next_element(article); n != kNoNode && n != end;) {
    bool boilerplate = false, credit = false;
    // Names of inline elements (links, emphasis) rarely mean boilerplate.
    const bool block = !is_phrasing_content(doc, n);
    for_each_name_word(doc, n, [&](std::string_view w) {
      boilerplate = boilerplate || (block && is_boilerplate_word(w));
      credit = credit || is_credit_word(w);
    });
    size_t length = (boilerplate || credit) ? doc.text_stats(n).length : 0;
    bool remove = (boilerplate && length < max_length) || (credit && length < kMaxCreditLength);
    if (!remove && !doc.is(n, GUMBO_TAG_A) && !has_child_block_element(doc, n)) {
      // Short text-only elements that read like a credit line, or blocks
      // that ask the reader to follow, join or download something.
      Document::TextStats stats = doc.text_stats(n);
      const bool maybe_credit = stats.length > 0 && stats.length < kMaxCreditLength;
      const bool maybe_promo = stats.length > 0 && stats.length < kMaxPromoLength && is_text_block(doc[n].tag);
      if (maybe_credit || maybe_promo) {
        std::string inner = doc.inner_text(n);
        remove = (maybe_credit && starts_like_credit(inner) &&
                  !(is_source_line(inner) && follows_table(doc, n))) ||
                 (maybe_promo && is_promo_line(inner));
      }
    }
    if (remove) {
      NodeId next = doc.next_element(n, true);
      doc.remove(n);
      n = next;
    } else {
      n = doc.next_element(n);
    }
  }

  // "Related" headings with the link lists that follow them.
  std::vector<NodeId> headings = doc.elements_where(article, [&](NodeId n) {
    Tag t = doc[n].tag;
    if (is_heading(t)) return true;
    // Short text-only blocks used as headings (<p><strong>Mehr zum Thema</strong></p>).
    return (t == GUMBO_TAG_P || t == GUMBO_TAG_DIV || t == GUMBO_TAG_STRONG) &&
           !has_child_block_element(doc, n) && doc.text_stats(n).length <= kMaxLabelLength;
  });
  for (NodeId h : headings) {
    if (doc[h].parent == kNoNode || !doc.contains(article, h)) continue;
    if (doc.text_stats(h).length > kMaxLabelLength || !is_related_heading(doc.inner_text(h))) continue;
    NodeId next = doc.next_element_sibling(h);
    while (next != kNoNode && (link_density(doc, next) >= kRelatedLinkDensity || !doc.has_text(next))) {
      NodeId after = doc.next_element_sibling(next);
      doc.remove(next);
      next = after;
    }
    NodeId parent = doc[h].parent;
    doc.remove(h);
    // A box that held only the heading and its links goes too.
    while (parent != article && parent != kNoNode && !doc.has_text(parent) &&
           !doc.has_descendant(parent, GUMBO_TAG_IMG)) {
      NodeId up = doc[parent].parent;
      doc.remove(parent);
      parent = up;
    }
  }
}

// --- The article's tail (quietpage) -----------------------------------------
//
// What a page puts right after its article — "Mehr zum Thema", "Keine
// Kommentare", "Kontakt:", "Anzeige", a heading with nothing under it — often
// sits inside the same container and ends the extracted text. Trailing
// blocks that are headings, or short lines that are not sentences, go.

// A trailing line longer than this is prose, whatever it ends with.
constexpr size_t kMaxTrailingLabelLength = 80;
// At most this many trailing blocks are removed.
constexpr int kMaxTrailingLabels = 6;
// Trimming stops when less than this much text would be left before the
// block: a short article (or a one-line note) is its own content, not a tail.
constexpr size_t kMinTextBeforeTail = 2 * kMaxTrailingLabelLength;

bool ends_like_sentence(std::string_view t) {
  t = text::trim(t);
  if (t.empty()) return false;
  for (std::string_view end : {".", "!", "?", "…", "。", "！", "？", "\"", "”", "»", "“", "'", "’", ")", "؟"})
    if (t.size() >= end.size() && t.substr(t.size() - end.size()) == end) return true;
  return false;
}

bool is_media(Tag t) {
  switch (t) {
    case GUMBO_TAG_IMG: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_OBJECT: case GUMBO_TAG_TABLE:
      return true;
    default:
      return false;
  }
}

// The block holding text node `t` (a paragraph, heading, div...), or kNoNode
// when it sits in something that legitimately starts or ends an article:
// code, a table, a caption, a quote, a list.
NodeId text_block_of(const Document& doc, NodeId article, NodeId t) {
  NodeId block = doc[t].parent;
  while (block != article && block != kNoNode && !is_text_block(doc[block].tag)) {
    Tag tag = doc[block].tag;
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH ||
        tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_BLOCKQUOTE)
      return kNoNode;
    block = doc[block].parent;
  }
  if (block == article || block == kNoNode || has_image_or_embed(doc, block)) return kNoNode;
  if (doc.is(block, GUMBO_TAG_LI) || doc.is(block, GUMBO_TAG_DT) || doc.is(block, GUMBO_TAG_DD)) return kNoNode;
  return block;
}

// Removes `block` and the wrappers it leaves empty.
void remove_with_empty_wrappers(Document& doc, NodeId article, NodeId block) {
  NodeId parent = doc[block].parent;
  doc.remove(block);
  while (parent != article && parent != kNoNode && !doc.has_text(parent) && !has_image_or_embed(doc, parent)) {
    NodeId up = doc[parent].parent;
    doc.remove(parent);
    parent = up;
  }
}

bool is_label(const Document& doc, NodeId block, size_t max_length) {
  std::string content = doc.text_content(block);
  return text::js_length(text::trim(content)) <= max_length && !ends_like_sentence(content);
}

void trim_tail(Document& doc, NodeId article) {
  for (int removed = 0; removed < kMaxTrailingLabels; ++removed) {
    // The last non-blank text of the article; nothing to trim when media
    // come after it.
    NodeId last = kNoNode;
    for (NodeId n = doc.next_in(article, article); n != kNoNode; n = doc.next_in(n, article)) {
      if (doc.is_text(n) ? !text::trim(doc[n].text).empty() : is_media(doc[n].tag)) last = n;
    }
    if (last == kNoNode || !doc.is_text(last)) return;
    NodeId block = text_block_of(doc, article, last);
    if (block == kNoNode) return;
    if (!is_heading(doc[block].tag) && !is_label(doc, block, kMaxTrailingLabelLength)) return;
    size_t total = text::js_length(text::trim(doc.text_content(article)));
    size_t tail = text::js_length(text::trim(doc.text_content(block)));
    if (total < tail + kMinTextBeforeTail) return;
    remove_with_empty_wrappers(doc, article, block);
  }
}

}  // namespace

void clean_article(Document& doc, NodeId article, unsigned flags) {
  clean_styles(doc, article);
  const DataTables tables = mark_data_tables(doc, article);
  fix_lazy_images(doc, article);
  remove_pixels_and_icons(doc, tables, article);

  clean_conditionally(doc, tables, article, GUMBO_TAG_FORM, flags);
  clean_conditionally(doc, tables, article, GUMBO_TAG_FIELDSET, flags);
  const double article_length = static_cast<double>(doc.text_stats(article).length);
  for (Tag t : {GUMBO_TAG_FOOTER, GUMBO_TAG_ASIDE}) {
    std::vector<NodeId> nodes = doc.elements_by_tag(article, t);
    for (size_t i = nodes.size(); i-- > 0;) {
      NodeId n = nodes[i];
      if (doc[n].parent == kNoNode) continue;
      if (static_cast<double>(doc.text_stats(n).length) > kWrapperTextShare * article_length) continue;
      doc.remove(n);
    }
  }
  for (Tag t : {GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED, GUMBO_TAG_LINK})
    clean_tag(doc, article, t);

  // Share widgets: short blocks named "share" anywhere in the article.
  clean_matched(doc, article, [&](NodeId n, const std::string& match) {
    return patterns::share_element(match) && text::js_length(doc.text_content(n)) < kShareElementMaxLength;
  });

  for (Tag t : {GUMBO_TAG_IFRAME, GUMBO_TAG_INPUT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_SELECT, GUMBO_TAG_BUTTON})
    clean_tag(doc, article, t);

  // Headings that weigh negative are section chrome ("Related", "Comments").
  for (NodeId h : doc.elements_where(article, [&](NodeId n) {
         return doc[n].tag == GUMBO_TAG_H1 || doc[n].tag == GUMBO_TAG_H2;
       }))
    if (class_weight(doc, h, flags) < 0) doc.remove(h);

  clean_conditionally(doc, tables, article, GUMBO_TAG_TABLE, flags);
  clean_conditionally(doc, tables, article, GUMBO_TAG_UL, flags);
  clean_conditionally(doc, tables, article, GUMBO_TAG_DIV, flags);

  // The title is shown separately: demote <h1>s.
  for (NodeId h : doc.elements_by_tag(article, GUMBO_TAG_H1)) doc[h].tag = GUMBO_TAG_H2;

  // Empty paragraphs go (unless they hold an image or a video).
  std::vector<NodeId> paragraphs = doc.elements_by_tag(article, GUMBO_TAG_P);
  for (size_t i = paragraphs.size(); i-- > 0;) {
    NodeId p = paragraphs[i];
    if (doc[p].parent == kNoNode) continue;
    if (!has_image_or_embed(doc, p) && !doc.has_text(p)) doc.remove(p);
  }

  // A <br> right before a paragraph adds nothing.
  for (NodeId br : doc.elements_by_tag(article, GUMBO_TAG_BR)) {
    NodeId next = next_significant(doc, doc[br].next);
    if (next != kNoNode && doc.is(next, GUMBO_TAG_P)) doc.remove(br);
  }

  // Single-cell tables are layout: keep the cell's content.
  for (NodeId table : doc.elements_by_tag(article, GUMBO_TAG_TABLE)) {
    if (doc[table].parent == kNoNode) continue;
    NodeId tbody = has_single_tag_inside(doc, table, GUMBO_TAG_TBODY) ? doc.first_element_child(table) : table;
    if (!has_single_tag_inside(doc, tbody, GUMBO_TAG_TR)) continue;
    NodeId row = doc.first_element_child(tbody);
    if (!has_single_tag_inside(doc, row, GUMBO_TAG_TD)) continue;
    NodeId cell = doc.first_element_child(row);
    bool phrasing = true;
    for (NodeId c = doc[cell].first_child; c != kNoNode && phrasing; c = doc[c].next)
      phrasing = is_phrasing_content(doc, c);
    doc[cell].tag = phrasing ? GUMBO_TAG_P : GUMBO_TAG_DIV;
    doc.replace(table, cell);
  }

  // Named boilerplate goes on every attempt; the tail only on the first
  // (a retry is after every line of text it can find).
  remove_boilerplate(doc, article, flags);
  if (flags & kCleanConditionally) trim_tail(doc, article);
}

NodeId finish_article(Document& doc, NodeId article) {
  NodeId page = doc.create_element(GUMBO_TAG_DIV);
  doc.set_attr(page, "class", "page");
  doc.move_children(article, page);
  doc.append_child(article, page);

  // Unnest: drop empty divs/sections, and let a div/section that only wraps
  // another one be replaced by it (the inner one takes the outer's attributes).
  NodeId n = doc.first_element_child(page);
  while (n != kNoNode) {
    Tag t = doc[n].tag;
    if (t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION) {
      if (is_element_without_content(doc, n)) {
        NodeId next = doc.next_element(n, true);
        doc.remove(n);
        n = doc.contains(page, next) ? next : kNoNode;
        continue;
      }
      if (has_single_tag_inside(doc, n, GUMBO_TAG_DIV) || has_single_tag_inside(doc, n, GUMBO_TAG_SECTION)) {
        NodeId child = doc.first_element_child(n);
        std::vector<Attr> attrs(doc.attrs_begin(n), doc.attrs_end(n));
        for (const Attr& a : attrs) doc.set_attr(child, a.name, a.value);
        doc.replace(n, child);
        n = child;
        continue;
      }
    }
    NodeId next = doc.next_element(n);
    n = doc.contains(page, next) ? next : kNoNode;
  }
  return page;
}

}  // namespace quietpage
