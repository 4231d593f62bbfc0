#include "guard.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <iterator>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text.h"

namespace quietpage {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The bytes that end a tag's name, an attribute's name or an unquoted value,
// by kind (one lookup a byte in those loops).
enum : uint8_t { kSpaceByte = 1, kSlashByte = 2, kGtByte = 4, kEqualsByte = 8 };
constexpr std::array<uint8_t, 256> kTagBytes = [] {
  std::array<uint8_t, 256> out{};
  for (char c : {' ', '\t', '\n', '\r', '\f'}) out[static_cast<unsigned char>(c)] = kSpaceByte;
  out['/'] = kSlashByte;
  out['>'] = kGtByte;
  out['='] = kEqualsByte;
  return out;
}();
bool ends_at(char c, uint8_t kinds) { return kTagBytes[static_cast<unsigned char>(c)] & kinds; }

// Small sets of tags, as bits.
class TagSet {
 public:
  TagSet(std::initializer_list<GumboTag> tags) {
    for (GumboTag t : tags) bits_[t / 64] |= uint64_t{1} << (t % 64);
  }
  // The tags of both.
  TagSet operator|(const TagSet& other) const {
    TagSet both = *this;
    for (size_t i = 0; i < std::size(bits_); ++i) both.bits_[i] |= other.bits_[i];
    return both;
  }
  bool has(GumboTag t) const { return (bits_[t / 64] >> (t % 64)) & 1; }

 private:
  uint64_t bits_[(GUMBO_TAG_LAST + 64) / 64] = {};
};

// HTML elements without content (never on the stack of open elements).
const TagSet kVoid = {GUMBO_TAG_AREA, GUMBO_TAG_BASE, GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_BR,
                      GUMBO_TAG_COL, GUMBO_TAG_EMBED, GUMBO_TAG_FRAME, GUMBO_TAG_HR, GUMBO_TAG_IMAGE,
                      GUMBO_TAG_IMG, GUMBO_TAG_INPUT, GUMBO_TAG_ISINDEX, GUMBO_TAG_KEYGEN, GUMBO_TAG_LINK,
                      GUMBO_TAG_MENUITEM, GUMBO_TAG_META, GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE,
                      GUMBO_TAG_TRACK, GUMBO_TAG_WBR};
// Elements whose end tag HTML lets a page omit: other start tags close them,
// so they do not count toward the depth.
const TagSet kOptionalEnd = {GUMBO_TAG_LI,    GUMBO_TAG_DD,       GUMBO_TAG_DT,    GUMBO_TAG_P,
                             GUMBO_TAG_OPTION, GUMBO_TAG_OPTGROUP, GUMBO_TAG_TR,    GUMBO_TAG_TD,
                             GUMBO_TAG_TH,    GUMBO_TAG_THEAD,    GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT,
                             GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP, GUMBO_TAG_RB,  GUMBO_TAG_RT,
                             GUMBO_TAG_RTC,   GUMBO_TAG_RP};
// Start tags that close an open <p> in button scope first (gumbo's list).
const TagSet kClosesP = {GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE, GUMBO_TAG_BLOCKQUOTE,
                         GUMBO_TAG_CENTER, GUMBO_TAG_DETAILS, GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL,
                         GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER,
                         GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP, GUMBO_TAG_MENU, GUMBO_TAG_MAIN, GUMBO_TAG_NAV,
                         GUMBO_TAG_OL, GUMBO_TAG_P, GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY, GUMBO_TAG_UL,
                         GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6,
                         GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_FORM, GUMBO_TAG_LI, GUMBO_TAG_DD,
                         GUMBO_TAG_DT, GUMBO_TAG_PLAINTEXT, GUMBO_TAG_TABLE, GUMBO_TAG_HR, GUMBO_TAG_XMP,
                         GUMBO_TAG_ISINDEX};
const TagSet kHeadings = {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6};
// gumbo's special elements, less those <li>, <dd> and <dt> look past
// (address, div, p) or look for (li, dd, dt): where their search stops.
const TagSet kListStops = {
    GUMBO_TAG_APPLET, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,
    GUMBO_TAG_BUTTON, GUMBO_TAG_CAPTION, GUMBO_TAG_CENTER, GUMBO_TAG_COLGROUP, GUMBO_TAG_DETAILS,
    GUMBO_TAG_DIR, GUMBO_TAG_DL, GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
    GUMBO_TAG_FOOTER, GUMBO_TAG_FORM, GUMBO_TAG_FRAMESET, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3,
    GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_HEAD, GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP,
    GUMBO_TAG_HTML, GUMBO_TAG_LISTING, GUMBO_TAG_MARQUEE, GUMBO_TAG_MENU, GUMBO_TAG_NAV,
    GUMBO_TAG_NOSCRIPT, GUMBO_TAG_OBJECT, GUMBO_TAG_OL, GUMBO_TAG_PRE, GUMBO_TAG_SECTION,
    GUMBO_TAG_SELECT, GUMBO_TAG_SUMMARY, GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_TD,
    GUMBO_TAG_TEMPLATE, GUMBO_TAG_TFOOT, GUMBO_TAG_TH, GUMBO_TAG_THEAD, GUMBO_TAG_TR, GUMBO_TAG_UL,
    GUMBO_TAG_MI, GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS, GUMBO_TAG_MTEXT, GUMBO_TAG_ANNOTATION_XML,
    GUMBO_TAG_FOREIGNOBJECT, GUMBO_TAG_DESC};
// Those of them that are special only in MathML or SVG: an HTML element of
// their name is an ordinary one (its end tag is "any other end tag").
const TagSet kForeignOnlySpecial = {GUMBO_TAG_MI, GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS,
                                    GUMBO_TAG_MTEXT, GUMBO_TAG_ANNOTATION_XML, GUMBO_TAG_FOREIGNOBJECT,
                                    GUMBO_TAG_DESC};
// Where "has an element in scope" stops looking (button scope adds button).
const TagSet kScopeBounds = {GUMBO_TAG_APPLET, GUMBO_TAG_CAPTION, GUMBO_TAG_HTML, GUMBO_TAG_TABLE,
                             GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT,
                             GUMBO_TAG_TEMPLATE, GUMBO_TAG_MI, GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS,
                             GUMBO_TAG_MTEXT, GUMBO_TAG_ANNOTATION_XML, GUMBO_TAG_FOREIGNOBJECT,
                             GUMBO_TAG_DESC, GUMBO_TAG_TITLE};
// Markers in the list of active formatting elements.
const TagSet kMarkers = {GUMBO_TAG_APPLET, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT, GUMBO_TAG_TEMPLATE,
                         GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_CAPTION};
// Start tags that leave foreign content (gumbo's list; <font> with color,
// face or size too).
const TagSet kBreakout = {
    GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY, GUMBO_TAG_BR, GUMBO_TAG_CENTER,
    GUMBO_TAG_CODE, GUMBO_TAG_DD, GUMBO_TAG_DIV, GUMBO_TAG_DL, GUMBO_TAG_DT, GUMBO_TAG_EM,
    GUMBO_TAG_EMBED, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5,
    GUMBO_TAG_H6, GUMBO_TAG_HEAD, GUMBO_TAG_HR, GUMBO_TAG_I, GUMBO_TAG_IMG, GUMBO_TAG_LI,
    GUMBO_TAG_LISTING, GUMBO_TAG_MENU, GUMBO_TAG_META, GUMBO_TAG_NOBR, GUMBO_TAG_OL, GUMBO_TAG_P,
    GUMBO_TAG_PRE, GUMBO_TAG_RUBY, GUMBO_TAG_S, GUMBO_TAG_SMALL, GUMBO_TAG_SPAN, GUMBO_TAG_STRONG,
    GUMBO_TAG_STRIKE, GUMBO_TAG_SUB, GUMBO_TAG_SUP, GUMBO_TAG_TABLE, GUMBO_TAG_TT, GUMBO_TAG_U,
    GUMBO_TAG_UL, GUMBO_TAG_VAR};
const TagSet kMathTextPoints = {GUMBO_TAG_MI, GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS, GUMBO_TAG_MTEXT};
// Table parts that close a <select> inside a table.
const TagSet kCloseSelectInTable = {GUMBO_TAG_CAPTION, GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT,
                                    GUMBO_TAG_THEAD, GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH};
// Formatting elements: their end tags run the adoption agency, which the
// guard takes for closing them when in scope.
const TagSet kFormatting = {GUMBO_TAG_A, GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_CODE, GUMBO_TAG_EM,
                            GUMBO_TAG_FONT, GUMBO_TAG_I, GUMBO_TAG_NOBR, GUMBO_TAG_S, GUMBO_TAG_SMALL,
                            GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT, GUMBO_TAG_U};
// End tags that close their element only when it is in scope.
const TagSet kScopedEnd = {GUMBO_TAG_APPLET, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT, GUMBO_TAG_TEMPLATE,
                           GUMBO_TAG_FORM, GUMBO_TAG_MAIN, GUMBO_TAG_BUTTON};
// Start tags that a <template>'s content reads by the head's rules, without
// deciding the template's mode; and those that put it in a table's modes.
const TagSet kTemplateHeadTags = {GUMBO_TAG_BASE,     GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_LINK,
                                  GUMBO_TAG_META,     GUMBO_TAG_NOFRAMES, GUMBO_TAG_SCRIPT,  GUMBO_TAG_STYLE,
                                  GUMBO_TAG_TEMPLATE, GUMBO_TAG_TITLE};
const TagSet kTemplateTableTags = {GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD,
                                   GUMBO_TAG_TFOOT,   GUMBO_TAG_COL,      GUMBO_TAG_TR,    GUMBO_TAG_TD,
                                   GUMBO_TAG_TH};
// The body mode's end tags that gumbo ignores when no element of theirs is
// in scope (list item scope for </li>), and closes nothing else first.
const TagSet kScopedBlockEnd = {
    GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE,  GUMBO_TAG_ASIDE,  GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BUTTON,
    GUMBO_TAG_CENTER,  GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,    GUMBO_TAG_DIV,        GUMBO_TAG_DL,
    GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER,
    GUMBO_TAG_HGROUP,  GUMBO_TAG_LISTING,  GUMBO_TAG_MAIN,   GUMBO_TAG_MENU,       GUMBO_TAG_NAV,
    GUMBO_TAG_OL,      GUMBO_TAG_PRE,      GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY,   GUMBO_TAG_UL,
    GUMBO_TAG_LI,      GUMBO_TAG_DD,       GUMBO_TAG_DT};
// End tags with a rule of their own in gumbo's body mode (these, those
// above and the formatting ones; or in the head's or a select's, left alone
// here too): any other end tag closes the nearest element of its name unless
// a special element is nearer, and is otherwise ignored. A table's end tags
// are such tags outside every <table> and <template> (they have rules in a
// table's modes).
const TagSet kOwnEndTagRule =
    TagSet{GUMBO_TAG_TEMPLATE, GUMBO_TAG_BODY,   GUMBO_TAG_HTML,    GUMBO_TAG_HEAD,    GUMBO_TAG_NOSCRIPT,
           GUMBO_TAG_FORM,     GUMBO_TAG_P,      GUMBO_TAG_H1,      GUMBO_TAG_H2,      GUMBO_TAG_H3,
           GUMBO_TAG_H4,       GUMBO_TAG_H5,     GUMBO_TAG_H6,      GUMBO_TAG_APPLET,  GUMBO_TAG_MARQUEE,
           GUMBO_TAG_OBJECT,   GUMBO_TAG_BR,     GUMBO_TAG_SELECT,  GUMBO_TAG_OPTION,  GUMBO_TAG_OPTGROUP,
           GUMBO_TAG_FRAMESET} |
    kScopedBlockEnd | kFormatting;
const TagSet kTableEndTags = {GUMBO_TAG_TABLE, GUMBO_TAG_CAPTION, GUMBO_TAG_COL,   GUMBO_TAG_COLGROUP, GUMBO_TAG_TBODY,
                              GUMBO_TAG_TD,    GUMBO_TAG_TFOOT,   GUMBO_TAG_TH,    GUMBO_TAG_THEAD,    GUMBO_TAG_TR};
// An end tag gumbo ignores after searching more than this many open
// elements is dropped: an input of many such end tags under deep nesting
// would make gumbo search the whole depth for each (seconds a megabyte).
constexpr long kLongEndTagSearch = 32;
// Table parts: their end tags need them in table scope.
const TagSet kTableParts = {GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT,
                            GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP};
// Start tags after which gumbo takes no <frameset> in the body (its
// frameset-ok flag); non-space text too.
const TagSet kFramesetNotOk = {GUMBO_TAG_BODY, GUMBO_TAG_LI, GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_PRE,
                               GUMBO_TAG_LISTING, GUMBO_TAG_BUTTON, GUMBO_TAG_APPLET, GUMBO_TAG_MARQUEE,
                               GUMBO_TAG_OBJECT, GUMBO_TAG_TABLE, GUMBO_TAG_AREA, GUMBO_TAG_BR, GUMBO_TAG_EMBED,
                               GUMBO_TAG_IMG, GUMBO_TAG_IMAGE, GUMBO_TAG_KEYGEN, GUMBO_TAG_WBR, GUMBO_TAG_INPUT,
                               GUMBO_TAG_HR, GUMBO_TAG_TEXTAREA, GUMBO_TAG_XMP, GUMBO_TAG_IFRAME,
                               GUMBO_TAG_NOEMBED, GUMBO_TAG_SELECT};
// What "generate implied end tags" closes.
const TagSet kImpliedEnd = {GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_LI, GUMBO_TAG_OPTION, GUMBO_TAG_OPTGROUP,
                            GUMBO_TAG_P, GUMBO_TAG_RB, GUMBO_TAG_RP, GUMBO_TAG_RT, GUMBO_TAG_RTC};

// Numeric character references: gumbo 0.10.1 accumulates their value in an
// int, which overflows past ten digits (undefined behaviour; in practice a
// wrapped value, so "&#4294967393;" would read as "a"). A reference with more
// significant digits than U+10FFFF has is above it, and the HTML parser turns
// it into U+FFFD: the guard shortens it to the smallest such value.
constexpr size_t kMaxDecimalDigits = 7;  // 1114111
constexpr size_t kMaxHexDigits = 6;      // 10ffff
constexpr std::string_view kOverDecimal = "1114112";
constexpr std::string_view kOverHex = "110000";

bool is_digit(char c, bool hex) {
  if (c >= '0' && c <= '9') return true;
  return hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

// A type attribute that may decode to "application/ld+json" or "math/tex"
// (the only script text the extraction reads: JSON-LD, and the TeX of
// formulas): it names either or holds a character reference.
bool may_be_json_ld(std::string_view name, std::string_view value) {
  if (name.size() != 4 || !text::istarts_with(name, "type")) return false;
  if (value.find('&') != std::string_view::npos) return true;
  for (size_t i = 0; i + 7 <= value.size(); ++i)
    if (text::istarts_with(value.substr(i), "ld+json") || text::istarts_with(value.substr(i), "math/tex")) return true;
  return false;
}

// A tag name as gumbo compares unknown ones: ASCII case folded.
uint32_t name_hash(std::string_view name) {
  uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(text::lower(c))) * 16777619u;
  return h | 1;  // never 0
}

// In foreign content gumbo closes an element when the whole text of the end
// tag between "</" and ">" equals the element's name as its start tag's text
// gives it, cut at the first C whitespace or '/' (ASCII case ignored): a
// start tag's name as the tokenizer reads it, cut at a vertical tab (the one
// C space the tokenizer keeps in a name). An end tag with more after its
// name ("</d >", "</d x>") closes none.
uint32_t foreign_key(std::string_view start_tag_name) {
  return name_hash(start_tag_name.substr(0, start_tag_name.find('\v')));
}

// A tag after its name, read as the HTML tokenizer's attribute states read
// it: a '>' inside a quoted value does not end the tag, a '=' may start a
// name, a '/' not followed by '>' is skipped. Scanner::scan_tag (which
// counts and edits the attributes) and GuardCheck (which skips the tags
// gumbo ignored inside a text node) both read tags with it.
class AttributeReader {
 public:
  enum Piece : uint8_t {
    kAttribute,    // name() and, when has_value(), value() (quoted() or not)
    kEnd,          // '>' at end()
    kSelfClosing,  // "/>", its '>' at end()
    kUnclosed,     // the input ended inside the tag
  };
  AttributeReader(std::string_view s, size_t at) : s_(s), i_(at) {}

