#include "score.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "clean.h"
#include "heuristics.h"
#include "patterns.h"
#include "text.h"

namespace quietpage {
namespace {

// Blocks whose text is scored: section, h2–h6, p, td, pre.
bool is_scored_tag(Tag t) {
  switch (t) {
    case GUMBO_TAG_SECTION: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_P: case GUMBO_TAG_TD:
    case GUMBO_TAG_PRE:
      return true;
    default:
      return false;
  }
}

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
// Siblings join the article when they score above this share of the winner
// (and above kMinSiblingScore).
constexpr double kSiblingScoreRatio = 0.2;
constexpr double kMinSiblingScore = 10;
// A sibling paragraph joins when long and not linky, or short, link-free and
// ending a sentence.
constexpr size_t kSiblingParagraphLength = 80;
constexpr double kSiblingMaxLinkDensity = 0.25;
// A <div> holding a single <p> becomes that <p> when not too linky.
constexpr double kSingleParagraphMaxLinkDensity = 0.25;
// A byline is short.
constexpr size_t kMaxBylineLength = 100;
// A heading duplicates the title when this similar to it.
constexpr double kTitleSimilarity = 0.75;
// A block whose class/id looks unlikely only because of where it sits
// ("above-footer", "header-wrap") is kept when it holds more than this
// share of the page's paragraph text.
constexpr double kProtectedProseShare = 0.5;

// Characters of text in the <p>s inside `root`.
size_t paragraph_text(const Document& doc, NodeId root) {
  size_t length = 0;
  for (NodeId n = doc.next_in(root, root); n != kNoNode;) {
    if (doc.is(n, GUMBO_TAG_P)) {
      length += doc.text_stats(n).length;
      n = doc.next_in(n, root, true);
    } else {
      n = doc.next_in(n, root);
    }
  }
  return length;
}

// Names that say where a block sits rather than what it is.
bool only_positional_unlikely(std::string match) {
  for (std::string_view where : {"footer", "header", "extra", "supplemental", "banner"}) {
    for (size_t pos = text::ifind(match, where); pos != std::string::npos; pos = text::ifind(match, where))
      match.replace(pos, where.size(), " ");
  }
  return !patterns::unlikely_candidate(match);
}

bool holds_the_prose(const Document& doc, NodeId node, const std::string& match, double page_prose) {
  return only_positional_unlikely(match) &&
         static_cast<double>(paragraph_text(doc, node)) > kProtectedProseShare * page_prose;
}

// (quietpage) itemprop="articleBody" weighs like a positive class name.
constexpr int kArticleBodyWeight = 25;
// (quietpage) With one <main> (or role="main") on the page, candidates that
// are neither inside it nor around it are outside the page's main content.
constexpr double kOutsideMainFactor = 0.5;

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

