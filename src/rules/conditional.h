// Conditional cleaning (Readability's _cleanConditionally): inside the
// chosen article, a form, fieldset, table, list or div whose statistics say
// it is not prose — too many links, images, list items or inputs for its
// text, embeds without text around them, no text at all — is removed, unless
// it is a data table or in one, in code or preformatted text, or holds many
// commas. Runs only on attempts with rules::kCleanConditionally.
#pragma once

#include <cstddef>

#include "dom.h"
#include "rules/media.h"
#include "rules/tables.h"

namespace quietpage::rules::conditional {

// A block is a list when lists hold more than this fraction of its text.
constexpr double kListTextFraction = 0.9;
// Blocks with at least this many (ASCII) commas are prose and always kept.
constexpr size_t kProseCommas = 10;
// Lists of up to this many items are not counted against a block.
constexpr int kFreeListItems = 100;
// More images than this many per paragraph: a gallery, not prose.
constexpr double kMinParagraphsPerImage = 0.5;
// More inputs than one per this many paragraphs: a form, not prose.
constexpr double kParagraphsPerInput = 3.0;
// Shorter than this and linked: a link, not prose (unless a heading,
// figure or image block).
constexpr size_t kShortContentLength = 25;
// An image block (one or two images) is no link list however short.
constexpr int kImageBlockMaxImages = 2;
constexpr double kMaxHeadingDensity = 0.9;
// Link density allowed in a block whose class weight is below / at least
// kHighWeight (candidates::class_weight).
constexpr double kLowWeightMaxLinkDensity = 0.2;
constexpr double kHighWeightMaxLinkDensity = 0.5;
constexpr int kHighWeight = 25;
// (quietpage) A low-weight block with this many characters outside links,
// and links up to this density, is prose with links in it, not a link list...
constexpr double kLinkedProseMinText = 200;
constexpr double kLinkedProseMaxLinkDensity = 0.5;
// ...unless it is a list of teasers (headings with summaries).
constexpr double kLinkedProseMaxHeadingDensity = 0.1;
// One embed (not an allowed video) needs this much text around it.
constexpr size_t kSingleEmbedMinLength = 75;

// What the caller's options change here (quietpage::Options).
struct Settings {
  // Readability's linkDensityModifier: added to each link density above
  // (kLowWeightMaxLinkDensity, kHighWeightMaxLinkDensity,
  // kLinkedProseMaxLinkDensity).
  double link_density_modifier = 0;
  // The players whose embeds keep their block (Readability's allowedVideoRegex).
  media::Videos videos;
};

// Whether `node` (of `tag`, one of form, fieldset, table, ul, div) goes.
// `tables` marks the data tables of the article; `flags` the attempt's.
bool is_fishy(const Document& doc, const tables::DataTables& tables, NodeId node, Tag tag, unsigned flags,
              const Settings& settings = {});

}  // namespace quietpage::rules::conditional
