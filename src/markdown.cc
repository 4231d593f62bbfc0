// Stage 6b — markdown: the cleaned article DOM as CommonMark, with two GFM
// extensions (pipe tables, strikethrough).
//
// One iterative pass (an explicit stack of frames, never recursion: articles
// can be nested 100,000 levels deep) feeds a Writer that knows Markdown's
// line structure:
//  - containers (list items, block quotes) put a prefix on every line they
//    hold: "> " for quotes, the list marker on an item's first line and as
//    many spaces as the marker is wide on the next ones;
//  - blocks ask for a break (a newline, or a blank line) that is written only
//    when the next content arrives, so empty elements leave no trace and
//    breaks never pile up;
//  - where Markdown has room for one line only (headings, table cells) the
//    content is flattened: block breaks become spaces.
// Inline content is written by construction, one run at a time (the inline
// content of a paragraph, a heading or a table cell): the run is collected as
// items — text, spaces, code spans, images, hard breaks, and the openers and
// closers of emphasis, strong, strikethrough and links — and written when it
// ends, when everything around each item is known:
//  - markup never merges with its neighbours: a closer followed by an opener
//    of the same markup cancels out (<b>a</b><b>b</b> is **ab**), empty markup
//    vanishes, adjacent code spans become one (two spans side by side would
//    read as one backtick run and end neither);
//  - every delimiter run must be left-flanking where it opens and
//    right-flanking where it closes (CommonMark's rules, Unicode punctuation
//    included); markup whose delimiters would not be is left out, its text
//    kept, and the check repeats (its neighbours are now adjacent);
//  - a code span's fence is longer than any backtick run inside it, with a
//    space of padding when the content starts or ends with a backtick or a
//    space;
//  - text is escaped so that it never turns into markup: punctuation with a
//    meaning, block starts at the beginning of a line, '&' that could start
//    an entity, a '!' right before a link; in table cells every '|' is
//    escaped (code spans included: GFM splits the row first) and the
//    backslashes right before it are doubled. Raw HTML never appears: '<'
//    is an entity in text and percent-encoded in URLs, and a code span never
//    directly follows what marked could take for a bare URL.
// Footnotes (Notes) and formulas (append_math) are written so that renderers
// without those extensions read them as inert text too.
// What may appear is decided by serialize.cc's allowlist (policy_for,
// safe_url, safe_video_url), so the Markdown never carries more than the HTML.
#include "markdown.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "rules/formulas.h"
#include "serialize.h"
#include "text.h"