 private:
  std::vector<float> score_;
  std::vector<bool> scored_;
};

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

NodeId remove_and_get_next(Document& doc, NodeId n) {
  NodeId next = doc.next_element(n, true);
  doc.remove(n);
  return next;
}

bool is_valid_byline(const Document& doc, NodeId n, std::string_view match) {
  bool looks = doc.attr(n, "rel") == "author" ||
               doc.attr(n, "itemprop").find("author") != std::string_view::npos ||
               patterns::byline(match);
  if (!looks) return false;
  size_t length = text::js_length(text::trim(doc.text_content(n)));
  return length > 0 && length < kMaxBylineLength;
}

bool header_duplicates_title(const Document& doc, NodeId n, const std::string& title) {
  if (!doc.is(n, GUMBO_TAG_H1) && !doc.is(n, GUMBO_TAG_H2)) return false;
  std::string heading(text::trim(doc.text_content(n)));
  return text_similarity(title, heading) > kTitleSimilarity;
}

// The article's header: it holds the headline (an <h1>, or a heading that
// repeats the title).
bool holds_headline(const Document& doc, NodeId n, const std::string& title) {
  for (NodeId h = doc.next_in(n, n); h != kNoNode; h = doc.next_in(h, n))
    if (doc.is(h, GUMBO_TAG_H1) || header_duplicates_title(doc, h, title)) return true;
  return false;
}

// Wraps runs of phrasing content directly inside a <div> into <p>s.
void wrap_phrasing_runs(Document& doc, NodeId div) {
  NodeId p = kNoNode;
  NodeId child = doc[div].first_child;
  while (child != kNoNode) {
    NodeId next = doc[child].next;
    if (is_phrasing_content(doc, child)) {
      if (p != kNoNode) {
        doc.append_child(p, child);
      } else if (!is_whitespace_node(doc, child)) {
        p = doc.create_element(GUMBO_TAG_P);
        doc.replace(child, p);
        doc.append_child(p, child);
      }
    } else if (p != kNoNode) {
      while (doc[p].last_child != kNoNode && is_whitespace_node(doc, doc[p].last_child))
        doc.remove(doc[p].last_child);
      p = kNoNode;
    }
    child = next;
  }
}

struct Pass {
  Document& doc;
  NodeId body;  // taken before the walk, which may detach it (hidden body)
  const Options& options;
  const Metadata& metadata;
  Extraction& out;
  unsigned flags;
  Scores scores;
  // The page's <main> (or role="main") when it has exactly one (the walk finds it).
  NodeId main = kNoNode;
  int mains = 0;
};

// Step 4b (quietpage): the lead. Many pages put the article's intro
// ("teaser", "standfirst", "chapeau") in the article header, outside the
// container that wins; it is found among the preceding siblings of the
// winner and of its closest ancestors, by name.
constexpr int kLeadSearchLevels = 3;
constexpr int kLeadSearchSiblings = 6;
constexpr size_t kMinLeadLength = 40;
constexpr double kMaxLeadLinkDensity = 0.3;
constexpr int kLeadSearchDescendants = 400;  // elements looked at inside each block

bool has_lead_name(const Document& doc, NodeId n) {
  for (std::string_view name : {doc.attr(n, "class"), doc.attr(n, "id"), doc.attr(n, "itemprop")})
    if (patterns::lead_name(name)) return true;
  return false;
}

// The lead inside `node` (or `node` itself, unless `inside_only`), looking
// at its first elements.
NodeId lead_inside(const Document& doc, NodeId node, bool inside_only = false) {
  NodeId d = inside_only ? doc.next_in(node, node) : node;
  for (int looked = 0; d != kNoNode && looked < kLeadSearchDescendants; ++looked) {
    // A caption is not a lead: figures are skipped whole.
    const bool figure = doc.is(d, GUMBO_TAG_FIGURE) || doc.is(d, GUMBO_TAG_FIGCAPTION);
    if (doc.is_element(d) && !figure && has_lead_name(doc, d) &&
        doc.text_stats(d).length >= kMinLeadLength && link_density(doc, d) <= kMaxLeadLinkDensity)
      return d;
    d = doc.next_in(d, node, figure);
  }
  return kNoNode;
}

// Step 1: one walk over the document that removes junk and collects the
// elements to score.
std::vector<NodeId> prepare_nodes(Pass& pass) {
  Document& doc = pass.doc;
  std::vector<NodeId> to_score;
  bool should_remove_title_header = true;
  const double page_prose = pass.body != kNoNode ? static_cast<double>(paragraph_text(doc, pass.body)) : 0;
  NodeId node = doc.html();
  while (node != kNoNode) {
    if (doc.is(node, GUMBO_TAG_HTML)) pass.out.lang = std::string(doc.attr(node, "lang"));
    std::string match = match_string(doc, node);

    if (!is_probably_visible(doc, node)) {
      node = remove_and_get_next(doc, node);
      continue;
    }
    // Modal dialogs are not visible to the reader either.
    if (doc.attr(node, "aria-modal") == "true" && doc.attr(node, "role") == "dialog") {
      node = remove_and_get_next(doc, node);
      continue;
    }
    if (pass.out.byline.empty() && pass.metadata.byline.empty() &&
        is_valid_byline(doc, node, match)) {
      // Prefer a descendant marked itemprop="name": the bare author name.
      NodeId end = doc.next_element(node, true);
      NodeId name_node = kNoNode;
      for (NodeId n = doc.next_element(node); n != kNoNode && n != end; n = doc.next_element(n)) {
        if (doc.attr(n, "itemprop").find("name") != std::string_view::npos) {
          name_node = n;
          break;
        }
      }
      pass.out.byline = std::string(
          text::trim(doc.text_content(name_node != kNoNode ? name_node : node)));
      node = remove_and_get_next(doc, node);
      continue;
    }
    if (should_remove_title_header && header_duplicates_title(doc, node, pass.metadata.title)) {
      should_remove_title_header = false;
      node = remove_and_get_next(doc, node);
      continue;
    }
    Tag tag = doc[node].tag;
    if (pass.flags & kStripUnlikelys) {
      if (patterns::unlikely_candidate(match) && !patterns::maybe_candidate(match) &&
          !has_ancestor_tag(doc, node, GUMBO_TAG_TABLE) &&
          !has_ancestor_tag(doc, node, GUMBO_TAG_CODE) && tag != GUMBO_TAG_BODY &&
          tag != GUMBO_TAG_A && !holds_the_prose(doc, node, match, page_prose)) {
        // An article header ("entry-header") goes, but its lead stays in its
        // place for find_lead().
        const bool header = tag == GUMBO_TAG_HEADER || match.find("header") != std::string::npos;
        NodeId lead = header && holds_headline(doc, node, pass.metadata.title) ? lead_inside(doc, node, true)
                                                                            : kNoNode;
        if (lead == kNoNode) {
          node = remove_and_get_next(doc, node);
          continue;
        }
        doc.replace(node, lead);
        node = lead;
        tag = doc[node].tag;
        match = match_string(doc, node);
      }
      if (patterns::unlikely_role(doc.attr(node, "role"))) {
        node = remove_and_get_next(doc, node);
        continue;
      }
    }
    if ((tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_HEADER ||
         is_heading(tag)) &&
        is_element_without_content(doc, node)) {
      node = remove_and_get_next(doc, node);
      continue;
    }
    if (is_scored_tag(tag)) to_score.push_back(node);
    if (tag == GUMBO_TAG_MAIN || doc.attr(node, "role") == "main") {
      pass.main = node;
      ++pass.mains;
    }

    if (tag == GUMBO_TAG_DIV) {
      wrap_phrasing_runs(doc, node);
      // A <div> around a single paragraph is that paragraph.
      if (has_single_tag_inside(doc, node, GUMBO_TAG_P) &&
          link_density(doc, node) < kSingleParagraphMaxLinkDensity) {
        NodeId child = doc.first_element_child(node);
        // The wrapper's name says what the paragraph is ("share", "byline"):
        // keep it when the paragraph has none of its own.
        for (std::string_view name : {"class", "id"})
          if (!doc.has_attr(child, name) && doc.has_attr(node, name))
            doc.set_attr(child, name, doc.attr(node, name));  // the same (document-owned) text
        doc.replace(node, child);
        node = child;
        to_score.push_back(node);
      } else if (!has_child_block_element(doc, node)) {
        doc[node].tag = GUMBO_TAG_P;
        to_score.push_back(node);
      }
    }
    node = doc.next_element(node);
  }
  return to_score;
}

bool has_element_parent(const Document& doc, NodeId n) {
  NodeId p = doc[n].parent;
  return p != kNoNode && doc.is_element(p);
}

// Steps 2–3: score paragraphs into their ancestors; return candidates best
// first (at most Options::top_candidates).
std::vector<NodeId> score_candidates(Pass& pass, const std::vector<NodeId>& to_score) {
  Document& doc = pass.doc;
  std::vector<NodeId> candidates;
  for (NodeId el : to_score) {
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
      if (!pass.scores.scored(a)) {
        initialize_node(doc, pass.scores, a, pass.flags);
        candidates.push_back(a);
      }
      // Parent gets it all, grandparent half, older ancestors level*3-th.
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      pass.scores.at(a) += static_cast<float>(score / divider);
    }
  }

