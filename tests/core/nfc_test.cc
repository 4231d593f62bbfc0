#include <doctest/doctest.h>

#include <string>

#include "nfc.h"

using namespace quietpage;

TEST_CASE("nfc: text in Normalization Form C, as Python's unicodedata.normalize('NFC') gives it") {
  struct Case {
    const char* name;
    const char* input;
    const char* nfc;
    bool changes;
  };
  // (Expectations made with Python 3.11's unicodedata, Unicode 14.)
  const Case cases[] = {
      {"ASCII", "plain text", "plain text", false},
      {"precomposed", "Gr\xC3""\xBC""\xC3""\x9F""e aus K\xC3""\xB6""ln", "Gr\xC3""\xBC""\xC3""\x9F""e aus K\xC3""\xB6""ln", false},
      {"decomposed umlaut", "gepru\xCC""\x88""ft", "gepr\xC3""\xBC""ft", true},
      {"two marks, out of order", "a\xCC""\x81""\xCC""\xA3""", "\xE1""\xBA""\xA1""\xCC""\x81""", true},
      {"mark without precomposed form", "q\xCC""\x87""\xCC""\xA3""", "q\xCC""\xA3""\xCC""\x87""", true},
      {"Angstrom sign (a singleton)", "\xE2""\x84""\xAB""", "\xC3""\x85""", true},
      {"composition exclusion", "\xE0""\xA5""\x98""", "\xE0""\xA4""\x95""\xE0""\xA4""\xBC""", true},
      {"Hangul jamo", "\xE1""\x84""\x80""\xE1""\x85""\xA1""\xE1""\x86""\xA8""", "\xEA""\xB0""\x81""", true},
      {"Hangul syllable + trailing jamo", "\xEA""\xB0""\x80""\xE1""\x86""\xA8""", "\xEA""\xB0""\x81""", true},
      {"Bengali ya + nukta", "\xE0""\xA6""\xAF""\xE0""\xA6""\xBC""", "\xE0""\xA6""\xAF""\xE0""\xA6""\xBC""", false},
      {"Bengali precomposed yya (excluded)", "\xE0""\xA7""\x9F""", "\xE0""\xA6""\xAF""\xE0""\xA6""\xBC""", true},
      {"kana + voiced mark", "\xE3""\x81""\x8B""\xE3""\x82""\x99""", "\xE3""\x81""\x8C""", true},
      {"Devanagari with virama", "\xE0""\xA4""\x95""\xE0""\xA5""\x8D""\xE0""\xA4""\xB7""", "\xE0""\xA4""\x95""\xE0""\xA5""\x8D""\xE0""\xA4""\xB7""", false},
      {"leading mark", "\xCC""\x81""e", "\xCC""\x81""e", false},
      {"Vietnamese decomposed", "Vie\xCC""\xA3""\xCC""\x82""t Nam", "Vi\xE1""\xBB""\x87""t Nam", true},
      {"emoji and CJK", "\xE4""\xB8""\xAD""\xE6""\x96""\x87"" \xF0""\x9F""\x98""\x80""", "\xE4""\xB8""\xAD""\xE6""\x96""\x87"" \xF0""\x9F""\x98""\x80""", false},
      {"Greek with tonos decomposed", "\xCE""\xB1""\xCC""\x81""\xCE""\xB9""", "\xCE""\xAC""\xCE""\xB9""", true},
      {"Arabic harakat", "\xD8""\xA8""\xD9""\x8E""\xD9""\x91""", "\xD8""\xA8""\xD9""\x8E""\xD9""\x91""", false},
      {"blocked by a starter", "eA\xCC""\x81""", "e\xC3""\x81""", true},
      {"same class blocks", "a\xCC""\x81""\xCC""\x81""", "\xC3""\xA1""\xCC""\x81""", true},
  };
  for (const Case& c : cases) {
    CHECK_MESSAGE(nfc::to_nfc(c.input) == c.nfc, c.name);
    // may_change() may say yes where nothing changes, never no where something does.
    if (c.changes) CHECK_MESSAGE(nfc::may_change(c.input), c.name);
  }
  CHECK_FALSE(nfc::may_change("plain text"));
  CHECK_FALSE(nfc::may_change("Gr\xC3\xBC\xC3\x9F" "e"));                  // precomposed: below U+0300
  CHECK_FALSE(nfc::may_change("\xE4\xB8\xAD\xE6\x96\x87"));              // CJK: starters, quick check Yes
  CHECK_FALSE(nfc::may_change("\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7"));  // a virama in order
  // A hostile run of marks in alternating classes (230, 220, ...) is ordered in n log n: a million
  // of them take well under a second (an insertion sort would take hours).
  std::string marks = "a";
  for (int i = 0; i < 500000; ++i) marks += "\xCC\x81\xCC\xA3";  // U+0301 (230), U+0323 (220)
  const std::string ordered = nfc::to_nfc(marks);
  CHECK(ordered.size() == marks.size());
  CHECK(ordered.compare(0, 3, "\xE1\xBA\xA1") == 0);  // a + dot below composes first: U+1EA1
  // Not UTF-8: the bytes read as U+FFFD, as everywhere else.
  CHECK(nfc::to_nfc("a\xFF") == "a\xEF\xBF\xBD");
}
