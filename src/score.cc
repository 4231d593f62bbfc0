#include "score.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "heuristics.h"
#include "text.h"

namespace quietpage {
namespace {

// Paragraphs shorter than this (characters) are not scored.
constexpr size_t kMinParagraphLength = 25;
// Each 100 characters add a point, up to 3.
constexpr size_t kCharsPerPoint = 100;
constexpr double kMaxLengthPoints = 3;
// How many ancestors of a paragraph receive its score.
constexpr int kScoredAncestorLevels = 5;
// A top candidate's ancestor is preferred when it contains this many of the
// other top candidates scoring within kCloseScoreRatio of the best.
constexpr size_t kMinimumTopCandidates = 3;
constexpr double kCloseScoreRatio = 0.75;

// (quietpage) itemprop="articleBody" weighs like a positive class name.
constexpr int kArticleBodyWeight = 25;
// (quietpage) With one <main> (or role="main") on the page, candidates that
// are neither inside it nor around it are outside the page's main content.
constexpr double kOutsideMainFactor = 0.5;

// Initial score of a candidate from its tag and class/id names.
void initialize_node(const Document& doc, Scores& scores, NodeId n, unsigned flags) {
  float& score = scores.at(n);
  score = 0;
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
}

bool has_element_parent(const Document& doc, NodeId n) {
  NodeId p = doc[n].parent;
  return p != kNoNode && doc.is_element(p);
}


// Steps 2–3: score paragraphs into their ancestors; return candidates best
// first (at most Options::top_candidates).
std::vector<NodeId> score_candidates(const Document& doc, const Prepared& prepared, unsigned flags,
                                     uint32_t top_candidates, Scores& scores) {
  std::vector<NodeId> candidates;
  for (NodeId el : prepared.paragraphs) {
    if (!has_element_parent(doc, el)) continue;
    Document::TextStats stats = doc.text_stats(el);
    if (stats.length < kMinParagraphLength) continue;
    // One point for the paragraph, one per comma (plus one, as splitting on
    // commas counts pieces), one per 100 characters up to 3.
    double score = 1 + static_cast<double>(stats.commas + 1) +
                   std::min(std::floor(static_cast<double>(stats.length) / kCharsPerPoint),
                            kMaxLengthPoints);
    int level = 0;
    for (NodeId a = doc[el].parent; a != kNoNode && level < kScoredAncestorLevels;
         a = doc[a].parent, ++level) {
      if (!doc.is_element(a) || !has_element_parent(doc, a)) continue;
      if (!scores.scored(a)) {
        initialize_node(doc, scores, a, flags);
        candidates.push_back(a);
      }
      // Parent gets it all, grandparent half, older ancestors level*3-th.
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      scores.at(a) += static_cast<float>(score / divider);
    }
  }

  const NodeId main = (flags & kWeightClasses) ? prepared.main : kNoNode;
  std::vector<NodeId> top;
  const size_t n_top = std::max<uint32_t>(1, top_candidates);
  for (NodeId c : candidates) {
    // Good content has few links: scale by the share of non-link text.
    float& score = scores.at(c);
    score = static_cast<float>(score * (1 - link_density(doc, c)));
    if (main != kNoNode && !doc.contains(main, c) && !doc.contains(c, main))
      score = static_cast<float>(score * kOutsideMainFactor);
    for (size_t t = 0; t < n_top; ++t) {
      if (t == top.size() || score > scores.score(top[t])) {
        top.insert(top.begin() + static_cast<long>(t), c);
        if (top.size() > n_top) top.pop_back();
        break;
      }
    }
  }
  return top;
}



// Step 3: choose the top candidate, possibly an ancestor of the best one.
NodeId choose_top_candidate(Document& doc, NodeId body, const std::vector<NodeId>& top, unsigned flags,
                            Scores& scores) {
  NodeId best = top.empty() ? kNoNode : top[0];
  if (best == kNoNode || doc.is(best, GUMBO_TAG_BODY)) {
    // Nothing scored: take the whole body.
    NodeId div = doc.create_element(GUMBO_TAG_DIV);
    if (body != kNoNode) {
      doc.move_children(body, div);
      doc.append_child(body, div);
    }
    initialize_node(doc, scores, div, flags);
    return div;
  }

  // Several close runners-up inside one ancestor: the article is that ancestor.
  std::vector<std::vector<NodeId>> alternative_ancestors;
  for (size_t i = 1; i < top.size(); ++i)
    if (scores.score(top[i]) / scores.score(best) >= kCloseScoreRatio)
      alternative_ancestors.push_back(ancestors_of(doc, top[i]));
  if (alternative_ancestors.size() >= kMinimumTopCandidates) {
    for (NodeId p = doc[best].parent; p != kNoNode && !doc.is(p, GUMBO_TAG_BODY) && doc.is_element(p);
         p = doc[p].parent) {
      size_t lists = 0;
      for (const auto& list : alternative_ancestors)
        if (std::find(list.begin(), list.end(), p) != list.end()) ++lists;
      if (lists >= kMinimumTopCandidates) {
        best = p;
        break;
      }
    }
  }
  if (!scores.scored(best)) initialize_node(doc, scores, best, flags);

  // Climb while parents' scores rise: content may continue beside the winner.
  float last_score = scores.score(best);
  const float threshold = last_score / 3;
  for (NodeId p = doc[best].parent; p != kNoNode && doc.is_element(p) && !doc.is(p, GUMBO_TAG_BODY);
       p = doc[p].parent) {
    if (!scores.scored(p)) continue;
    if (scores.score(p) < threshold) break;
    if (scores.score(p) > last_score) {
      best = p;
      break;
    }
    last_score = scores.score(p);
  }

  // An only child stands for its parent (helps the sibling step below).
  for (NodeId p = doc[best].parent; p != kNoNode && doc.is_element(p) &&
                                    !doc.is(p, GUMBO_TAG_BODY) && doc.element_child_count(p) == 1;
       p = doc[best].parent)
    best = p;
  if (!scores.scored(best)) initialize_node(doc, scores, best, flags);
  return best;
}
}  // namespace

NodeId choose_article_root(Document& doc, NodeId body, const Prepared& prepared, unsigned flags,
                           uint32_t top_candidates, Scores& scores) {
  return choose_top_candidate(doc, body, score_candidates(doc, prepared, flags, top_candidates, scores), flags,
                              scores);
}

}  // namespace quietpage
