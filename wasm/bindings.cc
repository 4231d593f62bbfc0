// The only Emscripten-aware file: binds the core's two entry points to
// JavaScript with Embind. The boundary is coarse on purpose: an HTML string
// in, one plain object out; no DOM node ever crosses into JavaScript.
#include <emscripten/bind.h>
#include <malloc.h>

#include <string>

#include "quietpage.h"

namespace {

// Mirrors quietpage::Options; js/marshal.js starts from defaultOptions(), so
// the defaults live in one place (quietpage.h).
struct ParseOptions {
  std::string url;
  uint32_t charThreshold;
  uint32_t nbTopCandidates;
  double maxInputBytes;
  double maxElements;
  uint32_t maxDepth;
  uint32_t maxAttributes;
  double maxMemoryBytes;
  double maxOutputBytes;
  bool markdown;
};

ParseOptions defaultOptions() {
  quietpage::Options o;
  return {o.url,
          o.char_threshold,
          o.top_candidates,
          static_cast<double>(o.max_input_bytes),
          static_cast<double>(o.max_elements),
          o.max_depth,
          o.max_attributes,
          static_cast<double>(o.max_memory_bytes),
          static_cast<double>(o.max_output_bytes),
          o.markdown};
}

// The article's long texts (HTML, plain text, Markdown) stay in wasm memory
// after parse() returns, until js/marshal.js has decoded them with one
// TextDecoder call each and calls releaseTexts(): Embind's std::string
// conversion would visit every byte in JavaScript.
struct HeldTexts {
  std::string content, text_content, markdown;
};
HeldTexts held;

// Where a held text is: byte offset in wasm memory and length.
struct TextSpan {
  double ptr = 0;
  double length = 0;
};

TextSpan span(const std::string& s) {
  return {static_cast<double>(reinterpret_cast<uintptr_t>(s.data())), static_cast<double>(s.size())};
}

struct ParseResult {
  std::string error;    // "" or a stable code such as "INPUT_TOO_LARGE"
  std::string message;  // detail for the error
  bool found = false;
  std::string title, byline, dir, lang, excerpt, siteName, publishedTime;
  std::string author, modifiedTime, leadImage, canonicalUrl;
  TextSpan content, textContent, markdown;  // held (markdown empty unless ParseOptions::markdown)
  double wordCount = 0;
  unsigned readingTime = 0;
};

// The HTML arrives as UTF-8 bytes that js/marshal.js wrote into memory it
// allocated with malloc (TextEncoder.encodeInto: no per-character copying).
std::string_view utf8(uintptr_t ptr, size_t length) {
  return {reinterpret_cast<const char*>(ptr), length};
}

ParseResult parse(uintptr_t html_ptr, size_t html_length, const ParseOptions& js_options) {
  std::string_view html = utf8(html_ptr, html_length);
  quietpage::Options options;
  options.url = js_options.url;
  options.char_threshold = js_options.charThreshold;
  options.top_candidates = js_options.nbTopCandidates;
  options.max_input_bytes = static_cast<size_t>(js_options.maxInputBytes);
  options.max_elements = static_cast<size_t>(js_options.maxElements);
  options.max_depth = js_options.maxDepth;
  options.max_attributes = js_options.maxAttributes;
  options.max_memory_bytes = static_cast<size_t>(js_options.maxMemoryBytes);
  options.max_output_bytes = static_cast<size_t>(js_options.maxOutputBytes);
  options.markdown = js_options.markdown;
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
  held = {std::move(a.content), std::move(a.text_content), std::move(a.markdown)};
  out.content = span(held.content);
  out.textContent = span(held.text_content);
  out.markdown = span(held.markdown);
  out.excerpt = std::move(a.excerpt);
  out.siteName = std::move(a.site_name);
  out.publishedTime = std::move(a.published_time);
  out.author = std::move(a.author);
  out.modifiedTime = std::move(a.modified_time);
  out.leadImage = std::move(a.lead_image);
  out.canonicalUrl = std::move(a.canonical_url);
  out.wordCount = static_cast<double>(a.word_count);
  out.readingTime = a.reading_minutes;
  return out;
}

// Frees the texts of the last parse (they are decoded by then).
void releaseTexts() { held = HeldTexts(); }

bool isProbablyReaderable(uintptr_t html_ptr, size_t html_length, uint32_t min_content_length,
                          double min_score) {
  std::string_view html = utf8(html_ptr, html_length);
  quietpage::ReaderableOptions options;
  options.min_content_length = min_content_length;
  options.min_score = min_score;
  return quietpage::is_probably_readerable(html, options);
}

// Benchmark baselines: gumbo alone over the same input, or over the input
// parse() gives gumbo (script and style text left out).
double parseOnly(uintptr_t html_ptr, size_t html_length, bool strip_scripts) {
  return static_cast<double>(quietpage::parse_html_only(utf8(html_ptr, html_length), strip_scripts));
}

// Bytes malloc currently hands out: flat across parses unless something leaks.
double heapUsed() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(quietpage) {
  emscripten::value_object<ParseOptions>("ParseOptions")
      .field("url", &ParseOptions::url)
      .field("charThreshold", &ParseOptions::charThreshold)
      .field("nbTopCandidates", &ParseOptions::nbTopCandidates)
      .field("maxInputBytes", &ParseOptions::maxInputBytes)
      .field("maxElements", &ParseOptions::maxElements)
      .field("maxDepth", &ParseOptions::maxDepth)
      .field("maxAttributes", &ParseOptions::maxAttributes)
      .field("maxMemoryBytes", &ParseOptions::maxMemoryBytes)
      .field("maxOutputBytes", &ParseOptions::maxOutputBytes)
      .field("markdown", &ParseOptions::markdown);
  emscripten::value_object<TextSpan>("TextSpan")
      .field("ptr", &TextSpan::ptr)
      .field("length", &TextSpan::length);
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
      .field("publishedTime", &ParseResult::publishedTime)
      .field("author", &ParseResult::author)
      .field("modifiedTime", &ParseResult::modifiedTime)
      .field("leadImage", &ParseResult::leadImage)
      .field("canonicalUrl", &ParseResult::canonicalUrl)
      .field("markdown", &ParseResult::markdown)
      .field("wordCount", &ParseResult::wordCount)
      .field("readingTime", &ParseResult::readingTime);
  emscripten::function("defaultOptions", &defaultOptions);
  emscripten::function("parse", &parse);
  emscripten::function("releaseTexts", &releaseTexts);
  emscripten::function("isProbablyReaderable", &isProbablyReaderable);
  emscripten::function("heapUsed", &heapUsed);
  emscripten::function("parseOnly", &parseOnly);
}
