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
//   pagination.cc the next page's URL, from the whole page (rules/pagination)
//   prepare.cc    once: unwrap noscript images, drop scripts/styles, <br> runs;
//                 per attempt: drop hidden and unlikely nodes, the byline and a
//                 heading that repeats the title; divs of text become <p>s
//   score.cc      score paragraphs into their ancestors, choose the top block
//   gather.cc     the top block, its siblings that look like more of it, the lead
//   clean.cc      remove chrome, ads, forms and credits from the gathered article
//   (an attempt with too little text is retried with relaxed rules: prepare ->
//   score -> gather -> clean again, on the untouched document)
//   judge.cc      the fitted judgement (rules/fitted.h) of the article's blocks:
//                 narrow to the part its blocks vote for, drop short or linky
//                 blocks the model calls chrome
//   readerable.cc isProbablyReaderable: the same extraction, then the fitted
//                 page model on what it found
//   serialize.cc  allowlisted HTML and plain text out
//   markdown.cc   the same article as Markdown, when asked for
// Every judgement the stages make about content (word lists, thresholds,
// predicates) lives in src/rules/, one file per concept; see DEVELOPERS.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace quietpage {

// Every option, declared once: X(type, name, js_name, default). The Options
// struct below is made from this list, and so are the JavaScript glue
// (wasm/bindings.cc: the options object and its defaults, which js/marshal.js
// validates and fills in) and corpus_runner. A new option needs an entry
// here, its name and type in js/marshal.js's CORE_OPTIONS (checked before the
// core loads) and its documentation in js/index.d.ts and the README;
// tests/js/types.test.js fails until they agree.
// Limits and knobs: every limit has a safe default; 0 disables a limit.
// A list of names (class names), space-separated: how Options carries
// Readability's classesToPreserve, an array of strings in JavaScript.
struct NameList {
  std::string joined;  // the names, each followed by nothing or one space
  NameList() = default;
  explicit NameList(std::string names) : joined(std::move(names)) {}
  explicit operator std::string() const { return joined; }
  bool contains(std::string_view name) const;
};

#define QUIETPAGE_OPTIONS(X)                                                   \
  /* Base URL of the page; relative links and images are made absolute      \
     against it (or against <base href> when the page has one). */           \
  X(std::string, url, "url", "")                                               \
  /* Minimum article text length (characters) before the extractor relaxes  \
     its rules and tries again (Readability's charThreshold). */              \
  X(uint32_t, char_threshold, "charThreshold", 500)                            \
  /* How many top-scoring candidates are compared when choosing the article. */ \
  X(uint32_t, top_candidates, "nbTopCandidates", 5)                            \
  /* Reject inputs larger than this many bytes. */                             \
  X(size_t, max_input_bytes, "maxInputBytes", 64u * 1024 * 1024)               \
  /* Reject documents with more elements than this. */                         \
  X(size_t, max_elements, "maxElements", 2'000'000)                            \
  /* Elements nested deeper than this are flattened into their ancestor at  \
     this depth (their text is kept, their structure is not). */             \
  X(uint32_t, max_depth, "maxDepth", 512)                                      \
  /* Attributes of one element beyond this many are ignored. gumbo compares \
     each attribute with every earlier one of its tag, so a tag's cost grows \
     with the square of this: 1,000 made a page of such tags 30x slower. */   \
  X(uint32_t, max_attributes, "maxAttributes", 128)                            \
  /* Stop with an error when the parse needs more working memory than this. */ \
  X(size_t, max_memory_bytes, "maxMemoryBytes", 1024u * 1024 * 1024)           \
  /* Stop with an error when the article's HTML, text or Markdown would     \
     exceed this. */                                                           \
  X(size_t, max_output_bytes, "maxOutputBytes", 64u * 1024 * 1024)             \
  /* Stop with an error when the parse takes longer than this many          \
     milliseconds (checked every few thousand steps of every stage). */       \
  X(uint32_t, timeout_ms, "timeoutMs", 0)                                      \
  /* Also write the article as Markdown (CommonMark + GFM tables) into      \
     Article::markdown. */                                                     \
  X(bool, markdown, "markdown", false)                                         \
  /* Article::text_content includes figure captions (as Readability's      \
     does); false leaves them out of the text (content keeps them). */      \
  X(bool, text_captions, "textCaptions", true)                                 \
  /* Readability.js's options (same names, same behaviour). */                \
  /* Reject documents with more elements than this, counted as Readability  \
     counts them (every element of the parsed document; TOO_MANY_ELEMENTS).   \
     Unlike max_elements, off by default. */                                  \
  X(size_t, max_elems_to_parse, "maxElemsToParse", 0)                          \
  /* Keep the class attributes of the article's elements (their safe         \
     tokens: ASCII letters, digits, '-' and '_'; "page" stays quietpage's    \
     wrapper's own). */                                                       \
  X(bool, keep_classes, "keepClasses", false)                                  \
  /* Without keep_classes: the classes kept (an array in JavaScript). */      \
  X(::quietpage::NameList, classes_to_preserve, "classesToPreserve", ::quietpage::NameList())            \
  /* Read no JSON-LD: neither its metadata nor its articleBody. */            \
  X(bool, disable_json_ld, "disableJSONLD", false)                             \
  /* Added to the link densities conditional cleaning allows (a positive     \
     value keeps linkier blocks). */                                          \
  X(double, link_density_modifier, "linkDensityModifier", 0)