  const NodeId main = (pass.flags & kWeightClasses) && pass.mains == 1 ? pass.main : kNoNode;
  std::vector<NodeId> top;
  const size_t n_top = std::max<uint32_t>(1, pass.options.top_candidates);
  for (NodeId c : candidates) {
    // Good content has few links: scale by the share of non-link text.
    float& score = pass.scores.at(c);
    score = static_cast<float>(score * (1 - link_density(doc, c)));
    if (main != kNoNode && !doc.contains(main, c) && !doc.contains(c, main))
      score = static_cast<float>(score * kOutsideMainFactor);
    for (size_t t = 0; t < n_top; ++t) {
      if (t == top.size() || score > pass.scores.score(top[t])) {
        top.insert(top.begin() + static_cast<long>(t), c);
        if (top.size() > n_top) top.pop_back();
        break;
      }
    }
  }
  return top;
}

std::vector<NodeId> ancestors_of(const Document& doc, NodeId n) {
  std::vector<NodeId> out;
  for (NodeId p = doc[n].parent; p != kNoNode; p = doc[p].parent) out.push_back(p);
  return out;
}

// Step 3: choose the top candidate, possibly an ancestor of the best one.
NodeId choose_top_candidate(Pass& pass, const std::vector<NodeId>& top) {
  Document& doc = pass.doc;
  NodeId body = pass.body;
  NodeId best = top.empty() ? kNoNode : top[0];
  if (best == kNoNode || doc.is(best, GUMBO_TAG_BODY)) {
    // Nothing scored: take the whole body.
    NodeId div = doc.create_element(GUMBO_TAG_DIV);
    if (body != kNoNode) {
      doc.move_children(body, div);
      doc.append_child(body, div);
    }
    initialize_node(doc, pass.scores, div, pass.flags);
    return div;
  }

  // Several close runners-up inside one ancestor: the article is that ancestor.
  std::vector<std::vector<NodeId>> alternative_ancestors;
  for (size_t i = 1; i < top.size(); ++i)
    if (pass.scores.score(top[i]) / pass.scores.score(best) >= kCloseScoreRatio)
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
  if (!pass.scores.scored(best)) initialize_node(doc, pass.scores, best, pass.flags);

  // Climb while parents' scores rise: content may continue beside the winner.
  float last_score = pass.scores.score(best);
  const float threshold = last_score / 3;
  for (NodeId p = doc[best].parent; p != kNoNode && doc.is_element(p) && !doc.is(p, GUMBO_TAG_BODY);
       p = doc[p].parent) {
    if (!pass.scores.scored(p)) continue;
    if (pass.scores.score(p) < threshold) break;
    if (pass.scores.score(p) > last_score) {
      best = p;
      break;
    }
    last_score = pass.scores.score(p);
  }

  // An only child stands for its parent (helps the sibling step below).
  for (NodeId p = doc[best].parent; p != kNoNode && doc.is_element(p) &&
                                    !doc.is(p, GUMBO_TAG_BODY) && doc.element_child_count(p) == 1;
       p = doc[best].parent)
    best = p;
  if (!pass.scores.scored(best)) initialize_node(doc, pass.scores, best, pass.flags);
  return best;
}