  Piece next() {
    const size_t n = s_.size();
    for (;;) {
      while (i_ < n && is_space(s_[i_])) ++i_;
      if (i_ >= n) return kUnclosed;
      if (s_[i_] == '>') {
        end_ = i_++;
        return kEnd;
      }
      if (s_[i_] != '/') break;
      if (++i_ < n && s_[i_] == '>') {
        end_ = i_++;
        return kSelfClosing;
      }
    }
    // A name: its first character may be anything, '=' included.
    name_start_ = i_++;
    while (i_ < n && !ends_at(s_[i_], kSpaceByte | kSlashByte | kGtByte | kEqualsByte)) ++i_;
    name_ = s_.substr(name_start_, i_ - name_start_);
    has_value_ = quoted_ = false;
    value_ = {};
    size_t q = i_;
    while (q < n && is_space(s_[q])) ++q;
    if (q >= n || s_[q] != '=') return kAttribute;  // no value (i_ stays: white space ends the name)
    i_ = q + 1;
    while (i_ < n && is_space(s_[i_])) ++i_;
    if (i_ >= n) return kUnclosed;
    value_start_ = i_;
    if (s_[i_] == '"' || s_[i_] == '\'') {
      const size_t close = s_.find(s_[i_], i_ + 1);
      if (close == std::string_view::npos) return kUnclosed;
      value_ = s_.substr(i_ + 1, close - i_ - 1);
      has_value_ = quoted_ = true;
      i_ = close + 1;
    } else if (s_[i_] != '>') {
      while (i_ < n && !ends_at(s_[i_], kSpaceByte | kGtByte)) ++i_;
      value_ = s_.substr(value_start_, i_ - value_start_);
      has_value_ = true;
    }
    return kAttribute;
  }

  std::string_view name() const { return name_; }
  size_t name_start() const { return name_start_; }
  bool has_value() const { return has_value_; }
  bool quoted() const { return quoted_; }
  std::string_view value() const { return value_; }
  size_t value_start() const { return value_start_; }  // of an unquoted value
  size_t value_end() const { return i_; }
  size_t end() const { return end_; }