namespace quietpage {
namespace {

// Lists and block quotes nested deeper than this are written as plain blocks
// inside the deepest one: every container repeats its prefix on each line,
// so unbounded nesting would make the output quadratic (and renderers cap
// nesting anyway).
constexpr size_t kMaxContainerDepth = 16;
// Breaks a block can ask for: none, a newline, a blank line.
constexpr int kNoBreak = 0;
constexpr int kNewline = 1;
constexpr int kBlankLine = 2;
// Consecutive <br>s from this many on end the paragraph instead.
constexpr int kBreaksForParagraph = 2;
// Markers of unordered list items and of block quote lines.
constexpr std::string_view kBullet = "- ";
constexpr std::string_view kQuoteMarker = "> ";
// The lines of a footnote definition after its first (what renderers with
// footnotes take for the note's continuation).
constexpr std::string_view kNoteIndent = "    ";
// A link taken for a footnote reference has a short text ("[12]", "note 3",
// "*"), with few letters (not a table of contents' "Methods").
constexpr size_t kMaxReferenceText = 12;
constexpr size_t kMaxReferenceLetters = 4;
// Inline and display formulas (TeX between dollars, as Markdown renderers
// with math read it).
constexpr std::string_view kInlineMath = "$";
constexpr std::string_view kDisplayMath = "$$";
// TeX commands a formula is not written with (links, raw HTML, images in
// KaTeX/MathJax); such a formula is written as code.
constexpr std::string_view kRefusedTexCommands[] = {"\\href", "\\url", "\\html", "\\includegraphics"};
// After an ordered item's number.
constexpr std::string_view kOrderedSuffix = ". ";
// A hard line break (backslash form: trailing spaces are invisible and fragile).
constexpr std::string_view kHardBreak = "\\\n";
// Inline delimiters: emphasis and strong share '*' (which, unlike '_', works
// inside words), strikethrough is GFM's.
constexpr std::string_view kEmphasis = "*";
constexpr std::string_view kStrong = "**";
constexpr std::string_view kStrikethrough = "~~";
// Thematic break; right after a "- " marker "---" would read as a rule of
// its own instead of an item holding one, so a different character is used.
constexpr std::string_view kRule = "---";
constexpr std::string_view kRuleAfterBullet = "***";
// Shortest code fence (CommonMark needs at least three backticks).
constexpr size_t kMinFenceLength = 3;
// Longest code language name taken from class="language-x"/"lang-x".
constexpr size_t kMaxLanguageLength = 32;
// Class prefixes that name a code block's language.
constexpr std::string_view kLanguagePrefixes[] = {"language-", "lang-"};
// GFM table delimiter cell.
constexpr std::string_view kTableDelimiter = " --- |";
// Columns of a GFM table: colspan pads a row with empty cells up to this
// width, and the cells of a wider row go into its last column. Body rows are
// not padded at their end (renderers fill short rows), so a table's Markdown
// grows with its cells, not with rows times columns.
constexpr size_t kMaxTableColumns = 64;
// Longest entity name ("&CounterClockwiseContourIntegral;" is 31 letters):
// '&' is escaped only when it could start an entity reference.
constexpr size_t kMaxEntityLength = 32;
// Link text of embedded players without a title.
constexpr std::string_view kVideoLabel = "Video";
constexpr std::string_view kAudioLabel = "Audio";
// Longest stretch without whitespace looked through for the start of an
// autolink before a code span (see separate_code_from_autolinks).
constexpr size_t kAutolinkLookBehind = 2048;
// Passes of the delimiter check over a run before all its emphasis is
// left out (each pass leaves out at least one pair; real text needs one).
constexpr int kMaxDelimiterPasses = 4;

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// What CommonMark's flanking rules see in a character. Punctuation and
// symbols outside the Basic Multilingual Plane (emoji...) are ambiguous:
// commonmark.js looks at one UTF-16 unit, half of a surrogate pair, and
// takes them for letters; renderers that decode code points do not.
enum class CharClass : uint8_t { kSpace, kPunctuation, kOther, kAmbiguous };

// Non-ASCII Unicode punctuation and symbols (general categories P and S, as
// \p{P}\p{S} in commonmark.js, marked and markdown-it), Unicode 17, from
//   node -e 're=/[\p{P}\p{S}]/u; ...'  (every code point above U+007F, as ranges)
constexpr std::pair<uint32_t, uint32_t> kUnicodePunctuation[] = {
    {0xa1, 0xa9}, {0xab, 0xac}, {0xae, 0xb1}, {0xb4, 0xb4}, {0xb6, 0xb8}, {0xbb, 0xbb}, {0xbf, 0xbf},
    {0xd7, 0xd7}, {0xf7, 0xf7}, {0x2c2, 0x2c5}, {0x2d2, 0x2df}, {0x2e5, 0x2eb}, {0x2ed, 0x2ed},
    {0x2ef, 0x2ff}, {0x375, 0x375}, {0x37e, 0x37e}, {0x384, 0x385}, {0x387, 0x387}, {0x3f6, 0x3f6},
    {0x482, 0x482}, {0x55a, 0x55f}, {0x589, 0x58a}, {0x58d, 0x58f}, {0x5be, 0x5be}, {0x5c0, 0x5c0},
    {0x5c3, 0x5c3}, {0x5c6, 0x5c6}, {0x5f3, 0x5f4}, {0x606, 0x60f}, {0x61b, 0x61b}, {0x61d, 0x61f},
    {0x66a, 0x66d}, {0x6d4, 0x6d4}, {0x6de, 0x6de}, {0x6e9, 0x6e9}, {0x6fd, 0x6fe}, {0x700, 0x70d},
    {0x7f6, 0x7f9}, {0x7fe, 0x7ff}, {0x830, 0x83e}, {0x85e, 0x85e}, {0x888, 0x888}, {0x964, 0x965},
    {0x970, 0x970}, {0x9f2, 0x9f3}, {0x9fa, 0x9fb}, {0x9fd, 0x9fd}, {0xa76, 0xa76}, {0xaf0, 0xaf1},
    {0xb70, 0xb70}, {0xbf3, 0xbfa}, {0xc77, 0xc77}, {0xc7f, 0xc7f}, {0xc84, 0xc84}, {0xd4f, 0xd4f},
    {0xd79, 0xd79}, {0xdf4, 0xdf4}, {0xe3f, 0xe3f}, {0xe4f, 0xe4f}, {0xe5a, 0xe5b}, {0xf01, 0xf17},
    {0xf1a, 0xf1f}, {0xf34, 0xf34}, {0xf36, 0xf36}, {0xf38, 0xf38}, {0xf3a, 0xf3d}, {0xf85, 0xf85},
    {0xfbe, 0xfc5}, {0xfc7, 0xfcc}, {0xfce, 0xfda}, {0x104a, 0x104f}, {0x109e, 0x109f}, {0x10fb, 0x10fb},
    {0x1360, 0x1368}, {0x1390, 0x1399}, {0x1400, 0x1400}, {0x166d, 0x166e}, {0x169b, 0x169c},
    {0x16eb, 0x16ed}, {0x1735, 0x1736}, {0x17d4, 0x17d6}, {0x17d8, 0x17db}, {0x1800, 0x180a},
    {0x1940, 0x1940}, {0x1944, 0x1945}, {0x19de, 0x19ff}, {0x1a1e, 0x1a1f}, {0x1aa0, 0x1aa6},
    {0x1aa8, 0x1aad}, {0x1b4e, 0x1b4f}, {0x1b5a, 0x1b6a}, {0x1b74, 0x1b7f}, {0x1bfc, 0x1bff},
    {0x1c3b, 0x1c3f}, {0x1c7e, 0x1c7f}, {0x1cc0, 0x1cc7}, {0x1cd3, 0x1cd3}, {0x1fbd, 0x1fbd},
    {0x1fbf, 0x1fc1}, {0x1fcd, 0x1fcf}, {0x1fdd, 0x1fdf}, {0x1fed, 0x1fef}, {0x1ffd, 0x1ffe},
    {0x2010, 0x2027}, {0x2030, 0x205e}, {0x207a, 0x207e}, {0x208a, 0x208e}, {0x20a0, 0x20c1},
    {0x2100, 0x2101}, {0x2103, 0x2106}, {0x2108, 0x2109}, {0x2114, 0x2114}, {0x2116, 0x2118},
    {0x211e, 0x2123}, {0x2125, 0x2125}, {0x2127, 0x2127}, {0x2129, 0x2129}, {0x212e, 0x212e},
    {0x213a, 0x213b}, {0x2140, 0x2144}, {0x214a, 0x214d}, {0x214f, 0x214f}, {0x218a, 0x218b},
    {0x2190, 0x2429}, {0x2440, 0x244a}, {0x249c, 0x24e9}, {0x2500, 0x2775}, {0x2794, 0x2b73},
    {0x2b76, 0x2bff}, {0x2ce5, 0x2cea}, {0x2cf9, 0x2cfc}, {0x2cfe, 0x2cff}, {0x2d70, 0x2d70},
    {0x2e00, 0x2e2e}, {0x2e30, 0x2e5d}, {0x2e80, 0x2e99}, {0x2e9b, 0x2ef3}, {0x2f00, 0x2fd5},
    {0x2ff0, 0x2fff}, {0x3001, 0x3004}, {0x3008, 0x3020}, {0x3030, 0x3030}, {0x3036, 0x3037},
    {0x303d, 0x303f}, {0x309b, 0x309c}, {0x30a0, 0x30a0}, {0x30fb, 0x30fb}, {0x3190, 0x3191},
    {0x3196, 0x319f}, {0x31c0, 0x31e5}, {0x31ef, 0x31ef}, {0x3200, 0x321e}, {0x322a, 0x3247},
    {0x3250, 0x3250}, {0x3260, 0x327f}, {0x328a, 0x32b0}, {0x32c0, 0x33ff}, {0x4dc0, 0x4dff},
    {0xa490, 0xa4c6}, {0xa4fe, 0xa4ff}, {0xa60d, 0xa60f}, {0xa673, 0xa673}, {0xa67e, 0xa67e},
    {0xa6f2, 0xa6f7}, {0xa700, 0xa716}, {0xa720, 0xa721}, {0xa789, 0xa78a}, {0xa828, 0xa82b},
    {0xa836, 0xa839}, {0xa874, 0xa877}, {0xa8ce, 0xa8cf}, {0xa8f8, 0xa8fa}, {0xa8fc, 0xa8fc},
    {0xa92e, 0xa92f}, {0xa95f, 0xa95f}, {0xa9c1, 0xa9cd}, {0xa9de, 0xa9df}, {0xaa5c, 0xaa5f},
    {0xaa77, 0xaa79}, {0xaade, 0xaadf}, {0xaaf0, 0xaaf1}, {0xab5b, 0xab5b}, {0xab6a, 0xab6b},
    {0xabeb, 0xabeb}, {0xfb29, 0xfb29}, {0xfbb2, 0xfbd2}, {0xfd3e, 0xfd4f}, {0xfd90, 0xfd91},
    {0xfdc8, 0xfdcf}, {0xfdfc, 0xfdff}, {0xfe10, 0xfe19}, {0xfe30, 0xfe52}, {0xfe54, 0xfe66},
    {0xfe68, 0xfe6b}, {0xff01, 0xff0f}, {0xff1a, 0xff20}, {0xff3b, 0xff40}, {0xff5b, 0xff65},
    {0xffe0, 0xffe6}, {0xffe8, 0xffee}, {0xfffc, 0xfffd}, {0x10100, 0x10102}, {0x10137, 0x1013f},
    {0x10179, 0x10189}, {0x1018c, 0x1018e}, {0x10190, 0x1019c}, {0x101a0, 0x101a0}, {0x101d0, 0x101fc},
    {0x1039f, 0x1039f}, {0x103d0, 0x103d0}, {0x1056f, 0x1056f}, {0x10857, 0x10857}, {0x10877, 0x10878},
    {0x1091f, 0x1091f}, {0x1093f, 0x1093f}, {0x10a50, 0x10a58}, {0x10a7f, 0x10a7f}, {0x10ac8, 0x10ac8},
    {0x10af0, 0x10af6}, {0x10b39, 0x10b3f}, {0x10b99, 0x10b9c}, {0x10d6e, 0x10d6e}, {0x10d8e, 0x10d8f},
    {0x10ead, 0x10ead}, {0x10ed0, 0x10ed8}, {0x10f55, 0x10f59}, {0x10f86, 0x10f89}, {0x11047, 0x1104d},
    {0x110bb, 0x110bc}, {0x110be, 0x110c1}, {0x11140, 0x11143}, {0x11174, 0x11175}, {0x111c5, 0x111c8},
    {0x111cd, 0x111cd}, {0x111db, 0x111db}, {0x111dd, 0x111df}, {0x11238, 0x1123d}, {0x112a9, 0x112a9},
    {0x113d4, 0x113d5}, {0x113d7, 0x113d8}, {0x1144b, 0x1144f}, {0x1145a, 0x1145b}, {0x1145d, 0x1145d},
    {0x114c6, 0x114c6}, {0x115c1, 0x115d7}, {0x11641, 0x11643}, {0x11660, 0x1166c}, {0x116b9, 0x116b9},
    {0x1173c, 0x1173f}, {0x1183b, 0x1183b}, {0x11944, 0x11946}, {0x119e2, 0x119e2}, {0x11a3f, 0x11a46},
    {0x11a9a, 0x11a9c}, {0x11a9e, 0x11aa2}, {0x11b00, 0x11b09}, {0x11be1, 0x11be1}, {0x11c41, 0x11c45},
    {0x11c70, 0x11c71}, {0x11ef7, 0x11ef8}, {0x11f43, 0x11f4f}, {0x11fd5, 0x11ff1}, {0x11fff, 0x11fff},
    {0x12470, 0x12474}, {0x12ff1, 0x12ff2}, {0x16a6e, 0x16a6f}, {0x16af5, 0x16af5}, {0x16b37, 0x16b3f},
    {0x16b44, 0x16b45}, {0x16d6d, 0x16d6f}, {0x16e97, 0x16e9a}, {0x16fe2, 0x16fe2}, {0x1bc9c, 0x1bc9c},
    {0x1bc9f, 0x1bc9f}, {0x1cc00, 0x1ccef}, {0x1ccfa, 0x1ccfc}, {0x1cd00, 0x1ceb3}, {0x1ceba, 0x1ced0},
    {0x1cee0, 0x1cef0}, {0x1cf50, 0x1cfc3}, {0x1d000, 0x1d0f5}, {0x1d100, 0x1d126}, {0x1d129, 0x1d164},
    {0x1d16a, 0x1d16c}, {0x1d183, 0x1d184}, {0x1d18c, 0x1d1a9}, {0x1d1ae, 0x1d1ea}, {0x1d200, 0x1d241},
    {0x1d245, 0x1d245}, {0x1d300, 0x1d356}, {0x1d6c1, 0x1d6c1}, {0x1d6db, 0x1d6db}, {0x1d6fb, 0x1d6fb},
    {0x1d715, 0x1d715}, {0x1d735, 0x1d735}, {0x1d74f, 0x1d74f}, {0x1d76f, 0x1d76f}, {0x1d789, 0x1d789},
    {0x1d7a9, 0x1d7a9}, {0x1d7c3, 0x1d7c3}, {0x1d800, 0x1d9ff}, {0x1da37, 0x1da3a}, {0x1da6d, 0x1da74},
    {0x1da76, 0x1da83}, {0x1da85, 0x1da8b}, {0x1e14f, 0x1e14f}, {0x1e2ff, 0x1e2ff}, {0x1e5ff, 0x1e5ff},
    {0x1e95e, 0x1e95f}, {0x1ecac, 0x1ecac}, {0x1ecb0, 0x1ecb0}, {0x1ed2e, 0x1ed2e}, {0x1eef0, 0x1eef1},
    {0x1f000, 0x1f02b}, {0x1f030, 0x1f093}, {0x1f0a0, 0x1f0ae}, {0x1f0b1, 0x1f0bf}, {0x1f0c1, 0x1f0cf},
    {0x1f0d1, 0x1f0f5}, {0x1f10d, 0x1f1ad}, {0x1f1e6, 0x1f202}, {0x1f210, 0x1f23b}, {0x1f240, 0x1f248},
    {0x1f250, 0x1f251}, {0x1f260, 0x1f265}, {0x1f300, 0x1f6d8}, {0x1f6dc, 0x1f6ec}, {0x1f6f0, 0x1f6fc},
    {0x1f700, 0x1f7d9}, {0x1f7e0, 0x1f7eb}, {0x1f7f0, 0x1f7f0}, {0x1f800, 0x1f80b}, {0x1f810, 0x1f847},
    {0x1f850, 0x1f859}, {0x1f860, 0x1f887}, {0x1f890, 0x1f8ad}, {0x1f8b0, 0x1f8bb}, {0x1f8c0, 0x1f8c1},
    {0x1f8d0, 0x1f8d8}, {0x1f900, 0x1fa57}, {0x1fa60, 0x1fa6d}, {0x1fa70, 0x1fa7c}, {0x1fa80, 0x1fa8a},
    {0x1fa8e, 0x1fac6}, {0x1fac8, 0x1fac8}, {0x1facd, 0x1fadc}, {0x1fadf, 0x1faea}, {0x1faef, 0x1faf8},
    {0x1fb00, 0x1fb92}, {0x1fb94, 0x1fbef}, {0x1fbfa, 0x1fbfa},
};

CharClass classify(uint32_t cp) {
  if (text::is_space(cp)) return CharClass::kSpace;
  if (cp < 0x80) {
    bool punct = (cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) ||
                 (cp >= 0x7b && cp <= 0x7e);
    return punct ? CharClass::kPunctuation : CharClass::kOther;
  }
  const auto* end = std::end(kUnicodePunctuation);
  const auto* it = std::upper_bound(std::begin(kUnicodePunctuation), end, cp,
                                    [](uint32_t c, const std::pair<uint32_t, uint32_t>& r) { return c < r.first; });
  if (it == std::begin(kUnicodePunctuation) || cp > (it - 1)->second) return CharClass::kOther;
  return cp > 0xffff ? CharClass::kAmbiguous : CharClass::kPunctuation;
}

CharClass first_class(std::string_view s) {
  size_t i = 0;
  return classify(text::next_code_point(s, i));
}

CharClass last_class(std::string_view s) {
  // Back to the last code point's first byte (at most three continuation bytes).
  size_t i = s.size() - 1;
  while (i > 0 && s.size() - i < 4 && (static_cast<unsigned char>(s[i]) & 0xc0) == 0x80) --i;
  return classify(text::next_code_point(s, i));
}

// Whether the '&' at w[i] could start a character reference ("&amp;",
// "&#38;"); `may_continue`: the word might go on in the next text item.
bool may_be_entity(std::string_view w, size_t i, bool may_continue) {
  size_t j = i + 1;
  if (j < w.size() && w[j] == '#') ++j;
  size_t start = j;
  while (j < w.size() && j - start <= kMaxEntityLength && is_ascii_alnum(w[j])) ++j;
  if (j == w.size()) return may_continue;
  return w[j] == ';' && j > start;
}

// Whether the word is made of one repeated character (such as "-" or "===").
bool repeats(std::string_view w, char c) {
  return !w.empty() && w.find_first_not_of(c) == std::string_view::npos;
}

// A cell of a GFM table's delimiter row (":--", "-:", ":-:").
bool table_delimiter_cell(std::string_view w) {
  return w.find('-') != std::string_view::npos && w.find_first_not_of("-:") == std::string_view::npos;
}

// Appends one word of text (no whitespace in it) so that it reads as itself:
// punctuation with a meaning in Markdown ('$' included: formulas) gets a backslash, and so does what
// would start a block at the beginning of a line: '#', a list marker ("-",
// "+", "1." or "1)" followed by a space) and what could underline a setext
// heading, make a thematic break or a table's delimiter row ("---", "===",
// ":-:"). In link text brackets are entities, not "\[" (see escape_label).
void escape_word(std::string& out, std::string_view w, bool line_start, bool in_heading,
                 bool may_continue, bool in_link = false) {
  size_t i = 0;
  if (line_start && !w.empty()) {
    char c = w[0];
    if (c == '#' || ((c == '+' || c == '-' || c == '=') && repeats(w, c)) || table_delimiter_cell(w)) {
      out += '\\';
      out += c;
      i = 1;
    } else if (is_ascii_digit(c)) {
      size_t j = 0;
      while (j < w.size() && is_ascii_digit(w[j])) ++j;
      if (j + 1 == w.size() && (w[j] == '.' || w[j] == ')')) {
        out.append(w.substr(0, j));
        out += '\\';
        out += w[j];
        i = j + 1;
      }
    }
  }
  for (; i < w.size(); ++i) {
    char c = w[i];
    switch (c) {
      case '<':
        // Not "\<": marked's GFM autolinks take the backslash into a URL
        // right before it ("https://x.example/\<img ...>"), leaving the '<'
        // to open raw HTML. An entity stays text everywhere.
        out += "&lt;";
        continue;
      case '[': case ']':
        if (in_link) {
          out += c == '[' ? "&#91;" : "&#93;";
          continue;
        }
        out += '\\';
        break;
      case '\\': case '`': case '*': case '_': case '>': case '|': case '~': case '$':
        out += '\\';
        break;
      case '#':
        // A heading's trailing " #" would be taken for its closing sequence.
        if (in_heading) out += '\\';
        break;
      case '&':
        if (may_be_entity(w, i, may_continue)) out += '\\';
        break;
      default:
        break;
    }
    out += c;
  }
}

// The label of an image or of a link to a player (alt text, title).
// Brackets are entities, not "\[", as in all link text: there marked reads
// an image's "\](" as the end of its description ("[![\](javascript:x)](a)](b)"
// gave an image with that URL), and "[!\[x\](javascript:x)](a)" as an image.
std::string escape_label(std::string_view s) {
  std::string out;
  std::string collapsed = text::collapse_spaces(s);
  text::for_each_token(collapsed, [&](std::string_view w) {
    if (!out.empty()) out += ' ';
    escape_word(out, w, false, true, false, true);
  });
  return out;
}

// A link or image destination: already a safe, resolved URL; characters that
// would end or break the destination (or open a code span or raw HTML
// around it) are escaped or percent-encoded.
void append_destination(std::string& out, std::string_view u) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < u.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(u[i]);
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '\\' || c == '`') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      if (c == '(' || c == ')' || c == '|' || (c == '&' && may_be_entity(u, i, false))) out += '\\';
      out += u[i];
    }
  }
}