bool keeps_tag_when_appended(Tag t) {
  return t == GUMBO_TAG_DIV || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_SECTION ||
         t == GUMBO_TAG_P || t == GUMBO_TAG_OL || t == GUMBO_TAG_UL;
}

bool ends_sentence(std::string_view s) {
  // /\.( |$)/: a period followed by a space or the end.
  for (size_t i = s.find('.'); i != std::string_view::npos; i = s.find('.', i + 1))
    if (i + 1 == s.size() || s[i + 1] == ' ') return true;
  return false;
}

// Step 4a (quietpage): an article cut into repeated blocks. Some layouts
// split the article into sibling blocks of one kind (<div class="text-block">
// again and again, each with its own wrappers), so the winner is the inside
// of one block and its siblings, one level down, see nothing of the others.
// When an ancestor of the winner, a few levels up, has siblings of its exact
// class that hold prose, gathering happens at that level instead.
constexpr int kRepeatedBlockSearchLevels = 4;
// A sibling block counts when its paragraphs hold this much text...
constexpr size_t kRepeatedBlockMinProse = 100;
// ...and it is not a list of links (teasers of other articles).
constexpr double kRepeatedBlockMaxLinkDensity = 0.3;

bool is_prose_block(const Document& doc, NodeId n) {
  return paragraph_text(doc, n) >= kRepeatedBlockMinProse &&
         link_density(doc, n) <= kRepeatedBlockMaxLinkDensity;
}

