#include "score.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "rules/candidates.h"
#include "rules/features.h"
#include "rules/flags.h"
#include "rules/structure.h"

namespace quietpage {

using namespace rules;

namespace {

void initialize_node(const Document& doc, Scores& scores, NodeId n, unsigned flags) {
  const float score = candidates::initial_score(doc, n, flags);
  scores.at(n) = score;
  if ((flags & kWeightClasses) && score != candidates::initial_score(doc, n, flags & ~kWeightClasses))
    scores.weighed = true;
}

bool has_element_parent(const Document& doc, NodeId n) {
  NodeId p = doc[n].parent;
  return p != kNoNode && doc.is_element(p);
}

// Scores paragraphs into their ancestors; returns the candidates, best first
// (at most `top_candidates`).
std::vector<NodeId> score_candidates(const Document& doc, const Prepared& prepared, unsigned flags,
                                     uint32_t top_candidates, Scores& scores) {
  std::vector<NodeId> found;
  for (NodeId el : prepared.paragraphs) {
    if (!has_element_parent(doc, el)) continue;
    Document::TextStats stats = doc.text_stats(el);
    if (stats.length < candidates::kMinParagraphLength) continue;
    const double points = candidates::paragraph_points(stats);
    int level = 0;
    for (NodeId a = doc[el].parent; a != kNoNode && level < candidates::kScoredAncestorLevels;
         a = doc[a].parent, ++level) {
      if (!doc.is_element(a) || !has_element_parent(doc, a)) continue;
      if (!scores.scored(a)) {
        initialize_node(doc, scores, a, flags);
        found.push_back(a);
      }
      scores.at(a) += static_cast<float>(points / candidates::ancestor_divider(level));
    }
  }

  const NodeId main = (flags & kWeightClasses) ? prepared.main : kNoNode;
  std::vector<NodeId> top;
  const size_t n_top = std::max<uint32_t>(1, top_candidates);
  for (NodeId c : found) {
    float& score = scores.at(c);
    score = static_cast<float>(score * (1 - features::link_density(doc, c)));
    if (main != kNoNode && !doc.contains(main, c) && !doc.contains(c, main)) {
      score = static_cast<float>(score * candidates::kOutsideMainFactor);
      scores.weighed = true;
    }
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

// The top candidate: the best one, or an ancestor of it.
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
    if (scores.score(top[i]) / scores.score(best) >= candidates::kCloseScoreRatio)
      alternative_ancestors.push_back(structure::ancestors_of(doc, top[i]));
  if (alternative_ancestors.size() >= candidates::kMinimumTopCandidates) {
    for (NodeId p = doc[best].parent; p != kNoNode && !doc.is(p, GUMBO_TAG_BODY) && doc.is_element(p);
         p = doc[p].parent) {
      size_t lists = 0;
      for (const auto& list : alternative_ancestors)
        if (std::find(list.begin(), list.end(), p) != list.end()) ++lists;
      if (lists >= candidates::kMinimumTopCandidates) {
        best = p;
        break;
      }
    }
  }
  if (!scores.scored(best)) initialize_node(doc, scores, best, flags);

  // Climb while parents' scores rise: content may continue beside the winner.
  float last_score = scores.score(best);
  const float threshold = last_score / candidates::kClimbScoreDivisor;
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

  // An only child stands for its parent (helps gathering its siblings).
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
