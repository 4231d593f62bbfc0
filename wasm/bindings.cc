// The only Emscripten-aware file: binds the core's two entry points to
// JavaScript with Embind. The boundary is coarse on purpose: an HTML string
// in, one plain object out; no DOM node ever crosses into JavaScript.
//
// The options and the article's fields are not listed here: they come from
// quietpage.h's QUIETPAGE_OPTIONS, QUIETPAGE_READERABLE_OPTIONS and
// QUIETPAGE_ARTICLE_FIELDS, and js/marshal.js reads them back from
// optionFields() and articleFields().
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <malloc.h>

#include <csetjmp>
#include <cstdlib>
#include <new>
#include <string>
#include <type_traits>

#include "quietpage.h"

// A failed allocation. Built without C++ exceptions, libc++'s operator new
// aborts: the instance dies and the call is an INTERNAL error. While the
// core runs (run_core), it returns to the call instead, which then reports
// OUT_OF_MEMORY. What the frames it leaves held is not freed and their
// destructors do not run: the memory is exhausted by then (it could not
// grow), and js/reader.js replaces an instance whose memory is that large
// after the call. (gumbo's allocations come from the parse's arena and
// leave gumbo the same way, src/parse.cc.)
static std::jmp_buf* allocation_exit = nullptr;

void* operator new(std::size_t size) {
  if (void* p = std::malloc(size ? size : 1)) return p;
  if (allocation_exit) std::longjmp(*allocation_exit, 1);
  std::abort();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return std::malloc(size ? size : 1); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return std::malloc(size ? size : 1); }

// Readability's allowedVideoRegex stays in JavaScript: js/marshal.js puts a
// test of it on the module for the length of one parse, which the core calls
// with each value to test (UTF-8 in wasm memory).
EM_JS(int, test_allowed_video, (const char* value, size_t length), {
  return Module["quietpageVideoTest"](value, length) ? 1 : 0;
});

