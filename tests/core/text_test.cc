#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text.h"

using namespace quietpage;

TEST_CASE("text: UTF-8 decoding never loops and replaces bad bytes") {
  std::string s = "a\xC3\xA9\xFF\xE2\x82";  // a, é, invalid, truncated euro
  size_t i = 0;
  CHECK(text::next_code_point(s, i) == 'a');
  CHECK(text::next_code_point(s, i) == 0xE9);
  CHECK(text::next_code_point(s, i) == 0xFFFD);
  CHECK(text::next_code_point(s, i) == 0xFFFD);
  CHECK(text::next_code_point(s, i) == 0xFFFD);
  CHECK(i == s.size());
  // Overlong encodings and surrogates are rejected.
  std::string overlong = "\xC0\xAF";
  i = 0;
  CHECK(text::next_code_point(overlong, i) == 0xFFFD);
  std::string surrogate = "\xED\xA0\x80";
  i = 0;
  CHECK(text::next_code_point(surrogate, i) == 0xFFFD);
}

TEST_CASE("text: lengths are UTF-16 code units like String.length") {
  CHECK(text::js_length("abc") == 3);
  CHECK(text::js_length("é") == 1);
  CHECK(text::js_length("日本") == 2);
  CHECK(text::js_length("😀") == 2);  // astral: a surrogate pair
}

TEST_CASE("text: trim and collapse follow JavaScript's whitespace") {
  CHECK(text::trim("  \t\n x y \xC2\xA0") == "x y");
  CHECK(text::trim("\xE3\x80\x80ideographic\xE3\x80\x80") == "ideographic");
  CHECK(text::collapse_spaces("  a \n\n b\t c  ") == "a b c");
  CHECK(text::collapse_spaces("one two  three\xC2\xA0" "four five ") == "one two three four five");
  CHECK(text::collapse_spaces("x \xE6\x97\xA5 y\xFF" "z") == "x \xE6\x97\xA5 y\xEF\xBF\xBD" "z");
  CHECK(text::is_blank(" \n\xC2\xA0"));
  CHECK_FALSE(text::is_blank(" x "));
}

TEST_CASE("text: summaries of pieces merge into the trimmed, collapsed length and the commas") {
  text::TextSummary s = text::merge(text::merge(text::summarize("  Hello,"), text::summarize("   ")),
                                    text::summarize("world ，again  "));
  // "Hello, world ，again" = 19 units, 2 commas (ASCII and full-width)
  CHECK(s.length == 19);
  CHECK(s.commas == 2);
}

TEST_CASE("text: folding piece summaries equals measuring the joined, collapsed text") {
  // Every split of these pieces (blank, empty, leading/trailing spaces,
  // non-ASCII spaces and letters) must give js_length(collapse_spaces(all)).
  const std::vector<std::string> pieces = {"", " ", "a", " b ", "\xC2\xA0", "c\xE3\x80\x80" "d", "  ", "\xF0\x9F\x98\x80 e", "f,"};
  for (size_t mask = 0; mask < (size_t{1} << pieces.size()); ++mask) {
    text::TextSummary folded;
    std::string joined;
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (!(mask & (size_t{1} << i))) continue;
      folded = text::merge(folded, text::summarize(pieces[i]));
      joined += pieces[i];
    }
    CHECK(folded.length == text::js_length(text::collapse_spaces(joined)));
  }
}

TEST_CASE("text: merging summaries equals summarizing the joined pieces, in any grouping") {
  const std::vector<std::string> pieces = {"", " ", "a", " b ", "\xC2\xA0", "c,d", "  ", "e "};
  auto same = [](const text::TextSummary& x, const text::TextSummary& y) {
    return x.length == y.length && x.commas == y.commas && x.blank == y.blank && x.lead_space == y.lead_space &&
           x.trail_space == y.trail_space;
  };
  for (const std::string& a : pieces)
    for (const std::string& b : pieces)
      for (const std::string& c : pieces) {
        const text::TextSummary sa = text::summarize(a), sb = text::summarize(b), sc = text::summarize(c);
        CHECK(same(text::merge(sa, sb), text::summarize(a + b)));
        CHECK(same(text::merge(text::merge(sa, sb), sc), text::merge(sa, text::merge(sb, sc))));
      }
}

