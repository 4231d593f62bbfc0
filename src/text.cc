#include "text.h"

#include <cstdint>
#include <cstring>

namespace quietpage::text {

uint32_t next_multibyte_code_point(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  unsigned char c = p[i];
  int extra;
  uint32_t cp;
  uint32_t min;
  if ((c & 0xE0) == 0xC0) {
    extra = 1, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3, cp = c & 0x07, min = 0x10000;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + static_cast<size_t>(extra) >= n) {  // truncated sequence
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = p[i + k];
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += extra + 1;
  return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space(uint32_t cp) {
  switch (cp) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20:
    case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

bool is_comma(uint32_t cp) {
  switch (cp) {
    case 0x002C: case 0x060C: case 0xFE50: case 0xFE10: case 0xFE11:
    case 0x2E41: case 0x2E34: case 0x2E32: case 0xFF0C:
      return true;
    default:
      return false;
  }
}

bool is_cjk(uint32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) ||   // Hiragana, Katakana
         (cp >= 0x3400 && cp <= 0x4DBF) ||   // CJK Extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||   // CJK Unified Ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||   // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||   // CJK compatibility
         (cp >= 0x0E00 && cp <= 0x0E7F) ||   // Thai
         (cp >= 0x20000 && cp <= 0x2FFFF);   // CJK Extensions B+
}

static inline size_t utf16_units(uint32_t cp) { return cp >= 0x10000 ? 2 : 1; }

size_t js_length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) n += utf16_units(next_code_point(s, i));
  return n;
}

std::string_view trim(std::string_view s) {
  // Most texts open and end with an ASCII byte that is no space: nothing to trim.
  if (!s.empty() && kAsciiWordByte[static_cast<unsigned char>(s.front())] &&
      kAsciiWordByte[static_cast<unsigned char>(s.back())])
    return s;
  size_t begin = 0;
  while (begin < s.size()) {
    size_t j = begin;
    if (!is_space(next_code_point(s, j))) break;
    begin = j;
  }
  size_t end = s.size();
  while (end > begin) {
    // Step back to the start of the previous code point.
    size_t k = end - 1;
    while (k > begin && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    size_t j = k;
    if (!is_space(next_code_point(s, j))) break;
    end = k;
  }
  return s.substr(begin, end - begin);
}

bool is_blank(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (!is_space(next_code_point(s, i))) return false;
  }
  return true;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  collapse_spaces_into(out, s, pending);
  return out;
}

void collapse_spaces_into(std::string& out, std::string_view s, bool& pending, bool drop_soft_hyphens) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto ascii_word = [&](size_t k) { return k < s.size() && kAsciiWordByte[p[k]]; };
  for (size_t i = 0; i < s.size();) {
    if (ascii_word(i)) {
      // A run of ASCII words with single spaces between them goes out at once.
      size_t end = i + 1;
      for (;;) {
        while (ascii_word(end)) ++end;
        if (end < s.size() && p[end] == ' ' && ascii_word(end + 1)) {
          end += 2;
          continue;
        }
        break;
      }
      if (pending) out += ' ';
      pending = false;
      out.append(s.data() + i, end - i);
      i = end;
      continue;
    }
    if (p[i] < 0x80) {  // an ASCII space
      pending = !out.empty();
      ++i;
      continue;
    }
    size_t start = i;
    uint32_t cp = next_code_point(s, i);
    if (is_space(cp)) {
      pending = !out.empty();
      continue;
    }
    if (cp == 0xAD && drop_soft_hyphens) continue;
    if (pending) out += ' ';
    pending = false;
    if (cp == 0xFFFD && i - start == 1)
      append_utf8(out, cp);
    else
      out.append(s.data() + start, i - start);
  }
}

namespace {

// Eight bytes of text (as loaded from memory, little-endian) that a run of
// ASCII words with single spaces between them can go on through: no byte
// from 0x80 on, no whitespace but ' ', no two spaces side by side, and no
// space last (what follows it is not read). Their commas go to `commas`.
// (Every byte below 0x80: adding up to 0x7F to one carries into no other.)
bool plain_ascii_chunk(uint64_t w, uint32_t& commas) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  if (w & kHigh) return false;
  const auto is = [&](unsigned char c) { return ~((w ^ (kOnes * c)) + kOnes * 0x7F) & kHigh; };
  const uint64_t controls = ((w + kOnes * (0x80 - 0x09)) & ~(w + kOnes * (0x80 - 0x0E))) & kHigh;  // \t \n \v \f \r
  const uint64_t spaces = is(' ');
  if (controls || (spaces & (spaces << 8)) || (spaces >> 63)) return false;
  commas += static_cast<uint32_t>(((is(',') >> 7) * kOnes) >> 56);
  return true;
}

}  // namespace

