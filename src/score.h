// Stage 4 — score: find the article.
//
// Readability's algorithm, in order:
//  1. Walk the body once: drop hidden nodes, the byline (remembered), a heading
//     that repeats the title, and blocks whose class/id/role look like
//     boilerplate; turn <div>s that hold only phrasing content into <p>s.
//  2. Score each paragraph-like block (commas, length) and credit its parent
//     fully, grandparent half, and older ancestors less.
//  3. Scale candidates by (1 - link density); take the best, then climb to an
//     ancestor when several top candidates share it or the score keeps rising.
//  4. Gather the winner's siblings that score well or read like paragraphs.
//  5. Clean the gathered content (clean.cc). If it holds less text than
//     Options::char_threshold, restore the document and retry with one rule
//     relaxed; after the last retry keep the attempt with the most text.
#pragma once

#include <string>

#include "dom.h"
#include "metadata.h"
#include "quietpage.h"

namespace quietpage {

struct Extraction {
  NodeId content = kNoNode;  // detached container holding the article
  std::string byline;        // found in the page when metadata had none
  std::string dir;           // dir attribute of the article's nearest ancestor
  std::string lang;          // <html lang>
};

// Returns false when no article text was found at all.
bool grab_article(Document& doc, const Options& options, const Metadata& metadata,
                  Extraction& out);

}  // namespace quietpage
