// Stage 4b — gather: the article from the top candidate.
//
//  1. An article cut into repeated sibling blocks of one class is gathered
//     at the level of those blocks.
//  2. The winner's siblings join when they score well or read like
//     paragraphs; everything goes into a new <div>.
//  3. The lead ("standfirst", "chapeau"), often in the article header outside
//     the winner, or the page's description shown above the article, is put
//     first.
//  The text direction is read from the winner's ancestors before anything moves.
#pragma once

#include <string>

#include "dom.h"
#include "metadata.h"
#include "score.h"

namespace quietpage {

struct Gathered {
  NodeId article = kNoNode;  // a new <div>, in no tree, holding the article
  std::string dir;           // dir attribute of the winner or its nearest ancestor
};

// `body` is the body as it was before preparing (gathering stops there).
// `after_title` is the element right after the headline that preparing took
// out (Prepared), or kNoNode: a standfirst there leads the article.
Gathered gather_article(Document& doc, NodeId body, NodeId top, const Scores& scores, const Metadata& metadata,
                        NodeId after_title);

// The JSON-LD articleBody as the article, one paragraph per line, when it is
// much longer than the `extracted_length` characters the markup gave (some
// pages build the article with script, or show a teaser while their JSON-LD
// carries the whole text); kNoNode otherwise. Like Gathered::article, a new
// <div> in no tree (the page's <body> may be gone: a hidden one is dropped). The text lives in `metadata`,
// which must outlive the document's use.
NodeId article_from_json_ld(Document& doc, const Metadata& metadata, size_t min_length, size_t extracted_length);

}  // namespace quietpage
