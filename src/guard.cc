#include "guard.h"

#include <utility>
#include <vector>

#include "gumbo.h"
#include "text.h"

namespace quietpage {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_void(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR: case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_ISINDEX: case GUMBO_TAG_MENUITEM:
      return true;
    default:
      return false;
  }
}

// Elements whose content is text up to their end tag.
bool is_raw_text(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

// Start tags that close an open <p> (so unclosed paragraphs don't stack up).
bool closes_p(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_UL:
    case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LISTING:
      return true;
    default:
      return false;
  }
}

// A start tag that implicitly ends an open element of the same kind.
bool ends_sibling(GumboTag open, GumboTag start) {
  switch (start) {
    case GUMBO_TAG_LI: return open == GUMBO_TAG_LI;
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: return open == GUMBO_TAG_DD || open == GUMBO_TAG_DT;
    case GUMBO_TAG_OPTION: return open == GUMBO_TAG_OPTION;
    case GUMBO_TAG_TR: return open == GUMBO_TAG_TR || open == GUMBO_TAG_TD || open == GUMBO_TAG_TH;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: return open == GUMBO_TAG_TD || open == GUMBO_TAG_TH;
    default: return false;
  }
}

// How far back an end tag looks for its element (misnested markup).
constexpr size_t kEndTagSearch = 64;

bool is_foreign_root(GumboTag t) { return t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH; }

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

// What scan_tag() read after a tag's name.
struct TagScan {
  bool closed = false;        // ended by '>' (at the end of the input, gumbo drops the tag)
  bool self_closing = false;  // "/>"
  size_t end = 0;             // position of the '>' (or the end of the input)
  size_t cut_from = 0;        // start of the first attribute past the limit (0: none)
  bool json_ld_type = false;  // see may_be_json_ld
};

class Scanner {
 public:
  Scanner(std::string_view html, const GuardLimits& limits, std::string& out)
      : s_(html), limits_(limits), out_(out), next_reference_(html.find("&#")) {}

  GuardResult run() {
    const size_t n = s_.size();
    while (i_ < n) {
      size_t lt = s_.find('<', i_);
      fix_references(i_, lt == std::string_view::npos ? n : lt);  // text decodes them
      if (lt == std::string_view::npos || lt + 1 >= n) break;
      i_ = lt + 1;
      char c = s_[i_];
      if (c == '!') {
        markup_declaration();
      } else if (c == '?') {
        skip_past('>');  // a bogus comment
      } else if (c == '/') {
        if (i_ + 1 < n && is_alpha(s_[i_ + 1])) {
          end_tag(lt);
        } else if (i_ + 1 < n && s_[i_ + 1] == '>') {
          i_ += 2;  // "</>" is ignored
        } else {
          skip_past('>');  // "</" and anything else: a bogus comment
        }
      } else if (is_alpha(c)) {
        if (!start_tag(lt)) break;
      }
      if (result_.too_many_elements) break;
    }
    if (result_.rewritten) out_.append(s_.data() + copied_, s_.size() - copied_);
    return result_;
  }

 private:
  void skip_past(char c) {
    size_t end = s_.find(c, i_);
    i_ = end == std::string_view::npos ? s_.size() : end + 1;
  }