 private:
  std::string_view s_;
  size_t i_;
  size_t name_start_ = 0, value_start_ = 0, end_ = 0;
  std::string_view name_, value_;
  bool has_value_ = false, quoted_ = false;
};

// What scan_tag() read after a tag's name.
struct TagScan {
  bool closed = false;        // ended by '>' (at the end of the input, gumbo drops the tag)
  bool self_closing = false;  // "/>"
  size_t end = 0;             // position of the '>' (or the end of the input)
  size_t cut_from = 0;        // start of the first attribute past the limit (0: none)
  bool json_ld_type = false;  // see may_be_json_ld
  bool font_breakout = false; // color, face or size: a <font> that leaves foreign content
  bool html_encoding = false; // encoding="text/html" or "application/xhtml+xml"
  bool hidden_input = false;  // type=hidden: an <input> that leaves frames possible
  // Unquoted values starting with '&' (see quote_values), before cut_from.
  std::vector<std::pair<size_t, size_t>> to_quote;
};

// What a start tag did, as far as the tokenizer is concerned.
enum class Opened : uint8_t {
  kNothing,    // ignored, or an element without content
  kElement,    // an element on the stack of open elements
  kRawText,    // text up to "</name": style, xmp, iframe, noembed, noframes
  kRcdata,     // the same, references decoded: title, textarea
  kScript,     // script data, with its escaped states
  kPlaintext,  // the rest of the input is text
};

class Scanner {
 public:
  Scanner(std::string_view html, const GuardLimits& limits, std::string& out, const std::vector<size_t>& keep,
          const std::vector<size_t>& deep)
      : s_(html),
        limits_(limits),
        out_(out),
        keep_(keep),
        deep_(deep),
        by_tag_(GUMBO_TAG_LAST + 1),
        html_by_tag_(GUMBO_TAG_LAST + 1) {}

  GuardResult run() {
    // Over-long references are shortened wherever they are: the parser
    // decodes them in text, RCDATA and attribute values, and GuardCheck
    // finds the ones that were elsewhere.
    next_reference_ = next_overlong(0);
    if (next_reference_ < s_.size() || ends_in_named_reference(s_)) start_rewriting();
    const size_t n = s_.size();
    while (i_ < n) {
      size_t lt = s_.find('<', i_);
      data_text(i_, lt == std::string_view::npos ? n : lt);
      if (lt == std::string_view::npos || lt + 1 >= n) break;
      i_ = lt + 1;
      char c = s_[i_];
      if (c == '!') {
        markup_declaration();
      } else if (c == '?') {
        skip_past('>');  // a bogus comment
      } else if (c == '/') {
        if (i_ + 1 < n && text::is_ascii_alpha(s_[i_ + 1])) {
          end_tag(lt);
        } else if (i_ + 1 < n && s_[i_ + 1] == '>') {
          i_ += 2;  // "</>" is ignored
        } else {
          skip_past('>');  // "</" and anything else: a bogus comment
        }
      } else if (text::is_ascii_alpha(c)) {
        if (!start_tag(lt)) break;
      } else {
        data_text(lt, i_);  // a '<' that opens nothing is a character
      }
      if (result_.too_many_elements) break;
      if (limits_.deadline && limits_.deadline->tick()) {
        result_.timed_out = true;
        break;
      }
    }
    if (result_.rewritten) copy_to(n);
    return result_;
  }

 private:
  struct Open {
    GumboTag tag;
    GumboNamespaceEnum ns;
    bool counted;           // toward the depth
    bool html_integration;  // <svg> foreignObject, desc, title; MathML annotation-xml as HTML
    uint32_t name;          // name_hash of an unknown tag, else 0
    bool gone = false;      // taken off gumbo's stack from the middle (kept here, in no search)
    // A <select> read in gumbo's "select in table" mode (table_select_mode()).
    bool select_in_table = false;
    // A <template> whose content opened with an element other than a table
    // part (gumbo reads the rest of it in body mode; table_part_context()).
    bool template_body = false;
    // A <template> whose first element has decided its mode.
    bool template_decided = false;
    // A <template> whose content opened with a <col>: gumbo reads it in the
    // column group mode, which ignores every start tag but <col> and
    // <template> while the <template> is current.
    bool template_columns = false;
    // A foreign element's name as gumbo compares it with end tags
    // (foreign_key()), hashed.
    uint32_t key = 0;
  };

  bool kept(size_t source) const { return std::binary_search(keep_.begin(), keep_.end(), source); }

  // Text in the data state: any but white space rules frames out.
  void data_text(size_t from, size_t to) {
    if (!frameset_ok_ || frameset_) return;
    for (size_t p = from; p < to; ++p)
      if (!is_space(s_[p])) {
        frameset_ok_ = false;
        return;
      }
  }

  void skip_past(char c) {
    size_t end = s_.find(c, i_);
    i_ = end == std::string_view::npos ? s_.size() : end + 1;
  }

  // ---- The rewritten input.

  void start_rewriting() {
    if (result_.rewritten) return;
    out_.reserve(s_.size());
    result_.rewritten = true;
  }

  // The next over-long numeric reference at or after `from` that is not
  // kept: where its digits start (or npos).
  size_t next_overlong(size_t from) {
    for (size_t amp = s_.find("&#", from); amp != std::string_view::npos; amp = s_.find("&#", amp + 2)) {
      size_t q = amp + 2;
      const bool hex = q < s_.size() && (s_[q] == 'x' || s_[q] == 'X');
      if (hex) ++q;
      const size_t digits = q;
      while (q < s_.size() && s_[q] == '0') ++q;
      const size_t significant = q;
      while (q < s_.size() && is_digit(s_[q], hex)) ++q;
      if (q - significant > (hex ? kMaxHexDigits : kMaxDecimalDigits) && !kept(digits)) return digits;
    }
    return std::string_view::npos;
  }

  // Copies the input up to `p` into the rewritten input, shortening the
  // over-long references on the way (they never straddle `p`: the guard
  // copies up to a '<', a '>' or an attribute's name).
  void copy_to(size_t p) {
    while (next_reference_ < p) {
      const size_t digits = next_reference_;
      const bool hex = s_[digits - 1] == 'x' || s_[digits - 1] == 'X';
      size_t end = digits;
      while (end < s_.size() && is_digit(s_[end], hex)) ++end;
      out_.append(s_.data() + copied_, digits - copied_);
      result_.edits.push_back({GuardEdit::kReference, digits, out_.size()});
      out_ += hex ? kOverHex : kOverDecimal;
      copied_ = end;
      next_reference_ = next_overlong(end);
    }
    if (p > copied_) out_.append(s_.data() + copied_, p - copied_);
    copied_ = std::max(copied_, p);
  }

  // Where position `p` (not yet copied) lands in the rewritten input.
  size_t out_pos(size_t p) {
    if (!result_.rewritten) return p;
    copy_to(p);
    return out_.size();
  }

  // Leaves [from, to) out of the rewritten input, as edit `kind`. Where a
  // tag goes and the text before it could join the text after it into markup
  // or a reference ("<" and "script>" into a start tag, "&#21474" and
  // "83695" into a number too long for gumbo's int), a space stands in its
  // place.
  void drop(size_t from, size_t to, GuardEdit::Kind kind) {
    start_rewriting();
    copy_to(from);
    result_.edits.push_back({kind, from, out_.size()});
    const bool tag = kind == GuardEdit::kDroppedTag || kind == GuardEdit::kDroppedEndTag;
    if (tag && to < s_.size() && would_join(out_, s_[to])) out_ += ' ';
    copied_ = to;
    if (next_reference_ < to) next_reference_ = next_overlong(to);
  }
  // Whether text ending as `text` and going on with `next` would read as
  // markup or a longer character reference than the two parts alone: a '<'
  // then a tag's or a declaration's start, or '&' and what could still be
  // part of a reference then more of it.
  static bool would_join(std::string_view text, char next) {
    const auto in_reference = [](char c) { return text::is_ascii_alpha(c) || is_digit(c, false) || c == '#'; };
    if (!text.empty() && text.back() == '<')
      return text::is_ascii_alpha(next) || next == '!' || next == '/' || next == '?';
    size_t p = text.size();
    while (p > 0 && in_reference(text[p - 1])) --p;
    return p > 0 && text[p - 1] == '&' && (in_reference(next) || next == ';');
  }

  // ---- Markup the tokenizer reads the same in every state it is in here.

  // At '!' after '<': a comment, CDATA (in foreign content) or a doctype or
  // bogus comment, which all end at the first '>'.
  void markup_declaration() {
    if (s_.compare(i_, 3, "!--") == 0) {
      comment();
    } else if (in_foreign() && s_.compare(i_, 8, "![CDATA[") == 0) {
      size_t end = s_.find("]]>", i_ + 8);
      if (end != i_ + 8) frameset_ok_ = false;  // its characters rule frames out
      i_ = end == std::string_view::npos ? s_.size() : end + 3;
    } else {
      skip_past('>');
    }
  }

  // At "!--": the comment ends at "-->" or "--!>", or at once as "<!-->" or
  // "<!--->".
  void comment() {
    const size_t n = s_.size();
    size_t p = i_ + 3;
    const size_t abrupt = p < n && s_[p] == '-' ? p + 1 : p;
    if (abrupt < n && s_[abrupt] == '>') {
      i_ = abrupt + 1;
      return;
    }
    for (;;) {
      size_t dashes = s_.find("--", p);
      if (dashes == std::string_view::npos) {
        i_ = n;
        return;
      }
      size_t q = dashes + 2;
      while (q < n && s_[q] == '-') ++q;  // "--->" ends it too
      if (q < n && s_[q] == '>') {
        i_ = q + 1;
        return;
      }
      if (q + 1 < n && s_[q] == '!' && s_[q + 1] == '>') {
        i_ = q + 2;
        return;
      }
      p = q;
    }
  }

