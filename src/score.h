// Stage 4 — score: find the block that holds the article.
//
// Readability's algorithm, on the paragraphs prepare_attempt() collected:
//  1. Score each paragraph-like block (commas, length) and credit its parent
//     fully, grandparent half, and older ancestors less; a candidate starts
//     from its tag and class/id names.
//  2. Scale candidates by (1 - link density); take the best, then climb to an
//     ancestor when several top candidates have it in common or the score
//     keeps rising.
#pragma once

#include <cstdint>
#include <vector>

#include "dom.h"
#include "prepare.h"

namespace quietpage {

// The content scores of one attempt (Readability's node.readability), kept
// beside the tree: a node is a candidate once it has a score.
class Scores {
 public:
  explicit Scores(size_t nodes) : score_(nodes, 0), scored_(nodes, false) {}
  bool scored(NodeId n) const { return n < scored_.size() && scored_[n]; }
  float score(NodeId n) const { return n < score_.size() ? score_[n] : 0; }
  // The score of `n`, which becomes a candidate with score 0 when it was none.
  float& at(NodeId n) {
    if (n >= score_.size()) {
      score_.resize(n + 1, 0);
      scored_.resize(n + 1, false);
    }
    scored_[n] = true;
    return score_[n];
  }
  // Whether weighing classes (rules::kWeightClasses) changed a score: a
  // candidate's class/id weight, its microdata bonus, or the <main> factor.
  bool weighed = false;

 private:
  std::vector<float> score_;
  std::vector<bool> scored_;
};

// Scores the prepared paragraphs into `scores` and returns the top candidate:
// the best-scoring block or an ancestor of it, or, when nothing scored, a new
// <div> holding all of `body` (the body as it was before preparing).
// `top_candidates` is Options::top_candidates; `flags` the attempt's rules::Flags.
NodeId choose_article_root(Document& doc, NodeId body, const Prepared& prepared, unsigned flags,
                           uint32_t top_candidates, Scores& scores);

}  // namespace quietpage
