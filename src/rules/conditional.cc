#include "rules/conditional.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "rules/boilerplate.h"
#include "rules/candidates.h"
#include "rules/features.h"
#include "rules/media.h"
#include "rules/structure.h"

namespace quietpage::rules::conditional {

bool is_fishy(const Document& doc, const tables::DataTables& tables, NodeId node, Tag tag, unsigned flags,
              const Settings& settings) {
  // Data tables, code and what they hold are kept.
  if (tag == GUMBO_TAG_TABLE && tables.contains(node)) return false;
  if (structure::has_ancestor_tag(doc, node, GUMBO_TAG_TABLE, -1, [&](NodeId t) { return tables.contains(t); }))
    return false;
  if (structure::has_ancestor_tag(doc, node, GUMBO_TAG_CODE) || structure::has_ancestor_tag(doc, node, GUMBO_TAG_PRE))
    return false;
  bool is_list = tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL;
  const size_t length = doc.text_stats(node).length;
  // What the block holds, in one walk: the text of its lists, ASCII commas
  // (Readability counts only those here), and elements by kind; a data table
  // inside keeps it (the walk ends there).
  size_t list_length = 0, commas = 0;
  bool allowed_video = false;
  int p = 0, img = 0, li = -kFreeListItems, input = 0, embeds = 0;
  // (The commas of every script, summarized, are at least the ASCII ones:
  // fewer than the threshold, the ASCII ones are not counted.)
  const bool may_have_prose_commas = doc.text_stats(node).commas >= kProseCommas;
  for (NodeId c = doc.next_in(node, node); c != kNoNode; c = doc.next_in(c, node)) {
    if (doc.is_text(c)) {
      // Counted only as far as the threshold they are compared with.
      if (may_have_prose_commas && commas < kProseCommas)
        commas += static_cast<size_t>(std::count(doc[c].text.begin(), doc[c].text.end(), ','));
      continue;
    }
    if (!doc.is_element(c)) continue;
    switch (doc[c].tag) {
      case GUMBO_TAG_UL: case GUMBO_TAG_OL: list_length += doc.text_stats(c).length; break;
      case GUMBO_TAG_TABLE:
        if (tables.contains(c)) return false;
        break;
      case GUMBO_TAG_P: ++p; break;
      case GUMBO_TAG_IMG: ++img; break;
      case GUMBO_TAG_LI: ++li; break;
      case GUMBO_TAG_INPUT: ++input; break;
      case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_IFRAME:
        allowed_video = allowed_video || settings.videos.allows_embed(doc, c);
        ++embeds;
        break;
      default: break;
    }
  }
  if (!is_list) {
    // JavaScript division semantics: x/0 is Infinity, 0/0 is NaN (false).
    is_list = length == 0 ? list_length > 0
                          : static_cast<double>(list_length) / static_cast<double>(length) > kListTextFraction;
  }

  const int weight = candidates::class_weight(doc, node, flags);
  if (weight < 0) return true;
  if (commas >= kProseCommas) return false;
  if (allowed_video) return false;
  if (boilerplate::is_ad_or_loading_label(doc, node, length)) return true;

  // Many list items outside of a list: what else it holds does not matter.
  if (!is_list && li > p) return true;

  // (The heading density is read only for blocks that are not lists.)
  const double heading_density =
      is_list ? 0
              : features::text_density(doc, node, {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4,
                                                   GUMBO_TAG_H5, GUMBO_TAG_H6});
  const size_t content_length = length;
  const double links = features::link_density(doc, node);
  const bool figure_child = structure::has_ancestor_tag(doc, node, GUMBO_TAG_FIGURE);

  // Prose that cites with links is kept where Readability sees only links.
  const double modifier = settings.link_density_modifier;
  const bool is_linked_prose = static_cast<double>(length) * (1 - links) >= kLinkedProseMinText &&
                               links <= kLinkedProseMaxLinkDensity + modifier &&
                               heading_density < kLinkedProseMaxHeadingDensity;
  bool remove =
      // more images than paragraphs
      (!figure_child && img > 1 && static_cast<double>(p) / img < kMinParagraphsPerImage) ||
      // a form, not prose
      (input > static_cast<int>(std::floor(p / kParagraphsPerInput))) ||
      // short, linked and not a heading, figure or image block
      (!is_list && !figure_child && heading_density < kMaxHeadingDensity &&
       content_length < kShortContentLength && (img == 0 || img > kImageBlockMaxImages) && links > 0) ||
      (!is_list && weight < kHighWeight && links > kLowWeightMaxLinkDensity + modifier && !is_linked_prose) ||
      (weight >= kHighWeight && links > kHighWeightMaxLinkDensity + modifier) ||
      // embeds (other than allowed videos) without text around them
      ((embeds == 1 && content_length < kSingleEmbedMinLength) || embeds > 1);
  // No text in text-holding elements and no image (read only when nothing above holds).
  if (!remove && img == 0)
    remove = !features::has_text_in(doc, node, {GUMBO_TAG_SPAN, GUMBO_TAG_LI, GUMBO_TAG_TD, GUMBO_TAG_BLOCKQUOTE,
                                                GUMBO_TAG_DL, GUMBO_TAG_DIV, GUMBO_TAG_IMG, GUMBO_TAG_OL,
                                                GUMBO_TAG_P, GUMBO_TAG_PRE, GUMBO_TAG_TABLE, GUMBO_TAG_UL});

  if (is_list && remove) {
    // Keep simple lists of images: one image per item, nothing else.
    for (NodeId c = doc.first_element_child(node); c != kNoNode; c = doc.next_element_sibling(c))
      if (doc.element_child_count(c) > 1) return true;
    if (img == static_cast<int>(doc.count_tag(node, GUMBO_TAG_LI))) return false;
  }
  return remove;
}

}  // namespace quietpage::rules::conditional
