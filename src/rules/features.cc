#include "rules/features.h"

#include "rules/structure.h"

namespace quietpage::rules::features {

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
  size_t children = 0;
  for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n)) {
    Tag t = structure::html_tag(doc, c);
    for (Tag want : tags)
      if (t == want) {
        children += doc.text_stats(c).length;
        break;
      }
  }
  return static_cast<double>(children) / static_cast<double>(length);
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