namespace {

// How a C++ value crosses to JavaScript: sizes as doubles (they may exceed
// 32 bits in the options), lists of names as one string (js/marshal.js joins
// the array), everything else as it is.
template <typename T>
using JsValue = std::conditional_t<std::is_same_v<T, size_t>, double,
                                   std::conditional_t<std::is_same_v<T, quietpage::NameList>, std::string, T>>;

// The name js/marshal.js validates an option by.
template <typename T>
const char* js_type() {
  if constexpr (std::is_same_v<T, std::string>) return "string";
  else if constexpr (std::is_same_v<T, bool>) return "boolean";
  else if constexpr (std::is_same_v<T, double>) return "number";
  else if constexpr (std::is_same_v<T, size_t>) return "size";
  else if constexpr (std::is_same_v<T, quietpage::NameList>) return "names";
  else return "uint32";
}

// quietpage::Options as JavaScript sees it; js/marshal.js starts from
// defaultOptions(), so the defaults live in one place (quietpage.h).
struct ParseOptions {
#define QUIETPAGE_JS_OPTION(type, name, js_name, default_value) JsValue<type> name{};
  QUIETPAGE_OPTIONS(QUIETPAGE_JS_OPTION)
#undef QUIETPAGE_JS_OPTION
};

ParseOptions defaultOptions() {
  const quietpage::Options o;
  ParseOptions js;
#define QUIETPAGE_JS_DEFAULT(type, name, js_name, default_value) js.name = static_cast<JsValue<type>>(o.name);
  QUIETPAGE_OPTIONS(QUIETPAGE_JS_DEFAULT)
#undef QUIETPAGE_JS_DEFAULT
  return js;
}

quietpage::Options to_core(const ParseOptions& js) {
  quietpage::Options o;
#define QUIETPAGE_FROM_JS(type, name, js_name, default_value) o.name = static_cast<type>(js.name);
  QUIETPAGE_OPTIONS(QUIETPAGE_FROM_JS)
#undef QUIETPAGE_FROM_JS
  return o;
}

struct ReaderableOptions {
#define QUIETPAGE_JS_OPTION(type, name, js_name, default_value) JsValue<type> name{};
  QUIETPAGE_READERABLE_OPTIONS(QUIETPAGE_JS_OPTION)
#undef QUIETPAGE_JS_OPTION
};

ReaderableOptions defaultReaderableOptions() {
  const quietpage::ReaderableOptions o;
  ReaderableOptions js;
#define QUIETPAGE_JS_DEFAULT(type, name, js_name, default_value) js.name = static_cast<JsValue<type>>(o.name);
  QUIETPAGE_READERABLE_OPTIONS(QUIETPAGE_JS_DEFAULT)
#undef QUIETPAGE_JS_DEFAULT
  return js;
}

// The field tables below are JSON text (names and kinds are plain ASCII):
// emscripten::val would pull thread-local storage into the -mbulk-memory
// debug build, which then does not link.
void add_entry(std::string& json, const char* key, const char* name, const char* value) {
  json += json.size() > 1 ? ",{\"name\":\"" : "{\"name\":\"";
  json += name;
  json += "\",\"";
  json += key;
  json += "\":\"";
  json += value;
  json += "\"}";
}

// [{ name, type }] of every option, in declaration order, as JSON: what
// tests/js/types.test.js compares js/marshal.js's CORE_OPTIONS with (type:
// "string", "boolean", "uint32", "size" or "number").
std::string describe_options(bool readerable) {
  std::string json = "[";
#define QUIETPAGE_DESCRIBE_OPTION(type, name, js_name, default_value) add_entry(json, "type", js_name, js_type<type>());
  if (readerable) {
    QUIETPAGE_READERABLE_OPTIONS(QUIETPAGE_DESCRIBE_OPTION)
  } else {
    QUIETPAGE_OPTIONS(QUIETPAGE_DESCRIBE_OPTION)
  }
#undef QUIETPAGE_DESCRIBE_OPTION
  return json + "]";
}
std::string optionFields() { return describe_options(false); }
std::string readerableOptionFields() { return describe_options(true); }

// The article of the last parse stays in wasm memory after parse() returns,
// until js/marshal.js has decoded its long texts (HTML, plain text, Markdown)
// with one TextDecoder call each and calls releaseTexts(): Embind's
// std::string conversion would visit every byte in JavaScript.
quietpage::Article held;

// Where a held text is: byte offset in wasm memory and length.
struct TextSpan {
  double ptr = 0;
  double length = 0;
};

TextSpan span(const std::string& s) {
  return {static_cast<double>(reinterpret_cast<uintptr_t>(s.data())), static_cast<double>(s.size())};
}

// A field as it crosses: short texts as strings, long texts and the HTML as
// spans of the held article, counts as numbers.
template <quietpage::FieldKind kind, typename T>
using JsField = std::conditional_t<kind == quietpage::FieldKind::kText || kind == quietpage::FieldKind::kCount,
                                   JsValue<T>, TextSpan>;

template <quietpage::FieldKind kind, typename T>
JsField<kind, T> to_js(const T& value) {
  if constexpr (kind == quietpage::FieldKind::kLongText || kind == quietpage::FieldKind::kHtml) return span(value);
  else return static_cast<JsValue<T>>(value);
}

struct ParseResult {
  std::string error;    // "" or a stable code such as "INPUT_TOO_LARGE"
  std::string message;  // detail for the error
  bool found = false;
#define QUIETPAGE_JS_FIELD(type, name, js_name, kind, group) JsField<quietpage::FieldKind::kind, type> name{};
  QUIETPAGE_ARTICLE_FIELDS(QUIETPAGE_JS_FIELD)
#undef QUIETPAGE_JS_FIELD
};

// [{ name, kind }] of every article field, in declaration order, as JSON
// (kind: "text", "longText", "html" or "count"): how js/marshal.js builds
// the Article.
std::string articleFields() {
  std::string json = "[";
  quietpage::for_each_article_field(held, [&](const char* name, quietpage::FieldKind kind, quietpage::FieldGroup,
                                              const auto&) {
    add_entry(json, "kind", name,
              kind == quietpage::FieldKind::kText       ? "text"
              : kind == quietpage::FieldKind::kLongText ? "longText"
              : kind == quietpage::FieldKind::kHtml     ? "html"
                                                        : "count");
  });
  return json + "]";
}

// The HTML arrives as UTF-8 bytes that js/marshal.js wrote into memory it
// allocated with malloc (TextEncoder.encodeInto: no per-character copying).
std::string_view utf8(uintptr_t ptr, size_t length) {
  return {reinterpret_cast<const char*>(ptr), length};
}

// Runs run(context) with a way back from a failed allocation (see operator
// new above); false when it took it. The only function that calls setjmp: it
// holds nothing a longjmp would skip.
template <typename Context>
bool run_core(void (*run)(Context&), Context& context) {
  std::jmp_buf exit;
  allocation_exit = &exit;
  if (setjmp(exit) != 0) {
    allocation_exit = nullptr;
    return false;
  }
  run(context);
  allocation_exit = nullptr;
  return true;
}

ParseResult parse(uintptr_t html_ptr, size_t html_length, const ParseOptions& js_options, bool video_test) {
  struct Call {
    std::string_view html;
    quietpage::Options options;
    quietpage::Result result;
  } call{utf8(html_ptr, html_length), to_core(js_options), {}};
  if (video_test)
    call.options.allowed_video = [](std::string_view value) {
      return test_allowed_video(value.data(), value.size()) != 0;
    };
  ParseResult out;
  if (!run_core<Call>([](Call& c) { c.result = quietpage::parse(c.html, c.options); }, call)) {
    out.error = quietpage::error_code_name(quietpage::ErrorCode::kOutOfMemory);
    return out;  // js/marshal.js words it (as for isProbablyReaderable)
  }
  quietpage::Result& r = call.result;
  if (r.error != quietpage::ErrorCode::kOk) {
    out.error = quietpage::error_code_name(r.error);
    out.message = std::move(r.message);
    return out;
  }
  out.found = r.found;
  held = std::move(r.article);
#define QUIETPAGE_TO_JS(type, name, js_name, kind, group) \
  out.name = to_js<quietpage::FieldKind::kind>(held.name);
  QUIETPAGE_ARTICLE_FIELDS(QUIETPAGE_TO_JS)
#undef QUIETPAGE_TO_JS
  return out;
}

// Frees the article of the last parse (its texts are decoded by then).
void releaseTexts() { held = quietpage::Article(); }

// 1 or 0; -1 when the memory is exhausted (js/marshal.js: OUT_OF_MEMORY).
int isProbablyReaderable(uintptr_t html_ptr, size_t html_length, const ReaderableOptions& js_options) {
  struct Call {
    std::string_view html;
    quietpage::ReaderableOptions options;
    bool readerable;
  } call{utf8(html_ptr, html_length), {}, false};
#define QUIETPAGE_FROM_JS(type, name, js_name, default_value) call.options.name = static_cast<type>(js_options.name);
  QUIETPAGE_READERABLE_OPTIONS(QUIETPAGE_FROM_JS)
#undef QUIETPAGE_FROM_JS
  if (!run_core<Call>([](Call& c) { c.readerable = quietpage::is_probably_readerable(c.html, c.options); }, call))
    return -1;
  return call.readerable ? 1 : 0;
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
  emscripten::value_object<ParseOptions> options("ParseOptions");
#define QUIETPAGE_BIND_OPTION(type, name, js_name, default_value) options.field(js_name, &ParseOptions::name);
  QUIETPAGE_OPTIONS(QUIETPAGE_BIND_OPTION)
#undef QUIETPAGE_BIND_OPTION
  emscripten::value_object<ReaderableOptions> readerable("ReaderableOptions");
#define QUIETPAGE_BIND_OPTION(type, name, js_name, default_value) readerable.field(js_name, &ReaderableOptions::name);
  QUIETPAGE_READERABLE_OPTIONS(QUIETPAGE_BIND_OPTION)
#undef QUIETPAGE_BIND_OPTION
  emscripten::value_object<TextSpan>("TextSpan")
      .field("ptr", &TextSpan::ptr)
      .field("length", &TextSpan::length);
  emscripten::value_object<ParseResult> result("ParseResult");
  result.field("error", &ParseResult::error)
      .field("message", &ParseResult::message)
      .field("found", &ParseResult::found);
#define QUIETPAGE_BIND_FIELD(type, name, js_name, kind, group) result.field(js_name, &ParseResult::name);
  QUIETPAGE_ARTICLE_FIELDS(QUIETPAGE_BIND_FIELD)
#undef QUIETPAGE_BIND_FIELD
  emscripten::function("defaultOptions", &defaultOptions);
  emscripten::function("defaultReaderableOptions", &defaultReaderableOptions);
  emscripten::function("optionFields", &optionFields);
  emscripten::function("readerableOptionFields", &readerableOptionFields);
  emscripten::function("articleFields", &articleFields);
  emscripten::function("parse", &parse);
  emscripten::function("releaseTexts", &releaseTexts);
  emscripten::function("isProbablyReaderable", &isProbablyReaderable);
  emscripten::function("heapUsed", &heapUsed);
  emscripten::function("parseOnly", &parseOnly);
}