  // At '!' after '<': a comment, CDATA (in foreign content) or a doctype or
  // bogus comment, which all end at the first '>'.
  void markup_declaration() {
    if (s_.compare(i_, 3, "!--") == 0) {
      comment();
    } else if (foreign_ && s_.compare(i_, 8, "![CDATA[") == 0) {
      size_t end = s_.find("]]>", i_ + 8);
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
    while (i_ < s_.size() && !is_space(s_[i_]) && s_[i_] != '/' && s_[i_] != '>') ++i_;
    name_len = i_ - name_start;
    return gumbo_tagn_enum(s_.data() + name_start, static_cast<unsigned>(name_len));
  }

  // The rest of a tag after its name, read as the HTML tokenizer's attribute
  // states read it (a '>' inside a quoted value does not end the tag, a '='
  // may start a name, a '/' not followed by '>' is skipped); i_ ends past
  // the '>'. End tags' attributes are read the same way and ignored.
  TagScan scan_tag(bool start) {
    TagScan t;
    values_with_references_.clear();
    const size_t n = s_.size();
    uint32_t attributes = 0;
    for (;;) {
      while (i_ < n && is_space(s_[i_])) ++i_;
      if (i_ >= n) break;
      if (s_[i_] == '>') {
        t.closed = true;
        t.end = i_++;
        return t;
      }
      if (s_[i_] == '/') {
        ++i_;
        if (i_ < n && s_[i_] == '>') {
          t.closed = t.self_closing = true;
          t.end = i_++;
          return t;
        }
        continue;
      }
      // An attribute name: its first character may be anything, '=' included.
      if (start && limits_.max_attributes && attributes == limits_.max_attributes && !t.cut_from)
        t.cut_from = i_;
      ++attributes;
      size_t name_start = i_++;
      while (i_ < n && !is_space(s_[i_]) && s_[i_] != '/' && s_[i_] != '>' && s_[i_] != '=') ++i_;
      std::string_view name = s_.substr(name_start, i_ - name_start);
      while (i_ < n && is_space(s_[i_])) ++i_;
      if (i_ >= n || s_[i_] != '=') continue;  // no value
      ++i_;
      while (i_ < n && is_space(s_[i_])) ++i_;
      if (i_ >= n) break;
      std::string_view value;
      if (s_[i_] == '"' || s_[i_] == '\'') {
        size_t close = s_.find(s_[i_], i_ + 1);
        if (close == std::string_view::npos) break;
        value = s_.substr(i_ + 1, close - i_ - 1);
        i_ = close + 1;
      } else if (s_[i_] != '>') {
        size_t value_start = i_;
        while (i_ < n && !is_space(s_[i_]) && s_[i_] != '>') ++i_;
        value = s_.substr(value_start, i_ - value_start);
      }
      if (start && may_be_json_ld(name, value)) t.json_ld_type = true;
      if (start && !t.cut_from && value.find('&') != std::string_view::npos)
        values_with_references_.emplace_back(value.data() - s_.data(), value.size());
    }
    i_ = t.end = n;  // the input ended inside the tag
    return t;
  }

  // Where position `p` (not yet copied) lands in the rewritten input.
  size_t out_pos(size_t p) const { return result_.rewritten ? out_.size() + (p - copied_) : p; }

  // Leaves [from, to) out of the rewritten input.
  void drop(size_t from, size_t to) {
    if (!result_.rewritten) out_.reserve(s_.size());
    result_.rewritten = true;
    out_.append(s_.data() + copied_, from - copied_);
    copied_ = to;
  }

  // Puts `with` in place of [from, to) in the rewritten input.
  void replace(size_t from, size_t to, std::string_view with) {
    drop(from, to);
    out_ += with;
  }

  // Shortens the over-long numeric character references in [from, to), a
  // range where the parser decodes them (text, RCDATA, attribute values).
  // Ranges come in input order; next_reference_ keeps the search linear.
  void fix_references(size_t from, size_t to) {
    if (next_reference_ < from) next_reference_ = s_.find("&#", from);
    while (next_reference_ < to) {
      size_t q = next_reference_ + 2;
      const bool hex = q < to && (s_[q] == 'x' || s_[q] == 'X');
      if (hex) ++q;
      const size_t digits = q;
      while (q < to && s_[q] == '0') ++q;
      const size_t significant = q;
      while (q < to && is_digit(s_[q], hex)) ++q;
      if (q - significant > (hex ? kMaxHexDigits : kMaxDecimalDigits))
        replace(digits, q, hex ? kOverHex : kOverDecimal);
      next_reference_ = s_.find("&#", q);
    }
  }

  void push(GumboTag tag) {
    stack_.push_back(tag);
    if (is_foreign_root(tag)) ++foreign_;
  }
  void truncate(size_t size) {
    while (stack_.size() > size) {
      if (is_foreign_root(stack_.back())) --foreign_;
      stack_.pop_back();
    }
  }

  void end_tag(size_t lt) {
    ++i_;  // '/'
    size_t name_start, name_len;
    GumboTag tag = read_name(name_start, name_len);
    scan_tag(false);
    size_t limit = stack_.size() > kEndTagSearch ? stack_.size() - kEndTagSearch : 0;
    for (size_t k = stack_.size(); k-- > limit;) {
      if (stack_[k] == tag) {
        truncate(k);
        return;
      }
    }
    if (tag < dropped_.size() && dropped_[tag] > 0) {
      --dropped_[tag];
      drop(lt, i_);  // the end tag of a start tag we dropped
    }
  }

  // Returns false when the rest of the input is plain text (<plaintext>).
  bool start_tag(size_t lt) {
    const size_t tag_offset = out_pos(lt);
    size_t name_start, name_len;
    GumboTag tag = read_name(name_start, name_len);
    if (limits_.max_elements && ++result_.start_tags > limits_.max_elements) {
      result_.too_many_elements = true;
      return false;
    }
    TagScan t = scan_tag(true);
    if (!t.closed) return true;  // gumbo drops a tag the input ends in
    if (tag == GUMBO_TAG_PLAINTEXT) return false;
    // In <svg> and <math>, <script> and <style> hold markup like any element.
    const bool raw = !foreign_ && is_raw_text(tag);
    if (!raw && !is_void(tag) && !t.self_closing) {
      if (!stack_.empty() && (ends_sibling(stack_.back(), tag) ||
                              (closes_p(tag) && stack_.back() == GUMBO_TAG_P)))
        truncate(stack_.size() - 1);
      if (limits_.max_depth && stack_.size() >= limits_.max_depth) {
        // Too deep: the element is flattened into its parent.
        if (dropped_.size() <= tag) dropped_.resize(tag + 1, 0);
        ++dropped_[tag];
        drop(lt, i_);
        return true;
      }
      push(tag);
    }
    for (auto [from, size] : values_with_references_) fix_references(from, from + size);
    if (t.cut_from) drop(t.cut_from, t.end);  // keep "<tag a1 ... aN" and ">"
    if (raw) raw_text(tag, s_.substr(name_start, name_len), t.json_ld_type, tag_offset);
    return true;
  }

  // The text of a raw text element runs to the first "</name" followed by a
  // space, '/' or '>' (case-insensitively), or to the end of the input.
  size_t raw_text_end(std::string_view name) const {
    const size_t n = s_.size();
    for (size_t p = i_; (p = s_.find("</", p)) != std::string_view::npos; p += 2) {
      size_t after = p + 2 + name.size();
      if (after < n && text::istarts_with(s_.substr(p + 2), name) &&
          (is_space(s_[after]) || s_[after] == '/' || s_[after] == '>'))
        return p;
    }
    return n;
  }

  // At the start of a raw text element's text: skips it, and leaves it out
  // of the input when that was asked for (see GuardLimits::strip_scripts).
  // In a script, "<!--" starts the tokenizer's escaped states, whose end tag
  // rules differ: such scripts are kept, and their end is only estimated.
  void raw_text(GumboTag tag, std::string_view name, bool json_ld_type, size_t tag_offset) {
    const size_t body = i_;
    const size_t end = raw_text_end(name);
    i_ = end;
    if (tag == GUMBO_TAG_TITLE || tag == GUMBO_TAG_TEXTAREA) fix_references(body, end);
    if (!limits_.strip_scripts || end == body || end == s_.size()) return;
    if (tag == GUMBO_TAG_SCRIPT) {
      if (json_ld_type || s_.substr(body, end - body).find("<!--") != std::string_view::npos) return;
    } else if (tag != GUMBO_TAG_STYLE) {
      return;
    }
    result_.stripped.push_back({tag_offset, out_pos(body) - tag_offset});
    drop(body, end);
  }

  std::string_view s_;
  const GuardLimits& limits_;
  std::string& out_;
  size_t i_ = 0;
  size_t copied_ = 0;
  std::vector<GumboTag> stack_;
  size_t foreign_ = 0;  // <svg> and <math> elements in stack_
  size_t next_reference_;  // the next "&#" at or after the last range searched (npos: none)
  std::vector<std::pair<size_t, size_t>> values_with_references_;  // (offset, size) in the current tag
  std::vector<uint32_t> dropped_;
  GuardResult result_;
};

}  // namespace

GuardResult guard_input(std::string_view html, const GuardLimits& limits, std::string& out) {
  out.clear();
  return Scanner(html, limits, out).run();
}

}  // namespace quietpage
