// The extraction pipeline between parsing and serializing (extract.cc), for
// parse() and for tests that look at the tree it leaves.
#pragma once

#include <functional>
#include <string>

#include "dom.h"
#include "judge.h"
#include "metadata.h"
#include "quietpage.h"
#include "rules/fitted.h"

namespace quietpage {

struct Extraction {
  Metadata metadata;
  NodeId content = kNoNode;  // the container holding the article
  std::string byline;        // found in the page when metadata had none
  std::string header_byline; // in an article header dropped as unlikely, while there was none (the author's)
  std::string dir;           // dir attribute of the article's nearest ancestor
  std::string lang;          // <html lang>
  std::string date_line;     // a date line that opened the article's text (CleanReport)
};

// Prepares the parsed document, reads its metadata and finds the article:
// prepare -> metadata -> (prepare attempt -> score -> gather -> clean), the
// attempt repeated with relaxed rules while it finds too little text.
// Returns false when the page has no article text at all.
// Returns false early, too, once doc's deadline has passed (Document::timed_out).
bool extract_article(Document& doc, const Options& options, Extraction& out);

// The article found and judged (judge.h); with the page's features when
// asked (isProbablyReaderable, or Internals::observe).
struct Reading {
  Extraction extraction;
  // The text of the article's first <p> as extracted, before judging: the
  // excerpt when the page has no description (Readability's rule).
  std::string first_paragraph;
  Judgement judgement;
  rules::fitted::PageFeatures page;
};

// What the tools (corpus_runner) may change or watch in a parse: the fitted
// models (fit.py's held-out weights) and, once the article is judged, its
// blocks with their features and the page's features.
struct Internals {
  const rules::fitted::Models* models = nullptr;  // null: the fitted weights
  std::function<void(const Judgement&, const rules::fitted::PageFeatures&)> observe;
  // The parse's deadline instead of one from Options::timeout_ms (tests:
  // Deadline::after_steps).
  Deadline* deadline = nullptr;
};

// Finds and judges the article of a parsed page; false when there is none.
// The page features' Readability score uses `min_content_length` and is
// read relative to `min_score` (isProbablyReaderable's options).
bool read_article(Document& doc, const Options& options, const Internals& internals, uint32_t min_content_length,
                  double min_score, bool want_page, Reading& out);

// parse() and is_probably_readerable(), with internals.
Result parse(std::string_view html, const Options& options, const Internals& internals);
bool is_probably_readerable(std::string_view html, const ReaderableOptions& options, const Internals& internals);

// Readability-readerable's score of a page: sqrt(length - min_length) summed
// over its visible <p>, <pre> and <article> elements (and <div>s with a <br>)
// outside lists and unlikely blocks, counted up to `stop_at`.
double paragraph_score(const Document& doc, uint32_t min_length, double stop_at);

}  // namespace quietpage