  GumboTag read_name(size_t& name_start, size_t& name_len) {
    name_start = i_;
    while (i_ < s_.size() && !ends_at(s_[i_], kSpaceByte | kSlashByte | kGtByte)) ++i_;
    name_len = i_ - name_start;
    return tag_of(name_start, name_len);
  }

  // gumbo_tagn_enum() of the name at [start, start + length), remembered by
  // its bytes: a page repeats a few names. (A slot per length and last byte.)
  GumboTag tag_of(size_t start, size_t length) {
    if (length == 0 || length > kMaxRememberedName)
      return gumbo_tagn_enum(s_.data() + start, static_cast<unsigned>(length));
    NameSeen& seen = names_seen_[(length * 8 + static_cast<unsigned char>(s_[start + length - 1])) % kNameSlots];
    if (seen.length == length && s_.compare(seen.start, length, s_.substr(start, length)) == 0) return seen.tag;
    seen = {start, length, gumbo_tagn_enum(s_.data() + start, static_cast<unsigned>(length))};
    return seen.tag;
  }

  // The rest of a tag after its name (AttributeReader); i_ ends past the
  // '>'. End tags' attributes count toward the limit like start tags'.
  TagScan scan_tag(bool start, GumboTag tag) {
    TagScan t;
    // The attributes that matter to where the tag goes.
    const bool font = start && tag == GUMBO_TAG_FONT;
    const bool annotation = start && tag == GUMBO_TAG_ANNOTATION_XML;
    const bool script = start && tag == GUMBO_TAG_SCRIPT;
    const bool input = start && tag == GUMBO_TAG_INPUT;
    AttributeReader reader(s_, i_);
    uint32_t attributes = 0;
    for (;;) {
      const AttributeReader::Piece piece = reader.next();
      if (piece == AttributeReader::kUnclosed) {
        i_ = t.end = s_.size();
        return t;
      }
      if (piece != AttributeReader::kAttribute) {
        t.closed = true;
        t.self_closing = piece == AttributeReader::kSelfClosing;
        t.end = reader.end();
        i_ = t.end + 1;
        return t;
      }
      if (limits_.max_attributes && attributes == limits_.max_attributes && !t.cut_from &&
          !kept(reader.name_start()))
        t.cut_from = reader.name_start();
      ++attributes;
      const std::string_view name = reader.name(), value = reader.value();
      if (font && !t.cut_from &&
          (text::iequals(name, "color") || text::iequals(name, "face") || text::iequals(name, "size")))
        t.font_breakout = true;
      if (!reader.has_value()) continue;
      if (!reader.quoted() && value[0] == '&' && value.find('"') == std::string_view::npos && !t.cut_from &&
          !kept(reader.value_start()))
        t.to_quote.emplace_back(reader.value_start(), reader.value_end());
      if (t.cut_from) continue;
      if (script && may_be_json_ld(name, value)) t.json_ld_type = true;
      if (input && text::iequals(name, "type")) t.hidden_input = text::iequals(value, "hidden");
      if (annotation && text::iequals(name, "encoding") &&
          (text::iequals(value, "text/html") || text::iequals(value, "application/xhtml+xml")))
        t.html_encoding = true;
    }
  }

  // ---- The stack of open elements, as gumbo's tree builder keeps it (and
  // never deeper): each element's position is indexed by tag, and so are
  // the positions where scopes and list searches stop.

  static long top_of(const std::vector<uint32_t>& v) { return v.empty() ? -1L : static_cast<long>(v.back()); }
  long nearest(GumboTag tag) const { return top_of(by_tag_[tag]); }
  long nearest_named(uint32_t name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? -1L : top_of(it->second);
  }
  const Open* current() const { return stack_.empty() ? nullptr : &stack_.back(); }

  // Whether an HTML element of this tag is in scope (button scope: <button> too).
  bool in_scope(GumboTag tag, bool button = false) const {
    long at = nearest_html(tag, top_of(scopes_));
    return at >= 0 && (!button || at > nearest_html(GUMBO_TAG_BUTTON, -1));
  }
  // Whether gumbo is in one of the table insertion modes (in a table, its
  // body, a row, a caption or a column group, not in a cell), whatever has
  // been foster-parented out of the table since: the nearest table part is
  // no cell and no template is nearer.
  bool in_table_mode() const {
    const long part = nearest_table_part();
    return part >= 0 && part > std::max({nearest_cell(), nearest_html(GUMBO_TAG_TEMPLATE, -1)});
  }
  // The nearest open table part other than a cell (a <table> too), and the nearest cell; -1 for none.
  long nearest_table_part() const {
    return std::max({nearest(GUMBO_TAG_TABLE), nearest_html(GUMBO_TAG_TBODY, -1), nearest_html(GUMBO_TAG_THEAD, -1),
                     nearest_html(GUMBO_TAG_TFOOT, -1), nearest_html(GUMBO_TAG_TR, -1),
                     nearest_html(GUMBO_TAG_CAPTION, -1), nearest_html(GUMBO_TAG_COLGROUP, -1)});
  }
  long nearest_cell() const { return std::max(nearest_html(GUMBO_TAG_TD, -1), nearest_html(GUMBO_TAG_TH, -1)); }
  // The mode a <select> puts gumbo in: "select in table" when it opens in a
  // table's modes — in a table, its body, a row, a caption or a cell, which
  // the nearest table part (a cell too) nearer than any <template> says,
  // whether or not a <table> holds them (a <template> may hold a bare <td>) —
  // and "select" elsewhere. Only table parts close a select in the first.
  bool table_select_mode() const {
    const long part = std::max(nearest_table_part(), nearest_cell());
    return part >= 0 && part > nearest_html(GUMBO_TAG_TEMPLATE, -1);
  }
  // Where a table part opens: in the nearest <table> or <template>; -1 (the
  // part is ignored) for none, or for a <template> that gumbo reads in body
  // mode with no table part open in it.
  long table_part_context() const {
    const long table = nearest(GUMBO_TAG_TABLE), in_template = nearest_html(GUMBO_TAG_TEMPLATE, -1);
    if (in_template > table && stack_[in_template].template_body) return -1;
    return std::max(table, in_template);
  }
  // Whether an HTML element of this tag is in table scope (no <table> or
  // <template> nearer).
  bool in_table_scope(GumboTag tag) const {
    const long at = nearest_html(tag, -1);
    return at >= 0 && at > std::max(nearest_html(GUMBO_TAG_TEMPLATE, -1),
                                     tag == GUMBO_TAG_TABLE ? -1L : nearest_html(GUMBO_TAG_TABLE, -1));
  }
  // Whether the open <select> (in_select()) is read in "select in table" mode.
  bool select_in_table() const { return stack_[nearest(GUMBO_TAG_SELECT)].select_in_table; }
  bool in_select() const {
    long select = nearest(GUMBO_TAG_SELECT);
    return select >= 0 && stack_[select].ns == GUMBO_NAMESPACE_HTML && select > nearest_html(GUMBO_TAG_TEMPLATE, -1);
  }
  // Whether the current node is in foreign content (CDATA sections, no raw text).
  bool in_foreign() const { return current() && current()->ns != GUMBO_NAMESPACE_HTML; }

  void push(GumboTag tag, GumboNamespaceEnum ns, uint32_t name, bool html_integration, bool counted) {
    const uint32_t at = static_cast<uint32_t>(stack_.size());
    stack_.push_back({tag, ns, counted, html_integration, name, false});
    if (ns != GUMBO_NAMESPACE_HTML) {
      stack_.back().key = start_key_;
      by_key_[start_key_].push_back(at);
    }
    by_tag_[tag].push_back(at);
    if (ns == GUMBO_NAMESPACE_HTML) html_by_tag_[tag].push_back(at);
    if (tag == GUMBO_TAG_UNKNOWN) by_name_[name].push_back(at);
    // Sets of HTML elements hold only HTML ones; of the foreign ones, those
    // of their own namespace (an <svg> <td> is no table cell).
    const bool own_ns = kMathTextPoints.has(tag) || tag == GUMBO_TAG_ANNOTATION_XML
                            ? ns == GUMBO_NAMESPACE_MATHML
                            : tag == GUMBO_TAG_FOREIGNOBJECT || tag == GUMBO_TAG_DESC || tag == GUMBO_TAG_TITLE
                                  ? ns == GUMBO_NAMESPACE_SVG
                                  : ns == GUMBO_NAMESPACE_HTML;
    if (own_ns && kListStops.has(tag)) stops_.push_back(at);
    if (own_ns && kScopeBounds.has(tag)) scopes_.push_back(at);
    if (own_ns && kMarkers.has(tag)) markers_.push_back(at);
    if (ns == GUMBO_NAMESPACE_HTML) html_.push_back(at);
    if (counted) ++depth_;
  }
  // Pops the elements at `size` and above.
  void truncate(long size) {
    if (size < 0) return;
    while (static_cast<long>(stack_.size()) > size) {
      const Open& o = stack_.back();
      by_tag_[o.tag].pop_back();
      if (o.ns == GUMBO_NAMESPACE_HTML) html_by_tag_[o.tag].pop_back();
      if (o.tag == GUMBO_TAG_UNKNOWN) by_name_[o.name].pop_back();
      if (o.ns != GUMBO_NAMESPACE_HTML) by_key_[o.key].pop_back();
      const uint32_t at = static_cast<uint32_t>(stack_.size() - 1);
      if (!stops_.empty() && stops_.back() == at) stops_.pop_back();
      if (!scopes_.empty() && scopes_.back() == at) scopes_.pop_back();
      if (!markers_.empty() && markers_.back() == at) markers_.pop_back();
      if (!html_.empty() && html_.back() == at) html_.pop_back();
      if (o.counted) --depth_;
      stack_.pop_back();
    }
  }
  void close_p() {
    if (in_scope(GUMBO_TAG_P, true)) truncate(nearest_html(GUMBO_TAG_P, -1));
  }
  // <li> closes the <li> open before it, <dd>/<dt> a <dd> or <dt>, unless a
  // special element other than address, div or p stands between.
  void close_list_item(bool li) {
    long item = li ? nearest(GUMBO_TAG_LI) : std::max(nearest(GUMBO_TAG_DD), nearest(GUMBO_TAG_DT));
    long stop = std::max(top_of(stops_), li ? std::max(nearest(GUMBO_TAG_DD), nearest(GUMBO_TAG_DT))
                                            : nearest(GUMBO_TAG_LI));
    if (item > stop) truncate(item);
  }