// ` "title"` of a link or image, or nothing when the title is blank.
void append_title(std::string& out, std::string_view title) {
  std::string t = text::collapse_spaces(title);
  if (t.empty()) return;
  out += " \"";
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '"' || c == '\\' || c == '|' || (c == '&' && may_be_entity(t, i, false))) out += '\\';
    out += c;
  }
  out += '"';
}

// "[label](url "title")"
std::string link(std::string_view escaped_label, std::string_view u, std::string_view title) {
  std::string out = "[";
  out += escaped_label;
  out += "](";
  append_destination(out, u);
  append_title(out, title);
  out += ')';
  return out;
}

// Text of a <pre> or <code> subtree as the browser shows it: text nodes as
// they are, <br> as a newline, nothing from dropped elements or ruby notes.
std::string collect_text(const Document& doc, NodeId root) {
  std::string out;
  NodeId n = doc.next_in(root, root);
  while (n != kNoNode) {
    const Node& node = doc[n];
    if (node.kind == NodeKind::kText) {
      out += node.text;
    } else if (node.kind == NodeKind::kElement) {
      if (policy_for(doc, n) == Policy::kDrop || node.tag == GUMBO_TAG_RT ||
          node.tag == GUMBO_TAG_RP || node.tag == GUMBO_TAG_IFRAME) {
        n = doc.next_in(n, root, true);
        continue;
      }
      if (node.tag == GUMBO_TAG_BR) out += '\n';
    }
    n = doc.next_in(n, root);
  }
  return out;
}

size_t longest_backtick_run(std::string_view s) {
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// A code span of `code` (non-empty, on one line). In a table cell every '|'
// is escaped, and an odd number of backslashes before it keeps it escaped:
// GFM renderers split the row on unescaped pipes before they see code spans.
void append_code_span(std::string& out, std::string_view code, bool in_cell) {
  std::string fence(longest_backtick_run(code) + 1, '`');
  // The renderer strips one space on each side when both are there; a
  // backtick next to the fence would read as part of it.
  bool pad = code.front() == '`' || code.back() == '`' || code.front() == ' ' || code.back() == ' ';
  out += fence;
  if (pad) out += ' ';
  size_t backslashes = 0;
  for (char c : code) {
    if (c == '|' && in_cell) {
      out.append(backslashes, '\\');
      out += '\\';
    }
    backslashes = c == '\\' ? backslashes + 1 : 0;
    out += c;
  }
  if (pad) out += ' ';
  out += fence;
}

// Backslash-escapes a '!' that `out` ends with, so that a '[' written next
// starts a link, not an image.
void escape_trailing_bang(std::string& out) {
  if (out.empty() || out.back() != '!') return;
  size_t backslashes = 0;
  for (size_t i = out.size() - 1; i-- > 0 && out[i] == '\\';) ++backslashes;
  if (backslashes % 2 == 0) out.insert(out.size() - 1, 1, '\\');
}

bool valid_language(std::string_view name) {
  if (name.empty() || name.size() > kMaxLanguageLength) return false;
  for (char c : name)
    if (!(is_ascii_alnum(c) || c == '_' || c == '+' || c == '.' || c == '#' || c == '-')) return false;
  return true;
}

// Language of a code block from class="language-x" / "lang-x" on the <pre>
// or on the <code> right inside it.
std::string code_language(const Document& doc, NodeId pre) {
  NodeId code = doc.first_element_child(pre);
  for (NodeId n : {pre, doc.is(code, GUMBO_TAG_CODE) ? code : kNoNode}) {
    if (n == kNoNode) continue;
    std::string found;
    text::for_each_token(doc.attr(n, "class"), [&](std::string_view token) {
      for (std::string_view prefix : kLanguagePrefixes) {
        if (!found.empty() || !text::istarts_with(token, prefix)) continue;
        std::string_view name = token.substr(prefix.size());
        if (valid_language(name)) found = std::string(name);
      }
    });
    if (!found.empty()) return found;
  }
  return {};
}

// A formula's TeX from its annotation (formulas.cc puts MathJax 2's script
// there too), or "".
std::string tex_source(const Document& doc, NodeId math) {
  for (NodeId n = doc.next_in(math, math); n != kNoNode; n = doc.next_in(n, math))
    if (rules::formulas::is_tex_annotation(doc, n)) return doc.text_content(n);
  return {};
}

// Text of MathML as TeX: what TeX gives a meaning escaped.
void append_tex_text(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\backslash "; break;
      case '{': case '}': case '#': case '$': case '%': case '&': case '_': out += '\\'; out += c; break;
      case '^': out += "\\hat{}"; break;
      case '~': out += "\\sim "; break;
      default: out += c;
    }
  }
}

// What a child of a MathML script, fraction or root opens ("" for none):
// the base and the scripts of msup/msub/msubsup (munder/mover/munderover
// alike), the two parts of mfrac, mroot's base and index (as a power).
std::string_view script_opener(const Document& doc, NodeId n) {
  const NodeId parent = doc[n].parent;
  if (parent == kNoNode || !doc.is_element(parent) || doc[parent].ns != GUMBO_NAMESPACE_MATHML) return {};
  const std::string_view p = doc.tag_name(parent);
  size_t k = 0;
  for (NodeId s = doc.prev_element_sibling(n); s != kNoNode && k < 3; s = doc.prev_element_sibling(s)) ++k;
  if (p == "mfrac") return k == 0 ? "\\frac{" : k == 1 ? "{" : "";
  if (p == "mroot") return k == 0 ? "{" : k == 1 ? "^{1/" : "";
  const bool sup = p == "msup" || p == "mover", sub = p == "msub" || p == "munder";
  const bool both = p == "msubsup" || p == "munderover";
  if (!sup && !sub && !both) return {};
  if (k == 0) return "{";
  if (k == 1) return sup ? "^{" : "_{";
  return k == 2 && both ? "^{" : "";
}