// The ancestor of `top` whose same-class siblings hold more of the article,
// or kNoNode.
NodeId repeated_block_of(const Pass& pass, NodeId top) {
  const Document& doc = pass.doc;
  NodeId node = doc[top].parent;
  for (int level = 0; level < kRepeatedBlockSearchLevels && node != kNoNode && node != pass.body; ++level) {
    std::string_view cls = doc.attr(node, "class");
    if (!cls.empty() && doc[node].parent != kNoNode) {
      for (NodeId s = doc.first_element_child(doc[node].parent); s != kNoNode; s = doc.next_element_sibling(s))
        if (s != node && doc.attr(s, "class") == cls && is_prose_block(doc, s)) return node;
    }
    node = doc[node].parent;
  }
  return kNoNode;
}

// Step 4: the winner and the siblings that look like more of it, moved into
// a new <div>. With `repeated`, `top` is a repeated block (step 4a) and its
// same-class siblings that hold prose come along.
NodeId gather_siblings(Pass& pass, NodeId top, double top_score, bool repeated) {
  Document& doc = pass.doc;
  NodeId article = doc.create_element(GUMBO_TAG_DIV);
  NodeId parent = doc[top].parent;
  if (parent == kNoNode) {
    doc.append_child(article, top);
    return article;
  }
  const double threshold = std::max(kMinSiblingScore, top_score * kSiblingScoreRatio);
  std::string_view top_class = doc.attr(top, "class");
  NodeId sibling = doc.first_element_child(parent);
  while (sibling != kNoNode) {
    NodeId next = doc.next_element_sibling(sibling);
    bool append = sibling == top;
    if (!append) {
      double bonus = 0;
      // Siblings styled like the winner are probably more of it.
      const bool same_class = !top_class.empty() && doc.attr(sibling, "class") == top_class;
      if (same_class) bonus += top_score * kSiblingScoreRatio;
      if (repeated && same_class && is_prose_block(doc, sibling)) {
        append = true;
      } else if (pass.scores.scored(sibling) && pass.scores.score(sibling) + bonus >= threshold) {
        append = true;
      } else if (doc.is(sibling, GUMBO_TAG_P)) {
        double density = link_density(doc, sibling);
        std::string content = doc.inner_text(sibling);
        size_t length = text::js_length(content);
        if (length > kSiblingParagraphLength && density < kSiblingMaxLinkDensity) {
          append = true;
        } else if (length < kSiblingParagraphLength && length > 0 && density == 0 &&
                   ends_sentence(content)) {
          append = true;
        }
      }
    }
    if (append) {
      // Keep only common block tags; anything else (td, form…) becomes a div
      // so later cleaning doesn't drop it by accident.
      if (!keeps_tag_when_appended(doc[sibling].tag)) doc[sibling].tag = GUMBO_TAG_DIV;
      doc.append_child(article, sibling);
    }
    sibling = next;
  }
  return article;
}

