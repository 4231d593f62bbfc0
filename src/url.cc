#include "url.h"

#include <algorithm>
#include <array>
#include <vector>

#include "text.h"

namespace quietpage::url {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_special(std::string_view scheme) {
  return scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "ws" ||
         scheme == "wss" || scheme == "file";
}

std::string_view default_port(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return "80";
  if (scheme == "https" || scheme == "wss") return "443";
  if (scheme == "ftp") return "21";
  return {};
}

// WHATWG pre-processing: trim C0 controls and spaces, drop tabs and newlines.
std::string clean_input(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= 0x20) --e;
  const std::string_view kept = s.substr(b, e - b);
  // Most URLs hold no tab or newline: copied at once.
  if (std::none_of(kept.begin(), kept.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }))
    return std::string(kept);
  std::string out;
  out.reserve(e - b);
  for (char c : kept)
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

void percent_encode(std::string& out, std::string_view s, std::string_view extra) {
  static const char kHex[] = "0123456789ABCDEF";
  size_t run = 0;  // the characters since the last encoded one go out at once
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    // (Letters and digits are never in `extra`: only other bytes are looked up.)
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c <= 0x20 || c >= 0x7F || (!alnum && extra.find(s[i]) != std::string_view::npos)) {
      out.append(s.data() + run, i - run);
      const char escaped[3] = {'%', kHex[c >> 4], kHex[c & 15]};
      out.append(escaped, 3);
      run = i + 1;
    }
  }
  out.append(s.data() + run, s.size() - run);
}

// Removes "." and ".." segments (RFC 3986 §5.2.4, WHATWG-compatible).
std::string remove_dot_segments(std::string_view path) {
  // A dot segment starts with a '.' or a '%' ("%2e"): without one ("/a/b.html"),
  // the path is its own result.
  const auto opens_dot_segment = [&](size_t at) { return at < path.size() && (path[at] == '.' || path[at] == '%'); };
  bool dots = opens_dot_segment(0);
  for (size_t slash = path.find('/'); !dots && slash != std::string_view::npos; slash = path.find('/', slash + 1))
    dots = opens_dot_segment(slash + 1);
  if (!dots) return std::string(path);
  std::vector<std::string_view> out;
  bool absolute = !path.empty() && path[0] == '/';
  size_t i = absolute ? 1 : 0;
  bool trailing_slash = false;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    bool last = j == path.size();
    if (seg == "." || text::iequals(seg, "%2e")) {
      trailing_slash = last;
    } else if (seg == ".." || text::iequals(seg, ".%2e") || text::iequals(seg, "%2e.") ||
               text::iequals(seg, "%2e%2e")) {
      if (!out.empty()) out.pop_back();
      trailing_slash = last;
    } else {
      out.push_back(seg);
      trailing_slash = false;
    }
    i = j + 1;
  }
  std::string result = absolute ? "/" : "";
  for (size_t k = 0; k < out.size(); ++k) {
    if (k) result += '/';
    result += out[k];
  }
  if (trailing_slash && !out.empty()) result += '/';
  return result;
}

void split_query_fragment(std::string_view rest, Url& u, std::string_view& path) {
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    u.has_fragment = true;
    u.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    u.has_query = true;
    u.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  path = rest;
}

std::string normalize_authority(std::string_view auth, std::string_view scheme) {
  std::string out;
  size_t at = auth.rfind('@');
  std::string_view userinfo = at == std::string_view::npos ? std::string_view() : auth.substr(0, at + 1);
  std::string_view hostport = at == std::string_view::npos ? auth : auth.substr(at + 1);
  out += userinfo;
  size_t colon = hostport.rfind(':');
  if (colon != std::string_view::npos && hostport.find(']', colon) == std::string_view::npos) {
    std::string_view port = hostport.substr(colon + 1);
    out += text::to_lower(hostport.substr(0, colon));
    // strip leading zeros, drop the scheme's default port
    while (port.size() > 1 && port[0] == '0') port.remove_prefix(1);
    if (!port.empty() && port != default_port(scheme)) {
      out += ':';
      out += port;
    }
  } else {
    out += text::to_lower(hostport);
  }
  return out;
}

// By byte: one a plain path may hold (printable ASCII but ?#\\.%"<>`{}).
constexpr std::array<bool, 256> kPlainPathByte = [] {
  std::array<bool, 256> out{};
  for (int c = 0x21; c < 0x7F; ++c) out[c] = true;
  for (char c : std::string_view("?#\\.%\"<>`{}")) out[static_cast<unsigned char>(c)] = false;
  return out;
}();
// A plain absolute path ("/a/b-2") under a special base with a host: no
// query, fragment, dot segment, percent sign or backslash, and no byte that
// cleaning the input or percent-encoding the path would touch. It resolves to
// the base's scheme and host and itself.
bool is_plain_path(const Url& base, std::string_view ref) {
  return is_special(base.scheme) && base.has_authority && !base.authority.empty() && !ref.empty() && ref[0] == '/' &&
         (ref.size() == 1 || ref[1] != '/') &&
         std::all_of(ref.begin(), ref.end(), [](char c) { return kPlainPathByte[static_cast<unsigned char>(c)]; });
}