struct Options {
#define QUIETPAGE_DECLARE_OPTION(type, name, js_name, default_value) type name = default_value;
  QUIETPAGE_OPTIONS(QUIETPAGE_DECLARE_OPTION)
#undef QUIETPAGE_DECLARE_OPTION
  // Readability's allowedVideoRegex, as a test of a value: an embed (iframe,
  // embed, object) with an attribute it accepts is kept, and an <iframe>
  // whose src it accepts is written (sandboxed, like every player). It
  // widens the built-in list of players, never narrows it. Not one of the
  // options above: js/ passes a JavaScript RegExp through it
  // (wasm/bindings.cc), native callers any function.
  std::function<bool(std::string_view)> allowed_video;
};

enum class ErrorCode : int {
  kOk = 0,
  kInputTooLarge,    // input exceeds Options::max_input_bytes
  kTooManyElements,  // document exceeds Options::max_elements
  kOutOfMemory,      // working memory exceeded Options::max_memory_bytes
  kOutputTooLarge,   // the article would exceed Options::max_output_bytes
  kInvalidUrl,       // Options::url is not an absolute URL
  kTimeout,          // the parse took longer than Options::timeout_ms
  kInternal,         // a bug: please report it
};

// Stable string for an error code, e.g. "INPUT_TOO_LARGE".
const char* error_code_name(ErrorCode code);

// What kind of value an Article field holds, for the code that copies
// fields across (wasm/bindings.cc, js/marshal.js, corpus_runner).
enum class FieldKind {
  kText,      // a short string ("" when absent)
  kLongText,  // plain text or Markdown, possibly megabytes
  kHtml,      // the article's sanitized HTML
  kCount,     // a number
};
// Readability's parse() fields, or quietpage's own beyond them.
enum class FieldGroup { kReadability, kBeyond };

