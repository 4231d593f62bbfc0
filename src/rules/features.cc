#include "rules/features.h"

#include <bitset>

#include "rules/structure.h"

namespace quietpage::rules::features {
namespace {

// Every tag the document can hold (gumbo's and the ones dom.h adds after them) is below this.
constexpr size_t kTagSetSize = 256;
static_assert(kTagSlot < kTagSetSize, "a tag beyond the set");

}  // namespace

double link_density(const Document& doc, NodeId n) {
  size_t length = doc.text_stats(n).length;
  if (length == 0) return 0;
  const Document::LinkText links = doc.link_text(n);
  const double link_length = static_cast<double>(links.all - links.fragment) +
                             kFragmentLinkWeight * static_cast<double>(links.fragment);
  return link_length / static_cast<double>(length);
}

double text_density(const Document& doc, NodeId n, std::initializer_list<Tag> tags) {
  size_t length = doc.text_stats(n).length;
  if (length == 0) return 0;
  // The tags as a set: one lookup per descendant.
  std::bitset<kTagSetSize> wanted;
  for (Tag want : tags)
    if (want < kTagSetSize) wanted.set(want);
  size_t children = 0;
  for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n)) {
    const Tag t = structure::html_tag(doc, c);
    if (t < kTagSetSize && wanted.test(t)) children += doc.text_stats(c).length;
  }
  return static_cast<double>(children) / static_cast<double>(length);
}

bool has_text_in(const Document& doc, NodeId n, std::initializer_list<Tag> tags) {
  if (doc.text_stats(n).length == 0) return false;
  std::bitset<kTagSetSize> wanted;
  for (Tag want : tags)
    if (want < kTagSetSize) wanted.set(want);
  for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n)) {
    const Tag t = structure::html_tag(doc, c);
    if (t < kTagSetSize && wanted.test(t) && doc.text_stats(c).length > 0) return true;
  }
  return false;
}

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

}  // namespace quietpage::rules::features
