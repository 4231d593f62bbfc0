#include "charset.h"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <memory>
#include <mutex>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "text.h"

namespace quietpage::batch {

using text::append_utf8;

namespace {

// The Encoding standard's labels, by encoding (its "replacement" encoding's
// labels are left out: a page in it can't be read, so they count as unknown,
// as TextDecoder refuses them too). tests/batch/charset.test.js checks
// labels against TextDecoder's.
struct Labels {
  const char* name;
  const char* labels;  // space-separated
};
constexpr Labels kLabels[] = {
    {"utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
    {"ibm866", "866 cp866 csibm866 ibm866"},
    {"iso-8859-2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"},
    {"iso-8859-3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"},
    {"iso-8859-4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"},
    {"iso-8859-5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988"},
    {"iso-8859-6",
     "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e iso-8859-6-i "
     "iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"},
    {"iso-8859-7",
     "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 iso_8859-7 "
     "iso_8859-7:1987 sun_eu_greek"},
    {"iso-8859-8",
     "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 iso_8859-8 "
     "iso_8859-8:1988 visual"},
    {"iso-8859-8-i", "csiso88598i iso-8859-8-i logical"},
    {"iso-8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
    {"iso-8859-13", "iso-8859-13 iso8859-13 iso885913"},
    {"iso-8859-14", "iso-8859-14 iso8859-14 iso885914"},
    {"iso-8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
    {"iso-8859-16", "iso-8859-16"},
    {"koi8-r", "cskoi8r koi koi8 koi8-r koi8_r"},
    {"koi8-u", "koi8-ru koi8-u"},
    {"macintosh", "csmacintosh mac macintosh x-mac-roman"},
    {"windows-874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
    {"windows-1250", "cp1250 windows-1250 x-cp1250"},
    {"windows-1251", "cp1251 windows-1251 x-cp1251"},
    {"windows-1252",
     "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 "
     "iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"},
    {"windows-1253", "cp1253 windows-1253 x-cp1253"},
    {"windows-1254",
     "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 "
     "windows-1254 x-cp1254"},
    {"windows-1255", "cp1255 windows-1255 x-cp1255"},
    {"windows-1256", "cp1256 windows-1256 x-cp1256"},
    {"windows-1257", "cp1257 windows-1257 x-cp1257"},
    {"windows-1258", "cp1258 windows-1258 x-cp1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"},
    {"gbk", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"},
    {"gb18030", "gb18030"},
    {"big5", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {"euc-jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"},
    {"iso-2022-jp", "csiso2022jp iso-2022-jp"},
    {"shift_jis", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
    {"euc-kr",
     "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949"},
    {"utf-16be", "unicodefffe utf-16be"},
    {"utf-16le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
    {"x-user-defined", "x-user-defined"},
};

const std::unordered_map<std::string_view, std::string_view>& label_table() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string_view, std::string_view>();
    for (const Labels& entry : kLabels) {
      std::string_view rest = entry.labels;
      while (!rest.empty()) {
        const size_t space = rest.find(' ');
        t->emplace(rest.substr(0, space), entry.name);
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
    }
    return t;
  }();
  return *table;
}

// glibc's names for the WHATWG encodings decoded through iconv. Single-byte
// ones become a 256-entry table (built once); the standard's GBK decoder is
// its gb18030 decoder, its Big5 is Big5-HKSCS, its Shift_JIS and EUC-KR are
// Microsoft's code pages 932 and 949.
struct IconvEncoding {
  const char* name;
  const char* iconv;
  bool single_byte;
};
constexpr IconvEncoding kIconv[] = {
    {"ibm866", "IBM866", true},           {"iso-8859-2", "ISO-8859-2", true},
    {"iso-8859-3", "ISO-8859-3", true},   {"iso-8859-4", "ISO-8859-4", true},
    {"iso-8859-5", "ISO-8859-5", true},   {"iso-8859-6", "ISO-8859-6", true},
    {"iso-8859-7", "ISO-8859-7", true},   {"iso-8859-8", "ISO-8859-8", true},
    {"iso-8859-8-i", "ISO-8859-8", true}, {"iso-8859-10", "ISO-8859-10", true},
    {"iso-8859-13", "ISO-8859-13", true}, {"iso-8859-14", "ISO-8859-14", true},
    {"iso-8859-15", "ISO-8859-15", true}, {"iso-8859-16", "ISO-8859-16", true},
    {"koi8-r", "KOI8-R", true},           {"koi8-u", "KOI8-U", true},
    {"macintosh", "MACINTOSH", true},     {"windows-874", "WINDOWS-874", true},
    {"windows-1250", "WINDOWS-1250", true}, {"windows-1251", "WINDOWS-1251", true},
    {"windows-1253", "WINDOWS-1253", true}, {"windows-1254", "WINDOWS-1254", true},
    {"windows-1255", "WINDOWS-1255", true}, {"windows-1256", "WINDOWS-1256", true},
    {"windows-1257", "WINDOWS-1257", true}, {"windows-1258", "WINDOWS-1258", true},
    {"x-mac-cyrillic", "MAC-CYRILLIC", true}, {"gbk", "GB18030", false},
    {"gb18030", "GB18030", false},        {"big5", "BIG5-HKSCS", false},
    {"euc-jp", "EUC-JP", false},          {"iso-2022-jp", "ISO-2022-JP", false},
    {"shift_jis", "CP932", false},        {"euc-kr", "CP949", false},
};

const IconvEncoding* iconv_encoding(std::string_view name) {
  for (const IconvEncoding& e : kIconv)
    if (name == e.name) return &e;
  return nullptr;
}

bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// JavaScript's \s over text decoded as windows-1252 byte for byte (NBSP too).
bool is_js_space(unsigned char c) { return is_space(c) || c == 0xa0; }
// JavaScript's \w (no u flag).
bool is_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool starts_with_nocase(std::string_view text, size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (lower(text[at + i]) != word[i]) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

constexpr uint32_t kReplacement = 0xfffd;

// The WHATWG windows-1252 index for bytes 0x80-0x9F (the rest is Latin-1).
constexpr uint16_t kWindows1252[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

void decode_windows_1252(std::string_view bytes, std::string& out) {
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    if (c < 0x80) out += static_cast<char>(c);
    else append_utf8(out, c < 0xa0 ? kWindows1252[c - 0x80] : c);
  }
}

void decode_utf16(std::string_view bytes, bool big_endian, std::string& out) {
  auto unit = [&](size_t i) -> uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  size_t i = 0;
  if (bytes.size() >= 2 && unit(0) == 0xfeff) i = 2;
  out.reserve(bytes.size());
  for (; i + 1 < bytes.size(); i += 2) {
    const uint32_t u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff && i + 3 < bytes.size()) {
      const uint32_t next = unit(i + 2);
      if (next >= 0xdc00 && next <= 0xdfff) {
        append_utf8(out, 0x10000 + ((u - 0xd800) << 10) + (next - 0xdc00));
        i += 2;
        continue;
      }
    }
    append_utf8(out, u >= 0xd800 && u <= 0xdfff ? kReplacement : u);
  }
  if (i < bytes.size()) append_utf8(out, kReplacement);
}

void decode_user_defined(std::string_view bytes, std::string& out) {
  for (unsigned char c : bytes) append_utf8(out, c < 0x80 ? c : 0xf780 + c - 0x80);
}

// Everything else: glibc's iconv. A byte it can't decode becomes U+FFFD and
// decoding goes on after it; an incomplete sequence at the end, one U+FFFD.
void decode_iconv(std::string_view bytes, const char* name, std::string& out) {
  const bool gb = std::string_view(name) == "GB18030";
  iconv_t cd = iconv_open("UTF-8", name);
  if (cd == reinterpret_cast<iconv_t>(-1)) {  // glibc without that converter
    decode_windows_1252(bytes, out);
    return;
  }
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t used = 0;
  auto convert = [&](char** from, size_t* from_left) {
    for (;;) {
      char* to = out.data() + used;
      size_t to_left = out.size() - used;
      const size_t r = iconv(cd, from, from_left, &to, &to_left);
      used = out.size() - to_left;
      if (r != static_cast<size_t>(-1)) return 0;
      if (errno != E2BIG) return errno;
      out.resize(out.size() * 2);
    }
  };
  while (in_left) {
    const int error = convert(&in, &in_left);
    if (!error) break;
    out.resize(used);
    // The standard's GBK and gb18030 decoders read a lone 0x80 as the euro sign.
    const bool euro = error == EILSEQ && gb && static_cast<unsigned char>(*in) == 0x80;
    append_utf8(out, euro ? 0x20ac : kReplacement);
    used = out.size();
    out.resize(used + in_left * 2 + 16);
    if (error != EILSEQ) break;  // EINVAL: truncated at the end
    ++in;
    --in_left;
  }
  convert(nullptr, nullptr);  // a stateful encoding's closing sequence
  out.resize(used);
  iconv_close(cd);
}

using ByteTable = std::array<uint32_t, 256>;

// The code point of every byte of a single-byte encoding, read from glibc's
// converter, patched where it differs from TextDecoder's (what js/decode.js
// uses; tests/batch/charset.test.js compares every byte): a windows-* byte
// 0x80-0x9F without a character is the C1 control of its value (windows-874
// has private-use characters above 0xDA, windows-1253 U+00AA at 0xAA);
// Apple's macintosh 0xC6 and 0xF0 and x-mac-cyrillic's 0xFF (the euro sign).
ByteTable make_byte_table(const IconvEncoding& encoding) {
  ByteTable table;
  iconv_t cd = iconv_open("UTF-32LE", encoding.iconv);
  for (unsigned b = 0; b < 256; ++b) {
    table[b] = b < 0x80 ? b : kReplacement;
    if (cd == reinterpret_cast<iconv_t>(-1)) continue;
    char in_byte = static_cast<char>(b);
    unsigned char out_bytes[8];
    char* in = &in_byte;
    char* to = reinterpret_cast<char*>(out_bytes);
    size_t in_left = 1, out_left = sizeof out_bytes;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    // windows-1255 and -1258 hold a letter back for combining marks: flush.
    if (iconv(cd, &in, &in_left, &to, &out_left) != static_cast<size_t>(-1) &&
        iconv(cd, nullptr, nullptr, &to, &out_left) != static_cast<size_t>(-1) && out_left == 4)
      table[b] = out_bytes[0] | out_bytes[1] << 8 | out_bytes[2] << 16 | static_cast<uint32_t>(out_bytes[3]) << 24;
    else if (std::string_view(encoding.name).substr(0, 8) == "windows-" && b >= 0x80 && b < 0xa0)
      table[b] = b;
  }
  if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  const std::string_view name = encoding.name;
  if (name == "macintosh") table[0xc6] = 0x2206, table[0xf0] = 0xf8ff;
  if (name == "x-mac-cyrillic") table[0xff] = 0x20ac;
  if (name == "windows-1253") table[0xaa] = 0xaa;
  if (name == "windows-874")
    for (unsigned b : {0xdb, 0xdc, 0xdd, 0xde, 0xfc, 0xfd, 0xfe, 0xff}) table[b] = 0xf8c1 + (b < 0xfc ? b - 0xdb : b - 0xfc + 4);
  return table;
}

const ByteTable& single_byte_table(const IconvEncoding& encoding) {
  static std::mutex mutex;
  static std::unordered_map<const IconvEncoding*, std::unique_ptr<ByteTable>> tables;
  std::lock_guard<std::mutex> lock(mutex);
  auto& table = tables[&encoding];
  if (!table) table = std::make_unique<ByteTable>(make_byte_table(encoding));
  return *table;
}

void decode_single_byte(std::string_view bytes, const ByteTable& table, std::string& out) {
  out.reserve(bytes.size() + bytes.size() / 2);
  for (unsigned char c : bytes) {
    if (c < 0x80) out += static_cast<char>(c);
    else append_utf8(out, table[c]);
  }
}

// The "<!--...-->" comments of `head` left out (an unclosed one stays), as
// js/decode.js's /<!--[\s\S]*?-->/g does.
std::string without_comments(std::string_view head) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t open = head.find("<!--", pos);
    const size_t close = open == std::string_view::npos ? open : head.find("-->", open + 4);
    if (close == std::string_view::npos) break;
    out.append(head, pos, open - pos);
    pos = close + 3;
  }
  out.append(head, pos, std::string_view::npos);
  return out;
}

// The label of the first /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i in `tag`.
std::string_view meta_charset_label(std::string_view tag) {
  for (size_t at = 0; at + 7 <= tag.size(); ++at) {
    if (!starts_with_nocase(tag, at, "charset") || (at && is_word(tag[at - 1]))) continue;
    size_t i = at + 7;
    while (i < tag.size() && is_js_space(tag[i])) ++i;
    if (i == tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && is_js_space(tag[i])) ++i;
    if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) ++i;
    while (i < tag.size() && is_js_space(tag[i])) ++i;
    const size_t start = i;
    while (i < tag.size() && (is_word(tag[i]) || tag[i] == '.' || tag[i] == ':' || tag[i] == '-')) ++i;
    if (i > start) return tag.substr(start, i - start);
  }
  return {};
}

// How far the <meta> prescan looks (js/decode.js's PRESCAN_BYTES).
constexpr size_t kPrescanBytes = 8192;

std::string meta_encoding(std::string_view bytes) {
  const std::string head = without_comments(bytes.substr(0, kPrescanBytes));
  size_t pos = 0;
  // Every /<meta\b[^>]*>/gi, in order; the first with a known charset wins.
  while ((pos = head.find('<', pos)) != std::string::npos) {
    const size_t start = pos++;
    if (!starts_with_nocase(head, start + 1, "meta") ||
        (start + 5 < head.size() && is_word(head[start + 5])))
      continue;
    const size_t end = head.find('>', start + 5);
    if (end == std::string::npos) break;
    pos = end + 1;
    const std::string_view label = meta_charset_label(std::string_view(head).substr(start, end + 1 - start));
    if (label.empty()) continue;
    std::string name = encoding_name(label);
    if (name.empty()) continue;
    // A page that says it is UTF-16 was read as ASCII to find this: the
    // standard says it means UTF-8.
    return name.compare(0, 6, "utf-16") == 0 ? "utf-8" : name;
  }
  return {};
}

}  // namespace

std::string encoding_name(std::string_view label) {
  label = trim(label);
  if (!label.empty() && (label.front() == '"' || label.front() == '\'')) label.remove_prefix(1);
  if (!label.empty() && (label.back() == '"' || label.back() == '\'')) label.remove_suffix(1);
  label = trim(label);
  if (label.empty() || label.size() > 64) return {};
  std::string key(label);
  for (char& c : key) c = static_cast<char>(lower(c));
  const auto& table = label_table();
  const auto it = table.find(key);
  return it == table.end() ? std::string() : std::string(it->second);
}

std::string_view charset_from_content_type(std::string_view value) {
  // /;\s*charset\s*=\s*("?)([^";\s]+)\1/i
  for (size_t semi = value.find(';'); semi != std::string_view::npos; semi = value.find(';', semi + 1)) {
    size_t i = semi + 1;
    while (i < value.size() && is_space(value[i])) ++i;
    if (!starts_with_nocase(value, i, "charset")) continue;
    i += 7;
    while (i < value.size() && is_space(value[i])) ++i;
    if (i == value.size() || value[i] != '=') continue;
    ++i;
    while (i < value.size() && is_space(value[i])) ++i;
    const bool quoted = i < value.size() && value[i] == '"';
    if (quoted) ++i;
    const size_t start = i;
    while (i < value.size() && value[i] != '"' && value[i] != ';' && !is_space(value[i])) ++i;
    if (i == start || (quoted && (i == value.size() || value[i] != '"'))) continue;
    return value.substr(start, i - start);
  }
  return {};
}

bool is_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (!(word & 0x8080808080808080ull)) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t need;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c == 0xe0) lo = 0xa0;
      if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c == 0xf0) lo = 0x90;
      if (c == 0xf4) hi = 0x8f;
    } else {
      return false;
    }
    if (n - i <= need) return false;
    if (s[i + 1] < lo || s[i + 1] > hi) return false;
    for (size_t k = 2; k <= need; ++k)
      if ((s[i + k] & 0xc0) != 0x80) return false;
    i += need + 1;
  }
  return true;
}

