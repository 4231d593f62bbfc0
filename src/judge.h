// Stage 5b — judge: the fitted judgement of the chosen article's blocks
// (rules/fitted.h). After cleaning, each block of the article (a paragraph,
// list item, heading, caption...) gets a probability of being the article's;
// then
//  1. the article narrows to the subtree its blocks vote for most, dropping
//     the sibling subtrees along the way that vote against themselves (an
//     article chosen with its sidebar, comments or link lists around it);
//  2. short or link-heavy blocks voted out go (promos, gallery chrome,
//     repeated bylines and date lines, footers);
//  3. elements left without text or media go.
// Nothing happens when it would leave less than rules::fitted::kMinKeptShare
// of the article's text.
#pragma once

#include <functional>
#include <vector>

#include "dom.h"
#include "metadata.h"
#include "rules/fitted.h"

namespace quietpage {

struct Judgement {
  std::vector<rules::fitted::Block> blocks;  // as they were before judging
  std::vector<double> probabilities;         // of each block being the article's
  size_t dropped = 0;                        // blocks removed
  bool too_long = false;                     // more blocks than rules::fitted::kMaxJudgedBlocks: not judged
};

Judgement judge_article(Document& doc, NodeId article, const Metadata& metadata,
                        const rules::fitted::Models& models);

}  // namespace quietpage
