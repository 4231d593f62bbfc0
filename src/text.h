// Text helpers on UTF-8 strings. Lengths are counted in UTF-16 code units,
// like JavaScript's String.length, so thresholds mean the same thing here as
// in Readability.js and in the JavaScript API.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quietpage::text {

// Decodes the code point at s[i] and advances i. Invalid bytes decode to
// U+FFFD and advance by one, so every loop over a string terminates.
// (ASCII inline; the rest is next_multibyte_code_point's.)
uint32_t next_multibyte_code_point(std::string_view s, size_t& i);
inline uint32_t next_code_point(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  return next_multibyte_code_point(s, i);
}

// The runs of code points `is_word(cp)` accepts in `s`, in order (what
// separates them is dropped).
// Calls fn(run) for each of them, without copying.
template <typename IsWord, typename Fn>
void for_each_word(std::string_view s, IsWord is_word, Fn&& fn) {
  size_t start = std::string_view::npos;  // where the current run began
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    if (is_word(next_code_point(s, i))) {
      if (start == std::string_view::npos) start = at;
    } else if (start != std::string_view::npos) {
      fn(s.substr(start, at - start));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) fn(s.substr(start));
}
// A code point of a word in lowercased text (text::lower_utf8): an ASCII
// letter or digit, or anything beyond ASCII.
inline bool is_lower_word_code_point(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp >= 0x80;
}
template <typename IsWord>
std::vector<std::string> split_words(std::string_view s, IsWord is_word) {
  std::vector<std::string> out;
  for_each_word(s, is_word, [&](std::string_view w) { out.emplace_back(w); });
  return out;
}
void append_utf8(std::string& out, uint32_t cp);

// JavaScript's \s: ASCII whitespace, NBSP, the Unicode Zs spaces, line and
// paragraph separators and BOM.
bool is_space(uint32_t cp);
// is_space() of a byte below 0x80: tab, newline, vertical tab, form feed, carriage return, space.
inline bool is_ascii_space(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }
// By byte: below 0x80 and not is_ascii_space(), a byte of an ASCII word (looked
// up: the per-byte step of the text passes).
inline constexpr std::array<bool, 256> kAsciiWordByte = [] {
  std::array<bool, 256> out{};
  for (int c = 0; c < 0x80; ++c) out[c] = !(c == ' ' || (c >= 0x09 && c <= 0x0D));
  return out;
}();
// `s` without the ASCII whitespace around it.
inline std::string_view strip_ascii_space(std::string_view s) {
  size_t from = 0, to = s.size();
  while (from < to && !kAsciiWordByte[static_cast<unsigned char>(s[from])]) ++from;
  while (to > from && !kAsciiWordByte[static_cast<unsigned char>(s[to - 1])]) --to;
  return s.substr(from, to - from);
}
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Commas of many scripts (Latin, Arabic, CJK full-width, ...).
bool is_comma(uint32_t cp);
// Scripts written without spaces between words (CJK, Thai, ...), where one
// character carries about one word of meaning.
bool is_cjk(uint32_t cp);

// String.length of the text.
size_t js_length(std::string_view s);

// String.prototype.trim().
std::string_view trim(std::string_view s);
bool is_blank(std::string_view s);

// Trim, then collapse every run of whitespace to a single space.
std::string collapse_spaces(std::string_view s);
// collapse_spaces() of pieces of one text, appended to `out` one after the
// other: `pending` (false before the first) carries a space across them.
// `drop_soft_hyphens`: leave out U+00AD (hyphenation hints, invisible).
void collapse_spaces_into(std::string& out, std::string_view s, bool& pending, bool drop_soft_hyphens = false);

// What the length of Readability's _getInnerText (trim + collapse) needs to
// know of one piece of text, so that a text node's piece is read once and
// then folded in O(1) (dom.h caches it).
struct TextSummary {
  uint32_t length = 0;       // UTF-16 units of the piece, trimmed and collapsed
  uint32_t commas = 0;
  bool blank = true;         // no non-space character
  bool lead_space = false;   // starts with whitespace
  bool trail_space = false;  // ends with whitespace (after a non-space)
  // (A text node's own summary: summarize() sets it, merge() keeps either
  // side's.) Not blank, all ASCII, and its words separated by single spaces
  // (' ') between any leading and trailing ASCII whitespace: collapsed, it is
  // its trimmed self (Document::inner_text copies it as it is).
  bool collapsed_ascii = false;
};
TextSummary summarize(std::string_view piece);
// The summary of `a` followed by `b` (associative: a node's summary is the
// merge of its children's).
TextSummary merge(const TextSummary& a, const TextSummary& b);

// Lowercase for the scripts the keyword lists use: ASCII, Latin-1 and
// Latin Extended-A, Greek and Cyrillic. Other characters are kept.
std::string lower_utf8(std::string_view s);
// The same into `out` (its room kept: no allocation per call in a loop).
void lower_utf8_into(std::string& out, std::string_view s);

// ASCII-only case folding, enough for tag names, class names and keywords.
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
bool iends_with(std::string_view s, std::string_view suffix);
// The decimal number at the start of `s` (after spaces, tabs, newlines),
// as attributes like colspan="2" and width="16px" hold it; 0 when none.
// Digits stop being read once the value reaches 100000.
int leading_int(std::string_view s);
// Position of needle in haystack ignoring ASCII case, or npos.
size_t ifind(std::string_view haystack, std::string_view needle, size_t from = 0);
inline bool icontains(std::string_view haystack, std::string_view needle) {
  return ifind(haystack, needle) != std::string_view::npos;
}

// By byte: what for_each_token splits on (space, tab, newline, carriage return, form feed).
inline constexpr std::array<bool, 256> kTokenSpace = [] {
  std::array<bool, 256> out{};
  out[' '] = out['\t'] = out['\n'] = out['\r'] = out['\f'] = true;
  return out;
}();
// Splits on ASCII whitespace and calls fn(token) for each non-empty token.
template <typename Fn>
void for_each_token(std::string_view s, Fn&& fn) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && kTokenSpace[p[i]]) ++i;
    size_t start = i;
    while (i < s.size() && !kTokenSpace[p[i]]) ++i;
    if (i > start) fn(s.substr(start, i - start));
  }
}

// Decodes the handful of entities that pages double-escape in <meta> values:
// &quot; &amp; &apos; &lt; &gt; and numeric references.
std::string unescape_basic_entities(std::string_view s);

}  // namespace quietpage::text
