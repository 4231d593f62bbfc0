#include "judge.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "rules/structure.h"

namespace quietpage {

using rules::fitted::Block;

namespace {

// An element with neither text nor media left in it.
bool is_empty(const Document& doc, NodeId n) {
  return !doc.has_text(n) && !rules::structure::has_image_or_embed(doc, n) &&
         !doc.has_descendant(n, GUMBO_TAG_VIDEO) && !doc.has_descendant(n, GUMBO_TAG_AUDIO) &&
         !doc.is(n, GUMBO_TAG_IMG) && !doc.is(n, GUMBO_TAG_HR) && !doc.is(n, GUMBO_TAG_BR);
}

// The article's own pictures, video, tables and code: what narrowing never
// takes away. A picture inside a link is a way to another page (a teaser's
// thumbnail), not one of the article's.
bool holds_media(const Document& doc, NodeId n) {
  for (NodeId d = n; d != kNoNode;) {
    if (doc.is(d, GUMBO_TAG_A)) {
      d = doc.next_in(d, n, true);
      continue;
    }
    if (doc.is_element(d)) {
      const Tag t = doc[d].tag;
      if (t == GUMBO_TAG_IMG || t == GUMBO_TAG_VIDEO || t == GUMBO_TAG_AUDIO || t == GUMBO_TAG_IFRAME ||
          t == GUMBO_TAG_TABLE || t == GUMBO_TAG_PRE || rules::fitted::is_kept_whole(t))
        return true;
    }
    d = doc.next_in(d, n);
  }
  return false;
}

// A block's vote for the article it is in: its length times 2p - 1.
double block_vote(const Block& block, double probability) {
  return static_cast<double>(block.length) * (2 * probability - 1);
}

}  // namespace

Judgement judge_article(Document& doc, NodeId article, const Metadata& metadata,
                        const rules::fitted::Models& models) {
  Judgement out;
  out.blocks = rules::fitted::article_blocks(doc, article, metadata, &out.too_long);
  const std::vector<Block>& blocks = out.blocks;
  if (blocks.empty()) return out;
  out.probabilities.reserve(blocks.size());
  for (const Block& b : blocks) out.probabilities.push_back(rules::fitted::probability(models.block.logit(b.features)));

  // Votes of the blocks for each subtree they are in (below the article):
  // length * (2p - 1), and the prose they hold.
  // The nodes with a vote (`voted`) and, by node, 1 + their place there (0: none).
  size_t total = 0, total_prose = 0;
  double whole_vote = 0;
  std::vector<uint32_t> place(doc.size(), 0);
  std::vector<NodeId> voted;
  std::vector<double> votes;
  std::vector<size_t> prose;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const double v = block_vote(blocks[i], out.probabilities[i]);
    const bool is_prose = blocks[i].features[rules::fitted::kBlock_is_prose] > 0;
    total += blocks[i].length;
    whole_vote += v;
    if (is_prose) total_prose += blocks[i].length;
    for (NodeId a = blocks[i].node; a != kNoNode && a != article; a = doc[a].parent) {
      if (place[a] == 0) {
        voted.push_back(a);
        votes.push_back(0);
        prose.push_back(0);
        place[a] = static_cast<uint32_t>(voted.size());
      }
      votes[place[a] - 1] += v;
      if (is_prose) prose[place[a] - 1] += blocks[i].length;
    }
  }

  // 1. The subtree voted for most, when it beats the whole article.
  std::unordered_set<NodeId> removed;
  NodeId best = kNoNode;
  double best_vote = whole_vote + models.narrow_margin * static_cast<double>(total);
  std::sort(voted.begin(), voted.end());  // a fixed order: equal votes go to the lowest id
  for (NodeId node : voted) {
    const double v = votes[place[node] - 1];
    if (v <= best_vote) continue;
    if (static_cast<double>(prose[place[node] - 1]) <
        rules::fitted::kNarrowMinProseShare * static_cast<double>(total_prose))
      continue;
    best = node;
    best_vote = v;
  }
  if (best != kNoNode) {
    for (NodeId x = best; x != article && doc[x].parent != kNoNode; x = doc[x].parent) {
      for (NodeId s = doc[doc[x].parent].first_child; s != kNoNode; s = doc[s].next) {
        if (s == x || !doc.is_element(s)) continue;
        if (place[s] != 0 && votes[place[s] - 1] <= 0 && !holds_media(doc, s)) removed.insert(s);
      }
    }
  }

  // 2. Short or link-heavy blocks voted out.
  auto inside_removed = [&](NodeId n) {
    for (NodeId a = n; a != kNoNode && a != article; a = doc[a].parent)
      if (removed.count(a)) return true;
    return false;
  };
  std::vector<NodeId> dropped_blocks;
  size_t removed_length = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (inside_removed(blocks[i].node)) {
      removed_length += blocks[i].length;
    } else if (rules::fitted::is_judged(blocks[i]) && !rules::fitted::kept_for_reader(blocks[i]) &&
               !(rules::structure::is_heading(doc[blocks[i].node].tag) && i + 1 < blocks.size() &&
                 blocks[i + 1].in_page_links) &&
               out.probabilities[i] < models.drop_below) {
      dropped_blocks.push_back(blocks[i].node);
      removed_length += blocks[i].length;
    }
  }
  if (static_cast<double>(total - removed_length) < rules::fitted::kMinKeptShare * static_cast<double>(total))
    return out;

  // Remove, in a fixed order (document order of the planned nodes).
  std::vector<NodeId> plan(removed.begin(), removed.end());
  plan.insert(plan.end(), dropped_blocks.begin(), dropped_blocks.end());
  std::sort(plan.begin(), plan.end());
  for (NodeId n : plan) {
    const NodeId parent = doc[n].parent;
    if (parent == kNoNode) continue;
    doc.remove(n);
    ++out.dropped;
    // 3. Ancestors left empty go too.
    for (NodeId p = parent; p != kNoNode && p != article && doc[p].parent != kNoNode;) {
      const NodeId up = doc[p].parent;
      if (!is_empty(doc, p)) break;
      doc.remove(p);
      p = up;
    }
  }
  return out;
}

}  // namespace quietpage
