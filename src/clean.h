// Stage 5 — clean: remove what is not the article from the chosen content.
//
// Forms, embeds (except known video hosts), footers, asides, share widgets,
// headings and blocks whose class/id weigh negative, and "fishy" blocks —
// tables, lists and divs with too many links, images, inputs or too little
// text — are removed; lazy images get a real src; tracking pixels, spacers
// and icons go; data tables are kept.
#pragma once

#include "dom.h"

namespace quietpage {

// Readability's _prepArticle. `flags` are the heuristics' Flags of this pass.
void clean_article(Document& doc, NodeId article, unsigned flags);

// Final touches once the article is chosen: wraps it in <div class="page">
// and unnests divs/sections that only wrap another one. Returns the wrapper.
NodeId finish_article(Document& doc, NodeId article);

}  // namespace quietpage
