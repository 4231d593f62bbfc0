#include "pages.h"

#include <string_view>
#include <type_traits>

#include "../json_writer.h"
#include "charset.h"

namespace quietpage::batch {
namespace {

using tools::json_string;

unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// The media type of a Content-Type value, lower case ("text/html").
std::string media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && (content_type.front() == ' ' || content_type.front() == '\t'))
    content_type.remove_prefix(1);
  while (!content_type.empty() && (content_type.back() == ' ' || content_type.back() == '\t'))
    content_type.remove_suffix(1);
  std::string out(content_type);
  for (char& c : out) c = static_cast<char>(lower(c));
  return out;
}

// Types a server sends for anything it can't name: the bytes decide.
bool is_generic_type(const std::string& type) {
  return type.empty() || type == "text/plain" || type == "application/octet-stream" ||
         type == "unknown/unknown" || type == "application/unknown" || type == "*/*" ||
         type == "application/x-unknown-content-type";
}

// File signatures of what is often served without a type (js/sniff.js has
// the full list for the command line).
constexpr std::string_view kSignatures[] = {
    std::string_view("\x89PNG\r\n\x1a\n", 8), "\xff\xd8\xff", "GIF8", "%PDF-", std::string_view("PK\x03\x04", 4),
    "\x1f\x8b\x08", "RIFF", "ID3", "OggS", "wOFF", "wOF2"};

// Any tag, end tag, comment, doctype or XML declaration in the first bytes
// (js/sniff.js's MARKUP).
bool has_markup(std::string_view head) {
  for (size_t at = head.find('<'); at != std::string_view::npos; at = head.find('<', at + 1)) {
    const std::string_view rest = head.substr(at + 1);
    auto alpha = [](char c) { return (lower(c) >= 'a' && lower(c) <= 'z'); };
    if (!rest.empty() && alpha(rest[0])) return true;
    if (rest.size() > 1 && rest[0] == '/' && alpha(rest[1])) return true;
    if (rest.compare(0, 3, "!--") == 0 || rest.compare(0, 4, "?xml") == 0) return true;
    if (rest.size() >= 8 && rest[0] == '!') {
      std::string word(rest.substr(1, 7));
      for (char& c : word) c = static_cast<char>(lower(c));
      if (word == "doctype") return true;
    }
  }
  return false;
}

// Why a payload is not a web page, or "" when it may well be one: its type
// says so, or (for a generic or absent type) its bytes are a known binary
// format, mostly control bytes, or text without any markup.
std::string not_html_reason(std::string_view content_type, std::string_view body) {
  const std::string type = media_type(content_type);
  if (type == "text/html" || type == "application/xhtml+xml") return {};
  if (!is_generic_type(type)) return "served as " + type;
  const std::string_view head = body.substr(0, 64 * 1024);
  for (std::string_view signature : kSignatures)
    if (head.compare(0, signature.size(), signature) == 0) return "binary data";
  const bool utf16 = head.size() >= 2 && ((head[0] == '\xff' && head[1] == '\xfe') || (head[0] == '\xfe' && head[1] == '\xff'));
  if (!utf16) {
    size_t controls = 0;
    for (unsigned char c : head)
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1b) || c == 0x7f) ++controls;
    if (controls > 8 && controls * 50 > head.size()) return "binary data";
  }
  // Empty or blank: a page without an article, not another kind of file.
  if (head.find_first_not_of(" \t\r\n\f") == std::string_view::npos) return {};
  if (utf16 || has_markup(head)) return {};
  return "plain text (no HTML markup)";
}

void begin_line(std::string& line, const std::string& url, const std::string* file) {
  line = "{\"url\":";
  if (url.empty()) line += "null";
  else json_string(line, url);
  if (file) {
    line += ",\"file\":";
    json_string(line, *file);
  }
}

