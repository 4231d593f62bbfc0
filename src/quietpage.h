// quietpage — the public C++ interface of the extraction core.
//
// Naming rule: everything public lives in namespace `quietpage`; types are
// CamelCase, functions and fields snake_case, constants kCamelCase. Nothing in
// this header depends on gumbo or Emscripten: the core is plain C++17 and the
// same sources build natively (tests, sanitizers, fuzzers) and for WebAssembly.
//
// One call does the whole pipeline (extract.cc runs it), one stage per file:
//   parse.cc      HTML bytes -> mutable DOM (gumbo, behind guard.cc)
//   metadata.cc   title, byline, excerpt, site name, dates, lang (JSON-LD, meta)
//   prepare.cc    once: unwrap noscript images, drop scripts/styles, <br> runs;
//                 per attempt: drop hidden and unlikely nodes, the byline and a
//                 heading that repeats the title; divs of text become <p>s
//   score.cc      score paragraphs into their ancestors, choose the top block
//   gather.cc     the top block, its siblings that look like more of it, the lead
//   clean.cc      remove chrome, ads, forms and credits from the gathered article
//   (an attempt with too little text is retried with relaxed rules: prepare ->
//   score -> gather -> clean again, on the untouched document)
//   serialize.cc  allowlisted HTML and plain text out
//   markdown.cc   the same article as Markdown, when asked for
// Every judgement the stages make about content (word lists, thresholds,
// predicates) lives in src/rules/, one file per concept; see DEVELOPERS.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quietpage {

// Limits and knobs. Every limit has a safe default; 0 disables a limit.
struct Options {
  // Base URL of the page; relative links and images are made absolute
  // against it (or against <base href> when the page has one).
  std::string url;
  // Minimum article text length (characters) before the extractor relaxes
  // its rules and tries again (Readability's charThreshold).
  uint32_t char_threshold = 500;
  // How many top-scoring candidates are compared when choosing the article.
  uint32_t top_candidates = 5;
  // Reject inputs larger than this many bytes.
  size_t max_input_bytes = 64u * 1024 * 1024;
  // Reject documents with more elements than this.
  size_t max_elements = 2'000'000;
  // Elements nested deeper than this are flattened into their ancestor at
  // this depth (their text is kept, their structure is not).
  uint32_t max_depth = 512;
  // Attributes of one element beyond this many are ignored.
  uint32_t max_attributes = 1000;
  // Stop with an error when the parse needs more working memory than this.
  size_t max_memory_bytes = 1024u * 1024 * 1024;
  // Stop with an error when the article's HTML, text or Markdown would
  // exceed this.
  size_t max_output_bytes = 64u * 1024 * 1024;
  // Also write the article as Markdown (CommonMark + GFM tables) into
  // Article::markdown.
  bool markdown = false;
};

enum class ErrorCode : int {
  kOk = 0,
  kInputTooLarge,    // input exceeds Options::max_input_bytes
  kTooManyElements,  // document exceeds Options::max_elements
  kOutOfMemory,      // working memory exceeded Options::max_memory_bytes
  kOutputTooLarge,   // the article would exceed Options::max_output_bytes
  kInvalidUrl,       // Options::url is not an absolute URL
  kInternal,         // a bug: please report it
};

// Stable string for an error code, e.g. "INPUT_TOO_LARGE".
const char* error_code_name(ErrorCode code);

// The extracted article. Field names follow Mozilla Readability's parse()
// result; absent metadata is an empty string.
struct Article {
  std::string title;
  std::string byline;
  std::string dir;            // "ltr", "rtl" or "" (from the article's ancestors)
  std::string lang;           // <html lang>, else declared elsewhere, else detected
  std::string content;        // sanitized HTML of the article
  std::string text_content;   // plain text, paragraphs separated by blank lines
  std::string excerpt;
  std::string site_name;
  std::string published_time;
  // Beyond Readability's fields.
  std::string author;          // byline cleaned of "By", dates and roles
  std::string modified_time;
  std::string lead_image;      // absolute URL of the article's main image
  std::string canonical_url;   // absolute
  size_t word_count = 0;       // words plus CJK characters
  unsigned reading_minutes = 0;
  std::string markdown;        // only when Options::markdown is set
};

// What a parse did that the article doesn't show: for tools and tests
// (corpus_runner --stats), not for readers.
struct Diagnostics {
  // 1 when the guard's prediction of where script and style text ends was
  // wrong somewhere (guard.h) and the whole input was parsed again, the slow
  // way; 0 otherwise. Summed over a corpus: how often the fast path misses.
  unsigned whole_input_reparses = 0;
};

struct Result {
  ErrorCode error = ErrorCode::kOk;
  std::string message;  // human-readable detail when error != kOk
  bool found = false;   // false: no article could be extracted
  Article article;
  Diagnostics diagnostics;
};

// Extracts the main article from an HTML document (UTF-8).
Result parse(std::string_view html, const Options& options = {});

// Fast check whether parse() is likely to find an article: looks for enough
// visible paragraph-like text without running the full extraction.
struct ReaderableOptions {
  uint32_t min_content_length = 140;
  double min_score = 20;
};
bool is_probably_readerable(std::string_view html,
                            const ReaderableOptions& options = {});

// Benchmark baselines: runs only the HTML parser (gumbo, with the same
// allocator as parse()) and returns the number of nodes it built. With
// strip_scripts, gumbo gets the input as parse() hands it over: the guard has
// left out script and style text (guard.h). parse() minus the first is what
// quietpage adds to parsing the page; minus the second, what extraction costs.
size_t parse_html_only(std::string_view html, bool strip_scripts = false);

}  // namespace quietpage
