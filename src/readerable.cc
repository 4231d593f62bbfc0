// isProbablyReaderable: whether parse() finds an article the page model
// trusts (rules/fitted.h). The extraction runs as for parse() (without
// writing the article out); the model weighs what it found — its prose,
// links, lists and tables, its share of the page, the page's own marks of an
// article and Readability's paragraph score — so list- and table-shaped
// articles are readerable and link directories are not.
#include <cmath>

#include "dom.h"
#include "parse.h"
#include "pipeline.h"
#include "quietpage.h"
#include "rules/boilerplate.h"
#include "rules/fitted.h"
#include "rules/hidden.h"
#include "rules/names.h"
#include "text.h"

namespace quietpage {

double paragraph_score(const Document& doc, uint32_t min_length, double stop_at) {
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
    if (length < min_length) continue;
    score += std::sqrt(static_cast<double>(length - min_length));
    if (score > stop_at) return score;
  }
  return score;
}

bool is_probably_readerable(std::string_view html, const ReaderableOptions& options) {
  return is_probably_readerable(html, options, Internals{});
}

bool is_probably_readerable(std::string_view html, const ReaderableOptions& options, const Internals& internals) {
  Options parse_options;
  parse_options.url = options.url;
  if (html.size() > parse_options.max_input_bytes) return false;
  try {
    Arena arena;
    arena.set_budget(parse_options.max_memory_bytes);
    Document doc(arena);
    if (parse_html(close_open_title(html, arena), ParseLimits::from(parse_options), doc) != ErrorCode::kOk)
      return false;
    Reading reading;
    if (!read_article(doc, parse_options, internals, options.min_content_length, options.min_score, true, reading))
      return false;
    if (doc.text_stats(reading.extraction.content).length < options.min_content_length) return false;
    if (reading.page.values[rules::fitted::kPage_link_density] > rules::fitted::kMaxReaderableLinkDensity)
      return false;
    // An article longer than the model reads is readerable when Readability's
    // paragraph rule says so.
    if (reading.judgement.too_long) return reading.page.values[rules::fitted::kPage_classic_score] > 0;
    const rules::fitted::Models& models = internals.models ? *internals.models : rules::fitted::fitted_models();
    return rules::fitted::probability(models.page.logit(reading.page.values)) >= models.readerable_from;
  } catch (...) {
    return false;
  }
}

}  // namespace quietpage