PageResult failed(const std::string& url, const std::string* file, const char* code, std::string_view message,
                  const OutputOptions& options) {
  PageResult r;
  r.kind = PageResult::Kind::kFailed;
  r.code = code;
  if (!options.error_lines) return r;
  begin_line(r.line, url, file);
  r.line += ",\"error\":";
  json_string(r.line, code);
  r.line += ",\"message\":";
  json_string(r.line, message);
  r.line += "}\n";
  return r;
}

// The article's fields, in three passes: short texts and counts, long
// texts, HTML (see pages.h).
void write_article(std::string& line, const Article& article, const OutputOptions& options) {
  for (int pass = 0; pass < 3; ++pass) {
    for_each_article_field(article, [&](const char* name, FieldKind kind, FieldGroup, const auto& value) {
      const int field_pass = kind == FieldKind::kLongText ? 1 : kind == FieldKind::kHtml ? 2 : 0;
      if (field_pass != pass) return;
      if (kind == FieldKind::kHtml && !options.html) return;
      if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>) {
        const bool null = is_null_field(name, kind, value, options.parse);
        if (null && kind != FieldKind::kText) return;  // the Markdown, not asked for: left out
        line += ",\"";
        line += name;
        line += "\":";
        if (null) line += "null";
        else json_string(line, value);
      } else {
        line += ",\"";
        line += name;
        line += "\":";
        line += std::to_string(value);
      }
    });
  }
}

}  // namespace

bool record_page(WarcRecord& record, size_t max_bytes, RecordPage& out) {
  using Status = WarcRecord::Status;
  if (record.status != Status::kOk) {
    out.error = record.status == Status::kTooLarge ? "INPUT_TOO_LARGE" : "MALFORMED_RECORD";
    out.message = record.problem;
    return true;
  }
  out.payload = payload_of(record, max_bytes);
  switch (out.payload.status) {
    case HttpPayload::Status::kOk: return true;
    case HttpPayload::Status::kNotPage: return false;
    case HttpPayload::Status::kMalformed: out.error = "MALFORMED_RECORD"; break;
    case HttpPayload::Status::kHttpStatus: out.error = "HTTP_STATUS"; break;
    case HttpPayload::Status::kUnsupportedEncoding: out.error = "UNSUPPORTED_ENCODING"; break;
    case HttpPayload::Status::kTooLarge: out.error = "INPUT_TOO_LARGE"; break;
  }
  out.message = out.payload.problem;
  return true;
}

PageResult extract_page(PageTask& task, const OutputOptions& options) {
  const std::string* file = task.is_record ? nullptr : &task.file;
  std::string content_type;
  std::string* body = &task.body;
  std::string* url = &task.url;
  RecordPage page;
  if (task.is_record) {
    url = &task.record.target_uri;
    if (!record_page(task.record, options.parse.max_input_bytes, page)) return {};
    if (page.error) return failed(*url, file, page.error, page.message, options);
    content_type = std::move(page.payload.content_type);
    body = &page.payload.body;
  } else if (!task.error.empty()) {
    return failed(*url, file, task.error.c_str(), task.message, options);
  }

  const std::string why = not_html_reason(content_type, *body);
  if (!why.empty()) return failed(*url, file, "NOT_HTML", why, options);

  thread_local std::string decoded;
  const std::string_view html = decode_html(*body, content_type, decoded);
  thread_local Options parse_options;
  parse_options = options.parse;
  parse_options.url = *url;
  const Result result = parse(html, parse_options);
  if (decoded.capacity() > (8u << 20)) std::string().swap(decoded);  // don't keep a huge page's buffer
  if (result.error != ErrorCode::kOk)
    return failed(*url, file, error_code_name(result.error), result.message, options);
  if (!result.found) return failed(*url, file, kNoArticle, "no article found", options);

  PageResult r;
  r.kind = PageResult::Kind::kArticle;
  begin_line(r.line, *url, file);
  write_article(r.line, result.article, options);
  r.line += "}\n";
  return r;
}

}  // namespace quietpage::batch