TextSummary summarize(std::string_view piece) {
  TextSummary s;
  const auto* p = reinterpret_cast<const unsigned char*>(piece.data());
  bool pending_space = false;
  // collapsed_ascii: no byte from 0x80 on, and no gap between words other
  // than one ' ' (`odd_gap`: the pending gap is another).
  bool ascii = true, odd_gap = false, single_gaps = true;
  for (size_t i = 0; i < piece.size();) {
    if (kAsciiWordByte[p[i]]) {
      // A run of ASCII non-space characters: one UTF-16 unit each; and the
      // words after it with one ' ' before each, as the general path would
      // count them (the space, pending, is one unit; the gap is a single one).
      size_t end = i;
      uint32_t commas = 0;
      for (;;) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        // (Eight bytes at a time: the byte before each chunk is a word's.)
        for (uint64_t w; end + 8 <= piece.size(); end += 8) {
          std::memcpy(&w, p + end, 8);
          if (!plain_ascii_chunk(w, commas)) break;
        }
#endif
        for (; end < piece.size() && kAsciiWordByte[p[end]]; ++end) commas += p[end] == ',';
        if (end + 1 < piece.size() && p[end] == ' ' && kAsciiWordByte[p[end + 1]]) {
          ++end;
          continue;
        }
        break;
      }
      if (pending_space) {
        ++s.length;
        single_gaps = single_gaps && !odd_gap;
      }
      pending_space = false;
      s.blank = false;
      s.length += static_cast<uint32_t>(end - i);
      s.commas += commas;
      i = end;
      continue;
    }
    ascii = ascii && p[i] < 0x80;
    uint32_t cp = p[i] < 0x80 ? p[i++] : next_code_point(piece, i);
    if (is_space(cp)) {
      if (s.blank) s.lead_space = true;
      odd_gap = pending_space || cp != ' ';
      pending_space = !s.blank;
      continue;
    }
    if (pending_space) ++s.length;
    pending_space = false;
    s.blank = false;
    s.length += static_cast<uint32_t>(utf16_units(cp));
    if (is_comma(cp)) ++s.commas;
  }
  s.trail_space = pending_space;
  s.collapsed_ascii = ascii && single_gaps && !s.blank;
  return s;
}

TextSummary merge(const TextSummary& a, const TextSummary& b) {
  if (a.blank) {
    TextSummary c = b;
    c.lead_space = a.lead_space || b.lead_space;
    return c;
  }
  TextSummary c = a;
  if (b.blank) {
    c.trail_space = a.trail_space || b.lead_space;
    return c;
  }
  c.length = a.length + b.length + ((a.trail_space || b.lead_space) ? 1 : 0);
  c.commas = a.commas + b.commas;
  c.trail_space = b.trail_space;
  return c;
}

namespace {

// lower_utf8() of `out`, in place: every mapping below turns a two-byte
// sequence into another two-byte sequence.
void lower_in_place(std::string& out) {
  for (size_t i = 0; i < out.size();) {
    // Eight ASCII bytes at a time: a byte from 'A' to 'Z' gains 0x20 (no
    // byte is 0x80 or more, so no sum carries into the next byte).
    if (i + 8 <= out.size()) {
      uint64_t w;
      std::memcpy(&w, out.data() + i, 8);
      constexpr uint64_t kHigh = 0x8080808080808080ULL;
      if ((w & kHigh) == 0) {
        const uint64_t upper = ((w + 0x3F3F3F3F3F3F3F3FULL) ^ (w + 0x2525252525252525ULL)) & kHigh;
        w |= upper >> 2;
        std::memcpy(out.data() + i, &w, 8);
        i += 8;
        continue;
      }
    }
    const unsigned char c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
      ++i;
      continue;
    }
    const size_t start = i;
    const uint32_t cp = next_code_point(out, i);
    uint32_t l = cp;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) l = cp + 32;                  // À-Þ
    else if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x149 && (cp & 1) == 0 &&
             !(cp >= 0x138 && cp <= 0x148)) l = cp + 1;                        // Latin Extended-A pairs
    else if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) l = cp + 32;           // Greek
    else if (cp >= 0x410 && cp <= 0x42F) l = cp + 32;                          // Cyrillic А-Я
    else if (cp >= 0x400 && cp <= 0x40F) l = cp + 80;                          // Ѐ-Џ
    if (l != cp) {
      out[start] = static_cast<char>(0xC0 | (l >> 6));
      out[start + 1] = static_cast<char>(0x80 | (l & 0x3F));
    }
  }
}

}  // namespace

std::string lower_utf8(std::string_view s) {
  std::string out(s);
  lower_in_place(out);
  return out;
}

void lower_utf8_into(std::string& out, std::string_view s) {
  out.clear();
  out.append(s.data(), s.size());  // (into the room it has: no allocation once it is big enough)
  lower_in_place(out);
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && lower(a[i]) != lower(b[i])) return false;  // (equal bytes need no lowering)
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

int leading_int(std::string_view s) {
  int v = 0;
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
  bool any = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9' && v < 100000; ++i) {
    v = v * 10 + (s[i] - '0');
    any = true;
  }
  return any ? v : 0;
}

size_t ifind(std::string_view haystack, std::string_view needle, size_t from) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  if (haystack.size() < needle.size()) return std::string_view::npos;
  const char first = lower(needle[0]);
  for (size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    if (lower(haystack[i]) != first) continue;
    size_t k = 1;
    while (k < needle.size() && lower(haystack[i + k]) == lower(needle[k])) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

std::string unescape_basic_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += s[i++];
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "quot") out += '"';
    else if (name == "amp") out += '&';
    else if (name == "apos") out += '\'';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      uint32_t cp = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        int d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (hex && lower(c) >= 'a' && lower(c) <= 'f') d = lower(c) - 'a' + 10;
        else { ok = false; break; }
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10FFFF) cp = 0x110000;  // saturate; replaced below
      }
      if (!ok) {
        out += s[i++];
        continue;
      }
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
      append_utf8(out, cp);
    } else {
      out += s[i++];
      continue;
    }
    i = semi + 1;
  }
  return out;
}

}  // namespace quietpage::text