// A linear TeX reading of presentation MathML without a TeX annotation:
// tokens as they are, scripts, fractions, roots and text as TeX.
std::string linear_tex(const Document& doc, NodeId math) {
  std::string out;
  auto own_opener = [&](NodeId n) -> std::string_view {
    const std::string_view name = doc.tag_name(n);
    if (name == "msqrt") return "\\sqrt{";
    if (name == "mtext") return "\\text{";
    return {};
  };
  doc.walk(
      math,
      [&](NodeId n) {
        if (doc.is_text(n)) {
          std::string t = text::collapse_spaces(doc[n].text);
          // Letters of two tokens side by side stay two words.
          if (!t.empty() && !out.empty() && is_ascii_alnum(out.back()) && is_ascii_alnum(t.front())) out += ' ';
          append_tex_text(out, t);
          return false;
        }
        if (!doc.is_element(n) || policy_for(doc, n) == Policy::kDrop || rules::formulas::is_tex_annotation(doc, n))
          return false;
        out += script_opener(doc, n);
        out += own_opener(n);
        if (doc.tag_name(n) == "mspace") out += ' ';
        return true;
      },
      [&](NodeId n) {
        if (!own_opener(n).empty()) out += '}';
        if (!script_opener(doc, n).empty()) out += '}';
      });
  return out;
}