  // Where a start tag's token goes in gumbo's tree construction: what it
  // does to the stack, and what it makes of the text after it.
  Opened open_element(GumboTag tag, uint32_t name, const TagScan& t) {
    breaking_out_ = false;
    for (;;) {
      const Open* node = current();
      bool html = !node || node->ns == GUMBO_NAMESPACE_HTML || node->html_integration ||
                  (node->ns == GUMBO_NAMESPACE_MATHML && kMathTextPoints.has(node->tag) &&
                   tag != GUMBO_TAG_MGLYPH && tag != GUMBO_TAG_MALIGNMARK) ||
                  (node->tag == GUMBO_TAG_ANNOTATION_XML && tag == GUMBO_TAG_SVG);
      if (html) {
        const Opened opened = open_html(tag, name, t);
        breaking_out_ = false;
        return opened;
      }
      // Foreign content: a breakout tag closes it and is read again.
      if (kBreakout.has(tag) || (tag == GUMBO_TAG_FONT && t.font_breakout)) {
        while (current() && current()->ns != GUMBO_NAMESPACE_HTML && !current()->html_integration &&
               !(current()->ns == GUMBO_NAMESPACE_MATHML && kMathTextPoints.has(current()->tag)))
          truncate(static_cast<long>(stack_.size()) - 1);
        breaking_out_ = true;
        continue;
      }
      if (t.self_closing) return Opened::kNothing;
      const GumboNamespaceEnum ns = node->ns;
      bool integration = (ns == GUMBO_NAMESPACE_SVG && (tag == GUMBO_TAG_FOREIGNOBJECT || tag == GUMBO_TAG_DESC ||
                                                        tag == GUMBO_TAG_TITLE)) ||
                         (ns == GUMBO_NAMESPACE_MATHML && tag == GUMBO_TAG_ANNOTATION_XML && t.html_encoding);
      return element(tag, ns, name, integration);
    }
  }

  // An element to push, unless the depth limit drops it (kNothing).
  Opened element(GumboTag tag, GumboNamespaceEnum ns, uint32_t name, bool integration) {
    bool counted = ns != GUMBO_NAMESPACE_HTML || !kOptionalEnd.has(tag);
    if (counted && limits_.max_depth && depth_ >= limits_.max_depth) {
      // Unless an earlier pass found gumbo's stack shallower here: then the
      // estimate is too high by this level at least. And never a tag that
      // breaks out of foreign content: without it gumbo would stay in the
      // content the guard has left, and read what follows another way (a NUL,
      // a <style>, CDATA); it stands where the foreign element it closed
      // stood (one the guard counted, or one an earlier pass opened here).
      if (!breaking_out_ && !std::binary_search(deep_.begin(), deep_.end(), tag_source_)) {
        too_deep_ = true;
        return Opened::kNothing;
      }
      counted = false;
    }
    push(tag, ns, name, integration, counted);
    return Opened::kElement;
  }

  Opened open_html(GumboTag tag, uint32_t name, const TagScan& t) {
    if (frameset_) {
      // In (and after) a frameset gumbo takes frames and nested framesets,
      // reads <noframes> as raw text and ignores everything else.
      if (tag == GUMBO_TAG_FRAMESET) return element(tag, GUMBO_NAMESPACE_HTML, name, false);
      return tag == GUMBO_TAG_NOFRAMES ? Opened::kRawText : Opened::kNothing;
    }
    if (kFramesetNotOk.has(tag) && !(tag == GUMBO_TAG_INPUT && t.hidden_input)) frameset_ok_ = false;
    // The first element in a <template> (other than one the head's rules
    // read) sets how gumbo reads the rest of its content, for good: a table
    // part its table's modes (a <col> the column group mode), anything else
    // body mode.
    if (current() && current()->tag == GUMBO_TAG_TEMPLATE && current()->ns == GUMBO_NAMESPACE_HTML) {
      Open& content = stack_.back();
      if (!content.template_decided && !kTemplateHeadTags.has(tag)) {
        content.template_decided = true;
        content.template_body = !kTemplateTableTags.has(tag);
        content.template_columns = tag == GUMBO_TAG_COL;
      } else if (content.template_columns && tag != GUMBO_TAG_COL && tag != GUMBO_TAG_TEMPLATE) {
        return Opened::kNothing;  // ignored (no raw text, no element)
      }
    }
    if (in_select()) {
      switch (tag) {
        case GUMBO_TAG_OPTION:
          if (current()->tag == GUMBO_TAG_OPTION) truncate(static_cast<long>(stack_.size()) - 1);
          return element(tag, GUMBO_NAMESPACE_HTML, name, false);
        case GUMBO_TAG_OPTGROUP:
          if (current()->tag == GUMBO_TAG_OPTION) truncate(static_cast<long>(stack_.size()) - 1);
          if (current()->tag == GUMBO_TAG_OPTGROUP) truncate(static_cast<long>(stack_.size()) - 1);
          return element(tag, GUMBO_NAMESPACE_HTML, name, false);
        case GUMBO_TAG_SELECT:
          truncate(nearest(GUMBO_TAG_SELECT));
          return Opened::kNothing;
        case GUMBO_TAG_INPUT: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_TEXTAREA:
          truncate(nearest(GUMBO_TAG_SELECT));
          return open_html(tag, name, t);
        case GUMBO_TAG_SCRIPT:
          return Opened::kScript;
        case GUMBO_TAG_TEMPLATE:
          return element(tag, GUMBO_NAMESPACE_HTML, name, false);
        default:
          if (kCloseSelectInTable.has(tag) && select_in_table()) {
            truncate(nearest(GUMBO_TAG_SELECT));
            return open_html(tag, name, t);
          }
          return Opened::kNothing;  // <select> ignores everything else
      }
    }
    if (kVoid.has(tag)) {
      if (tag == GUMBO_TAG_HR || tag == GUMBO_TAG_ISINDEX) close_p();
      return Opened::kNothing;
    }
    switch (tag) {
      case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY:
        return Opened::kNothing;  // the document's frame: at most three levels, not counted
      case GUMBO_TAG_FRAMESET:
        // Taken before the body, or in it while nothing has ruled frames out;
        // never in a <template> (gumbo ignores it there).
        if (!frameset_ok_ || nearest_html(GUMBO_TAG_TEMPLATE, -1) >= 0) return Opened::kNothing;
        truncate(0);
        frameset_ = true;
        return element(tag, GUMBO_NAMESPACE_HTML, name, false);
      case GUMBO_TAG_SCRIPT:
        return Opened::kScript;
      case GUMBO_TAG_XMP:
        close_p();
        return Opened::kRawText;
      case GUMBO_TAG_STYLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
        return Opened::kRawText;
      case GUMBO_TAG_TITLE: case GUMBO_TAG_TEXTAREA:
        return Opened::kRcdata;
      case GUMBO_TAG_PLAINTEXT:
        close_p();
        return Opened::kPlaintext;
      case GUMBO_TAG_SELECT: {
        const bool table_mode = table_select_mode();
        const Opened opened = element(tag, GUMBO_NAMESPACE_HTML, name, false);
        if (opened == Opened::kElement) stack_.back().select_in_table = table_mode;
        return opened;
      }
      case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
        if (t.self_closing) return Opened::kNothing;
        return element(tag, tag == GUMBO_TAG_SVG ? GUMBO_NAMESPACE_SVG : GUMBO_NAMESPACE_MATHML, name, false);
      case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
        close_list_item(tag == GUMBO_TAG_LI);
        close_p();
        break;
      case GUMBO_TAG_FORM:
        if (nearest(GUMBO_TAG_FORM) >= 0 || in_table_mode())
          return Opened::kNothing;  // a form in a form is ignored; one in a table is closed at once
        close_p();
        break;
      case GUMBO_TAG_BUTTON:
        if (in_scope(GUMBO_TAG_BUTTON)) truncate(nearest_html(GUMBO_TAG_BUTTON, -1));
        break;
      case GUMBO_TAG_A: {
        // An open <a> (since the last marker) is closed first if in scope;
        // otherwise gumbo takes it off the stack alone, which the guard
        // notes by no longer counting it.
        long a = nearest_html(GUMBO_TAG_A, top_of(markers_));
        if (a > top_of(scopes_)) {
          note_adoption(a);
          truncate(a);
        } else if (a >= 0) {
          Open& gone = stack_[a];
          gone.gone = true;
          if (gone.counted) --depth_;
          gone.counted = false;
        }
        break;
      }
      case GUMBO_TAG_NOBR:
        if (in_scope(GUMBO_TAG_NOBR)) {
          note_adoption(nearest(GUMBO_TAG_NOBR));
          truncate(nearest(GUMBO_TAG_NOBR));
        }
        break;
      case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
        if (current() && current()->tag == GUMBO_TAG_OPTION && current()->ns == GUMBO_NAMESPACE_HTML)
          truncate(static_cast<long>(stack_.size()) - 1);
        break;
      case GUMBO_TAG_RB: case GUMBO_TAG_RP: case GUMBO_TAG_RT: case GUMBO_TAG_RTC:
        if (in_scope(GUMBO_TAG_RUBY))
          while (current() && kImpliedEnd.has(current()->tag)) truncate(static_cast<long>(stack_.size()) - 1);
        break;
      case GUMBO_TAG_TABLE:
        // A table right in a table (not in a cell) closes it, whatever was
        // foster-parented out of it since.
        if (in_table_mode()) truncate(nearest(GUMBO_TAG_TABLE));
        close_p();
        break;
      // Table parts close the open ones they cannot be in, up to the table
      // (or a <template>, where they may stand alone); elsewhere, ignored
      // (table_part_context()).
      case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
      case GUMBO_TAG_TFOOT: {
        const long context = table_part_context();
        if (context < 0) return Opened::kNothing;
        truncate(context + 1);
        break;
      }
      case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: {
        const long context = table_part_context();
        if (context < 0) return Opened::kNothing;
        long section = std::max({context, nearest_html(GUMBO_TAG_TBODY, -1), nearest_html(GUMBO_TAG_THEAD, -1),
                                 nearest_html(GUMBO_TAG_TFOOT, -1)});
        long row = nearest_html(GUMBO_TAG_TR, -1);
        truncate((tag != GUMBO_TAG_TR && row > section ? row : section) + 1);
        break;
      }
      default:
        if (kClosesP.has(tag)) close_p();
        if (kHeadings.has(tag) && current() && kHeadings.has(current()->tag))
          truncate(static_cast<long>(stack_.size()) - 1);
        break;
    }
    return element(tag, GUMBO_NAMESPACE_HTML, name, false);
  }