// Looks before gather_siblings() moves anything, so the search walks the
// page's own tree.
NodeId find_lead(Pass& pass, NodeId top) {
  const Document& doc = pass.doc;
  NodeId node = top;
  for (int level = 0; level < kLeadSearchLevels && node != kNoNode && node != pass.body; ++level) {
    int seen = 0;
    for (NodeId s = doc.prev_element_sibling(node); s != kNoNode && seen < kLeadSearchSiblings;
         s = doc.prev_element_sibling(s), ++seen) {
      // The sibling itself, or an element inside it (the lead in a <header>).
      NodeId lead = lead_inside(doc, s);
      if (lead != kNoNode) return lead;
    }
    if (doc.is(node, GUMBO_TAG_ARTICLE)) break;  // the article's own header was searched
    node = doc[node].parent;
  }
  return kNoNode;
}

// Step 4b, second way: the page's description (<meta name=description>)
// shown as a block above the article is its lead. Blocks are compared by
// length first, so few texts are built.
constexpr double kDescribedLeadMinRatio = 0.8;
constexpr double kDescribedLeadMaxRatio = 1.25;

// `s` whitespace-collapsed, trimmed, without a trailing ellipsis (meta
// descriptions are often cut).
std::string comparable(std::string_view s) {
  std::string c = text::collapse_spaces(text::trim(s));
  for (std::string_view dots : {"…", "..."})
    if (c.size() >= dots.size() && c.compare(c.size() - dots.size(), dots.size(), dots) == 0) {
      c.resize(c.size() - dots.size());
      c = std::string(text::trim(c));
    }
  return c;
}

NodeId find_described_lead(Pass& pass, NodeId top) {
  const Document& doc = pass.doc;
  const std::string description = comparable(pass.metadata.excerpt);
  const double length = static_cast<double>(text::js_length(description));
  if (length < kMinLeadLength) return kNoNode;
  for (NodeId n = doc.next_in(pass.body, pass.body); n != kNoNode && n != top; n = doc.next_in(n, pass.body)) {
    if (!doc.is_element(n)) continue;
    const Tag t = doc[n].tag;
    if (t != GUMBO_TAG_P && t != GUMBO_TAG_DIV && !is_heading(t)) continue;
    const double block = static_cast<double>(doc.text_stats(n).length);
    if (block < kDescribedLeadMinRatio * length || block > kDescribedLeadMaxRatio * length) continue;
    if (has_child_block_element(doc, n) || link_density(doc, n) > kMaxLeadLinkDensity) continue;
    const std::string text = comparable(doc.text_content(n));
    auto starts = [](const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; };
    if (starts(text, description) || starts(description, text)) return n;
  }
  return kNoNode;
}

// Puts the lead first in the article, unless the article already holds it
// (the node, or its text).
void add_lead(Pass& pass, NodeId lead, NodeId article) {
  Document& doc = pass.doc;
  if (lead == kNoNode || doc.contains(article, lead) || doc.contains(lead, article)) return;
  const std::string lead_text = comparable(doc.text_content(lead));
  if (text::collapse_spaces(doc.text_content(article)).find(lead_text) != std::string::npos) return;
  // A lead is a paragraph (a <h2 class="deck"> too), unless it holds blocks.
  if (!keeps_tag_when_appended(doc[lead].tag))
    doc[lead].tag = has_child_block_element(doc, lead) ? GUMBO_TAG_DIV : GUMBO_TAG_P;
  doc.insert_before(article, lead, doc[article].first_child);
}

