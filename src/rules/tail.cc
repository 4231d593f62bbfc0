#include "rules/tail.h"

#include <string>

#include "rules/structure.h"
#include "text.h"

namespace quietpage::rules::tail {

bool ends_like_sentence(std::string_view t) {
  t = text::trim(t);
  if (t.empty()) return false;
  // The endings of more than one byte end with a byte of 0x80 or more.
  const char last = t.back();
  if (static_cast<unsigned char>(last) < 0x80)
    return last == '.' || last == '!' || last == '?' || last == '"' || last == '\'' || last == ')';
  static constexpr std::string_view kEnds[] = {".", "!", "?", "…", "。", "！", "？", "\"", "”", "»", "“", "'", "’", ")", "؟"};
  for (std::string_view end : kEnds)
    if (t.size() >= end.size() && t.substr(t.size() - end.size()) == end) return true;
  return false;
}

bool ends_the_article(Tag t) {
  switch (t) {
    case GUMBO_TAG_IMG: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_OBJECT: case GUMBO_TAG_TABLE:
      return true;
    default:
      return false;
  }
}

NodeId trailing_block_of(const Document& doc, NodeId article, NodeId t) {
  NodeId block = doc[t].parent;
  while (block != article && block != kNoNode && !structure::is_text_block(doc[block].tag)) {
    Tag tag = doc[block].tag;
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH ||
        tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_BLOCKQUOTE)
      return kNoNode;
    block = doc[block].parent;
  }
  if (block == article || block == kNoNode || structure::has_image_or_embed(doc, block)) return kNoNode;
  if (doc.is(block, GUMBO_TAG_LI) || doc.is(block, GUMBO_TAG_DT) || doc.is(block, GUMBO_TAG_DD)) return kNoNode;
  return block;
}

bool is_trailing_label(const Document& doc, NodeId block) {
  if (structure::is_heading(doc[block].tag)) return true;
  std::string content = doc.text_content(block);
  return text::js_length(text::trim(content)) <= kMaxTrailingLabelLength && !ends_like_sentence(content);
}

bool leaves_enough_text(size_t total_length, size_t tail_length) {
  return total_length >= tail_length + kMinTextBeforeTail;
}

}  // namespace quietpage::rules::tail