// A formula as Markdown: TeX between "$" (inline) or "$$" (display), on one
// line, made inert for renderers without math, which read it as text:
// no '<' or '>' (\lt, \gt), '*' or '~' (\ast, \nobreakspace: they would
// pair with emphasis around), '&' that could start an entity, "](" that
// would end a link, or unescaped '|' in a table cell. TeX that needs more
// (backticks, '$', an odd backslash at its end, commands that link or embed)
// is refused: false, nothing written.
bool append_math(std::string& out, std::string_view source, bool display, bool in_cell) {
  // Comments end at the line's end, which the formula's one line has not.
  std::string tex;
  size_t backslashes = 0;
  bool comment = false;
  for (char c : source) {
    if (c == '\n' || c == '\r') comment = false;
    if (c == '%' && backslashes % 2 == 0) comment = true;
    backslashes = c == '\\' ? backslashes + 1 : 0;
    if (!comment) tex += c;
  }
  tex = text::collapse_spaces(tex);
  if (tex.empty() || tex.find('`') != std::string::npos) return false;
  for (std::string_view command : kRefusedTexCommands)
    if (text::ifind(tex, command) != std::string_view::npos) return false;
  backslashes = 0;
  for (char c : tex) {
    if (c == '$' && backslashes % 2 == 0) return false;
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
  if (backslashes % 2) return false;
  const std::string_view delimiter = display ? kDisplayMath : kInlineMath;
  out += delimiter;
  backslashes = 0;
  for (size_t i = 0; i < tex.size(); ++i) {
    const char c = tex[i];
    const char next = i + 1 < tex.size() ? tex[i + 1] : 0;
    const bool escaped = backslashes % 2 == 1;
    std::string_view command;  // in place of c
    switch (c) {
      case '<': command = "\\lt"; break;
      case '>': command = "\\gt"; break;
      case '*':
        if (escaped) out += c;
        else command = "\\ast";
        break;
      case '~':
        if (escaped) out += c;
        else command = "\\nobreakspace";
        break;
      case '&':
        out += c;
        if (!escaped && (is_ascii_alnum(next) || next == '#')) out += ' ';
        break;
      case ']':
        out += c;
        if (!escaped && next == '(') out += ' ';
        break;
      case '|':
        if (in_cell) {
          out.append(backslashes, '\\');
          out += '\\';
        }
        out += c;
        break;
      default:
        out += c;
    }
    if (!command.empty()) {
      out += command;
      if (std::isalpha(static_cast<unsigned char>(next))) out += ' ';  // the name ends
    }
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
  out += delimiter;
  return true;
}

// Writes Markdown text, keeping track of lines, containers, open markup and
// the inline run being collected.
class Writer {
 public:
  explicit Writer(std::string& out) : main_(out) { s_.target = &out; }

  size_t main_size() {
    end_run();
    return main_.size();
  }
  // Bytes collected for the current run and not written yet.
  size_t pending_size() const { return s_.run_text.size(); }
  bool flattened() const { return s_.flatten > 0; }
  bool in_cell() const { return s_.in_cell; }

  // A block starts or ends here.
  void request_break(int level) {
    if (s_.flatten) {
      if (s_.run_open) s_.pending_space = true;
      return;
    }
    end_run();
    s_.pending_break = std::max(s_.pending_break, level);
  }
  // Between two items of one list: a newline is enough, whatever the
  // previous item asked for (nothing else was written since it ended).
  void item_break() {
    if (s_.flatten) return request_break(kNewline);
    end_run();
    s_.pending_break = kNewline;
  }
  void hard_break() {
    if (!s_.run_open) return;  // a break at the start of a block shows nothing
    if (s_.flatten) {
      s_.pending_space = true;
      return;
    }
    ++s_.pending_hard_breaks;
    s_.pending_space = false;
  }

  // Collapsible text.
  void text(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      size_t start = i;
      if (text::is_space(text::next_code_point(s, i))) {
        if (s_.run_open) s_.pending_space = true;
        continue;
      }
      size_t end = i;
      while (end < s.size()) {
        size_t k = end;
        if (text::is_space(text::next_code_point(s, k))) break;
        end = k;
      }
      begin_content();
      std::vector<Item>& items = s_.items;
      if (items.empty() || items.back().kind != ItemKind::kText) {
        items.push_back({ItemKind::kText, 0, s_.run_text.size(), s_.run_text.size()});
      }
      s_.run_text.append(s, start, end - start);
      items.back().end = s_.run_text.size();
      i = end;
    }
  }
  // Inline Markdown already escaped: an image, or a link to a player.
  void atom(std::string_view markdown) {
    begin_content();
    s_.items.push_back({ItemKind::kAtom, 0, s_.run_text.size(), s_.run_text.size() + markdown.size()});
    s_.run_text += markdown;
  }
  // A code span of `code` (whitespace collapsed, as the browser shows it).
  // Code spans side by side become one.
  void code_span(std::string_view code) {
    std::string c = text::collapse_spaces(code);
    if (c.empty()) return;
    begin_content();
    std::vector<Item>& items = s_.items;
    if (items.empty() || items.back().kind != ItemKind::kCode)
      items.push_back({ItemKind::kCode, 0, s_.run_text.size(), s_.run_text.size()});
    s_.run_text += c;
    items.back().end = s_.run_text.size();
  }

  // Inline markup around what follows until close_span(). `delimiter` is the
  // character of emphasis-like markup ('*', '~'), 0 for a link.
  void open_span(char delimiter, std::string opener, std::string closer) {
    s_.spans.push_back({delimiter, std::move(opener), std::move(closer), kNotInRun});
    if (!s_.run_open) return;  // opened when the next content starts a run
    Span& span = s_.spans.back();
    std::vector<Item>& items = s_.items;
    // A closer right before the same opener: the markup goes on instead.
    if (!items.empty() && items.back().kind == ItemKind::kClose && !s_.pending_space && !s_.pending_hard_breaks) {
      const Span& closed = s_.run_spans[items.back().span];
      if (closed.opener == span.opener && closed.closer == span.closer) {
        span.run_index = items.back().span;
        items.pop_back();
        return;
      }
    }
    add_open(span);
  }
  void close_span() {
    Span span = std::move(s_.spans.back());
    s_.spans.pop_back();
    if (span.run_index != kNotInRun) add_close(span.run_index);
  }

  // ATX heading: its content on one line after "#"s.
  void begin_heading(int level) {
    request_break(kBlankLine);
    ++s_.flatten;
    ++s_.heading;
    s_.line_lead.assign(static_cast<size_t>(level), '#');
    s_.line_lead += ' ';
  }
  void end_heading() {
    end_run();
    --s_.flatten;
    --s_.heading;
    s_.line_lead.clear();
    request_break(kBlankLine);
  }
  // Block structure inside is written as spaces from here to end_flatten().
  void begin_flatten() { ++s_.flatten; }
  void end_flatten() { --s_.flatten; }

  // A table cell, written into `cell` on one line until end_cell().
  void begin_cell(std::string& cell) {
    cell.clear();
    saved_.push_back(std::move(s_));
    s_ = State();
    s_.target = &cell;
    s_.flatten = 1;
    s_.in_cell = true;
    s_.need_prefix = false;
    s_.at_line_start = false;  // after "| "
  }
  void end_cell() {
    end_run();
    s_ = std::move(saved_.back());
    saved_.pop_back();
  }

  // List items and block quotes. False when nesting is too deep: the caller
  // then writes the element as a plain block.
  bool push_container(bool quote, std::string marker) {
    if (s_.flatten || containers_.size() >= kMaxContainerDepth) return false;
    end_run();
    std::string indent = quote ? std::string(kQuoteMarker) : std::string(marker.size(), ' ');
    containers_.push_back({quote ? Container::kQuote : Container::kItem, std::move(marker), std::move(indent)});
    return true;
  }

  // A footnote definition, "[^label]: " and the note's blocks (the lines
  // after the first indented by kNoteIndent), at the top level.
  void begin_note(std::string_view label) {
    request_break(kBlankLine);
    end_run();
    std::string marker = "[^";
    marker += label;
    marker += "]: ";
    containers_.push_back({Container::kNote, std::move(marker), std::string(kNoteIndent)});
  }
  // A renderer without footnotes reads "[^1]: x" as a link reference
  // definition when x's first line is a link destination with an optional
  // title, and "[^1]" as a link to it (to "javascript:..." as well). The
  // first line is left there only when it cannot be one: a second word that
  // cannot start a title ('"', '\'', '(') follows the first. Otherwise the
  // note starts on the next line but one, indented ("[^1]:", a blank line,
  // "    x"), where such renderers see a paragraph and an indented code block.
  void end_note() {
    end_run();
    Container note = std::move(containers_.back());
    containers_.pop_back();
    std::string& out = *s_.target;
    if (!note.started) {
      begin_line();
      out.append(note.marker, 0, note.marker.size() - 1);  // an empty note: "[^1]:"
    } else {
      size_t end = std::min(out.find('\n', note.marker_end), out.size());
      std::string_view line = std::string_view(out).substr(note.marker_end, end - note.marker_end);
      size_t first = line.find(' ');
      size_t second = first == std::string_view::npos ? first : line.find_first_not_of(' ', first);
      bool may_be_definition = second == std::string_view::npos || line[second] == '"' ||
                               line[second] == '\'' || line[second] == '(' || line[0] == '<';
      if (may_be_definition) out.replace(note.marker_end - 1, 1, "\n\n" + note.indent);
    }
    request_break(kBlankLine);
  }
  // Returns whether the container wrote anything.
  bool pop_container() {
    end_run();
    bool started = containers_.back().started;
    containers_.pop_back();
    return started;
  }
  bool innermost_is_item() const { return !containers_.empty() && containers_.back().kind == Container::kItem; }

  // Lines of their own: thematic break, fenced code, table rows.
  void rule() {
    if (s_.flatten) return request_break(kNewline);
    request_break(kBlankLine);
    begin_line();
    std::string& out = *s_.target;
    bool after_bullet = out.size() >= kBullet.size() &&
                        std::string_view(out).substr(out.size() - kBullet.size()) == kBullet;
    out += after_bullet ? kRuleAfterBullet : kRule;
    request_break(kBlankLine);
  }
  void code_block(std::string_view code, std::string_view language) {
    if (text::is_blank(code)) return;
    request_break(kBlankLine);
    begin_line();
    std::string& out = *s_.target;
    std::string fence(std::max(kMinFenceLength, longest_backtick_run(code) + 1), '`');
    out += fence;
    out += language;
    // Every line the fences hold ends with a newline: a final one in the
    // <pre> is that newline, not an extra empty line.
    std::string_view body = code;
    if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
    size_t start = 0;
    while (start <= body.size()) {
      size_t end = body.find('\n', start);
      if (end == std::string_view::npos) end = body.size();
      std::string_view line = body.substr(start, end - start);
      out += '\n';
      write_prefix(false, line.empty());
      out += line;
      start = end + 1;
    }
    out += '\n';
    write_prefix(false, false);
    out += fence;
    request_break(kBlankLine);
  }
  void table_line(std::string_view line) {
    begin_line();
    *s_.target += line;
    request_break(kNewline);
  }

  // Writes what is still collected (at the end of the output).
  void finish() { end_run(); }

 private:
  static constexpr size_t kNotInRun = static_cast<size_t>(-1);
  enum class ItemKind : uint8_t { kText, kSpace, kOpen, kClose, kCode, kAtom, kBreak };
  struct Item {
    ItemKind kind;
    size_t span;        // kOpen, kClose: index in run_spans
    size_t begin, end;  // kText, kCode, kAtom: bytes of run_text
    bool removed = false;
  };
  struct Span {
    char delimiter;  // '*', '~', or 0 for a link
    std::string opener, closer;
    size_t run_index;  // in run_spans, while a run is open
  };
  struct Container {
    enum Kind : uint8_t { kQuote, kItem, kNote } kind;
    std::string marker;      // on the first line: "> ", "- ", "12. ", "[^3]: "
    std::string indent;      // on the next ones: "> ", "  ", "    "
    bool started = false;    // has written a line
    size_t marker_end = 0;   // kNote: where the first line's content starts
  };
  // Everything about the line being written; a table cell swaps in a fresh one.
  struct State {
    std::string* target = nullptr;
    int pending_break = kNoBreak;
    int pending_hard_breaks = 0;
    bool pending_space = false;
    bool need_prefix = true;    // the current line has no container prefix yet
    bool at_line_start = true;  // nothing but the prefix on the line yet
    int flatten = 0;
    int heading = 0;
    bool in_cell = false;
    std::string line_lead;      // "## " of a heading, before its first content
    std::vector<Span> spans;    // open inline markup, outermost first
    // The run being collected: from its first content to the next block break.
    bool run_open = false;
    bool run_at_line_start = false;
    std::vector<Item> items;
    std::string run_text;
    std::vector<Span> run_spans;  // markup opened in this run
  };

  // The prefix of every open container. A blank line carries only those that
  // have started (a new quote or item begins after it) and no trailing spaces;
  // so does an empty line of code (`trim`).
  void write_prefix(bool blank, bool trim) {
    std::string& out = *s_.target;
    size_t start = out.size();
    for (Container& c : containers_) {
      if (blank && !c.started) break;
      if (!c.started) {
        out += c.marker;
        c.marker_end = out.size();
      } else {
        out += c.indent;
      }
      if (!blank) c.started = true;
    }
    if (blank || trim)
      while (out.size() > start && out.back() == ' ') out.pop_back();
  }

  // Writes the pending break and the line prefix.
  void begin_line() {
    std::string& out = *s_.target;
    if (s_.pending_break > kNoBreak) {
      if (!out.empty()) {
        out += '\n';
        if (s_.pending_break >= kBlankLine) {
          write_prefix(true, true);
          out += '\n';
        }
        s_.need_prefix = true;
      }
      s_.pending_space = false;
    }
    s_.pending_break = kNoBreak;
    s_.pending_hard_breaks = 0;
    if (s_.need_prefix) {
      write_prefix(false, false);
      s_.need_prefix = false;
      s_.at_line_start = true;
      s_.pending_space = false;
    }
  }

  void add_open(Span& span) {
    span.run_index = s_.run_spans.size();
    s_.run_spans.push_back(span);
    s_.items.push_back({ItemKind::kOpen, span.run_index, 0, 0});
  }
  void add_close(size_t run_index) {
    std::vector<Item>& items = s_.items;
    if (!items.empty() && items.back().kind == ItemKind::kOpen && items.back().span == run_index) {
      items.pop_back();  // nothing inside: no markup
      return;
    }
    items.push_back({ItemKind::kClose, run_index, 0, 0});
  }

  // Before the next piece of content: starts a run, or puts the pending
  // space or hard break in it (before markup opened since the last content,
  // so that delimiters always touch text).
  void begin_content() {
    if (s_.run_open && s_.pending_hard_breaks >= kBreaksForParagraph) {
      end_run();
      s_.pending_break = kBlankLine;
    }
    if (!s_.run_open) {
      start_run();
      return;
    }
    std::vector<Item>& items = s_.items;
    if (s_.pending_hard_breaks > 0 || s_.pending_space) {
      ItemKind kind = s_.pending_hard_breaks > 0 ? ItemKind::kBreak : ItemKind::kSpace;
      size_t at = items.size();
      while (at > 0 && items[at - 1].kind == ItemKind::kOpen) --at;
      if (kind == ItemKind::kSpace && at == items.size() && items.back().kind == ItemKind::kText) {
        s_.run_text += ' ';  // the space joins the text before it
        items.back().end = s_.run_text.size();
      } else {
        items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), Item{kind, 0, 0, 0});
      }
    }
    s_.pending_hard_breaks = 0;
    s_.pending_space = false;
  }

  void start_run() {
    begin_line();
    std::string& out = *s_.target;
    if (!s_.line_lead.empty()) {
      out += s_.line_lead;
      s_.line_lead.clear();
      s_.at_line_start = false;
    }
    s_.run_open = true;
    s_.run_at_line_start = s_.at_line_start;
    s_.pending_space = false;
    s_.pending_hard_breaks = 0;
    for (Span& span : s_.spans) add_open(span);
  }

  // Closes the markup still open, checks the delimiters and writes the run.
  void end_run() {
    if (!s_.run_open) return;
    for (size_t i = s_.spans.size(); i-- > 0;) {
      add_close(s_.spans[i].run_index);
      s_.spans[i].run_index = kNotInRun;
    }
    separate_code_from_autolinks();
    check_delimiters();
    write_run();
    s_.run_open = false;
    s_.pending_space = false;
    s_.pending_hard_breaks = 0;
    s_.at_line_start = false;
    s_.items.clear();
    s_.run_text.clear();
    s_.run_spans.clear();
  }

  std::string_view item_text(const Item& item) const {
    return std::string_view(s_.run_text).substr(item.begin, item.end - item.begin);
  }
  // What the flanking rules see at each end of an item as written.
  CharClass first_of(const Item& item) const {
    switch (item.kind) {
      case ItemKind::kText: return first_class(item_text(item));
      case ItemKind::kSpace: return CharClass::kSpace;
      default: return CharClass::kPunctuation;  // delimiters, '`', '[', '!', the break's '\'
    }
  }
  CharClass last_of(const Item& item) const {
    switch (item.kind) {
      case ItemKind::kText: return last_class(item_text(item));
      case ItemKind::kSpace: case ItemKind::kBreak: return CharClass::kSpace;
      default: return CharClass::kPunctuation;  // delimiters, '`', ')'
    }
  }
  char delimiter_of(const Item& item) const {
    if (item.removed || (item.kind != ItemKind::kOpen && item.kind != ItemKind::kClose)) return 0;
    return s_.run_spans[item.span].delimiter;
  }

  // A code span must not directly follow a stretch without whitespace that a
  // GFM autolink may start in ("https://", "www."): marked takes everything
  // up to the next whitespace or '<' into such a link, the span's opening
  // backtick included, and the code would turn into live Markdown. Such a
  // span gets a space before it (and before the markup opened right before
  // it). Stretches too long to look through count as autolinks.
  void separate_code_from_autolinks() {
    std::vector<Item>& items = s_.items;
    // The stretch since the last whitespace: its length, and whether an
    // autolink may start in it. Items are looked at one by one (text next
    // to text is one item; the others bring their own URLs).
    size_t length = 0;
    bool autolink = false;
    std::vector<size_t> before;  // where spaces go
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& item = items[i];
      std::string_view piece;
      switch (item.kind) {
        case ItemKind::kSpace: case ItemKind::kBreak:
          length = 0;
          autolink = false;
          continue;
        case ItemKind::kOpen: case ItemKind::kClose: {
          const Span& span = s_.run_spans[item.span];
          piece = item.kind == ItemKind::kOpen ? span.opener : span.closer;
          break;
        }
        case ItemKind::kCode:
          if ((autolink || length > kAutolinkLookBehind) && items[i - 1].kind != ItemKind::kCode) {
            size_t at = i;
            while (at > 0 && items[at - 1].kind == ItemKind::kOpen) --at;
            before.push_back(at);
            length = 0;
            autolink = false;
          }
          [[fallthrough]];
        case ItemKind::kText: case ItemKind::kAtom:
          piece = item_text(item);
          break;
      }
      size_t space = piece.rfind(' ');
      if (space != std::string_view::npos) {
        piece.remove_prefix(space + 1);
        length = 0;
        autolink = false;
      }
      length += piece.size();
      autolink = autolink || piece.find("://") != std::string_view::npos ||
                 text::ifind(piece, "www.") != std::string_view::npos;
    }
    if (before.empty()) return;
    std::vector<Item> spaced;
    spaced.reserve(items.size() + before.size());
    size_t next = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      if (next < before.size() && before[next] == i) {
        spaced.push_back({ItemKind::kSpace, 0, 0, 0});
        ++next;
      }
      spaced.push_back(items[i]);
    }
    items = std::move(spaced);
  }

  // Leaves out the emphasis-like markup whose delimiters would not pair up as
  // written. CommonMark: a run of delimiters opens only if left-flanking and
  // closes only if right-flanking; a run that is both (inside a word, or
  // between punctuation) is tried as a closer first, so it may open only
  // where it cannot close any markup of the same character still open
  // around it (the "multiple of 3" rule keeps "*a**b**c*" apart); and a run
  // that both closes and opens ("*a***b**") pairs up as meant only up to
  // three delimiters. Ambiguous characters must pass both ways.
  void check_delimiters() {
    std::vector<Item>& items = s_.items;
    std::vector<bool> bad(s_.run_spans.size());
    std::vector<size_t> open;  // emphasis-like markup open at this point
    std::vector<size_t> run_length(s_.run_spans.size());  // of the run holding each opener
    std::vector<size_t> close_at(s_.run_spans.size());
    for (size_t i = 0; i < items.size(); ++i)
      if (items[i].kind == ItemKind::kClose) close_at[items[i].span] = i;
    auto punct = [](CharClass c) { return c == CharClass::kPunctuation || c == CharClass::kAmbiguous; };
    auto other = [](CharClass c) { return c == CharClass::kOther || c == CharClass::kAmbiguous; };
    for (int pass = 0; pass <= kMaxDelimiterPasses; ++pass) {
      join_adjacent_markup(close_at);
      bool found = false;
      open.clear();
      // Classes around each run: the line's start and end count as space.
      CharClass before = CharClass::kSpace;
      for (size_t i = 0; i < items.size();) {
        if (items[i].removed) {
          ++i;
          continue;
        }
        char d = delimiter_of(items[i]);
        if (!d) {
          before = last_of(items[i]);
          ++i;
          continue;
        }
        size_t j = i;
        while (j < items.size() && (items[j].removed || delimiter_of(items[j]) == d)) ++j;
        CharClass after = CharClass::kSpace;
        for (size_t k = j; k < items.size(); ++k) {
          if (items[k].removed) continue;
          after = first_of(items[k]);
          break;
        }
        bool left = after != CharClass::kSpace && !(punct(after) && other(before));
        bool right = before != CharClass::kSpace && !(punct(before) && other(after));
        bool maybe_right = before != CharClass::kSpace &&
                           !(before == CharClass::kPunctuation && after == CharClass::kOther);
        size_t closes = 0, length = 0;
        for (size_t k = i; k < j; ++k)
          if (!items[k].removed) length += s_.run_spans[items[k].span].opener.size();
        for (size_t k = i; k < j; ++k) {
          if (items[k].removed) continue;
          if (items[k].kind == ItemKind::kClose) {
            ++closes;
            if (!right) bad[items[k].span] = found = true;
          } else {
            // Markup around this run that it could close: what it does not
            // close itself, unless the rule of 3 keeps the two apart.
            bool may_close_around = false;
            for (size_t o = 0; o + closes < open.size(); ++o) {
              size_t around = run_length[open[o]];
              if (s_.run_spans[open[o]].delimiter == d &&
                  ((around + length) % 3 != 0 || (around % 3 == 0 && length % 3 == 0)))
                may_close_around = true;
            }
            if (!left || (maybe_right && may_close_around) || (closes > 0 && length > 3))
              bad[items[k].span] = found = true;
          }
        }
        for (size_t k = i; k < j; ++k) {
          if (items[k].removed) continue;
          if (items[k].kind == ItemKind::kClose) {
            if (!open.empty()) open.pop_back();
          } else {
            open.push_back(items[k].span);
            run_length[items[k].span] = length;
          }
        }
        before = CharClass::kPunctuation;
        i = j;
      }
      if (!found) return;
      for (Item& item : items) {
        if ((item.kind == ItemKind::kOpen || item.kind == ItemKind::kClose) &&
            (bad[item.span] || (pass == kMaxDelimiterPasses && s_.run_spans[item.span].delimiter)))
          item.removed = true;
      }
    }
  }

  // Markup closed right where the same markup opens again, now that what
  // stood between them is left out, becomes one: the first one's closer and
  // the second one's opener go, and the second one's closer closes the first.
  void join_adjacent_markup(std::vector<size_t>& close_at) {
    std::vector<Item>& items = s_.items;
    size_t last = items.size();  // the previous item not left out
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].removed) continue;
      if (last < items.size() && items[last].kind == ItemKind::kClose && items[i].kind == ItemKind::kOpen) {
        const Span& closed = s_.run_spans[items[last].span];
        const Span& opened = s_.run_spans[items[i].span];
        if (closed.delimiter && closed.opener == opened.opener) {
          size_t first = items[last].span;
          items[last].removed = items[i].removed = true;
          size_t end = close_at[items[i].span];
          items[end].span = first;
          close_at[first] = end;
          last = items.size();
          for (size_t k = i; k-- > 0;)
            if (!items[k].removed) {
              last = k;
              break;
            }
          continue;
        }
      }
      last = i;
    }
  }

  void write_run() {
    std::string& out = *s_.target;
    const std::vector<Item>& items = s_.items;
    bool line_start = s_.run_at_line_start;
    int links = 0;  // open links around the item
    bool after_note = false;  // right after a footnote reference
    std::string code;
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& item = items[i];
      if (item.removed) continue;
      size_t next = i + 1;
      while (next < items.size() && items[next].removed) ++next;
      switch (item.kind) {
        case ItemKind::kText: {
          std::string_view t = item_text(item);
          // "[^1](x)" would be a link, "[^1]: x" at a line's start a definition.
          if (after_note && (t.front() == '(' || t.front() == ':')) out += '\\';
          bool continues = next < items.size() && items[next].kind == ItemKind::kText;
          // Words with one space between them (and one at the end when
          // what follows needs it).
          for (size_t start = 0; start < t.size();) {
            size_t space = std::min(t.find(' ', start), t.size());
            escape_word(out, t.substr(start, space - start), line_start, s_.heading > 0,
                        space == t.size() && continues, links > 0);
            line_start = false;
            if (space < t.size()) out += ' ';
            start = space + 1;
          }
          break;
        }
        case ItemKind::kSpace:
          out += ' ';
          break;
        case ItemKind::kOpen: case ItemKind::kClose: {
          const Span& span = s_.run_spans[item.span];
          if (!span.delimiter) links += item.kind == ItemKind::kOpen ? 1 : -1;
          if (item.kind == ItemKind::kOpen) {
            if (!span.delimiter) escape_trailing_bang(out);
            out += span.opener;
          } else {
            out += span.closer;
          }
          break;
        }
        case ItemKind::kCode:
          // Code spans that markup left out has made adjacent become one.
          code.assign(item_text(item));
          while (next < items.size() && items[next].kind == ItemKind::kCode) {
            code += item_text(items[next]);
            i = next++;
            while (next < items.size() && items[next].removed) ++next;
          }
          append_code_span(out, code, s_.in_cell);
          break;
        case ItemKind::kAtom: {
          std::string_view md = item_text(item);
          if (md.front() == '[') escape_trailing_bang(out);
          out += md;
          after_note = md.size() > 1 && md[1] == '^';
          line_start = false;
          continue;
        }
        case ItemKind::kBreak:
          out += kHardBreak;
          write_prefix(false, false);
          line_start = true;
          after_note = false;
          continue;
      }
      line_start = false;
      after_note = false;
    }
  }

  std::string& main_;
  State s_;
  std::vector<State> saved_;
  std::vector<Container> containers_;
};

