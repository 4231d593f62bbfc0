#include "rules/candidates.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "rules/boilerplate.h"
#include "rules/features.h"
#include "rules/flags.h"
#include "rules/names.h"
#include "rules/structure.h"
#include "text.h"

namespace quietpage::rules::candidates {
namespace {

const Keywords kPositive{"article", "body", "content", "entry", "hentry", "h-entry", "main",
                         "page", "pagination", "post", "text", "blog", "story"};

bool ends_sentence(std::string_view s) {
  // /\.( |$)/: a period followed by a space or the end.
  for (size_t i = s.find('.'); i != std::string_view::npos; i = s.find('.', i + 1))
    if (i + 1 == s.size() || s[i + 1] == ' ') return true;
  return false;
}

}  // namespace

bool positive(std::string_view s) { return kPositive.found_in(s); }

int class_weight(const Document& doc, NodeId n, unsigned flags) {
  if (!(flags & kWeightClasses)) return 0;
  if (doc[n].ns != GUMBO_NAMESPACE_HTML) return 0;
  int weight = 0;
  for (std::string_view name : {doc.attr(n, "class"), doc.attr(n, "id")}) {
    if (name.empty()) continue;
    if (boilerplate::negative(name)) weight -= kNameWeight;
    if (positive(name)) weight += kNameWeight;
  }
  return weight;
}

bool is_main(const Document& doc, NodeId n) {
  return doc[n].tag == GUMBO_TAG_MAIN || doc.attr(n, "role") == "main";
}

bool scores_text(Tag t) {
  switch (t) {
    case GUMBO_TAG_SECTION: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_P: case GUMBO_TAG_TD:
    case GUMBO_TAG_PRE:
      return true;
    default:
      return false;
  }
}

bool is_empty_block(const Document& doc, NodeId n) {
  const Tag tag = doc[n].tag;
  return (tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_HEADER ||
          structure::is_heading(tag)) &&
         structure::is_element_without_content(doc, n);
}

bool is_paragraph_wrapper(const Document& doc, NodeId div) {
  return structure::has_single_tag_inside(doc, div, GUMBO_TAG_P) &&
         features::link_density(doc, div) < kSingleParagraphMaxLinkDensity;
}

double paragraph_points(const Document::TextStats& stats) {
  return 1 + static_cast<double>(stats.commas + 1) +
         std::min(std::floor(static_cast<double>(stats.length) / kCharsPerPoint), kMaxLengthPoints);
}

double ancestor_divider(int level) { return level == 0 ? 1 : level == 1 ? 2 : level * 3; }

float initial_score(const Document& doc, NodeId n, unsigned flags) {
  float score = 0;
  switch (doc[n].tag) {
    case GUMBO_TAG_DIV:
      score += 5;
      break;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
      score += 3;
      break;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
      score -= 3;
      break;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
      score -= 5;
      break;
    default:
      break;
  }
  score += static_cast<float>(class_weight(doc, n, flags));
  // (quietpage) The page's own mark of its article: schema.org microdata.
  if ((flags & kWeightClasses) && text::icontains(doc.attr(n, "itemprop"), "articlebody"))
    score += kArticleBodyWeight;
  return score;
}

double sibling_threshold(double top_score) { return std::max(kMinSiblingScore, top_score * kSiblingScoreRatio); }

double same_class_bonus(double top_score) { return top_score * kSiblingScoreRatio; }

bool sibling_paragraph_joins(const Document& doc, NodeId p) {
  double density = features::link_density(doc, p);
  std::string content = doc.inner_text(p);
  size_t length = text::js_length(content);
  if (length > kSiblingParagraphLength && density < kSiblingMaxLinkDensity) return true;
  return length < kSiblingParagraphLength && length > 0 && density == 0 && ends_sentence(content);
}

bool keeps_tag_when_appended(Tag t) {
  return t == GUMBO_TAG_DIV || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_SECTION ||
         t == GUMBO_TAG_P || t == GUMBO_TAG_OL || t == GUMBO_TAG_UL;
}

bool is_prose_block(const Document& doc, NodeId n) {
  return features::paragraph_text(doc, n) >= kRepeatedBlockMinProse &&
         features::link_density(doc, n) <= kRepeatedBlockMaxLinkDensity;
}

}  // namespace quietpage::rules::candidates
