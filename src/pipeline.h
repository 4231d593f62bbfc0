// The extraction pipeline between parsing and serializing (extract.cc), for
// parse() and for tests that look at the tree it leaves.
#pragma once

#include <string>

#include "dom.h"
#include "metadata.h"
#include "quietpage.h"

namespace quietpage {

struct Extraction {
  Metadata metadata;
  NodeId content = kNoNode;  // the container holding the article
  std::string byline;        // found in the page when metadata had none
  std::string dir;           // dir attribute of the article's nearest ancestor
  std::string lang;          // <html lang>
};

// Prepares the parsed document, reads its metadata and finds the article:
// prepare -> metadata -> (prepare attempt -> score -> gather -> clean), the
// attempt repeated with relaxed rules while it finds too little text.
// Returns false when the page has no article text at all.
bool extract_article(Document& doc, const Options& options, Extraction& out);

}  // namespace quietpage
