// Numbers measured on a block, which the rules weigh against their
// thresholds: how much of its text is linked, how much sits in headings or
// in paragraphs. A new measure belongs here when more than one concept uses
// it (a concept's own measure lives in its file, beside the rule that reads it).
#pragma once

#include <cstddef>
#include <initializer_list>

#include "dom.h"

namespace quietpage::rules::features {

// Links to "#fragments" (in-page navigation) weigh this much of their text in
// link_density: they rarely lead away from the article (Readability's 0.3).
constexpr double kFragmentLinkWeight = 0.3;

// Fraction of the text (text_stats length) that sits inside links.
double link_density(const Document& doc, NodeId n);
// Fraction of the text inside descendants with one of `tags`.
double text_density(const Document& doc, NodeId n, std::initializer_list<Tag> tags);
// text_density(doc, n, tags) > 0, read up to the first such element with text.
bool has_text_in(const Document& doc, NodeId n, std::initializer_list<Tag> tags);
// Characters of text in the <p>s inside `root`.
size_t paragraph_text(const Document& doc, NodeId root);

}  // namespace quietpage::rules::features