  // The nearest open HTML element of this tag above `floor`, or -1.
  long nearest_html(GumboTag tag, long floor) const {
    const std::vector<uint32_t>* at = &html_by_tag_[tag];
    for (auto k = at->rbegin(); k != at->rend() && static_cast<long>(*k) > floor; ++k)
      if (!stack_[*k].gone) return static_cast<long>(*k);
    return -1;
  }
  // The adoption agency closing the formatting element at `at`: with a
  // special element above it, gumbo keeps that element open (and what is
  // above it) where the guard closes everything from `at` up; from then on
  // the guard's stack may lack elements gumbo has open, and it no longer
  // drops end tags as ignored.
  void note_adoption(long at) {
    if (nearest_special() > at) adopted_across_special_ = true;
  }
  // The nearest special element, where an end tag's search stops.
  long nearest_special() const {
    return std::max({top_of(stops_), nearest_html(GUMBO_TAG_ADDRESS, -1), nearest_html(GUMBO_TAG_DIV, -1),
                     nearest_html(GUMBO_TAG_P, -1), nearest_html(GUMBO_TAG_LI, -1), nearest_html(GUMBO_TAG_DD, -1),
                     nearest_html(GUMBO_TAG_DT, -1)});
  }

  // Pops what an end tag closes, as gumbo does: in foreign content the
  // nearest of the foreign elements on top whose foreign_key() the end tag's
  // text matches (`end_key`: the hash of its name when the tag holds its
  // name alone, else 0: "</d >" closes no foreign <d>), or else what the rules
  // for HTML close: the element if it is in scope (or, for other tags,
  // found before a special element). Never more where that would put the
  // guard in foreign content gumbo has left. False when no element of that
  // tag is open at all.
  bool close_element(GumboTag tag, uint32_t name, uint32_t end_key) {
    if (frameset_) {
      if (tag == GUMBO_TAG_FRAMESET && current() && current()->tag == GUMBO_TAG_FRAMESET)
        truncate(static_cast<long>(stack_.size()) - 1);
      return true;
    }
    const bool known = tag == GUMBO_TAG_UNKNOWN ? nearest_named(name) >= 0 : nearest(tag) >= 0;
    // Foreign content: the nearest of the foreign elements above the last
    // HTML one (gumbo searches them from the current node down).
    if (end_key) {
      const auto it = by_key_.find(end_key);
      const long same = it == by_key_.end() ? -1L : top_of(it->second);
      if (same > top_of(html_)) {
        truncate(same);
        return true;
      }
    }
    if (in_select()) {
      switch (tag) {
        case GUMBO_TAG_OPTION:
          if (current()->tag == GUMBO_TAG_OPTION) truncate(static_cast<long>(stack_.size()) - 1);
          return true;
        case GUMBO_TAG_OPTGROUP:
          if (current()->tag == GUMBO_TAG_OPTION && stack_.size() >= 2 &&
              stack_[stack_.size() - 2].tag == GUMBO_TAG_OPTGROUP)
            truncate(static_cast<long>(stack_.size()) - 1);
          if (current()->tag == GUMBO_TAG_OPTGROUP) truncate(static_cast<long>(stack_.size()) - 1);
          return true;
        case GUMBO_TAG_SELECT:
          truncate(nearest(GUMBO_TAG_SELECT));
          return true;
        case GUMBO_TAG_TEMPLATE:
          break;
        default:
          if (kCloseSelectInTable.has(tag) && select_in_table() && in_table_scope(tag)) {
            truncate(nearest(GUMBO_TAG_SELECT));
            break;
          }
          return true;  // ignored in <select>
      }
    }
    switch (tag) {
      case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_BR:
        return true;
      case GUMBO_TAG_P:
        close_p();
        return true;
      case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
      case GUMBO_TAG_H6: {
        long heading = std::max({nearest_html(GUMBO_TAG_H1, -1), nearest_html(GUMBO_TAG_H2, -1),
                                 nearest_html(GUMBO_TAG_H3, -1), nearest_html(GUMBO_TAG_H4, -1),
                                 nearest_html(GUMBO_TAG_H5, -1), nearest_html(GUMBO_TAG_H6, -1)});
        if (heading > top_of(scopes_))
          truncate(heading);
        else
          ignored_search_ = static_cast<long>(stack_.size()) - top_of(scopes_);  // none in scope: ignored
        return known;
      }
      default:
        break;
    }
    // (gumbo takes any unknown HTML element for the one an unknown end tag
    // names.)
    long at = nearest_html(tag, -1);
    // Elements with their own end tag rules close only when in scope (table
    // parts in table scope); any other end tag stops at a special element.
    long bound;
    if (tag == GUMBO_TAG_TEMPLATE) {
      bound = -1;  // </template> pops to the nearest <template>, whatever is open in it
    } else if (tag == GUMBO_TAG_TABLE) {
      bound = nearest_html(GUMBO_TAG_TEMPLATE, -1);
    } else if (kTableParts.has(tag)) {
      bound = std::max(nearest_html(GUMBO_TAG_TEMPLATE, -1), nearest(GUMBO_TAG_TABLE));
    } else if (kScopedEnd.has(tag) || (kListStops.has(tag) && !kForeignOnlySpecial.has(tag)) || kOptionalEnd.has(tag) ||
               tag == GUMBO_TAG_ADDRESS || tag == GUMBO_TAG_DIV) {
      bound = top_of(scopes_);
      if (tag == GUMBO_TAG_LI) bound = std::max({bound, nearest(GUMBO_TAG_OL), nearest(GUMBO_TAG_UL)});
    } else {
      bound = nearest_special();
    }
    // (An element that bounds a scope itself, an <object> or a <marquee>, is
    // in scope when nothing nearer bounds one: `at` is then `bound`.)
    const bool closes = at >= 0 && (at >= bound || (kFormatting.has(tag) && at > top_of(scopes_)));
    // What gumbo ignores, and how far down its stack it searched first: any
    // other end tag down to the nearest special element, a block's down to
    // the bound of its scope.
    const bool any_other =
        tag == GUMBO_TAG_UNKNOWN ||
        (!kOwnEndTagRule.has(tag) &&
         (!kTableEndTags.has(tag) || (nearest(GUMBO_TAG_TABLE) < 0 && nearest_html(GUMBO_TAG_TEMPLATE, -1) < 0)));
    if (!closes && (any_other || kScopedBlockEnd.has(tag))) {
      const long stop = any_other ? nearest_special() : bound;
      if (at < 0 || at < stop) ignored_search_ = static_cast<long>(stack_.size()) - stop;
    }
    if (at < 0) return known;
    if (closes && kFormatting.has(tag)) note_adoption(at);
    if (closes) truncate(at);
    // A </template> that leaves a <select> current: gumbo resets the mode by
    // the select's ancestors ("select in table" when a <table> is nearer
    // than a <template>).
    if (tag == GUMBO_TAG_TEMPLATE && current() && current()->tag == GUMBO_TAG_SELECT &&
        current()->ns == GUMBO_NAMESPACE_HTML)
      stack_.back().select_in_table = nearest_html(GUMBO_TAG_TABLE, -1) > nearest_html(GUMBO_TAG_TEMPLATE, -1);
    return true;
  }

