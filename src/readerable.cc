// isProbablyReaderable: a quick look for enough visible paragraph text,
// without running the extraction (Readability-readerable.js's rules).
#include <cmath>

#include "dom.h"
#include "parse.h"
#include "quietpage.h"
#include "rules/boilerplate.h"
#include "rules/hidden.h"
#include "rules/names.h"
#include "text.h"

namespace quietpage {

bool is_probably_readerable(std::string_view html, const ReaderableOptions& options) {
  Options limits;
  if (html.size() > limits.max_input_bytes) return false;
  try {
    Arena arena;
    arena.set_budget(limits.max_memory_bytes);
    Document doc(arena);
    if (parse_html(html, ParseLimits::from(limits).with_script_text(true), doc) != ErrorCode::kOk)
      return false;

    // Nodes in document order: <p>, <pre>, <article>, and <div>s holding a <br>.
    double score = 0;
    for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode; n = doc.next_in(n, doc.root())) {
      if (!doc.is_element(n) || doc[n].ns != GUMBO_NAMESPACE_HTML) continue;
      Tag t = doc[n].tag;
      bool candidate = t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_ARTICLE;
      if (!candidate && t == GUMBO_TAG_DIV) {
        for (NodeId c = doc.first_element_child(n); c != kNoNode && !candidate; c = doc.next_element_sibling(c))
          candidate = doc.is(c, GUMBO_TAG_BR);
      }
      if (!candidate) continue;
      // Visibility as Readability-readerable checks it (no visibility:hidden).
      if (rules::hidden::may_be_hidden(doc, n) && !rules::hidden::is_probably_visible(doc, n)) continue;
      if (rules::boilerplate::is_unlikely_name(rules::class_and_id(doc, n))) continue;
      // "li p": paragraphs inside list items are not article text.
      bool in_li = false;
      if (t == GUMBO_TAG_P)
        for (NodeId p = doc[n].parent; p != kNoNode && !in_li; p = doc[p].parent) in_li = doc.is(p, GUMBO_TAG_LI);
      if (in_li) continue;
      size_t length = text::js_length(text::trim(doc.text_content(n)));
      if (length < options.min_content_length) continue;
      score += std::sqrt(static_cast<double>(length - options.min_content_length));
      if (score > options.min_score) return true;
    }
    return false;
  } catch (...) {
    return false;
  }
}

}  // namespace quietpage
