// corpus_runner: runs the native core over HTML files and prints one JSON
// object per file. Used for debugging, and under ASan/UBSan over whole
// corpora (a file that crashes, hangs or leaks fails the run).
//
//   corpus_runner [--url URL] [--html] [--full] [--stats] FILE...
//
// --html adds the article's HTML; --full adds every other field too (the
// Markdown, the fields beyond Readability's, isProbablyReaderable): what a
// speed change must leave byte-identical. --stats adds what the parse did
// (Result::diagnostics: "wholeInputReparses", the guard's fallback) to each
// line and a count over all files to stderr.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "quietpage.h"

namespace {

void json_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

}  // namespace

int main(int argc, char** argv) {
  quietpage::Options options;
  bool with_html = false;
  bool full = false;
  bool stats = false;
  int files = 0;
  unsigned reparses = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--url") && i + 1 < argc) {
      options.url = argv[++i];
      continue;
    }
    if (!std::strcmp(argv[i], "--html")) {
      with_html = true;
      continue;
    }
    if (!std::strcmp(argv[i], "--full")) {
      with_html = full = true;
      options.markdown = true;
      continue;
    }
    if (!std::strcmp(argv[i], "--stats")) {
      stats = true;
      continue;
    }
    if (!std::strcmp(argv[i], "--help")) {
      std::cout << "usage: corpus_runner [--url URL] [--html] [--full] [--stats] FILE...\n"
                   "  --url URL  the page's URL for the files that follow (relative links resolve against it)\n"
                   "  --html     add the article's HTML (\"content\")\n"
                   "  --full     add every field: the HTML, the Markdown, the fields beyond Readability's,\n"
                   "             isProbablyReaderable\n"
                   "  --stats    add \"wholeInputReparses\" (the guard's fallback, 0 or 1) to each line and\n"
                   "             print the count over all files to stderr\n";
      return 0;
    }
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << "cannot read " << argv[i] << "\n";
      return 1;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    quietpage::Result r = quietpage::parse(buf.str(), options);
    std::string out = "{\"file\":";
    json_string(out, argv[i]);
    out += ",\"error\":";
    json_string(out, r.error == quietpage::ErrorCode::kOk ? "" : quietpage::error_code_name(r.error));
    out += ",\"found\":";
    out += r.found ? "true" : "false";
    const quietpage::Article& a = r.article;
    for (auto [name, value] : {std::pair<const char*, const std::string*>{"title", &a.title},
                               {"byline", &a.byline}, {"dir", &a.dir}, {"lang", &a.lang},
                               {"excerpt", &a.excerpt}, {"siteName", &a.site_name},
                               {"publishedTime", &a.published_time},
                               {"textContent", &a.text_content}}) {
      out += ",\"";
      out += name;
      out += "\":";
      json_string(out, *value);
    }
    if (with_html) {
      out += ",\"content\":";
      json_string(out, a.content);
    }
    if (full) {
      for (auto [name, value] : {std::pair<const char*, const std::string*>{"author", &a.author},
                                 {"modifiedTime", &a.modified_time}, {"leadImage", &a.lead_image},
                                 {"canonicalUrl", &a.canonical_url}, {"markdown", &a.markdown}}) {
        out += ",\"";
        out += name;
        out += "\":";
        json_string(out, *value);
      }
      out += ",\"wordCount\":" + std::to_string(a.word_count);
      out += ",\"readingTime\":" + std::to_string(a.reading_minutes);
      out += ",\"readerable\":";
      out += quietpage::is_probably_readerable(buf.str()) ? "true" : "false";
    }
    if (stats) out += ",\"wholeInputReparses\":" + std::to_string(r.diagnostics.whole_input_reparses);
    reparses += r.diagnostics.whole_input_reparses;
    out += "}\n";
    std::cout << out;
    ++files;
  }
  if (stats)
    std::cerr << "corpus_runner: " << files << " files, " << reparses
              << " parsed twice (the guard's whole-input fallback)\n";
  return files ? 0 : 2;
}
