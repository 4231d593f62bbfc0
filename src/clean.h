// Stage 5 — clean: remove what is not the article from the gathered content.
//
// A walk in Readability's _prepArticle order that asks the rules (rules/):
// presentational attributes go; lazy images get a real src (media); tracking
// pixels, spacers and icons go (media), data tables keep theirs (tables);
// forms, embeds (except allowed video players), footers and asides beside the
// article, comment threads, social widgets and headings whose class/id weigh
// negative go;
// "fishy" tables, lists and divs go (conditional); then named boilerplate,
// credits and calls to action (boilerplate, credits, promos), headings of
// link lists with their lists, and the article's tail (tail).
#pragma once

#include <string>

#include "dom.h"
#include "rules/conditional.h"

namespace quietpage {

// What cleaning an article saw, for the attempt that asked.
struct CleanReport {
  // A class/id weight (rules::kWeightClasses) was not 0 for a block the
  // cleaning weighed.
  bool weighed = false;
  // The first date line that opened the article's text (leads.h), removed:
  // the article's date where the page declares none.
  std::string date_line;
};

// Readability's _prepArticle. `flags` are the attempt's rules::Flags;
// `settings` what the caller's options change (link densities, players);
// `report`, when given, gets what the cleaning saw.
void clean_article(Document& doc, NodeId article, unsigned flags, const rules::conditional::Settings& settings = {},
                   CleanReport* report = nullptr);

// Comment threads (rules/comments.h) in `scope`: a thread's heading and what
// follows it in its container go when the article's text comes before the
// heading — in the article (`kArticle`: `scope` is the chosen article), or in
// the heading's own container (`kContainer`: before an article is chosen).
enum class ThreadScope { kArticle, kContainer };
void cut_comment_threads(Document& doc, NodeId scope, ThreadScope where);

// Final touches once the article is chosen: wraps it in <div class="page">
// and unnests divs/sections that only wrap another one. Returns the wrapper.
NodeId finish_article(Document& doc, NodeId article);

}  // namespace quietpage
