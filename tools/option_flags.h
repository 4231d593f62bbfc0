// Parse options as command-line flags for the native tools (corpus_runner,
// quietpage-batch): every option of quietpage.h's QUIETPAGE_OPTIONS by its
// JavaScript name (--charThreshold 250, --maxDepth 64, --markdown).
#pragma once

#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

#include "quietpage.h"

namespace quietpage::tools {

// Option values from the command line, by the option's type.
inline bool read_value(const char* text, std::string& out) {
  out = text;
  return true;
}
inline bool read_value(const char* text, NameList& out) {
  out = NameList(text);  // names separated by spaces
  return true;
}
inline bool read_value(const char* text, double& out) {
  char* end = nullptr;
  out = std::strtod(text, &end);
  return *text && !*end;
}
template <typename Number>
bool read_value(const char* text, Number& out) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (!*text || *text == '-' || *end || v > std::numeric_limits<Number>::max()) return false;
  out = static_cast<Number>(v);
  return true;
}

// Sets the option whose JavaScript name `flag` gives ("--maxDepth") from
// argv[i + 1] (a bool option takes no value: "--name" turns it on,
// "--no-name" off). Returns the arguments used: 0 when `flag` names no
// option, -1 when its value is missing or invalid.
inline int set_option(Options& options, std::string_view flag, int i, int argc, char** argv) {
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

// " --url TEXT --charThreshold N ... --markdown|--no-markdown": every option flag.
inline std::string option_flags_help() {
  std::string out;
#define QUIETPAGE_HELP_OPTION(type, name, js_name, default_value) \
  out += std::string(" --") + js_name +                           \
         (std::is_same_v<type, bool>          ? std::string("|--no-") + js_name \
          : std::is_same_v<type, std::string> ? " TEXT"  \
          : std::is_same_v<type, NameList>    ? " NAMES" \
                                              : " N");
  QUIETPAGE_OPTIONS(QUIETPAGE_HELP_OPTION)
#undef QUIETPAGE_HELP_OPTION
  return out;
}

}  // namespace quietpage::tools