// Every field of the extracted article, declared once:
// X(type, name, js_name, kind, group), in the order of the JavaScript
// Article object. The Article struct below is made from this list, and so
// are the JavaScript glue (wasm/bindings.cc, and js/marshal.js through it)
// and corpus_runner's output. A new field needs an entry here, and its
// documentation in js/index.d.ts (tests/js/types.test.js checks that it is
// there) and the README.
#define QUIETPAGE_ARTICLE_FIELDS(X)                                                         \
  X(std::string, title, "title", kText, kReadability)                                       \
  X(std::string, byline, "byline", kText, kReadability)                                     \
  /* "ltr", "rtl" or "" (from the article's ancestors) */                                  \
  X(std::string, dir, "dir", kText, kReadability)                                           \
  /* <html lang>, else declared elsewhere, else detected */                                 \
  X(std::string, lang, "lang", kText, kReadability)                                         \
  /* sanitized HTML of the article */                                                       \
  X(std::string, content, "content", kHtml, kReadability)                                   \
  /* plain text, paragraphs separated by blank lines */                                     \
  X(std::string, text_content, "textContent", kLongText, kReadability)                      \
  X(std::string, excerpt, "excerpt", kText, kReadability)                                   \
  X(std::string, site_name, "siteName", kText, kReadability)                                \
  /* declared (JSON-LD, meta, <time datetime>), else from the byline or a date line, as    \
     YYYY-MM-DD */                                                                          \
  X(std::string, published_time, "publishedTime", kText, kReadability)                      \
  /* the author's name(s): the byline without "By", dates, roles and outlets */             \
  X(std::string, author, "author", kText, kBeyond)                                          \
  X(std::string, modified_time, "modifiedTime", kText, kBeyond)                             \
  /* absolute URL of the article's main image */                                            \
  X(std::string, lead_image, "leadImage", kText, kBeyond)                                   \
  /* absolute */                                                                            \
  X(std::string, canonical_url, "canonicalUrl", kText, kBeyond)                             \
  /* absolute URL of the article's next page ("" when none: one page, or \
     no page URL to number from) */                                                       \
  X(std::string, next_page_url, "nextPageUrl", kText, kBeyond)                              \
  /* words plus CJK characters */                                                           \
  X(size_t, word_count, "wordCount", kCount, kBeyond)                                       \
  X(unsigned, reading_minutes, "readingTime", kCount, kBeyond)                              \
  /* only when Options::markdown is set */                                                  \
  X(std::string, markdown, "markdown", kLongText, kBeyond)

// The extracted article. Field names follow Mozilla Readability's parse()
// result; absent metadata is an empty string.
struct Article {
#define QUIETPAGE_DECLARE_FIELD(type, name, js_name, kind, group) type name{};
  QUIETPAGE_ARTICLE_FIELDS(QUIETPAGE_DECLARE_FIELD)
#undef QUIETPAGE_DECLARE_FIELD
};

// Calls fn(js_name, kind, group, value) for every field of `article`, in
// declaration order (`value` is the member: std::string, size_t or unsigned).
template <typename A, typename Fn>
void for_each_article_field(A& article, Fn&& fn) {
#define QUIETPAGE_VISIT_FIELD(type, name, js_name, kind, group) \
  fn(js_name, FieldKind::kind, FieldGroup::group, article.name);
  QUIETPAGE_ARTICLE_FIELDS(QUIETPAGE_VISIT_FIELD)
#undef QUIETPAGE_VISIT_FIELD
}

// What a parse did that the article doesn't show: for tools and tests
// (corpus_runner --stats), not for readers.
struct Diagnostics {
  // Passes after the first (0-4): the guard was wrong somewhere (guard.h)
  // and the whole input was parsed again with its edits there undone; 0
  // normally. Summed over a corpus: how often the fast path misses.
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

// Whether parse() finds an article: the extraction runs as for parse()
// (without writing the article out), and a model fitted on the development
// corpora (src/rules/fitted.h) weighs what it found — its prose, links, lists
// and tables, its share of the page, the page's own marks of an article, and
// Readability's paragraph score. Its options, declared once like
// QUIETPAGE_OPTIONS (the JavaScript defaults come from here too):
// X(type, name, js_name, default).
#define QUIETPAGE_READERABLE_OPTIONS(X)                                      \
  /* The page's URL, as for parse() (links resolve against it). */            \
  X(std::string, url, "url", "")                                             \
  /* An article with less text is not readerable; also the shortest */       \
  /* paragraph Readability's score counts. */                                 \
  X(uint32_t, min_content_length, "minContentLength", 140)                   \
  /* Readability's paragraph score (sum of sqrt(length - minContentLength)) */ \
  /* that the model reads as "enough": above it, the score counts for the */  \
  /* article, below it against. */                                            \
  X(double, min_score, "minScore", 20)

struct ReaderableOptions {
#define QUIETPAGE_DECLARE_OPTION(type, name, js_name, default_value) type name = default_value;
  QUIETPAGE_READERABLE_OPTIONS(QUIETPAGE_DECLARE_OPTION)
#undef QUIETPAGE_DECLARE_OPTION
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
