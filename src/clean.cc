#include "clean.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <unordered_set>
#include <vector>

#include "rules/boilerplate.h"
#include "rules/candidates.h"
#include "rules/comments.h"
#include "rules/conditional.h"
#include "rules/dates.h"
#include "rules/credits.h"
#include "rules/features.h"
#include "rules/flags.h"
#include "rules/leads.h"
#include "rules/media.h"
#include "rules/names.h"
#include "rules/structure.h"
#include "rules/tables.h"
#include "rules/tail.h"
#include "text.h"

namespace quietpage {

using namespace rules;

namespace {

void clean_styles(Document& doc, NodeId root) {
  for (NodeId n = root; n != kNoNode;) {
    if (doc.is_element(n) && doc[n].tag == GUMBO_TAG_SVG) {
      n = doc.next_in(n, root, true);
      continue;
    }
    if (doc.is_element(n)) {
      // The node's own attributes are looked through (most have none of these).
      const bool sized = structure::has_presentational_size(doc[n].tag);
      for (uint32_t i = doc[n].attr_count; i-- > 0;) {
        const std::string_view name = doc.attrs_begin(n)[i].name;
        bool presentational = sized && (name == "width" || name == "height");
        for (std::string_view a : structure::kPresentationalAttributes) presentational = presentational || name == a;
        if (presentational) doc.remove_attr(n, name);
      }
    }
    n = doc.next_in(n, root);
  }
}

// Lazy images: move the real URL from data-* attributes into src/srcset and
// drop tiny base64 placeholders.
void fix_lazy_images(Document& doc, NodeId root) {
  if (!doc.may_hold_any({GUMBO_TAG_IMG, kTagPicture, GUMBO_TAG_FIGURE})) return;
  for (NodeId el : doc.elements_where(root, [&](NodeId n) {
         Tag t = doc[n].tag;
         return t == GUMBO_TAG_IMG || t == kTagPicture || t == GUMBO_TAG_FIGURE;
       })) {
    Tag tag = doc[el].tag;
    std::string_view src = tag == GUMBO_TAG_IMG ? doc.attr(el, "src") : std::string_view();
    const media::DataSrc data = media::data_src(src);
    if (data == media::DataSrc::kSvg) continue;
    if (data == media::DataSrc::kImage && media::has_other_image_url(doc, el) && media::is_placeholder_src(src)) {
      doc.remove_attr(el, "src");
      src = {};
    }
    std::string_view srcset = tag == GUMBO_TAG_IMG ? doc.attr(el, "srcset") : std::string_view();
    if (!media::wants_lazy_source(doc, el, src, srcset)) continue;

    std::vector<Attr> attrs(doc.attrs_begin(el), doc.attrs_end(el));
    for (const Attr& a : attrs) {
      std::string_view copy_to = media::lazy_copy_target(a);
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

void remove_pixels_and_icons(Document& doc, const tables::DataTables& tables, NodeId root) {
  for (NodeId img : doc.elements_by_tag(root, GUMBO_TAG_IMG)) {
    switch (media::small_image(doc, img)) {
      case media::SmallImage::kKeep:
        break;
      case media::SmallImage::kRemove:
        doc.remove(img);
        break;
      case media::SmallImage::kEmoji:
        doc.replace(img, doc.create_text(text::trim(doc.attr(img, "alt"))));
        break;
      case media::SmallImage::kIcon:
        if (!tables.holds(doc, img, root)) doc.remove(img);
        break;
    }
  }
}

// A few tags, tested with one look-up (a walk asks it of every element).
class TagSet {
 public:
  explicit TagSet(std::initializer_list<Tag> tags) {
    for (Tag t : tags) bits_[t / 64] |= uint64_t{1} << (t % 64);
  }
  bool has(Tag t) const { return t < 64 * kWords && ((bits_[t / 64] >> (t % 64)) & 1); }

 private:
  static constexpr unsigned kWords = 4;  // every Tag: gumbo's, then ours (dom.h)
  static_assert(kTagSlot < 64 * kWords, "room for every tag");
  uint64_t bits_[kWords] = {};
};

// Removes every element of `tags` (keeping allowed videos among embeds), tag
// by tag in their order, innermost first. One walk finds them all: an element
// it finds inside one removed before is only taken out of that removed subtree.
void clean_tags(Document& doc, NodeId root, std::initializer_list<Tag> tags,
                const media::Videos& videos) {
  if (!doc.may_hold_any(tags)) return;
  const TagSet set(tags);
  const std::vector<NodeId> nodes = doc.elements_where(root, [&](NodeId n) { return set.has(doc[n].tag); });
  for (Tag tag : tags) {
    for (size_t i = nodes.size(); i-- > 0;) {
      NodeId n = nodes[i];
      if (doc[n].tag != tag || doc[n].parent == kNoNode) continue;
      if (structure::is_embed(tag) && videos.allows_embed(doc, n)) continue;
      doc.remove(n);
    }
  }
}

// The elements of `tags` inside `root` in document order, found in one walk
// for several steps (still_inside() gives each step its own).
std::vector<NodeId> elements_of(const Document& doc, NodeId root, std::initializer_list<Tag> tags) {
  if (!doc.may_hold_any(tags)) return {};
  const TagSet set(tags);
  return doc.elements_where(root, [&](NodeId n) { return set.has(doc[n].tag); });
}

// Those of `found` (elements_of) that are `tag` elements still inside `root`:
// what elements_by_tag(root, tag) finds, as long as the steps since only
// removed nodes or changed tags.
std::vector<NodeId> still_inside(const Document& doc, NodeId root, const std::vector<NodeId>& found, Tag tag) {
  std::vector<NodeId> out;
  for (NodeId n : found)
    if (doc[n].tag == tag && doc.contains(root, n)) out.push_back(n);
  return out;
}

void clean_conditionally(Document& doc, const tables::DataTables& tables, NodeId root, Tag tag, unsigned flags,
                         const conditional::Settings& settings, bool* weighed,
                         const std::vector<NodeId>* found = nullptr) {
  if (!(flags & kCleanConditionally)) return;
  // Innermost first (reverse document order), as removals change the
  // statistics of the blocks around them.
  std::vector<NodeId> nodes = found ? still_inside(doc, root, *found, tag) : doc.elements_by_tag(root, tag);
  for (size_t i = nodes.size(); i-- > 0;) {
    NodeId n = nodes[i];
    if (doc[n].parent == kNoNode) continue;
    // (is_fishy weighs the block's names, at most.)
    if (weighed && candidates::class_weight(doc, n, flags) != 0) *weighed = true;
    if (conditional::is_fishy(doc, tables, n, tag, flags, settings)) doc.remove(n);
  }
}

// Removes descendants of `root` matched by `pred(node, class_and_id)`, asked
// only of elements with a class or an id.
template <typename Pred>
void clean_matched(Document& doc, NodeId root, Pred&& pred) {
  NodeId end = doc.next_element(root, true);
  NodeId n = doc.next_element(root);
  while (n != kNoNode && n != end) {
    const bool named = !doc.attr(n, "class").empty() || !doc.attr(n, "id").empty();
    if (named && pred(n, class_and_id(doc, n))) {
      NodeId next = doc.next_element(n, true);
      doc.remove(n);
      n = next;
    } else {
      n = doc.next_element(n);
    }
  }
}

// Image credits at the end of captions go; the description stays. Whether
// the article held a caption.
bool cut_caption_credits(Document& doc, NodeId article) {
  // (An element without attributes is a caption only as a <figcaption>:
  // most are ruled out without asking.)
  const std::vector<NodeId> captions = doc.elements_where(article, [&](NodeId n) {
    return (doc[n].attr_count != 0 || doc[n].tag == GUMBO_TAG_FIGCAPTION) && credits::is_caption(doc, n);
  });
  for (NodeId caption : captions) {
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
    const size_t start = credits::credit_start(joined);
    if (start == std::string::npos ||
        text::js_length(std::string_view(joined).substr(start)) > credits::kMaxCreditLength)
      continue;
    size_t i = texts.size() - 1;
    while (texts[i].second > start) --i;
    const NodeId t = texts[i].first;
    // Keep the description (and its leading space).
    std::string_view kept = credits::without_separator(doc[t].text.substr(0, start - texts[i].second));
    for (NodeId x = t; x != caption; x = doc[x].parent)
      while (doc[x].next != kNoNode) doc.remove(doc[x].next);
    if (text::trim(kept).empty()) doc.remove(t); else doc.replace(t, doc.create_text(kept));
    if (!doc.has_text(caption) && !structure::has_image_or_embed(doc, caption)) doc.remove(caption);
  }
  return !captions.empty();
}

// Captions written twice (credits.h): a caption or text block that repeats
// an earlier caption's text goes, unless it captions a picture of its own.
void remove_repeated_captions(Document& doc, NodeId article) {
  std::unordered_set<std::string> captions;
  for (NodeId n : doc.elements_where(article, [&](NodeId m) {
         return credits::is_caption(doc, m) || structure::is_text_block(doc[m].tag);
       })) {
    // Before the first caption, only a caption's text is wanted.
    if (captions.empty() && !credits::is_caption(doc, n)) continue;
    if (doc[n].parent == kNoNode || !doc.contains(article, n) || structure::has_child_block_element(doc, n)) continue;
    if (doc.text_stats(n).length < credits::kMinRepeatedCaptionLength) continue;
    std::string text = doc.inner_text(n);
    if (captions.count(text) && !credits::captions_own_picture(doc, n)) {
      doc.remove(n);
    } else if (credits::is_caption(doc, n)) {
      captions.insert(std::move(text));
    }
  }
}

// The tags boilerplate::may_be_heading() can hold for: the headings, <p>,
// <div> and <strong>.
const TagSet kMayBeHeading({GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6,
                            GUMBO_TAG_P, GUMBO_TAG_DIV, GUMBO_TAG_STRONG});

// Headings of link lists ("Related posts:", "Mehr zum Thema") with their
// lists: the block headings, or the inline ones (a <strong> opening a line).
void remove_link_lists(Document& doc, NodeId article, bool inline_ones) {
  // (may_be_heading() holds only for kMayBeHeading's tags: the other
  // elements, most of a page, are ruled out with one look-up.)
  std::vector<NodeId> headings = doc.elements_where(article, [&](NodeId n) {
    return kMayBeHeading.has(doc[n].tag) && boilerplate::may_be_heading(doc, n) &&
           structure::is_phrasing_content(doc, n) == inline_ones;
  });
  for (NodeId h : headings) {
    if (doc[h].parent == kNoNode || !doc.contains(article, h)) continue;
    if (!boilerplate::introduces_link_list(doc, h)) continue;
    NodeId next = doc.next_element_sibling(h);
    while (next != kNoNode && boilerplate::belongs_to_link_list(doc, next)) {
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

// Blocks inside the article that are not the article, by name or by what
// they say (boilerplate.h).
void remove_boilerplate(Document& doc, NodeId article, unsigned flags) {
  // (Cutting credits makes no caption: without one, none repeats.)
  if (cut_caption_credits(doc, article)) remove_repeated_captions(doc, article);
  const double max_length = boilerplate::max_block_length(doc.text_stats(article).length, flags);

  // Outermost first.
  NodeId end = doc.next_element(article, true);
  for (NodeId n = doc.next_element(article); n != kNoNode && n != end;) {
    if (boilerplate::is_boilerplate_block(doc, n, max_length) || boilerplate::is_lone_link_list(doc, n)) {
      NodeId next = doc.next_element(n, true);
      doc.remove(n);
      n = next;
    } else {
      n = doc.next_element(n);
    }
  }
  // Inline headings ("<p><strong>Read more:</strong> <a>...</a></p>") once
  // the lines they open have been read whole.
  remove_link_lists(doc, article, true);
}

// Runs of teaser cards (boilerplate.h) after the article's own prose: the
// prose before a run (the text outside every card) must outweigh all the
// cards of the article, or the cards are the article (a post of links with
// notes). Data table rows are the table's, not cards.
void remove_teaser_runs(Document& doc, const tables::DataTables& tables, NodeId article) {
  std::vector<NodeId> parents =
      doc.elements_where(article, [&](NodeId n) { return doc.element_child_count(n) >= boilerplate::kMinTeaserRun; });
  parents.insert(parents.begin(), article);
  std::vector<std::vector<NodeId>> runs;
  std::vector<NodeId> run;
  std::unordered_set<NodeId> cards;
  size_t in_cards = 0;
  const auto end_run = [&]() {
    if (run.size() >= boilerplate::kMinTeaserRun) runs.push_back(run);
    run.clear();
  };
  for (NodeId parent : parents) {
    for (NodeId c = doc[parent].first_child; c != kNoNode; c = doc[c].next) {
      if (!doc.has_text(c)) continue;  // spacers, pictures and line breaks between cards
      if (doc.is_element(c) && !(doc.is(c, GUMBO_TAG_TR) && tables.holds(doc, c, article)) &&
          boilerplate::is_teaser_card(doc, c)) {
        run.push_back(c);
        cards.insert(c);
        in_cards += doc.text_stats(c).length;
      } else {
        end_run();
      }
    }
    end_run();
  }
  if (runs.empty()) return;
  // One walk in document order: the prose seen when each run starts.
  std::unordered_set<NodeId> starts;
  for (const std::vector<NodeId>& r : runs) starts.insert(r[0]);
  const double enough = boilerplate::kMinProseBeforeTeasers * static_cast<double>(in_cards);
  std::unordered_set<NodeId> after_enough;  // the runs that start once the prose is enough
  size_t prose = 0;
  bool in_card = false;
  NodeId card_end = kNoNode;  // where the card the walk is in ends (kNoNode: the article's end)
  for (NodeId n = doc.next_in(article, article); n != kNoNode && after_enough.size() < starts.size();
       n = doc.next_in(n, article)) {
    if (in_card && n == card_end) in_card = false;
    if (starts.count(n) && static_cast<double>(prose) >= enough) after_enough.insert(n);
    if (!in_card && cards.count(n)) {
      in_card = true;
      card_end = doc.next_in(n, article, true);
    }
    if (!in_card && doc.is_text(n)) prose += doc.summary(n).length;
  }
  for (const std::vector<NodeId>& r : runs)
    if (after_enough.count(r[0]))
      for (NodeId u : r) doc.remove(u);
}

// Removes `block` and the wrappers it leaves empty.
void remove_with_empty_wrappers(Document& doc, NodeId article, NodeId block) {
  NodeId parent = doc[block].parent;
  doc.remove(block);
  while (parent != article && parent != kNoNode && !doc.has_text(parent) &&
         !structure::has_image_or_embed(doc, parent)) {
    NodeId up = doc[parent].parent;
    doc.remove(parent);
    parent = up;
  }
}

// The date lines that open the article's text before its prose (leads.h):
// the page's header shows the date, or they were the header. The first one's
// text goes to `first`, when given.
void remove_leading_dates(Document& doc, NodeId article, std::string* first) {
  std::vector<NodeId> gone;
  int seen = 0;
  const NodeId end = doc.next_element(article, true);
  for (NodeId n = doc.next_element(article); n != kNoNode && n != end && seen < leads::kMaxLeadingDateBlocks;) {
    if (!structure::is_text_block(doc[n].tag) || structure::has_child_block_element(doc, n) || !doc.has_text(n)) {
      n = doc.next_element(n);
      continue;
    }
    ++seen;
    const std::string inner = doc.inner_text(n);
    if (leads::is_date_line(inner)) {
      if (first && gone.empty()) *first = inner;
      gone.push_back(n);
    } else if (doc.text_stats(n).length > dates::kMaxDateLineLength) {
      break;
    }
    n = doc.next_element(n, true);
  }
  for (NodeId g : gone) remove_with_empty_wrappers(doc, article, g);
}

// A heading that may open a comment thread: a heading element, or a line
// of its own (a <strong> alone in its block).
bool may_open_thread(const Document& doc, NodeId n) {
  // The cheap tests first: this runs on every element of the page.
  const Tag t = doc[n].tag;
  if (!kMayBeHeading.has(t)) return false;
  if (doc.text_stats(n).length > comments::kMaxHeadingLength || !boilerplate::may_be_heading(doc, n) ||
      features::link_density(doc, n) >= comments::kMaxHeadingLinkDensity)
    return false;
  return doc[n].tag != GUMBO_TAG_STRONG || doc.text_stats(doc[n].parent).length == doc.text_stats(n).length;
}

// An empty link the page names for its thread, where the thread starts
// (<a name="commentSection"></a>): the page's own mark, no heading needed.
bool is_thread_anchor(const Document& doc, NodeId n) {
  return doc.is(n, GUMBO_TAG_A) && doc[n].first_child == kNoNode && doc.attr(n, "href").empty() &&
         comments::names_a_thread_in({doc.attr(n, "name"), doc.attr(n, "id")});
}

// Whether a comment's signature (comments.h) is among the first texts of
// `start` and the siblings after it.
bool thread_follows(const Document& doc, NodeId start) {
  size_t texts = 0, nodes = 0;
  for (NodeId s = start; s != kNoNode; s = doc[s].next) {
    for (NodeId t = s; t != kNoNode; t = doc.next_in(t, s)) {
      if (++nodes > comments::kMaxNodesToFirstSignature) return false;
      if (!doc.is_text(t) || !doc.has_text(t)) continue;
      if (comments::signs_a_comment(doc[t].text)) return true;
      if (++texts >= comments::kMaxTextsToFirstSignature) return false;
    }
  }
  return false;
}

// The article's tail (tail.h): trailing labels and headings go, and an
// author's note that ends it (leads.h).
void trim_tail(Document& doc, NodeId article) {
  for (int removed = 0; removed < tail::kMaxTrailingLabels; ++removed) {
    // The last non-blank text of the article; nothing to trim when media
    // come after it.
    NodeId last = kNoNode;
    for (NodeId n = doc.next_in(article, article); n != kNoNode; n = doc.next_in(n, article)) {
      if (doc.is_text(n) ? !doc.summary(n).blank : tail::ends_the_article(doc[n].tag)) last = n;
    }
    if (last == kNoNode || !doc.is_text(last)) return;
    NodeId block = tail::trailing_block_of(doc, article, last);
    if (block == kNoNode) return;
    if (!tail::is_trailing_label(doc, block) && !leads::is_author_note(doc.inner_text(block))) return;
    size_t total = text::js_length(text::trim(doc.text_content(article)));
    size_t length = text::js_length(text::trim(doc.text_content(block)));
    if (!tail::leaves_enough_text(total, length)) return;
    remove_with_empty_wrappers(doc, article, block);
  }
}

}  // namespace

void cut_comment_threads(Document& doc, NodeId scope, ThreadScope where) {
  // The headings of threads and the anchors that mark them (most pages have
  // none: nothing else is read), then, for those, one walk in document order
  // for the text before each element (so that the test below costs nothing
  // per heading).
  std::vector<NodeId> headings;
  for (NodeId n = doc.next_in(scope, scope); n != kNoNode; n = doc.next_in(n, scope))
    if (!doc.is_text(n) &&
        ((may_open_thread(doc, n) && comments::is_thread_heading(doc.inner_text(n))) || (doc.is(n, GUMBO_TAG_A) && is_thread_anchor(doc, n))))
      headings.push_back(n);
  if (headings.empty()) return;
  std::vector<size_t> before(doc.size(), 0);
  size_t seen = 0;
  for (NodeId n = doc.next_in(scope, scope); n != kNoNode; n = doc.next_in(n, scope)) {
    if (doc.is_text(n)) seen += doc.text_stats(n).length;
    else before[n] = seen;
  }
  // Last first: a cut removes only what follows its heading, so the counts of
  // the headings before it hold.
  for (size_t i = headings.size(); i-- > 0;) {
    const NodeId h = headings[i];
    if (!doc.contains(scope, h)) continue;  // in a thread cut already
    const NodeId parent = doc[h].parent;
    const size_t from = where == ThreadScope::kArticle || parent == scope ? 0 : before[parent];
    if (before[h] - from < comments::kMinArticleBefore) continue;
    if (!is_thread_anchor(doc, h) && !thread_follows(doc, doc[h].next)) continue;
    for (NodeId next = doc[h].next; next != kNoNode;) {
      NodeId after = doc[next].next;
      doc.remove(next);
      next = after;
    }
    remove_with_empty_wrappers(doc, scope, h);
  }
}

void clean_article(Document& doc, NodeId article, unsigned flags, const conditional::Settings& settings,
                   CleanReport* report) {
  bool* weighed = report ? &report->weighed : nullptr;
  clean_styles(doc, article);
  const tables::DataTables tables(doc, article);
  fix_lazy_images(doc, article);
  remove_pixels_and_icons(doc, tables, article);

  clean_conditionally(doc, tables, article, GUMBO_TAG_FORM, flags, settings, weighed);
  clean_conditionally(doc, tables, article, GUMBO_TAG_FIELDSET, flags, settings, weighed);
  const double article_length = static_cast<double>(doc.text_stats(article).length);
  // The elements the steps from here to the single-cell tables look for, in
  // one walk: until then the steps only remove nodes, retag some (after
  // they are read) or make text nodes, so each step's still_inside() of
  // this list is what a walk of its own would find.
  const std::vector<NodeId> found =
      elements_of(doc, article, {GUMBO_TAG_FOOTER, GUMBO_TAG_ASIDE, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_TABLE,
                                 GUMBO_TAG_UL, GUMBO_TAG_DIV, GUMBO_TAG_P, GUMBO_TAG_BR});
  for (Tag t : {GUMBO_TAG_FOOTER, GUMBO_TAG_ASIDE}) {
    std::vector<NodeId> nodes = still_inside(doc, article, found, t);
    for (size_t i = nodes.size(); i-- > 0;) {
      NodeId n = nodes[i];
      if (doc[n].parent == kNoNode) continue;
      if (boilerplate::wraps_the_article(doc, n, article_length) || boilerplate::attributes_a_quote(doc, n)) continue;
      doc.remove(n);
    }
  }
  clean_tags(doc, article, {GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED, GUMBO_TAG_LINK}, settings.videos);

  clean_matched(doc, article, [&](NodeId n, const std::string& match) {
    return boilerplate::is_social_widget(doc, n, match);
  });

  clean_tags(doc, article, {GUMBO_TAG_IFRAME, GUMBO_TAG_INPUT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_SELECT, GUMBO_TAG_BUTTON},
             settings.videos);

  cut_comment_threads(doc, article, ThreadScope::kArticle);
  // Headings that weigh negative are section chrome ("Comments").
  std::vector<NodeId> headings;
  for (NodeId n : found)
    if ((doc[n].tag == GUMBO_TAG_H1 || doc[n].tag == GUMBO_TAG_H2) && doc.contains(article, n)) headings.push_back(n);
  for (NodeId h : headings) {
    const int weight = candidates::class_weight(doc, h, flags);
    if (weighed && weight != 0) *weighed = true;
    if (weight < 0) doc.remove(h);
  }

  // A related-links list goes with its heading before blocks are weighed:
  // its links are not its container's (a short post above a long
  // "Related posts:" list would read as a list of links).
  remove_link_lists(doc, article, false);
  if (flags & kCleanConditionally) {
    for (Tag t : {GUMBO_TAG_TABLE, GUMBO_TAG_UL, GUMBO_TAG_DIV})
      clean_conditionally(doc, tables, article, t, flags, settings, weighed, &found);
  }

  // The steps from here to the single-cell tables only retag or remove.
  const std::vector<NodeId>& last_steps = found;

  // The title is shown separately: demote <h1>s.
  for (NodeId h : still_inside(doc, article, last_steps, GUMBO_TAG_H1)) doc.set_tag(h, GUMBO_TAG_H2);

  // Empty paragraphs go (unless they hold an image or a video).
  std::vector<NodeId> paragraphs = still_inside(doc, article, last_steps, GUMBO_TAG_P);
  for (size_t i = paragraphs.size(); i-- > 0;) {
    NodeId p = paragraphs[i];
    if (doc[p].parent == kNoNode) continue;
    if (!structure::has_image_or_embed(doc, p) && !doc.has_text(p)) doc.remove(p);
  }

  // A <br> right before a paragraph adds nothing.
  for (NodeId br : still_inside(doc, article, last_steps, GUMBO_TAG_BR)) {
    NodeId next = structure::next_significant(doc, doc[br].next);
    if (next != kNoNode && doc.is(next, GUMBO_TAG_P)) doc.remove(br);
  }

  // Single-cell tables are layout: keep the cell's content.
  for (NodeId table : still_inside(doc, article, last_steps, GUMBO_TAG_TABLE)) {
    if (doc[table].parent == kNoNode) continue;
    NodeId tbody = structure::has_single_tag_inside(doc, table, GUMBO_TAG_TBODY) ? doc.first_element_child(table)
                                                                                 : table;
    if (!structure::has_single_tag_inside(doc, tbody, GUMBO_TAG_TR)) continue;
    NodeId row = doc.first_element_child(tbody);
    if (!structure::has_single_tag_inside(doc, row, GUMBO_TAG_TD)) continue;
    NodeId cell = doc.first_element_child(row);
    bool phrasing = true;
    for (NodeId c = doc[cell].first_child; c != kNoNode && phrasing; c = doc[c].next)
      phrasing = structure::is_phrasing_content(doc, c);
    doc.set_tag(cell, phrasing ? GUMBO_TAG_P : GUMBO_TAG_DIV);
    doc.replace(table, cell);
  }

  // Named boilerplate goes on every attempt; the tail only on the first
  // (a retry is after every line of text it can find).
  remove_boilerplate(doc, article, flags);
  remove_teaser_runs(doc, tables, article);
  remove_leading_dates(doc, article, report ? &report->date_line : nullptr);
  if (flags & kCleanConditionally) trim_tail(doc, article);
}

NodeId finish_article(Document& doc, NodeId article) {
  NodeId page = doc.create_element(GUMBO_TAG_DIV);
  doc.set_attr(page, "class", "page");
  doc.move_children(article, page);
  doc.append_child(article, page);

  // Unnest: drop empty divs/sections, and let a div/section that only wraps
  // another one be replaced by it (the inner one takes the outer's attributes).
  // (The walk leaves the page where it reaches the first element after it,
  // which the edits inside the page do not move.)
  const NodeId end = doc.next_element(page, true);
  NodeId n = doc.first_element_child(page);
  while (n != kNoNode && n != end) {
    Tag t = doc[n].tag;
    if (t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION) {
      if (structure::is_element_without_content(doc, n)) {
        NodeId next = doc.next_element(n, true);
        doc.remove(n);
        n = next;
        continue;
      }
      if (structure::has_single_tag_inside(doc, n, GUMBO_TAG_DIV) ||
          structure::has_single_tag_inside(doc, n, GUMBO_TAG_SECTION)) {
        NodeId child = doc.first_element_child(n);
        std::vector<Attr> attrs(doc.attrs_begin(n), doc.attrs_end(n));
        for (const Attr& a : attrs) doc.set_attr(child, a.name, a.value);
        doc.replace(n, child);
        n = child;
        continue;
      }
    }
    // Preformatted text (code) as it is: an empty line is a line.
    n = doc.next_element(n, t == GUMBO_TAG_PRE);
  }
  return page;
}

}  // namespace quietpage
