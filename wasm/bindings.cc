// The only Emscripten-aware file: binds the core's two entry points to
// JavaScript with Embind. The boundary is coarse on purpose: an HTML string
// in, one plain object out; no DOM node ever crosses into JavaScript.
#include <emscripten/bind.h>
#include <malloc.h>

#include <string>

#include "quietpage.h"

namespace {

struct ParseOptions {
  std::string url;
  uint32_t charThreshold = 500;
  uint32_t nbTopCandidates = 5;
};

struct ParseResult {
  std::string error;    // "" or a stable code such as "INPUT_TOO_LARGE"
  std::string message;  // detail for the error
  bool found = false;
  std::string title, byline, dir, lang, content, textContent, excerpt, siteName, publishedTime;
};

ParseResult parse(const std::string& html, const ParseOptions& js_options) {
  quietpage::Options options;
  options.url = js_options.url;
  options.char_threshold = js_options.charThreshold;
  options.top_candidates = js_options.nbTopCandidates;
  quietpage::Result r = quietpage::parse(html, options);
  ParseResult out;
  if (r.error != quietpage::ErrorCode::kOk) {
    out.error = quietpage::error_code_name(r.error);
    out.message = std::move(r.message);
    return out;
  }
  out.found = r.found;
  quietpage::Article& a = r.article;
  out.title = std::move(a.title);
  out.byline = std::move(a.byline);
  out.dir = std::move(a.dir);
  out.lang = std::move(a.lang);
  out.content = std::move(a.content);
  out.textContent = std::move(a.text_content);
  out.excerpt = std::move(a.excerpt);
  out.siteName = std::move(a.site_name);
  out.publishedTime = std::move(a.published_time);
  return out;
}

bool isProbablyReaderable(const std::string& html, uint32_t min_content_length, double min_score) {
  quietpage::ReaderableOptions options;
  options.min_content_length = min_content_length;
  options.min_score = min_score;
  return quietpage::is_probably_readerable(html, options);
}

// Benchmark baseline: gumbo alone over the same input.
double parseOnly(const std::string& html) { return static_cast<double>(quietpage::parse_html_only(html)); }

// Bytes malloc currently hands out: flat across parses unless something leaks.
double heapUsed() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(quietpage) {
  emscripten::value_object<ParseOptions>("ParseOptions")
      .field("url", &ParseOptions::url)
      .field("charThreshold", &ParseOptions::charThreshold)
      .field("nbTopCandidates", &ParseOptions::nbTopCandidates);
  emscripten::value_object<ParseResult>("ParseResult")
      .field("error", &ParseResult::error)
      .field("message", &ParseResult::message)
      .field("found", &ParseResult::found)
      .field("title", &ParseResult::title)
      .field("byline", &ParseResult::byline)
      .field("dir", &ParseResult::dir)
      .field("lang", &ParseResult::lang)
      .field("content", &ParseResult::content)
      .field("textContent", &ParseResult::textContent)
      .field("excerpt", &ParseResult::excerpt)
      .field("siteName", &ParseResult::siteName)
      .field("publishedTime", &ParseResult::publishedTime);
  emscripten::function("parse", &parse);
  emscripten::function("isProbablyReaderable", &isProbablyReaderable);
  emscripten::function("heapUsed", &heapUsed);
  emscripten::function("parseOnly", &parseOnly);
}
