#include "guard.h"

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

class Scanner {
 public:
  Scanner(std::string_view html, const GuardLimits& limits, std::string& out)
      : s_(html), limits_(limits), out_(out) {}

  GuardResult run() {
    while (i_ < s_.size()) {
      size_t lt = s_.find('<', i_);
      if (lt == std::string_view::npos || lt + 1 >= s_.size()) break;
      i_ = lt + 1;
      char c = s_[i_];
      if (s_.substr(i_, 3) == "!--") {
        size_t end = s_.find("-->", i_ + 3);
        i_ = end == std::string_view::npos ? s_.size() : end + 3;
      } else if (c == '!' || c == '?') {
        skip_past('>');
      } else if (c == '/' && i_ + 1 < s_.size() && is_alpha(s_[i_ + 1])) {
        end_tag(lt);
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

  GumboTag read_name(size_t& name_start, size_t& name_len) {
    name_start = i_;
    while (i_ < s_.size() && !is_space(s_[i_]) && s_[i_] != '/' && s_[i_] != '>') ++i_;
    name_len = i_ - name_start;
    return gumbo_tagn_enum(s_.data() + name_start, static_cast<unsigned>(name_len));
  }

  // Leaves [from, to) out of the rewritten input.
  void drop(size_t from, size_t to) {
    result_.rewritten = true;
    out_.append(s_.data() + copied_, from - copied_);
    copied_ = to;
  }

  void end_tag(size_t lt) {
    ++i_;  // '/'
    size_t name_start, name_len;
    GumboTag tag = read_name(name_start, name_len);
    skip_past('>');
    size_t limit = stack_.size() > kEndTagSearch ? stack_.size() - kEndTagSearch : 0;
    for (size_t k = stack_.size(); k-- > limit;) {
      if (stack_[k] == tag) {
        stack_.resize(k);
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
    size_t name_start, name_len;
    GumboTag tag = read_name(name_start, name_len);
    if (limits_.max_elements && ++result_.start_tags > limits_.max_elements) {
      result_.too_many_elements = true;
      return false;
    }
    // Attributes: name[=value], values quoted or not.
    uint32_t attributes = 0;
    size_t cut_from = 0;
    bool self_closing = false;
    while (i_ < s_.size() && s_[i_] != '>') {
      if (is_space(s_[i_]) || s_[i_] == '/') {
        self_closing = s_[i_] == '/';
        ++i_;
        continue;
      }
      self_closing = false;
      if (limits_.max_attributes && attributes == limits_.max_attributes && !cut_from) cut_from = i_;
      ++attributes;
      while (i_ < s_.size() && !is_space(s_[i_]) && s_[i_] != '=' && s_[i_] != '>' && s_[i_] != '/') ++i_;
      while (i_ < s_.size() && is_space(s_[i_])) ++i_;
      if (i_ < s_.size() && s_[i_] == '=') {
        ++i_;
        while (i_ < s_.size() && is_space(s_[i_])) ++i_;
        if (i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'')) {
          char quote = s_[i_++];
          size_t end = s_.find(quote, i_);
          i_ = end == std::string_view::npos ? s_.size() : end + 1;
        } else {
          while (i_ < s_.size() && !is_space(s_[i_]) && s_[i_] != '>') ++i_;
        }
      }
    }
    size_t tag_end = i_;  // at '>' (or the end of the input)
    if (i_ < s_.size()) ++i_;

    if (tag == GUMBO_TAG_PLAINTEXT) return false;
    bool opens = !is_raw_text(tag) && !is_void(tag) && !self_closing;
    if (opens) {
      if (!stack_.empty() && (ends_sibling(stack_.back(), tag) ||
                              (closes_p(tag) && stack_.back() == GUMBO_TAG_P)))
        stack_.pop_back();
      if (limits_.max_depth && stack_.size() >= limits_.max_depth) {
        // Too deep: the element is flattened into its parent.
        if (dropped_.size() <= tag) dropped_.resize(tag + 1, 0);
        ++dropped_[tag];
        drop(lt, i_);
        return true;
      }
      stack_.push_back(tag);
    }
    if (cut_from) drop(cut_from, tag_end);  // keep "<tag a1 ... aN" and ">"
    if (is_raw_text(tag)) skip_raw_text(s_.substr(name_start, name_len));
    return true;
  }

  void skip_raw_text(std::string_view name) {
    // Up to "</name", case-insensitively.
    while (i_ < s_.size()) {
      size_t lt = s_.find("</", i_);
      if (lt == std::string_view::npos) {
        i_ = s_.size();
        return;
      }
      i_ = lt + 2;
      if (text::istarts_with(s_.substr(i_), name)) {
        skip_past('>');
        return;
      }
    }
  }

  std::string_view s_;
  const GuardLimits& limits_;
  std::string& out_;
  size_t i_ = 0;
  size_t copied_ = 0;
  std::vector<GumboTag> stack_;
  std::vector<uint32_t> dropped_;
  GuardResult result_;
};

}  // namespace

GuardResult guard_input(std::string_view html, const GuardLimits& limits, std::string& out) {
  out.clear();
  return Scanner(html, limits, out).run();
}

}  // namespace quietpage