  void end_tag(size_t lt) {
    ++i_;  // '/'
    size_t name_start, name_len;
    GumboTag tag = read_name(name_start, name_len);
    const uint32_t name = tag == GUMBO_TAG_UNKNOWN ? name_hash(s_.substr(name_start, name_len)) : 0;
    TagScan t = scan_tag(false, tag);
    quote_values(t);
    if (t.cut_from) cut_attributes(t);
    if (!t.closed) return;
    // The end tag of a raw text element closes that element (never on the
    // stack) and nothing else: not an open element of its name that holds
    // it (an <svg> <title> around an HTML one), nor a start tag dropped
    // before it.
    if (lt == raw_text_end_) return;
    ignored_search_ = 0;
    const bool known =
        close_element(tag, name, t.end == name_start + name_len ? name_hash(s_.substr(name_start, name_len)) : 0);
    if (!known && tag < dropped_.size() && dropped_[tag] > 0 && !kept(lt)) {
      --dropped_[tag];
      drop(lt, i_, GuardEdit::kDroppedEndTag);  // the end tag of a start tag dropped
    } else if (ignored_search_ > kLongEndTagSearch && !adopted_across_special_ && nearest(GUMBO_TAG_TABLE) < 0 &&
               nearest_html(GUMBO_TAG_TEMPLATE, -1) < 0 && !kept(lt) && !t.cut_from && t.to_quote.empty() &&
               !(i_ < s_.size() && would_join(s_.substr(0, lt), s_[i_]))) {
      // (Not in a table or a template: in a table's modes gumbo makes a new
      // text node of the text after an end tag it ignores, so the tree would
      // change without it. Nor where the text around it would join into
      // markup or a longer reference, nor a tag already edited (its
      // attributes cut or quoted): the tag stays, at the cost of one
      // search.)
      drop(lt, i_, GuardEdit::kIgnoredEndTag);
    }
  }

  // Keeps "<tag a1 ... aN" and ">", without the '/'s right before the cut
  // (in "a</p", '/' ends an attribute's name): "/>" would close the tag. A
  // tag that closes itself keeps its "/>".
  void cut_attributes(const TagScan& t) {
    size_t from = t.cut_from;
    while (s_[from - 1] == '/') --from;
    drop(from, t.closed && t.self_closing ? t.end - 1 : t.end, GuardEdit::kAttributes);
    result_.edits.back().source = t.cut_from;  // the key scan_tag looks up in `keep`
  }

  // gumbo 0.10.1 reads one byte before an unquoted attribute value that is
  // a single character reference ("title=&amp;>": its original_value is
  // empty, and it looks at the last byte of it): undefined behaviour, which
  // quoting such values avoids. The value is the same.
  void quote_values(const TagScan& t) {
    if (!t.to_quote.empty()) quote_each(t);  // (rare: the check stays inline)
  }
  __attribute__((noinline)) void quote_each(const TagScan& t) {
    for (auto [from, to] : t.to_quote) {
      drop(from, from, GuardEdit::kQuoted);
      out_ += '"';
      copy_to(to);
      out_ += '"';
    }
  }

  // Returns false when the rest of the input is plain text (<plaintext>).
  bool start_tag(size_t lt) {
    size_t name_start, name_len;
    GumboTag tag = read_name(name_start, name_len);
    if (limits_.max_elements && ++result_.start_tags > limits_.max_elements) {
      result_.too_many_elements = true;
      return false;
    }
    TagScan t = scan_tag(true, tag);
    if (!t.closed) {
      // gumbo drops a tag the input ends in, having read its attributes.
      quote_values(t);
      if (t.cut_from) cut_attributes(t);
      return true;
    }
    const uint32_t name = tag == GUMBO_TAG_UNKNOWN ? name_hash(s_.substr(name_start, name_len)) : 0;
    if (kept(lt)) {
      // A tag dropped in an earlier pass turned out to be text: it is text.
      quote_values(t);
      if (t.cut_from) cut_attributes(t);
      return true;
    }
    const size_t tag_offset = out_pos(lt);
    too_deep_ = false;
    tag_source_ = lt;
    start_key_ = foreign_key(s_.substr(name_start, name_len));
    const Opened opened = open_element(tag, name, t);
    if (too_deep_) {
      // Too deep: the element is flattened into its parent.
      if (dropped_.size() <= tag) dropped_.resize(tag + 1, 0);
      ++dropped_[tag];
      drop(lt, i_, GuardEdit::kDroppedTag);
      return true;
    }
    quote_values(t);
    if (t.cut_from) cut_attributes(t);
    switch (opened) {
      case Opened::kNothing: case Opened::kElement:
        return true;
      case Opened::kPlaintext:
        return false;
      case Opened::kRawText: case Opened::kRcdata: case Opened::kScript:
        raw_text(tag, s_.substr(name_start, name_len), opened == Opened::kScript, t.json_ld_type, tag_offset);
        return true;
    }
    return true;
  }

  // Where "</name" followed by a space, '/' or '>' begins at or after `p`
  // (case-insensitively), or the end of the input.
  size_t end_tag_at(size_t p, std::string_view name) const {
    const size_t n = s_.size();
    for (; (p = s_.find("</", p)) != std::string_view::npos; p += 2) {
      size_t after = p + 2 + name.size();
      if (after < n && text::istarts_with(s_.substr(p + 2), name) &&
          (is_space(s_[after]) || s_[after] == '/' || s_[after] == '>'))
        return p;
    }
    return n;
  }

  // Whether "script" followed by a space, '/' or '>' begins at `p`.
  bool script_word_at(size_t p) const {
    return p + 6 < s_.size() && text::istarts_with(s_.substr(p), "script") &&
           (is_space(s_[p + 6]) || s_[p + 6] == '/' || s_[p + 6] == '>');
  }

  // Where a script's text ends, following the tokenizer's script data
  // states: after "<!--" it is escaped, where "<script" makes it double
  // escaped, and there "</script" only takes it back to escaped; "-->"
  // returns to script data.
  size_t script_end(size_t body) const {
    const size_t n = s_.size();
    const size_t end = end_tag_at(body, "script");
    const size_t escape = s_.substr(0, end).find("<!--", body);
    if (escape == std::string_view::npos) return end;
    enum { kData, kEscaped, kEscapedDash, kEscapedDashDash, kDouble, kDoubleDash, kDoubleDashDash };
    int state = kEscapedDashDash;
    for (size_t p = escape + 4; p < n; ++p) {
      const char c = s_[p];
      switch (state) {
        case kData:
          if (c != '<') break;
          if (s_.compare(p, 2, "</") == 0 && script_word_at(p + 2)) return p;
          if (s_.compare(p, 4, "<!--") == 0) {
            state = kEscapedDashDash;
            p += 3;
          }
          break;
        case kEscaped: case kEscapedDash: case kEscapedDashDash:
          if (c == '-') {
            state = state == kEscaped ? kEscapedDash : kEscapedDashDash;
          } else if (c == '>' && state == kEscapedDashDash) {
            state = kData;
          } else if (c == '<' && s_.compare(p, 2, "</") == 0 && script_word_at(p + 2)) {
            return p;
          } else if (c == '<' && script_word_at(p + 1)) {
            state = kDouble;
            p += 7;  // past the delimiter
          } else {
            state = kEscaped;
          }
          break;
        default:  // double escaped
          if (c == '-') {
            state = state == kDouble ? kDoubleDash : kDoubleDashDash;
          } else if (c == '>' && state == kDoubleDashDash) {
            state = kData;
          } else if (c == '<' && s_.compare(p, 2, "</") == 0 && script_word_at(p + 2)) {
            state = kEscaped;
            p += 8;
          } else {
            state = kDouble;
          }
          break;
      }
    }
    return n;
  }

  // At the start of a raw text element's text: skips it, and leaves it out
  // of the input when that was asked for (see GuardLimits::strip_scripts).
  // Scripts holding "<!--" are kept: the escaped states read them.
  void raw_text(GumboTag tag, std::string_view name, bool script, bool json_ld_type, size_t tag_offset) {
    const size_t body = i_;
    const size_t end = script ? script_end(body) : end_tag_at(body, name);
    i_ = raw_text_end_ = end;
    if (!limits_.strip_scripts || end == body || end == s_.size()) return;
    if (script) {
      if (tag != GUMBO_TAG_SCRIPT || json_ld_type ||
          s_.substr(body, end - body).find("<!--") != std::string_view::npos)
        return;
    } else if (tag != GUMBO_TAG_STYLE) {
      return;
    }
    result_.stripped.push_back({tag_offset, out_pos(body) - tag_offset});
    start_rewriting();
    copy_to(body);
    copied_ = end;
    if (next_reference_ < end) next_reference_ = next_overlong(end);
  }

