#include "rules/language.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>

#include "text.h"

namespace quietpage::rules::language {
namespace {

// Common silent-reading rates, for reading_minutes().
constexpr double kWordsPerMinute = 230;
constexpr double kCjkCharsPerMinute = 500;
// A script or word-list verdict needs this fraction of the evidence...
constexpr double kClearMajority = 0.6;
// ...and at least this much of it.
constexpr size_t kMinLetters = 40;
constexpr size_t kMinStopwords = 8;
// Text beyond this many bytes adds nothing to the verdict.
constexpr size_t kSampleBytes = 20000;

struct StopwordList {
  const char* lang;
  std::initializer_list<std::string_view> words;
};

// The most frequent function words, chosen to overlap little across languages.
const StopwordList kStopwords[] = {
    {"en", {"the", "and", "of", "to", "is", "that", "with", "for", "was", "this", "are", "have", "it", "from"}},
    {"de", {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "ein", "eine", "auch", "dem", "wird"}},
    {"fr", {"le", "les", "des", "et", "est", "une", "dans", "pour", "qui", "que", "pas", "sur", "au", "du"}},
    {"es", {"el", "los", "las", "y", "es", "una", "por", "con", "para", "que", "del", "se", "como", "pero"}},
    {"it", {"il", "di", "che", "è", "della", "per", "una", "sono", "non", "gli", "anche", "nel", "degli", "alla"}},
    {"pt", {"o", "os", "e", "do", "da", "não", "uma", "em", "para", "com", "que", "dos", "ao", "mais"}},
    {"nl", {"de", "het", "een", "en", "van", "niet", "op", "met", "zijn", "ook", "voor", "dat", "wordt", "bij"}},
};

}  // namespace

std::string detect(std::string_view full) {
  std::string_view sample = full.substr(0, kSampleBytes);
  // Scripts that point at one language.
  size_t letters = 0, kana = 0, hangul = 0, han = 0, greek = 0, hebrew = 0, thai = 0, latin = 0;
  for (size_t i = 0; i < sample.size();) {
    uint32_t cp = text::next_code_point(sample, i);
    if (cp < 0x80) {
      if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ++latin, ++letters;
      continue;
    }
    if (cp >= 0x3040 && cp <= 0x30FF) ++kana, ++letters;
    else if (cp >= 0xAC00 && cp <= 0xD7AF) ++hangul, ++letters;
    else if (cp >= 0x4E00 && cp <= 0x9FFF) ++han, ++letters;
    else if (cp >= 0x0370 && cp <= 0x03FF) ++greek, ++letters;
    else if (cp >= 0x0590 && cp <= 0x05FF) ++hebrew, ++letters;
    else if (cp >= 0x0E00 && cp <= 0x0E7F) ++thai, ++letters;
    else if (cp >= 0x00C0 && cp <= 0x024F) ++latin, ++letters;
    else if (text::is_space(cp)) continue;
    else ++letters;
  }
  if (letters < kMinLetters) return {};
  auto fraction = [&](size_t n) { return static_cast<double>(n) / static_cast<double>(letters); };
  // Japanese mixes kana with kanji; kana alone decides it.
  if (kana && fraction(kana + han) > kClearMajority && kana * 10 >= han) return "ja";
  if (fraction(hangul) > kClearMajority) return "ko";
  if (fraction(han) > kClearMajority) return "zh";
  if (fraction(greek) > kClearMajority) return "el";
  if (fraction(hebrew) > kClearMajority) return "he";
  if (fraction(thai) > kClearMajority) return "th";
  if (fraction(latin) <= kClearMajority) return {};

  size_t hits[std::size(kStopwords)] = {};
  size_t total = 0;
  text::for_each_token(sample, [&](std::string_view token) {
    std::string word = text::to_lower(token);
    while (!word.empty() && std::string_view(",.;:!?\"'()").find(word.back()) != std::string_view::npos)
      word.pop_back();
    for (size_t k = 0; k < std::size(kStopwords); ++k) {
      for (std::string_view w : kStopwords[k].words) {
        if (word == w) {
          ++hits[k];
          ++total;
          break;
        }
      }
    }
  });
  if (total < kMinStopwords) return {};
  size_t best = static_cast<size_t>(std::max_element(std::begin(hits), std::end(hits)) - std::begin(hits));
  return static_cast<double>(hits[best]) / static_cast<double>(total) > kClearMajority ? kStopwords[best].lang : "";
}

WordCount count_words(std::string_view s) {
  WordCount c;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // Eight ASCII bytes at a time (as loaded, little-endian): a word opens at
    // each byte that is no space after one that is (or after the start,
    // outside a word). (Below 0x80, adding up to 0x7F carries into no other byte.)
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    for (uint64_t w; i + 8 <= s.size(); i += 8) {
      std::memcpy(&w, s.data() + i, 8);
      if (w & kHigh) break;
      const uint64_t spaces = (~((w ^ (kOnes * ' ')) + kOnes * 0x7F) |                           // ' '
                               ((w + kOnes * (0x80 - '\t')) & ~(w + kOnes * (0x80 - '\r' - 1)))) &  // \t to \r
                              kHigh;
      const uint64_t opens = ~spaces & kHigh & ((spaces << 8) | (in_word ? 0 : 0x80));
      c.words += static_cast<size_t>((((opens >> 7) * kOnes) >> 56) & 0xFF);
      in_word = !(spaces >> 63);
    }
    if (i >= s.size()) break;
#endif
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {  // ASCII: no CJK, and only the C0 spaces
      ++i;
      if (byte == ' ' || (byte >= '\t' && byte <= '\r')) {
        in_word = false;
      } else {
        if (!in_word) ++c.words;
        in_word = true;
        while (i < s.size() && text::kAsciiWordByte[static_cast<unsigned char>(s[i])]) ++i;  // the word's rest
      }
      continue;
    }
    uint32_t cp = text::next_code_point(s, i);
    if (text::is_cjk(cp)) {
      ++c.cjk_chars;
      in_word = false;
    } else if (text::is_space(cp)) {
      in_word = false;
    } else if (!in_word) {
      ++c.words;
      in_word = true;
    }
  }
  return c;
}

unsigned reading_minutes(const WordCount& c) {
  if (c.words == 0 && c.cjk_chars == 0) return 0;
  double minutes = static_cast<double>(c.words) / kWordsPerMinute +
                   static_cast<double>(c.cjk_chars) / kCjkCharsPerMinute;
  return std::max(1u, static_cast<unsigned>(std::ceil(minutes)));
}

}  // namespace quietpage::rules::language
