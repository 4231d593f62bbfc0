#include "gather.h"

#include <string>
#include <vector>

#include "rules/candidates.h"
#include "rules/leads.h"
#include "rules/structure.h"
#include "text.h"

namespace quietpage {

using namespace rules;

namespace {

// The ancestor of `top` whose same-class siblings hold more of the article
// (candidates::is_prose_block), or kNoNode.
NodeId repeated_block_of(const Document& doc, NodeId body, NodeId top) {
  NodeId node = doc[top].parent;
  for (int level = 0; level < candidates::kRepeatedBlockSearchLevels && node != kNoNode && node != body;
       ++level) {
    std::string_view cls = doc.attr(node, "class");
    if (!cls.empty() && doc[node].parent != kNoNode) {
      for (NodeId s = doc.first_element_child(doc[node].parent); s != kNoNode; s = doc.next_element_sibling(s))
        if (s != node && doc.attr(s, "class") == cls && candidates::is_prose_block(doc, s)) return node;
    }
    node = doc[node].parent;
  }
  return kNoNode;
}

// The winner and the siblings that look like more of it, moved into a new
// <div>. With `repeated`, `top` is a repeated block and its same-class
// siblings that hold prose come along.
NodeId gather_siblings(Document& doc, const Scores& scores, NodeId top, double top_score, bool repeated) {
  NodeId article = doc.create_element(GUMBO_TAG_DIV);
  NodeId parent = doc[top].parent;
  if (parent == kNoNode) {
    doc.append_child(article, top);
    return article;
  }
  const double threshold = candidates::sibling_threshold(top_score);
  std::string_view top_class = doc.attr(top, "class");
  NodeId sibling = doc.first_element_child(parent);
  while (sibling != kNoNode) {
    NodeId next = doc.next_element_sibling(sibling);
    bool append = sibling == top;
    if (!append) {
      double bonus = 0;
      // Siblings styled like the winner are probably more of it.
      const bool same_class = !top_class.empty() && doc.attr(sibling, "class") == top_class;
      if (same_class) bonus += candidates::same_class_bonus(top_score);
      if (repeated && same_class && candidates::is_prose_block(doc, sibling)) {
        append = true;
      } else if (scores.scored(sibling) && scores.score(sibling) + bonus >= threshold) {
        append = true;
      } else if (doc.is(sibling, GUMBO_TAG_P)) {
        append = candidates::sibling_paragraph_joins(doc, sibling);
      }
    }
    if (append) {
      if (!candidates::keeps_tag_when_appended(doc[sibling].tag)) doc.set_tag(sibling, GUMBO_TAG_DIV);
      doc.append_child(article, sibling);
    }
    sibling = next;
  }
  return article;
}

// The lead among the preceding siblings of `top` and of its closest
// ancestors (the sibling itself, or an element inside it: the lead in a
// <header>). Looks before gather_siblings() moves anything, so the search
// walks the page's own tree.
NodeId find_lead(const Document& doc, NodeId body, NodeId top) {
  NodeId node = top;
  for (int level = 0; level < leads::kLeadSearchLevels && node != kNoNode && node != body; ++level) {
    int seen = 0;
    for (NodeId s = doc.prev_element_sibling(node); s != kNoNode && seen < leads::kLeadSearchSiblings;
         s = doc.prev_element_sibling(s)) {
      if (!doc.has_text(s)) continue;  // (a spacer or an empty ad slot is not counted)
      ++seen;
      NodeId lead = leads::lead_inside(doc, s);
      if (lead != kNoNode) return lead;
    }
    if (doc.is(node, GUMBO_TAG_ARTICLE)) break;  // the article's own header was searched
    node = doc[node].parent;
  }
  return kNoNode;
}

// The page's description shown as a block above the article (blocks are
// compared by length first, so few texts are built).
NodeId find_described_lead(const Document& doc, NodeId body, NodeId top, const Metadata& metadata) {
  const std::string description = leads::comparable(metadata.excerpt);
  const double length = static_cast<double>(text::js_length(description));
  if (length < leads::kMinLeadLength) return kNoNode;
  for (NodeId n = doc.next_in(body, body); n != kNoNode && n != top; n = doc.next_in(n, body))
    if (leads::shows_description(doc, n, description, length)) return n;
  return kNoNode;
}

// The headline's standfirst: the text block right after the headline
// (skipping a few elements without text), when it reads as one (leads.h).
NodeId find_lead_after_title(const Document& doc, NodeId top, NodeId after_title) {
  if (after_title == kNoNode || doc[after_title].parent == kNoNode) return kNoNode;
  int seen = 0;
  for (NodeId n = after_title; n != kNoNode && seen < leads::kStandfirstSearchSiblings;
       n = doc.next_element_sibling(n), ++seen) {
    if (n == top || doc.contains(n, top)) return kNoNode;  // the article itself comes first
    if (!doc.has_text(n)) continue;
    return leads::is_standfirst(doc, n) ? n : kNoNode;
  }
  return kNoNode;
}

// Puts the lead first in the article, unless the article already holds it
// (the node, or its text).
void add_lead(Document& doc, NodeId lead, NodeId article) {
  if (lead == kNoNode || doc.contains(article, lead) || doc.contains(lead, article)) return;
  const std::string lead_text = leads::comparable(doc.text_content(lead));
  if (text::collapse_spaces(doc.text_content(article)).find(lead_text) != std::string::npos) return;
  // A lead is a paragraph (a <h2 class="deck"> too), unless it holds blocks.
  if (!candidates::keeps_tag_when_appended(doc[lead].tag))
    doc.set_tag(lead, structure::has_child_block_element(doc, lead) ? GUMBO_TAG_DIV : GUMBO_TAG_P);
  doc.insert_before(article, lead, doc[article].first_child);
}

std::string find_dir(const Document& doc, NodeId parent, NodeId top) {
  std::vector<NodeId> chain{parent, top};
  for (NodeId a : structure::ancestors_of(doc, parent)) chain.push_back(a);
  for (NodeId n : chain) {
    if (!doc.is_element(n)) continue;
    std::string_view dir = doc.attr(n, "dir");
    if (!dir.empty()) return std::string(dir);
  }
  return {};
}

}  // namespace

Gathered gather_article(Document& doc, NodeId body, NodeId top, const Scores& scores, const Metadata& metadata,
                        NodeId after_title) {
  Gathered out;
  NodeId parent = doc[top].parent;
  // Before gathering moves anything: the direction comes from the winner's ancestors.
  out.dir = parent != kNoNode ? find_dir(doc, parent, top) : std::string();
  const NodeId block = repeated_block_of(doc, body, top);
  const NodeId gather_from = block != kNoNode ? block : top;
  NodeId lead = find_lead(doc, body, gather_from);
  if (lead == kNoNode) lead = find_described_lead(doc, body, gather_from, metadata);
  if (lead == kNoNode) lead = find_lead_after_title(doc, gather_from, after_title);
  out.article = gather_siblings(doc, scores, gather_from, scores.score(top), block != kNoNode);
  add_lead(doc, lead, out.article);
  return out;
}

NodeId article_from_json_ld(Document& doc, const Metadata& metadata, size_t min_length, size_t extracted_length) {
  const std::string_view body = metadata.article_body;
  const size_t body_length = text::js_length(body);
  if (body_length < min_length ||
      static_cast<double>(body_length) < candidates::kJsonLdBodyMinRatio * static_cast<double>(extracted_length))
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
  return div;  // in no tree, like the gathered article it replaces
}

}  // namespace quietpage