// What an element did when entered, to be undone when it is left.
enum class Role : uint8_t {
  kInline,   // nothing to undo
  kBlock,    // a break after it
  kHeading,
  kFlatten,  // a table nested where only one line fits
  kList,
  kItem,
  kQuote,
  kFigure,   // children in two passes: figcaptions last
  kTable,    // a GFM table being collected
  kRow,
  kCell,
  kSpaced,   // a cell of a flattened table: spaces around it
  kNote,     // a footnote definition
};

// Inline markup that is only written at its outermost level.
enum Mark : uint8_t { kNoMark, kEmphasisMark, kStrongMark, kStrikeMark, kLinkMark, kMarkCount };

struct Frame {
  NodeId node;
  NodeId cursor;  // next child to visit
  Role role = Role::kInline;
  Mark mark = kNoMark;
  bool container = false;      // pushed a Writer container
  bool captions_pass = false;  // kFigure: visiting the figcaptions now
};

struct ListState {
  bool ordered;
  unsigned long next;          // number of the next ordered item
  size_t end_of_last_item;     // output size when the last written item ended
  bool has_written_item;
};

// The article's footnotes: links to an element of the article (anchors.h)
// that comes after them and may hold a note (a list item, a paragraph, a
// division, an aside), with a marker's text ("[1]", "12", "*", "note 3").
// Notes holding other notes are not notes (a link to a whole list). Each
// note gets a label, its number in the order of first reference; its
// references are written "[^1]" and the note itself, taken out of the text,
// "[^1]: ..." at the end. Links to other kept ids stay ordinary links.
struct Notes {
  std::unordered_map<NodeId, size_t> label;     // note -> 1, 2...
  std::vector<NodeId> order;                    // notes by label
  std::unordered_map<NodeId, NodeId> note_of;   // reference link -> note
  // References and the inline elements just around them: what the notes'
  // links back point to (left out: renderers with footnotes make their own).
  std::unordered_set<NodeId> references;
  // What holds a note's links back and marks only ("^ a b", "↩"): left out too.
  std::unordered_set<NodeId> back_marks;

