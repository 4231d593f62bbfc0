// corpus_runner: runs the native core over HTML files and prints one JSON
// object per file. Used for debugging, and under ASan/UBSan over whole
// corpora (a file that crashes, hangs or leaks fails the run).
//
//   corpus_runner [--url URL] [OPTION VALUE...] [--html] [--full] [--stats] FILE...
//
// Every parse option is a flag by its JavaScript name (--charThreshold 250,
// --maxDepth 64, --markdown), read from quietpage.h's QUIETPAGE_OPTIONS; like
// --url, an option applies to the files after it.
// --html adds the article's HTML; --full adds every other field too (the
// Markdown, the fields beyond Readability's, isProbablyReaderable): what a
// speed change must leave byte-identical. --stats adds what the parse did
// (Result::diagnostics: "wholeInputReparses", the guard's fallback) to each
// line and a count over all files to stderr.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>

#include "quietpage.h"

namespace {

using quietpage::FieldGroup;
using quietpage::FieldKind;

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

// Option values from the command line, by the option's type.
bool read_value(const char* text, std::string& out) {
  out = text;
  return true;
}
template <typename Number>
bool read_value(const char* text, Number& out) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (!*text || *end || v > std::numeric_limits<Number>::max()) return false;
  out = static_cast<Number>(v);
  return true;
}

// Sets the option whose JavaScript name `flag` gives ("--maxDepth",
// quietpage.h: QUIETPAGE_OPTIONS) from argv[i + 1] (a bool option takes no
// value: "--name" turns it on, "--no-name" off). Returns the arguments used: 0 when `flag` names no option, -1 when
// its value is missing or invalid.
int set_option(quietpage::Options& options, std::string_view flag, int i, int argc, char** argv) {
  auto set = [&](const char* name, auto& field) {
    if (flag.substr(0, 2) != "--") return 0;
    const std::string_view given = flag.substr(2);
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, bool>) {
      const bool off = given.substr(0, 3) == "no-";
      if ((off ? given.substr(3) : given) != name) return 0;
      field = !off;
      return 1;
    } else {
      if (given != name) return 0;
      return i + 1 < argc && read_value(argv[i + 1], field) ? 2 : -1;
    }
  };
  int used = 0;
#define QUIETPAGE_SET_OPTION(type, name, js_name, default_value) \
  if (!used) used = set(js_name, options.name);
  QUIETPAGE_OPTIONS(QUIETPAGE_SET_OPTION)
#undef QUIETPAGE_SET_OPTION
  return used;
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
    const int used = set_option(options, argv[i], i, argc, argv);
    if (used < 0) {
      std::cerr << "corpus_runner: " << argv[i] << " needs a value (--help)\n";
      return 1;
    }
    if (used > 0) {
      i += used - 1;
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
      std::cout << "usage: corpus_runner [--url URL] [OPTION VALUE...] [--html] [--full] [--stats] FILE...\n"
                   "  --url URL  the page's URL for the files that follow (relative links resolve against it)\n"
                   "  --html     add the article's HTML (\"content\")\n"
                   "  --full     add every field: the HTML, the Markdown, the fields beyond Readability's,\n"
                   "             isProbablyReaderable\n"
                   "  --stats    add \"wholeInputReparses\" (the guard's fallback, 0 or 1) to each line and\n"
                   "             print the count over all files to stderr\n"
                   "Options apply to the files that follow; every parse option, by its JavaScript name:\n ";
#define QUIETPAGE_HELP_OPTION(type, name, js_name, default_value) \
  std::cout << " --" << js_name << (std::is_same_v<type, bool> ? std::string("|--no-") + js_name : std::is_same_v<type, std::string> ? " TEXT" : " N");
      QUIETPAGE_OPTIONS(QUIETPAGE_HELP_OPTION)
#undef QUIETPAGE_HELP_OPTION
      std::cout << "\n";
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
    // The article's fields (quietpage.h: QUIETPAGE_ARTICLE_FIELDS), in a
    // fixed order: Readability's short texts, its text; with --html the
    // HTML; with --full quietpage's own texts, the Markdown, the counts.
    auto fields = [&](FieldKind kind, FieldGroup group, bool any_group = false) {
      quietpage::for_each_article_field(r.article, [&](const char* name, FieldKind k, FieldGroup g,
                                                       const auto& value) {
        if (k != kind || (g != group && !any_group)) return;
        out += ",\"";
        out += name;
        out += "\":";
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>) {
          json_string(out, value);
        } else {
          out += std::to_string(value);
        }
      });
    };
    fields(FieldKind::kText, FieldGroup::kReadability);
    fields(FieldKind::kLongText, FieldGroup::kReadability);
    if (with_html) fields(FieldKind::kHtml, FieldGroup::kReadability, true);
    if (full) {
      fields(FieldKind::kText, FieldGroup::kBeyond);
      fields(FieldKind::kLongText, FieldGroup::kBeyond);
      fields(FieldKind::kCount, FieldGroup::kBeyond, true);
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
