#include "gather.h"

#include <algorithm>
#include <string>
#include <vector>

#include "heuristics.h"
#include "text.h"

namespace quietpage {
namespace {

// Siblings join the article when they score above this share of the winner
constexpr double kSiblingScoreRatio = 0.2;
constexpr double kMinSiblingScore = 10;
// A sibling paragraph joins when long and not linky, or short, link-free and
// ending a sentence.
constexpr size_t kSiblingParagraphLength = 80;
constexpr double kSiblingMaxLinkDensity = 0.25;

// The lead (quietpage). Many pages put the article's intro ("teaser",
// "standfirst", "chapeau") in the article header, outside the container that
// wins; it is found among the preceding siblings of the winner and of its
// closest ancestors, by name.
constexpr int kLeadSearchLevels = 3;
constexpr int kLeadSearchSiblings = 6;

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

// (quietpage): an article cut into repeated blocks. Some layouts
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
NodeId repeated_block_of(const Document& doc, NodeId body, NodeId top) {
  NodeId node = doc[top].parent;
  for (int level = 0; level < kRepeatedBlockSearchLevels && node != kNoNode && node != body; ++level) {
    std::string_view cls = doc.attr(node, "class");
    if (!cls.empty() && doc[node].parent != kNoNode) {
      for (NodeId s = doc.first_element_child(doc[node].parent); s != kNoNode; s = doc.next_element_sibling(s))
        if (s != node && doc.attr(s, "class") == cls && is_prose_block(doc, s)) return node;
    }
    node = doc[node].parent;
  }
  return kNoNode;
}

// The winner and the siblings that look like more of it, moved into
// a new <div>. With `repeated`, `top` is a repeated block (step 4a) and its
// same-class siblings that hold prose come along.
NodeId gather_siblings(Document& doc, const Scores& scores, NodeId top, double top_score, bool repeated) {
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
      } else if (scores.scored(sibling) && scores.score(sibling) + bonus >= threshold) {
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
NodeId find_lead(const Document& doc, NodeId body, NodeId top) {
  NodeId node = top;
  for (int level = 0; level < kLeadSearchLevels && node != kNoNode && node != body; ++level) {
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

// The lead, second way: the page's description (<meta name=description>)
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

NodeId find_described_lead(const Document& doc, NodeId body, NodeId top, const Metadata& metadata) {
  const std::string description = comparable(metadata.excerpt);
  const double length = static_cast<double>(text::js_length(description));
  if (length < kMinLeadLength) return kNoNode;
  for (NodeId n = doc.next_in(body, body); n != kNoNode && n != top; n = doc.next_in(n, body)) {
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
void add_lead(Document& doc, NodeId lead, NodeId article) {
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

// (quietpage) The JSON-LD articleBody replaces an article this many times
// shorter.
constexpr double kArticleBodyMinRatio = 2.0;

}  // namespace

Gathered gather_article(Document& doc, NodeId body, NodeId top, const Scores& scores, const Metadata& metadata) {
  Gathered out;
  NodeId parent = doc[top].parent;
  // Before gathering moves anything: the direction comes from the winner's ancestors.
  out.dir = parent != kNoNode ? find_dir(doc, parent, top) : std::string();
  const NodeId block = repeated_block_of(doc, body, top);
  const NodeId gather_from = block != kNoNode ? block : top;
  NodeId lead = find_lead(doc, body, gather_from);
  if (lead == kNoNode) lead = find_described_lead(doc, body, gather_from, metadata);
  out.article = gather_siblings(doc, scores, gather_from, scores.score(top), block != kNoNode);
  add_lead(doc, lead, out.article);
  return out;
}

NodeId article_from_json_ld(Document& doc, const Metadata& metadata, size_t min_length, size_t extracted_length) {
  const std::string_view body = metadata.article_body;
  const size_t body_length = text::js_length(body);
  if (body_length < min_length ||
      static_cast<double>(body_length) < kArticleBodyMinRatio * static_cast<double>(extracted_length))
    return kNoNode;
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
  return div;
}


}  // namespace quietpage