Encoding detect_encoding(std::string_view bytes, std::string_view hint) {
  auto at = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() >= 3 && at(0) == 0xef && at(1) == 0xbb && at(2) == 0xbf) return {"utf-8", "bom"};
  if (bytes.size() >= 2 && at(0) == 0xfe && at(1) == 0xff) return {"utf-16be", "bom"};
  if (bytes.size() >= 2 && at(0) == 0xff && at(1) == 0xfe) return {"utf-16le", "bom"};
  const std::string_view charset = charset_from_content_type(hint);
  std::string hinted = encoding_name(charset.empty() ? hint : charset);
  if (!hinted.empty()) return {std::move(hinted), "hint"};
  std::string meta = meta_encoding(bytes);
  if (!meta.empty()) return {std::move(meta), "meta"};
  if (is_valid_utf8(bytes)) return {"utf-8", "utf-8"};
  return {"windows-1252", "default"};
}

std::string_view to_utf8(std::string_view bytes, const Encoding& encoding, std::string& out) {
  out.clear();
  const std::string& name = encoding.name;
  if (name == "utf-8") {
    // As js/marshal.js hands the core UTF-8 bytes: as they are (the parser
    // reads invalid sequences as U+FFFD), a byte-order mark dropped.
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xef\xbb\xbf") bytes.remove_prefix(3);
    return bytes;
  }
  if (name == "windows-1252") decode_windows_1252(bytes, out);
  else if (name == "utf-16le" || name == "utf-16be") decode_utf16(bytes, name == "utf-16be", out);
  else if (name == "x-user-defined") decode_user_defined(bytes, out);
  else if (const IconvEncoding* e = iconv_encoding(name)) {
    if (e->single_byte) decode_single_byte(bytes, single_byte_table(*e), out);
    else decode_iconv(bytes, e->iconv, out);
  } else {
    decode_windows_1252(bytes, out);
  }
  return out;
}

std::string_view decode_html(std::string_view bytes, std::string_view hint, std::string& out) {
  return to_utf8(bytes, detect_encoding(bytes, hint), out);
}

}  // namespace quietpage::batch
