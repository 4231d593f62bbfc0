// Stage 3 — prepare: make the document ready for scoring.
//
// Once per document:
//  1. unwrap_noscript_images: lazy-loading pages put the real <img> in a
//     <noscript> after a placeholder; swap it in (keeping the placeholder's
//     extra image URLs), and drop <img>s that have no image source at all.
//  2. remove_scripts: <script>, <noscript>, <template> go (JSON-LD has been read).
//  3. prepare_document: <style> goes, runs of <br> become paragraphs, <font>
//     becomes <span>.
// Once per attempt (the document is restored between attempts):
//  4. prepare_attempt: one walk over the document (Readability's first loop
//     of _grabArticle) drops hidden nodes and modal dialogs, the byline
//     (remembered), a heading that repeats the title, and — while the
//     attempt's flags say so — blocks whose class/id/role look like
//     boilerplate and empty blocks; <div>s that hold only phrasing content
//     become <p>s. It collects the paragraph-like blocks to score.
#pragma once

#include <string>
#include <vector>

#include "dom.h"
#include "metadata.h"

namespace quietpage {

void unwrap_noscript_images(Document& doc);
void remove_scripts(Document& doc);
void prepare_document(Document& doc);

struct Prepared {
  std::vector<NodeId> paragraphs;  // the blocks to score
  NodeId main = kNoNode;           // the page's <main> (or role="main") when it has exactly one
  NodeId title_parent = kNoNode;   // where the heading that repeats the title is or was (its parent)
  NodeId after_title = kNoNode;    // the element right after that heading, when it went

};

// `body` is doc.body() before the walk (which may remove it). `byline` and
// `lang` are kept across attempts, as Readability keeps them: a byline found
// on one attempt is not looked for (nor removed) again; `lang` is set from
// the <html> elements the walk meets. `flags` are the attempt's rules::Flags.
// `header_byline`: while no byline is found, the first one inside an article
// header the walk drops as unlikely (leads::byline_within), kept as well.
Prepared prepare_attempt(Document& doc, NodeId body, unsigned flags, const Metadata& metadata,
                         std::string& byline, std::string& header_byline, std::string& lang);

}  // namespace quietpage