std::string find_dir(const Document& doc, NodeId parent, NodeId top) {
  std::vector<NodeId> chain{parent, top};
  for (NodeId a : ancestors_of(doc, parent)) chain.push_back(a);
  for (NodeId n : chain) {
    if (!doc.is_element(n)) continue;
    std::string_view dir = doc.attr(n, "dir");
    if (!dir.empty()) return std::string(dir);
  }
  return {};
}

// Step 6 (quietpage): the JSON-LD articleBody. Some pages build the article
// with script, or show a teaser while their JSON-LD carries the whole text.
// When that text is much longer than what the markup gave, it becomes the
// article, one paragraph per line. (Its text lives in `metadata`, which
// outlives the document's use.)
constexpr double kArticleBodyMinRatio = 2.0;

bool use_article_body(Document& doc, const Options& options, const Metadata& metadata,
                      size_t extracted_length, Extraction& out) {
  const std::string_view body = metadata.article_body;
  const size_t body_length = text::js_length(body);
  if (body_length < options.char_threshold ||
      static_cast<double>(body_length) < kArticleBodyMinRatio * static_cast<double>(extracted_length))
    return false;
  NodeId div = doc.create_element(GUMBO_TAG_DIV);
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = text::trim(body.substr(start, end - start));
    if (!line.empty()) {
      NodeId p = doc.create_element(GUMBO_TAG_P);
      doc.append_child(p, doc.create_text(line));
      doc.append_child(div, p);
    }
    start = end + 1;
  }
  doc.append_child(doc.body(), div);  // in the tree, like the article it replaces
  out.content = div;
  return true;
}

}  // namespace

bool grab_article(Document& doc, const Options& options, const Metadata& metadata,
                  Extraction& out) {
  const Document::Snapshot pristine = doc.snapshot();
  // Of the attempts that found too little text, only the longest matters
  // (the earliest among equals): keep just that one.
  struct Attempt {
    Document::Snapshot state;
    NodeId content = kNoNode;
    size_t length = 0;
    std::string dir;
  };
  Attempt best;
  bool have_best = false;
  unsigned flags = kStripUnlikelys | kWeightClasses | kCleanConditionally;

  while (true) {
    Pass pass{doc, doc.body(), options, metadata, out, flags, Scores(doc.size())};
    std::vector<NodeId> to_score = prepare_nodes(pass);
    std::vector<NodeId> top = score_candidates(pass, to_score);
    NodeId top_candidate = choose_top_candidate(pass, top);
    NodeId parent = doc[top_candidate].parent;
    // Before gathering moves anything: the direction comes from the winner's ancestors.
    std::string dir = parent != kNoNode ? find_dir(doc, parent, top_candidate) : std::string();
    const NodeId block = repeated_block_of(pass, top_candidate);
    const NodeId gather_from = block != kNoNode ? block : top_candidate;
    NodeId lead = find_lead(pass, gather_from);
    if (lead == kNoNode) lead = find_described_lead(pass, gather_from);
    NodeId article = gather_siblings(pass, gather_from, pass.scores.score(top_candidate), block != kNoNode);
    add_lead(pass, lead, article);
    clean_article(doc, article, flags);

    size_t length = doc.text_stats(article).length;
    if (length >= options.char_threshold) {
      out.content = article;
      out.dir = dir;
      use_article_body(doc, options, metadata, length, out);
      return true;
    }
    if (!have_best || length > best.length) {
      best = {doc.snapshot(), article, length, dir};
      have_best = true;
    }
    if (flags == 0) break;
    // Relax one rule and try again on the untouched document.
    doc.restore(pristine);
    if (flags & kStripUnlikelys) {
      flags &= ~kStripUnlikelys;
    } else if (flags & kWeightClasses) {
      flags &= ~kWeightClasses;
    } else {
      flags &= ~kCleanConditionally;
    }
  }
  doc.restore(best.state);
  out.content = best.content;
  out.dir = best.dir;
  return use_article_body(doc, options, metadata, best.length, out) || best.length > 0;
}

}  // namespace quietpage