  std::string_view s_;
  const GuardLimits& limits_;
  std::string& out_;
  const std::vector<size_t>& keep_;
  const std::vector<size_t>& deep_;  // start tags opened past the depth limit (sorted sources)
  size_t tag_source_ = 0;            // the start tag being opened
  uint32_t start_key_ = 0;           // its foreign_key()
  long ignored_search_ = 0;          // close_element(): how far gumbo searches to ignore the end tag
  bool adopted_across_special_ = false;  // see note_adoption()
  size_t raw_text_end_ = std::string_view::npos;  // where the last raw text's end tag starts
  size_t i_ = 0;
  size_t copied_ = 0;
  size_t next_reference_ = std::string_view::npos;  // digits of the next over-long reference to shorten
  std::vector<Open> stack_;
  std::vector<std::vector<uint32_t>> by_tag_;  // positions in stack_, per tag
  std::vector<std::vector<uint32_t>> html_by_tag_;  // the same, of the HTML elements alone
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_name_;  // unknown tags, per name
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_key_;   // foreign elements, per foreign_key()
  std::vector<uint32_t> stops_;    // positions of kListStops elements
  std::vector<uint32_t> scopes_;   // positions of kScopeBounds elements
  std::vector<uint32_t> markers_;  // positions of kMarkers elements
  std::vector<uint32_t> html_;     // positions of HTML elements
  uint32_t depth_ = 0;             // counted elements in stack_
  bool frameset_ = false;     // in or after a frameset
  bool frameset_ok_ = true;   // a <frameset> would be taken
  bool too_deep_ = false;
  bool breaking_out_ = false;  // the start tag being opened closed foreign content
  std::vector<uint32_t> dropped_;
  struct NameSeen {
    size_t start = 0, length = 0;  // 0: none yet
    GumboTag tag = GUMBO_TAG_UNKNOWN;
  };
  static constexpr size_t kMaxRememberedName = 16, kNameSlots = 64;
  std::array<NameSeen, kNameSlots> names_seen_{};  // tag_of()
  GuardResult result_;
};

// An SVG or MathML element.
bool is_foreign(const GumboNode* parent) {
  return parent && (parent->type == GUMBO_NODE_ELEMENT || parent->type == GUMBO_NODE_TEMPLATE) &&
         parent->v.element.tag_namespace != GUMBO_NAMESPACE_HTML;
}

// Raw text elements of HTML: their text is neither tokenized nor decoded.

bool holds_raw_text(const GumboNode* parent) {
  if (!parent || (parent->type != GUMBO_NODE_ELEMENT && parent->type != GUMBO_NODE_TEMPLATE)) return false;
  const GumboElement& el = parent->v.element;
  if (el.tag_namespace != GUMBO_NAMESPACE_HTML) return false;
  switch (el.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool ends_in_named_reference(std::string_view html) {
  size_t p = html.size();
  while (p > 0 && (text::is_ascii_alpha(html[p - 1]) || is_digit(html[p - 1], false))) --p;
  return p < html.size() && p > 0 && html[p - 1] == '&';
}

GuardResult guard_input(std::string_view html, const GuardLimits& limits, std::string& out,
                        const std::vector<size_t>& keep, const std::vector<size_t>& deep) {
  out.clear();
  return Scanner(html, limits, out, keep, deep).run();
}

GuardCheck::GuardCheck(std::string_view parsed, const GuardResult& guard, uint32_t max_depth)
    : base_(reinterpret_cast<uintptr_t>(parsed.data())), size_(parsed.size()), guard_(guard), max_depth_(max_depth),
      seen_(guard.stripped.size(), false), misplaced_(guard.edits.size(), false),
      drops_(std::any_of(guard.edits.begin(), guard.edits.end(),
                         [](const GuardEdit& e) { return e.kind == GuardEdit::kDroppedTag; })) {}

size_t GuardCheck::offset_of(const char* p) const {
  const auto at = reinterpret_cast<uintptr_t>(p);
  return p && at >= base_ && at - base_ <= size_ ? at - base_ : static_cast<size_t>(-1);
}

void GuardCheck::misplace_within(size_t from, size_t to) {
  auto it = std::lower_bound(guard_.edits.begin(), guard_.edits.end(), from,
                             [](const GuardEdit& e, size_t o) { return e.offset < o; });
  for (; it != guard_.edits.end() && it->offset < to; ++it) misplaced_[it - guard_.edits.begin()] = true;
}

// gumbo joins the characters of text and CDATA sections that follow one
// another into one node (of the kind of the last), so only the sections'
// own characters are literal: a reference in the text around them is decoded.
void GuardCheck::misplace_in_cdata(const GumboStringPiece& text) {
  const size_t from = offset_of(text.data);
  if (from == static_cast<size_t>(-1)) return;
  // Tags gumbo ignored (an end tag in foreign content, a doctype) leave the
  // node whole: a "<![CDATA[" inside one (in its name or a quoted value) is
  // no section, so they are skipped as the tokenizer reads them.
  const std::string_view s(text.data, text.length);
  const size_t n = s.size();
  for (size_t lt = s.find('<'); lt != std::string_view::npos; lt = s.find('<', lt + 1)) {
    if (s.compare(lt, 9, "<![CDATA[") == 0) {
      size_t close = s.find("]]>", lt + 9);
      if (close == std::string_view::npos) close = n;
      misplace_within(from + lt + 1, from + close);  // from its '<' on, as comments
      lt = close;
      continue;
    }
    size_t p = lt + 1;
    if (p < n && s[p] == '!') {  // a doctype: to its '>'
      lt = std::min(s.find('>', p), n);
      continue;
    }
    if (p < n && s[p] == '/') ++p;
    if (p >= n || !text::is_ascii_alpha(s[p])) continue;  // a '<' that is text
    // A tag: its name, then its attributes to its '>'.
    while (p < n && !is_space(s[p]) && s[p] != '/' && s[p] != '>') ++p;
    AttributeReader reader(s, p);
    AttributeReader::Piece piece;
    while ((piece = reader.next()) == AttributeReader::kAttribute) {}
    lt = piece == AttributeReader::kUnclosed ? n : reader.end();
  }
}

void GuardCheck::visit(const GumboNode* node) {
  if (guard_.edits.empty() && guard_.stripped.empty()) return;
  switch (node->type) {
    case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA:
      if (!holds_raw_text(node->parent)) {
        // CDATA sections exist only in foreign content: elsewhere (<title>
        // text, say) a "<![CDATA[" is text whose references are decoded.
        if (node->type == GUMBO_NODE_CDATA || is_foreign(node->parent))
          misplace_in_cdata(node->v.text.original_text);
        return;
      }
      [[fallthrough]];
    case GUMBO_NODE_COMMENT: {
      // A comment's text starts at its '<': an edit there (a tag dropped
      // right before it) is not in it.
      // Text that runs to the end of the input holds an edit made there too
      // (attributes cut from a tag the input ends in).
      const GumboStringPiece& text = node->v.text.original_text;
      size_t from = offset_of(text.data);
      const size_t markup = node->type == GUMBO_NODE_COMMENT ? 1 : 0;
      const size_t to = from + text.length;
      if (from != static_cast<size_t>(-1)) misplace_within(from + markup, to == size_ ? to + 1 : to);
      return;
    }
    case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE:
      break;
    default:
      return;
  }
  // A stripped script or style: see strip_confirmed(). (A reference
  // shortened in a tag's or an attribute's name stays so: gumbo does not
  // decode it, but no name with "&#" matters to the extraction, and
  // gumbo's original_value pieces are not exact enough to tell.)
  const GumboElement& el = node->v.element;
  // While on gumbo's stack of open elements: from its start tag (for a copy
  // of a formatting element, the token that made it: cmake/gumbo-fixes.cmake)
  // to the token that closed it. The adoption agency takes elements off the stack
  // without recording when: those count as never open (a drop they would
  // justify is undone, the safe way round).
  if (drops_) {
    opens_.push_back(el.start_pos.offset);
    closes_.push_back(std::max(el.end_pos.offset, el.start_pos.offset));
  }
  const size_t tag = offset_of(el.original_tag.data);
  if (tag == static_cast<size_t>(-1)) return;
  // After an HTML <plaintext> everything is text, wherever gumbo puts it (in
  // copies of formatting elements it reconstructs in the <plaintext>, say).
  if (el.tag == GUMBO_TAG_PLAINTEXT && el.tag_namespace == GUMBO_NAMESPACE_HTML)
    misplace_within(tag + el.original_tag.length, size_ + 1);
  if (guard_.stripped.empty() || el.tag_namespace != GUMBO_NAMESPACE_HTML ||
      (el.tag != GUMBO_TAG_SCRIPT && el.tag != GUMBO_TAG_STYLE))
    return;
  auto it = std::lower_bound(guard_.stripped.begin(), guard_.stripped.end(), tag,
                             [](const StrippedElement& s, size_t o) { return s.offset < o; });
  if (it == guard_.stripped.end() || it->offset != tag) return;
  const size_t k = static_cast<size_t>(it - guard_.stripped.begin());
  if (seen_[k] || el.original_tag.length != it->tag_length || el.children.length != 0 ||
      el.original_end_tag.data != el.original_tag.data + el.original_tag.length)
    return;
  seen_[k] = true;
  ++confirmed_;
}

std::vector<size_t> GuardCheck::misplaced() const {
  std::vector<size_t> sources;
  for (size_t k = 0; k < misplaced_.size(); ++k)
    if (misplaced_[k]) sources.push_back(guard_.edits[k].source);
  std::sort(sources.begin(), sources.end());
  return sources;
}

std::vector<size_t> GuardCheck::too_shallow() const {
  // A start tag dropped for depth stands where gumbo's stack of open
  // elements is as deep as the limit (above <html> and <body>), or the guard
  // over-estimated the depth there: elements opened before it, less those
  // closed before it.
  std::vector<size_t> opens = opens_, closes = closes_;
  std::sort(opens.begin(), opens.end());
  std::sort(closes.begin(), closes.end());
  std::vector<size_t> sources;
  for (size_t k = 0; k < guard_.edits.size(); ++k) {
    const GuardEdit& e = guard_.edits[k];
    if (e.kind != GuardEdit::kDroppedTag || misplaced_[k]) continue;
    const auto open = std::lower_bound(opens.begin(), opens.end(), e.offset) - opens.begin();
    const auto closed = std::lower_bound(closes.begin(), closes.end(), e.offset) - closes.begin();
    if (open - closed < static_cast<long>(max_depth_) + 2) sources.push_back(e.source);
  }
  std::sort(sources.begin(), sources.end());
  return sources;
}

}  // namespace quietpage