TEST_CASE("text: a summary says when a piece is collapsed already (ASCII words, single spaces)") {
  // collapsed_ascii: collapse_spaces() gives the piece without its ASCII whitespace around it.
  for (const std::string piece : {"a", "ab, cd.", " \n ab cd\t", "ab  cd", "ab\ncd", " ", "", "a\xC2\xA0" "b",
                                  "caf\xC3\xA9", "\xFF", "a \r\n"}) {
    const text::TextSummary s = text::summarize(piece);
    const std::string collapsed = text::collapse_spaces(piece);
    const bool single = collapsed.find_first_of(" ") == std::string::npos ||
                        piece.find(collapsed) != std::string::npos;
    CHECK(s.collapsed_ascii == (!s.blank && single && std::all_of(piece.begin(), piece.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x80;
          })));
  }
  CHECK(text::summarize(" ab cd ").collapsed_ascii);
  CHECK_FALSE(text::summarize("ab  cd").collapsed_ascii);
  CHECK_FALSE(text::summarize("ab\tcd").collapsed_ascii);
  CHECK_FALSE(text::summarize("caf\xC3\xA9").collapsed_ascii);
  CHECK_FALSE(text::summarize(" \n").collapsed_ascii);
}

TEST_CASE("text: summaries of long pieces (read eight bytes at a time) equal measuring them") {
  // Pieces of words, single and double spaces, tabs, newlines, commas, control
  // bytes and non-ASCII characters, long enough for the eight-byte steps.
  const std::vector<std::string> parts = {"a", "bc", "def,", " ", "  ", "\t", "\n", ",", "\x01", "\xC2\xA0", "\xC3\xA9",
                                          "word", "x,y", "\x7F", "\r\n"};
  uint32_t seed = 12345;
  auto next = [&]() { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  for (int round = 0; round < 3000; ++round) {
    std::string piece;
    const int count = 1 + static_cast<int>(next() % 24);
    for (int k = 0; k < count; ++k) {
      // Mostly words and single spaces, as prose is.
      const uint32_t r = next() % 10;
      piece += r < 4 ? parts[11] : r < 7 ? parts[4 - 1] : parts[next() % parts.size()];
    }
    const text::TextSummary s = text::summarize(piece);
    const std::string collapsed = text::collapse_spaces(piece);
    CHECK(s.length == text::js_length(collapsed));
    CHECK(s.commas == static_cast<uint32_t>(std::count(piece.begin(), piece.end(), ',')));
    CHECK(s.blank == collapsed.empty());
    const bool ascii =
        std::all_of(piece.begin(), piece.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    CHECK(s.collapsed_ascii == (ascii && !collapsed.empty() && piece.find(collapsed) != std::string::npos));
  }
}

TEST_CASE("text: case-insensitive search, leading numbers") {
  CHECK(text::icontains("Main-CONTENT", "content"));
  CHECK(text::ifind("abcABC", "bc", 2) == 4);
  CHECK(text::iequals("DiV", "div"));
  CHECK(text::istarts_with("Foto: dpa", "foto:"));
  CHECK(text::leading_int(" 16px") == 16);
  CHECK(text::leading_int("x1") == 0);
  CHECK(text::leading_int("") == 0);
}

TEST_CASE("text: basic entity unescaping for double-escaped meta values") {
  CHECK(text::unescape_basic_entities("Tom &amp; Jerry &quot;x&quot; &#39;y&#x27; &lt;b&gt;") ==
        "Tom & Jerry \"x\" 'y' <b>");
  CHECK(text::unescape_basic_entities("&#0; &#x110000;") == "\xEF\xBF\xBD \xEF\xBF\xBD");
  CHECK(text::unescape_basic_entities("a & b &unknown; &") == "a & b &unknown; &");
}

TEST_CASE("text: lowercase beyond ASCII for keyword lists") {
  CHECK(text::lower_utf8("À LIRE Aussi") == "à lire aussi");
  CHECK(text::lower_utf8("РЕКЛАМА Ω Ā") == "реклама ω ā");
  CHECK(text::lower_utf8("日本 ß") == "日本 ß");
  CHECK(text::lower_utf8("A\xFF\xC3\x89" "B\xC3") == "a\xFF\xC3\xA9" "b\xC3");  // invalid bytes stay
  // Runs of eight ASCII bytes are lowered at once: every byte around 'A'-'Z' kept, the letters lowered.
  CHECK(text::lower_utf8("@AZ[`az{ HELLO WORLD \x7F\x01 0123456789 \xC3\x80" "B ~Q") ==
        "@az[`az{ hello world \x7F\x01 0123456789 \xC3\xA0" "b ~q");
}