// By byte: one a plain absolute URL's host may hold (lowercase: what
// normalizing the authority leaves as it is).
bool is_plain_host_byte(char c) { return (c >= 'a' && c <= 'z') || is_digit(c) || c == '.' || c == '-'; }
// By byte: one its path, query and fragment may hold: printable ASCII but the
// number sign, backslash, percent sign, quotes, angle brackets, backtick and
// braces (what neither cleaning the input nor percent-encoding changes).
constexpr std::array<bool, 256> kPlainUrlByte = [] {
  std::array<bool, 256> out{};
  for (int c = 0x21; c < 0x7F; ++c) out[c] = true;
  for (char c : std::string_view("#\\%\"<>`{}'")) out[static_cast<unsigned char>(c)] = false;
  return out;
}();
// A plain absolute http(s) URL ("https://example.com/a/b.html?c=d#e"): a
// lowercase host without user or port, then a path of plain bytes without a
// dot segment (no "/." at all), a query of plain bytes and percent signs, a
// fragment of those and question marks. Written again after it is parsed
// (resolve()), it reads the same: parsing that gives what parsing it gives.
bool is_plain_absolute(std::string_view ref) {
  if (ref.empty() || ref[0] != 'h') return false;  // (most links that are not: a path)
  size_t i;
  if (ref.compare(0, 7, "http://") == 0) i = 7;
  else if (ref.compare(0, 8, "https://") == 0) i = 8;
  else return false;
  const size_t host = i;
  while (i < ref.size() && is_plain_host_byte(ref[i])) ++i;
  if (i == host || (i < ref.size() && ref[i] != '/' && ref[i] != '?' && ref[i] != '#')) return false;
  enum { kPath, kQuery, kFragment } part = kPath;
  for (; i < ref.size(); ++i) {
    const char c = ref[i];
    if (c == '?' && part == kPath) {
      part = kQuery;
    } else if (c == '#' && part != kFragment) {
      part = kFragment;
    } else if (c == '%' || c == '?') {
      if (part == kPath) return false;
    } else if (!kPlainUrlByte[static_cast<unsigned char>(c)] ||
               (part == kPath && c == '/' && i + 1 < ref.size() && ref[i + 1] == '.')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string scheme_of(std::string_view s) {
  // As clean_input() would leave it, read in place: trimmed, tabs and newlines skipped.
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= 0x20) --e;
  // Its end found first, the scheme is written once (most hrefs have none).
  size_t kept = 0;
  for (size_t i = b; i < e; ++i) {
    const char ch = s[i];
    if (ch == '\t' || ch == '\n' || ch == '\r') continue;
    if (kept == 0 ? !text::is_ascii_alpha(ch) : !(text::is_ascii_alpha(ch) || is_digit(ch) || ch == '+' || ch == '-' || ch == '.')) {
      if (ch != ':' || kept == 0) return {};
      std::string scheme(s.substr(b, i - b));
      if (kept != scheme.size())
        scheme.erase(std::remove_if(scheme.begin(), scheme.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }),
                     scheme.end());
      for (char& c : scheme) c = text::lower(c);
      return scheme;
    }
    ++kept;
  }
  return {};
}

bool parse_absolute(std::string_view input, Url& u) {
  std::string s = clean_input(input);
  std::string scheme = scheme_of(s);
  if (scheme.empty()) return false;
  u = Url();
  u.scheme = scheme;
  // What follows the scheme, read in place unless backslashes are to become slashes.
  std::string_view r = std::string_view(s).substr(scheme.size() + 1);
  std::string rest;
  if (is_special(scheme) && r.find('\\') != std::string_view::npos) {
    rest = std::string(r);
    for (char& c : rest)
      if (c == '\\') c = '/';
    r = rest;
  }
  std::string_view path;
  if (r.substr(0, 2) == "//" || (is_special(scheme) && scheme != "file" && !r.empty())) {
    // Special schemes tolerate missing or extra slashes ("http:/x", "http:x").
    while (!r.empty() && r[0] == '/') r.remove_prefix(1);
    size_t end = r.find_first_of("/?#");
    if (end == std::string_view::npos) end = r.size();
    u.has_authority = true;
    u.authority = normalize_authority(r.substr(0, end), scheme);
    r = r.substr(end);
  }
  split_query_fragment(r, u, path);
  if (u.has_authority && path.empty() && is_special(scheme)) {
    u.path = "/";
  } else {
    u.path = (u.has_authority || (!path.empty() && path[0] == '/')) ? remove_dot_segments(path)
                                                                   : std::string(path);
  }
  return true;
}

std::string Url::href() const {
  std::string out;
  out.reserve(scheme.size() + 3 + authority.size() + path.size() + 2 + query.size() + fragment.size());
  out += scheme;
  out += ':';
  if (has_authority) {
    out += "//";
    out += authority;
  }
  bool special = is_special(scheme);
  percent_encode(out, path, special ? "\"<>`{}" : "\"<>`");
  if (has_query) {
    out += '?';
    percent_encode(out, query, special ? "\"#<>'" : "\"#<>");
  }
  if (has_fragment) {
    out += '#';
    percent_encode(out, fragment, "\"<>`");
  }
  return out;
}

std::string resolve(const Url& base, std::string_view input) {
  if (is_plain_path(base, input)) {
    std::string out;
    out.reserve(base.scheme.size() + 3 + base.authority.size() + input.size());
    out += base.scheme;
    out += "://";
    out += base.authority;
    out += input;
    return out;
  }
  std::string ref = clean_input(input);
  Url u;
  if (!scheme_of(ref).empty()) {
    std::string scheme = scheme_of(ref);
    // "http:foo" relative to an http base is path-relative (WHATWG quirk).
    if (scheme == base.scheme && is_special(scheme) &&
        ref.compare(scheme.size() + 1, 1, "/") != 0 && ref.compare(scheme.size() + 1, 1, "\\") != 0)
      ref = ref.substr(scheme.size() + 1);
    else
      return parse_absolute(ref, u) ? u.href() : std::string();
  }
  if (base.scheme.empty()) return {};
  if (is_special(base.scheme))
    for (char& c : ref)
      if (c == '\\') c = '/';
  u.scheme = base.scheme;
  std::string_view r = ref;
  if (r.substr(0, 2) == "//") {
    std::string abs = base.scheme + ":" + ref;
    return parse_absolute(abs, u) ? u.href() : std::string();
  }
  u.has_authority = base.has_authority;
  u.authority = base.authority;
  std::string_view path;
  split_query_fragment(r, u, path);
  if (path.empty()) {
    u.path = base.path;
    if (!u.has_query) {
      u.has_query = base.has_query;
      u.query = base.query;
    }
  } else if (path[0] == '/') {
    u.path = remove_dot_segments(path);
  } else {
    std::string merged;
    size_t slash = base.path.rfind('/');
    if (slash == std::string::npos) {
      merged = base.has_authority ? "/" : "";
    } else {
      merged = base.path.substr(0, slash + 1);
    }
    merged += path;
    u.path = remove_dot_segments(merged);
  }
  return u.href();
}

bool resolve_and_parse(const Url& base, std::string_view ref, Url& out) {
  // resolve() writes the base's scheme and host and a plain path as it is,
  // and parse_absolute() reads them back (the host normalized again).
  if (is_plain_path(base, ref)) {
    // Written in place (`out`'s strings keep their room: a caller resolving
    // link after link passes the same Url). (No cache of the normalized
    // authority between calls: state shared by calls would be shared by
    // threads, and wasm builds have no thread-local storage.)
    out.scheme = base.scheme;
    out.authority = normalize_authority(base.authority, base.scheme);
    out.has_authority = true;
    out.path.assign(ref.data(), ref.size());
    out.query.clear();
    out.has_query = false;
    out.fragment.clear();
    out.has_fragment = false;
    return true;
  }
  // A plain absolute URL is its own resolution (resolve() would parse it and
  // write it, to be parsed again): its parts as parse_absolute() reads them,
  // written in place (the host needs no normalizing, the path no dot segment).
  if (is_plain_absolute(ref)) {
    const size_t colon = ref.find(':');
    out.scheme.assign(ref.data(), colon);
    std::string_view rest = ref.substr(colon + 3);  // after "://"
    const size_t host_end = std::min(rest.find_first_of("/?#"), rest.size());
    out.authority.assign(rest.data(), host_end);
    out.has_authority = true;
    rest.remove_prefix(host_end);
    const size_t hash = rest.find('#');
    out.has_fragment = hash != std::string_view::npos;
    if (out.has_fragment) out.fragment.assign(rest.substr(hash + 1));
    else out.fragment.clear();
    rest = rest.substr(0, hash);
    const size_t question = rest.find('?');
    out.has_query = question != std::string_view::npos;
    if (out.has_query) out.query.assign(rest.substr(question + 1));
    else out.query.clear();
    rest = rest.substr(0, question);
    if (rest.empty()) out.path.assign("/");
    else out.path.assign(rest);
    return true;
  }
  return parse_absolute(resolve(base, ref), out);
}

}  // namespace quietpage::url
