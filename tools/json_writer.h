// JSON output for the native tools (corpus_runner, quietpage-batch, the
// Python binding's JSON lines): strings escaped for JSON and always valid
// UTF-8 — a byte sequence that isn't UTF-8 (a file name, a URL from a web
// archive) is written as U+FFFD, so every line parses.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace quietpage::tools {

// Appends `s` to `out` as a JSON string literal.
inline void json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t run = 0;  // start of the bytes copied as they are
  auto flush = [&](size_t i) { out.append(s.data() + run, i - run); };
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      // A valid UTF-8 sequence is copied; anything else becomes U+FFFD.
      size_t need = 0;
      unsigned char lo = 0x80, hi = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) need = 1;
      else if (c >= 0xe0 && c <= 0xef) need = 2, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
      else if (c >= 0xf0 && c <= 0xf4) need = 3, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
      bool ok = need && n - i > need && p[i + 1] >= lo && p[i + 1] <= hi;
      for (size_t k = 2; ok && k <= need; ++k) ok = (p[i + k] & 0xc0) == 0x80;
      if (ok) {
        i += need + 1;
        continue;
      }
      flush(i);
      out += "\xef\xbf\xbd";
      run = ++i;
      continue;
    }
    flush(i);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    run = ++i;
  }
  flush(n);
  out += '"';
}

}  // namespace quietpage::tools