  Notes(const Document& doc, NodeId root, const Anchors* anchors) {
    if (!anchors || anchors->empty()) return;
    std::vector<std::pair<NodeId, NodeId>> links;  // link, target
    std::unordered_map<NodeId, size_t> position;   // of links and targets, in document order
    for (NodeId n = doc.next_in(root, root); n != kNoNode; n = doc.next_in(n, root)) {
      if (!doc.is(n, GUMBO_TAG_A)) continue;
      const NodeId target = anchors->target_of(doc.attr(n, "href"));
      if (target == kNoNode || !may_hold_note(doc, target)) continue;
      if (!looks_like_reference(text::collapse_spaces(doc.text_content(n)))) continue;
      links.emplace_back(n, target);
      position.emplace(n, 0);
      position.emplace(target, 0);
    }
    if (links.empty()) return;
    size_t at = 0;
    for (NodeId n = doc.next_in(root, root); n != kNoNode; n = doc.next_in(n, root)) {
      const auto it = position.find(n);
      if (it != position.end()) it->second = ++at;
    }
    std::unordered_set<NodeId> notes, above;  // above: what holds a note (each ancestor once)
    for (const auto& [link, target] : links)
      if (position[target] > position[link]) notes.insert(target);
    for (NodeId note : notes) {
      NodeId up = doc[note].parent;
      while (up != kNoNode && up != root && above.insert(up).second) up = doc[up].parent;
    }
    for (const auto& [link, target] : links) {
      if (!notes.count(target) || above.count(target) || position[target] < position[link]) continue;
      if (label.emplace(target, order.size() + 1).second) order.push_back(target);
      note_of.emplace(link, target);
      references.insert(link);
      NodeId up = doc[link].parent;
      for (int level = 0; level < 2 && up != kNoNode && is_inline_wrapper(doc, up); ++level, up = doc[up].parent)
        references.insert(up);
    }
    for (NodeId note : order)
      for (NodeId n = doc.next_in(note, note); n != kNoNode; n = doc.next_in(n, note)) {
        const NodeId up = doc[n].parent;
        if (is_back_link(doc, n, *anchors) && up != note && is_inline_wrapper(doc, up) && only_marks(doc, up, *anchors))
          back_marks.insert(up);
      }
  }

  bool is_note(NodeId n) const { return label.count(n) > 0; }

 private:
  // A footnote marker: "1", "[12]", "*", "†", "a", "iv", "note 3", "Fn. 2" —
  // not a table of contents' "Methods" or "2 Results".
  static bool looks_like_reference(std::string_view text) {
    if (text.empty() || text.size() > kMaxReferenceText) return false;
    size_t letters = 0;
    for (size_t i = 0; i < text.size();) {
      const uint32_t c = text::next_code_point(text, i);
      if (classify(c) == CharClass::kOther && !(c >= '0' && c <= '9')) ++letters;
    }
    return letters <= kMaxReferenceLetters;
  }
  static bool may_hold_note(const Document& doc, NodeId n) {
    if (doc[n].ns != GUMBO_NAMESPACE_HTML) return false;
    switch (doc[n].tag) {
      case GUMBO_TAG_LI: case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_DD:
        return true;
      default:
        return false;
    }
  }
  // What a reference sits in (<sup id="cite_ref-1"><a href="#cite_note-1">),
  // and what holds a note's links back (<span>^ <a>a</a> <a>b</a></span>).
  static bool is_inline_wrapper(const Document& doc, NodeId n) {
    return doc.is(n, GUMBO_TAG_SUP) || doc.is(n, GUMBO_TAG_SPAN) || doc.is(n, GUMBO_TAG_SMALL) ||
           doc.is(n, GUMBO_TAG_B);
  }
  bool is_back_link(const Document& doc, NodeId n, const Anchors& anchors) const {
    return doc.is(n, GUMBO_TAG_A) && references.count(anchors.target_of(doc.attr(n, "href")));
  }
  // Whether `holder` has links back and, besides their text, no letter or
  // digit (looked for in its first kMaxMarkNodes nodes).
  bool only_marks(const Document& doc, NodeId holder, const Anchors& anchors) const {
    constexpr int kMaxMarkNodes = 32;
    int seen = 0;
    NodeId n = doc.next_in(holder, holder);
    while (n != kNoNode) {
      if (++seen > kMaxMarkNodes) return false;
      if (is_back_link(doc, n, anchors)) {
        n = doc.next_in(n, holder, true);
        continue;
      }
      if (doc.is_text(n)) {
        const std::string_view t = doc[n].text;
        for (size_t i = 0; i < t.size();) {
          const CharClass c = classify(text::next_code_point(t, i));
          if (c == CharClass::kOther || c == CharClass::kAmbiguous) return false;
        }
      }
      n = doc.next_in(n, holder);
    }
    return true;
  }
};

class Converter {
  struct Cell {
    std::string markdown;
    size_t span;  // columns
  };

 public:
  Converter(const Document& doc, NodeId root, const url::Url* base, const Anchors* anchors, std::string& out)
      : doc_(doc), base_(base), anchors_(anchors), notes_(doc, root, anchors), out_(out), w_(out) {}

  // False once the output would exceed max_bytes (0 = unlimited): checked
  // at every step, and at every line of a table.
  bool run(NodeId root, size_t max_bytes) {
    max_bytes_ = max_bytes;
    stack_.push_back({root, doc_[root].first_child});
    if (!walk()) return false;
    // The footnotes, at the end.
    in_note_ = true;
    for (size_t i = 0; i < notes_.order.size(); ++i) {
      w_.begin_note(std::to_string(i + 1));
      push(notes_.order[i], Role::kNote);
      if (!walk()) return false;
    }
    w_.finish();
    return !over_budget();
  }

 private:
  // Visits what the stack holds.
  bool walk() {
    while (!stack_.empty()) {
      if (over_budget() || doc_.tick()) return false;
      NodeId child = next_child(stack_.back());
      if (child == kNoNode) {
        Frame f = stack_.back();
        stack_.pop_back();
        leave(f);
        continue;
      }
      enter(child);
    }
    return true;
  }

  NodeId next_child(Frame& f) {
    for (;;) {
      NodeId c = f.cursor;
      if (c == kNoNode) {
        if (f.role == Role::kFigure && !f.captions_pass) {
          f.captions_pass = true;
          f.cursor = doc_[f.node].first_child;
          continue;
        }
        return kNoNode;
      }
      f.cursor = doc_[c].next;
      if (f.role == Role::kFigure && doc_.is(c, GUMBO_TAG_FIGCAPTION) != f.captions_pass) continue;
      return c;
    }
  }

  void push(NodeId n, Role role, Mark mark = kNoMark, bool container = false) {
    Frame f{n, doc_[n].first_child};
    f.role = role;
    f.mark = mark;
    f.container = container;
    stack_.push_back(f);
  }

  bool over_budget() const {
    return max_bytes_ && out_.size() + w_.pending_size() + table_bytes_ + cell_.size() > max_bytes_;
  }

  // Opens inline markup unless the same markup is already open around it.
  void push_span(NodeId n, Mark mark, std::string_view delimiter, Role role = Role::kInline) {
    if (open_[mark]) return push(n, role);
    open_[mark] = true;
    w_.open_span(delimiter[0], std::string(delimiter), std::string(delimiter));
    push(n, role, mark);
  }

  // Inside link text, a code span holding a backtick or a bracket is written
  // as text: marked (unlike CommonMark) reads link text without code spans
  // that hold backticks, and a ']' in one at the start of a line would end
  // a link reference definition's label.
  void code_span(std::string_view code) {
    if (open_[kLinkMark] && code.find_first_of("`[]") != std::string_view::npos) return w_.text(code);
    w_.code_span(code);
  }

  bool captured_table() const { return !tables_.empty() && tables_.back() && !w_.in_cell(); }

  void enter(NodeId n) {
    const Node& node = doc_[n];
    if (node.kind == NodeKind::kText) return w_.text(node.text);
    if (node.kind != NodeKind::kElement) return;
    Policy policy = policy_for(doc_, n);
    if (policy == Policy::kDrop || notes_.is_note(n)) return;  // notes: at the end
    if (in_note_ && notes_.back_marks.count(n)) return;
    if (policy == Policy::kUnwrap) return push(n, Role::kInline);
    if (node.ns == GUMBO_NAMESPACE_MATHML) return node.tag == GUMBO_TAG_MATH ? formula(n) : push(n, Role::kInline);
    switch (node.tag) {
      case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
      case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_ADDRESS:
      case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DL:
      case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_CAPTION:
        w_.request_break(kBlankLine);
        return push(n, Role::kBlock);
      case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
      case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        if (w_.flattened()) {
          w_.request_break(kBlankLine);
          return push(n, Role::kBlock);
        }
        w_.begin_heading(node.tag - GUMBO_TAG_H1 + 1);
        return push(n, Role::kHeading);
      case GUMBO_TAG_UL: case GUMBO_TAG_OL: return enter_list(n);
      case GUMBO_TAG_LI: return enter_item(n);
      case GUMBO_TAG_BLOCKQUOTE: {
        w_.request_break(kBlankLine);
        bool container = w_.push_container(true, std::string(kQuoteMarker));
        return push(n, container ? Role::kQuote : Role::kBlock, kNoMark, container);
      }
      case GUMBO_TAG_PRE: {
        std::string code = collect_text(doc_, n);
        if (w_.flattened()) return code_span(code);
        return w_.code_block(code, code_language(doc_, n));
      }
      case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT:
        return code_span(collect_text(doc_, n));
      case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_CITE: case GUMBO_TAG_DFN:
      case GUMBO_TAG_VAR:
        return push_span(n, kEmphasisMark, kEmphasis);
      case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
        return push_span(n, kStrongMark, kStrong);
      case GUMBO_TAG_DEL: case GUMBO_TAG_S: case GUMBO_TAG_STRIKE:
        return push_span(n, kStrikeMark, kStrikethrough);
      case GUMBO_TAG_A: return enter_link(n);
      case GUMBO_TAG_IMG: return image(n);
      case GUMBO_TAG_BR: return w_.hard_break();
      case GUMBO_TAG_HR: return w_.rule();
      case GUMBO_TAG_FIGURE:
        w_.request_break(kBlankLine);
        return push(n, Role::kFigure);
      case GUMBO_TAG_FIGCAPTION:
        // The caption: an italic line of its own (after the image, see kFigure).
        w_.request_break(kBlankLine);
        return push_span(n, kEmphasisMark, kEmphasis, Role::kBlock);
      case GUMBO_TAG_TABLE: return enter_table(n);
      case GUMBO_TAG_TR:
        if (captured_table()) {
          rows_.emplace_back();
          return push(n, Role::kRow);
        }
        w_.request_break(kNewline);
        return push(n, Role::kBlock);
      case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        if (captured_table()) {
          if (rows_.empty()) rows_.emplace_back();
          w_.begin_cell(cell_);
          return push(n, Role::kCell);
        }
        w_.request_break(kNewline);
        return push(n, Role::kSpaced);
      case GUMBO_TAG_IFRAME: return media_link(safe_video_url(doc_.attr(n, "src"), base_), n, kVideoLabel);
      case GUMBO_TAG_VIDEO: return media_link(media_source(n), n, kVideoLabel);
      case GUMBO_TAG_AUDIO: return media_link(media_source(n), n, kAudioLabel);
      // Ruby annotations sit above the text (as in the plain text); the
      // rest has no content of its own.
      case GUMBO_TAG_RT: case GUMBO_TAG_RP: case GUMBO_TAG_WBR: case GUMBO_TAG_SOURCE:
      case GUMBO_TAG_TRACK: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
        return;
      default:
        return push(n, Role::kInline);  // span, u, mark, sub, sup, picture, thead...
    }
  }

