// URL resolution, following the WHATWG URL rules that matter for links and
// images in an article: scheme-relative and path-relative references, dot
// segments, default ports, percent-encoding of spaces and non-ASCII bytes.
#pragma once

#include <string>
#include <string_view>

namespace quietpage::url {

struct Url {
  std::string scheme;     // lowercase, without ':'
  std::string authority;  // "user@host:port", host lowercased; empty if none
  bool has_authority = false;
  std::string path;
  std::string query;      // without '?', has_query tells an empty "?" apart
  bool has_query = false;
  std::string fragment;   // without '#'
  bool has_fragment = false;

  std::string href() const;
};

// Parses an absolute URL; false when `s` has no valid scheme.
bool parse_absolute(std::string_view s, Url& out);

// Resolves `ref` against `base`. Returns "" when the result is not a URL.
std::string resolve(const Url& base, std::string_view ref);

// parse_absolute(resolve(base, ref), out), in one step for a plain absolute
// path (which neither changes: see url.cc).
bool resolve_and_parse(const Url& base, std::string_view ref, Url& out);

// Lowercase scheme of an absolute URL ("" for relative references).
std::string scheme_of(std::string_view s);

}  // namespace quietpage::url
