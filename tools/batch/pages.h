// One page in, one JSON line out: what quietpage-batch's workers and the
// Python binding's extract_warc() do with every page, so both write the
// same lines.
//
// A line is a JSON object. Its "url" is the page's URL (null when unknown),
// "file" the file it came from (file inputs only). A page with an article
// has the article's fields, named and ordered as in the JavaScript Article
// (quietpage.h: QUIETPAGE_ARTICLE_FIELDS; absent texts are null): the short
// ones first, then the long texts ("textContent", and "markdown" when asked
// for), then the HTML ("content", when asked for). A page without one has
// "error" (a code, see kErrorCodes) and "message".
#pragma once

#include <string>
#include <string_view>

#include "quietpage.h"
#include "warc.h"

namespace quietpage::batch {

// Codes of pages without an article, beyond quietpage::ErrorCode's names:
//   NO_ARTICLE            the page has no article
//   NOT_HTML              not a web page (by its Content-Type or its bytes)
//   HTTP_STATUS           the response's status is not 2xx
//   MALFORMED_RECORD      a damaged web archive record (truncated, no
//                         Content-Length, bad HTTP headers, corrupt gzip)
//   UNSUPPORTED_ENCODING  a Content-Encoding other than gzip or deflate
//   UNREADABLE            a listed file that can't be read
constexpr const char* kNoArticle = "NO_ARTICLE";

struct OutputOptions {
  Options parse;             // every parse option (the url is set per page)
  bool html = false;         // write the article's HTML ("content")
  bool error_lines = true;   // write lines for pages without an article
};

// A page to extract: a web archive record, or a file's bytes.
struct PageTask {
  bool is_record = false;
  WarcRecord record;          // when is_record
  std::string url;            // files: from a list (may be empty)
  std::string file;           // files: the path
  std::string body;           // files: the bytes
  std::string error, message; // a failure before extraction (files)
};

struct PageResult {
  enum class Kind { kNotPage, kArticle, kFailed };
  Kind kind = Kind::kNotPage;  // kNotPage: a record that isn't a page (no line)
  std::string code;            // kFailed: the error code
  std::string line;            // the JSON line with its "\n" ("" when not written)
};

PageResult extract_page(PageTask& task, const OutputOptions& options);

// The page a web archive record holds: its payload (payload_of), or the
// error code and message of a damaged or refused one. False for records
// that aren't pages. Payloads over max_bytes are INPUT_TOO_LARGE.
struct RecordPage {
  const char* error = nullptr;
  std::string message;
  HttpPayload payload;
};
bool record_page(WarcRecord& record, size_t max_bytes, RecordPage& out);

// The JavaScript Article's rule (js/marshal.js): an empty short text is null
// (the title excepted), and so is the Markdown when it wasn't asked for.
inline bool is_null_field(std::string_view name, FieldKind kind, const std::string& value, const Options& options) {
  if (kind == FieldKind::kText) return value.empty() && name != "title";
  return name == "markdown" && !options.markdown;
}

}  // namespace quietpage::batch