  void leave(const Frame& f) {
    if (f.mark != kNoMark) {
      open_[f.mark] = false;
      w_.close_span();
    }
    switch (f.role) {
      case Role::kInline: case Role::kRow: break;
      case Role::kBlock: case Role::kFigure: w_.request_break(kBlankLine); break;
      case Role::kSpaced: w_.request_break(kNewline); break;
      case Role::kHeading: w_.end_heading(); break;
      case Role::kList:
        lists_.pop_back();
        w_.request_break(kBlankLine);
        break;
      case Role::kItem:
        if (f.container) {
          if (w_.pop_container() && !lists_.empty()) {
            lists_.back().has_written_item = true;
            lists_.back().end_of_last_item = w_.main_size();
          }
          w_.request_break(kBlankLine);
        } else {
          w_.request_break(w_.flattened() ? kNewline : kBlankLine);
        }
        break;
      case Role::kQuote:
        w_.pop_container();
        w_.request_break(kBlankLine);
        break;
      case Role::kFlatten:
        tables_.pop_back();
        w_.end_flatten();
        w_.request_break(kBlankLine);
        break;
      case Role::kTable:
        tables_.pop_back();
        write_table();
        break;
      case Role::kNote:
        w_.end_note();
        break;
      case Role::kCell:
        w_.end_cell();
        add_cell(f.node);
        break;
    }
  }

  void enter_list(NodeId n) {
    bool ordered = doc_[n].tag == GUMBO_TAG_OL;
    std::string_view start_attr = doc_.attr(n, "start");
    unsigned long start = all_digits(start_attr) ? std::stoul(std::string(start_attr)) : 1;
    // A bullet list, or one numbered from 1, may follow its item's text on
    // the next line; other lists need a blank line to start.
    bool tight = w_.innermost_is_item() && (!ordered || start == 1);
    w_.request_break(tight ? kNewline : kBlankLine);
    lists_.push_back({ordered, start, 0, false});
    push(n, Role::kList);
  }

  void enter_item(NodeId n) {
    ListState* list = lists_.empty() ? nullptr : &lists_.back();
    std::string marker(kBullet);
    if (list && list->ordered) {
      std::string_view value = doc_.attr(n, "value");
      if (all_digits(value)) list->next = std::stoul(std::string(value));
      marker = std::to_string(list->next) + std::string(kOrderedSuffix);
      ++list->next;
    }
    if (w_.flattened()) {
      w_.request_break(kNewline);
      return push(n, Role::kItem);
    }
    bool follows_item = list && list->has_written_item && list->end_of_last_item == w_.main_size();
    if (follows_item) {
      w_.item_break();
    } else {
      w_.request_break(kNewline);
    }
    bool container = w_.push_container(false, std::move(marker));
    if (!container) w_.request_break(kBlankLine);
    push(n, Role::kItem, kNoMark, container);
  }

  void enter_link(NodeId n) {
    const auto reference = notes_.note_of.find(n);
    if (reference != notes_.note_of.end() && !open_[kLinkMark])
      return w_.atom("[^" + std::to_string(notes_.label.at(reference->second)) + "]");
    // A note's link back to its reference.
    if (in_note_ && anchors_ && notes_.references.count(anchors_->target_of(doc_.attr(n, "href")))) return;
    std::string u = safe_url(doc_.attr(n, "href"), base_, false);
    // In-page anchors point into the original page.
    if (!u.empty() && u[0] == '#') u = base_ ? url::resolve(*base_, u) : std::string();
    if (u.empty() || open_[kLinkMark]) return push(n, Role::kInline);  // plain text
    std::string closer = "](";
    append_destination(closer, u);
    append_title(closer, doc_.attr(n, "title"));
    closer += ')';
    open_[kLinkMark] = true;
    w_.open_span(0, "[", std::move(closer));
    push(n, Role::kInline, kLinkMark);
  }

  // A formula: its TeX (from its annotation, else read from its MathML)
  // between dollars; as code when append_math refuses it, as text in a
  // link's text (where "[", "]" and "$" are only text).
  void formula(NodeId n) {
    std::string tex = tex_source(doc_, n);
    if (text::is_blank(tex)) tex = linear_tex(doc_, n);
    if (text::is_blank(tex)) return;
    if (open_[kLinkMark]) return w_.text(tex);
    const bool display = !w_.flattened() && text::iequals(text::trim(doc_.attr(n, "display")), "block");
    std::string md;
    if (!append_math(md, tex, display, w_.in_cell())) return code_span(tex);
    if (display) w_.request_break(kBlankLine);
    w_.atom(md);
    if (display) w_.request_break(kBlankLine);
  }

  void image(NodeId n) {
    std::string src = safe_url(doc_.attr(n, "src"), base_, true);
    // Inline data: images would bloat the Markdown; they stay in the HTML only.
    if (src.empty() || text::istarts_with(src, "data:")) return;
    std::string md = "!";
    md += link(escape_label(doc_.attr(n, "alt")), src, doc_.attr(n, "title"));
    w_.atom(md);
  }

  // <video>/<audio>: the src attribute, else the first <source> that has one.
  std::string media_source(NodeId n) {
    std::string u = safe_url(doc_.attr(n, "src"), base_, true);
    for (NodeId c = doc_[n].first_child; u.empty() && c != kNoNode; c = doc_[c].next)
      if (doc_.is(c, GUMBO_TAG_SOURCE)) u = safe_url(doc_.attr(c, "src"), base_, true);
    return u;
  }

  // An embedded player as a link to it (http and https only).
  void media_link(const std::string& u, NodeId n, std::string_view fallback_label) {
    std::string scheme = url::scheme_of(u);
    if (scheme != "http" && scheme != "https") return;
    std::string_view title = doc_.attr(n, "title");
    if (text::is_blank(title)) title = fallback_label;
    if (open_[kLinkMark]) return w_.text(title);  // links do not nest
    w_.atom(link(escape_label(title), u, {}));
  }

  void enter_table(NodeId n) {
    if (w_.flattened() || table_active_) {
      // Inside a heading, a cell or a table caption: the cells become text.
      tables_.push_back(false);
      w_.request_break(kBlankLine);
      w_.begin_flatten();
      return push(n, Role::kFlatten);
    }
    tables_.push_back(true);
    table_active_ = true;
    rows_.clear();
    table_bytes_ = 0;
    w_.request_break(kBlankLine);
    push(n, Role::kTable);
  }

  // A cell just written into cell_, spanning colspan columns: padded with
  // empty cells, or joined to the last column of a row already as wide as a
  // table may be.
  void add_cell(NodeId cell) {
    std::string_view span_attr = doc_.attr(cell, "colspan");
    size_t span = all_digits(span_attr) ? std::stoul(std::string(span_attr)) : 1;
    std::vector<Cell>& row = rows_.back();
    size_t width = row_width(row);
    span = std::min(std::max<size_t>(span, 1), kMaxTableColumns - std::min(width, kMaxTableColumns - 1));
    table_bytes_ += cell_.size() + 4 * span;
    if (width >= kMaxTableColumns) {
      if (!cell_.empty()) {
        std::string& last = row.back().markdown;
        if (!last.empty()) last += ' ';
        last += cell_;
      }
    } else {
      row.push_back({std::move(cell_), span});
    }
    cell_.clear();
  }

  static size_t row_width(const std::vector<Cell>& row) {
    size_t width = 0;
    for (const Cell& c : row) width += c.span;
    return width;
  }

  // The collected rows as a GFM table, the first row as its header (padded
  // to the widest row; renderers fill the others).
  void write_table() {
    table_active_ = false;
    std::vector<std::vector<Cell>> rows;
    size_t columns = 0;
    bool any_text = false;
    for (auto& row : rows_) {
      if (row.empty()) continue;
      columns = std::max(columns, row_width(row));
      for (const Cell& cell : row) any_text = any_text || !cell.markdown.empty();
      rows.push_back(std::move(row));
    }
    rows_.clear();
    table_bytes_ = 0;
    if (!any_text) return;
    w_.request_break(kBlankLine);
    std::string line;
    for (size_t r = 0; r < rows.size() && !over_budget(); ++r) {
      line = "|";
      size_t width = 0;
      for (const Cell& cell : rows[r]) {
        line += ' ';
        line += cell.markdown;
        line += " |";
        for (size_t k = 1; k < cell.span; ++k) line += "  |";
        width += cell.span;
      }
      if (r == 0)
        for (; width < columns; ++width) line += "  |";
      // Trailing empty cells add nothing.
      while (r > 0 && line.size() > 4 && line.compare(line.size() - 3, 3, "  |") == 0 &&
             line.compare(line.size() - 4, 1, "|") == 0)
        line.resize(line.size() - 3);
      w_.table_line(line);
      if (r == 0) {
        line = "|";
        for (size_t c = 0; c < columns; ++c) line += kTableDelimiter;
        w_.table_line(line);
      }
    }
    w_.request_break(kBlankLine);
  }

  const Document& doc_;
  const url::Url* base_;
  const Anchors* anchors_;
  const Notes notes_;
  std::string& out_;
  Writer w_;
  std::vector<Frame> stack_;
  std::vector<ListState> lists_;
  std::vector<bool> tables_;  // per open table: collected as a GFM table (else flattened)
  bool open_[kMarkCount] = {};
  bool table_active_ = false;
  std::vector<std::vector<Cell>> rows_;
  std::string cell_;
  size_t table_bytes_ = 0;  // what the collected rows will take at least
  size_t max_bytes_ = 0;
  bool in_note_ = false;  // writing the footnotes
};

}  // namespace

bool serialize_markdown(const Document& doc, NodeId root, const url::Url* base, size_t max_bytes,
                        std::string& out, const Anchors* anchors) {
  out.clear();
  Converter converter(doc, root, base, anchors, out);
  bool complete = converter.run(root, max_bytes);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  if (!out.empty()) out += '\n';
  return complete && !(max_bytes && out.size() > max_bytes);
}

}  // namespace quietpage
