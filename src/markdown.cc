// Stage 6b — markdown: the cleaned article DOM as CommonMark + GFM tables.
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
//  - inline markup (emphasis, strong, strikethrough, links) opens lazily,
//    right before its first content, and is closed and reopened around any
//    block break inside it, so delimiters always pair up within a paragraph;
//  - where Markdown has room for one line only (headings, table cells) the
//    content is flattened: block breaks become spaces.
// What may appear is decided by serialize.cc's allowlist (policy_for,
// safe_url, safe_video_url), so the Markdown never carries more than the HTML.
#include "markdown.h"

#include <algorithm>
#include <string_view>
#include <vector>

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
// After an ordered item's number.
constexpr std::string_view kOrderedSuffix = ". ";
// A hard line break (backslash form: trailing spaces are invisible and fragile).
constexpr std::string_view kHardBreak = "\\\n";
// Inline delimiters.
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
// HTML caps colspan at 1000; so do we, when padding rows with empty cells.
constexpr unsigned long kMaxColspan = 1000;
// Longest entity name ("&CounterClockwiseContourIntegral;" is 31 letters):
// '&' is escaped only when it could start an entity reference.
constexpr size_t kMaxEntityLength = 32;
// Link text of embedded players without a title.
constexpr std::string_view kVideoLabel = "Video";
constexpr std::string_view kAudioLabel = "Audio";

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whether the '&' at w[i] could start a character reference ("&amp;",
// "&#38;"); `may_continue`: the word might go on in the next text node.
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

// Appends one word of text (no whitespace in it) so that it reads as itself:
// punctuation with a meaning in Markdown gets a backslash, and so does what
// would start a block at the beginning of a line: '#', a list marker ("-",
// "+", "1." or "1)" followed by a space) and what could underline a setext
// heading or make a thematic break ("---", "===").
void escape_word(std::string& out, std::string_view w, bool line_start, bool in_heading,
                 bool may_continue) {
  size_t i = 0;
  if (line_start && !w.empty()) {
    char c = w[0];
    if (c == '#' || ((c == '+' || c == '-' || c == '=') && repeats(w, c))) {
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
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '~':
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

// Text that is not at the start of a line: link labels, alt text.
std::string escape_inline(std::string_view s) {
  std::string out;
  std::string collapsed = text::collapse_spaces(s);
  text::for_each_token(collapsed, [&](std::string_view w) {
    if (!out.empty()) out += ' ';
    escape_word(out, w, false, true, false);
  });
  return out;
}

// A link or image destination: already a safe, resolved URL; characters that
// would end or break the destination are escaped or percent-encoded.
void append_destination(std::string& out, std::string_view u) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : u) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '\\') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      if (c == '(' || c == ')' || c == '|') out += '\\';
      out += ch;
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

// Writes Markdown text, keeping track of lines, containers and open markup.
class Writer {
 public:
  explicit Writer(std::string& out) : main_(out) { s_.target = &out; }

  size_t main_size() const { return main_.size(); }
  bool flattened() const { return s_.flatten > 0; }
  bool in_cell() const { return s_.in_cell; }

  // A block starts or ends here.
  void request_break(int level) {
    if (s_.flatten) {
      if (s_.has_content) s_.pending_space = true;
      return;
    }
    s_.pending_break = std::max(s_.pending_break, level);
    s_.pending_hard_breaks = 0;
    s_.has_content = false;
  }
  // Between two items of one list: a newline is enough, whatever the
  // previous item asked for (nothing else was written since it ended).
  void item_break() {
    if (s_.flatten) return request_break(kNewline);
    s_.pending_break = kNewline;
    s_.pending_hard_breaks = 0;
    s_.has_content = false;
  }
  void hard_break() {
    if (!s_.has_content) return;  // a break at the start of a block shows nothing
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
        if (s_.has_content) s_.pending_space = true;
        continue;
      }
      size_t end = i;
      while (end < s.size()) {
        size_t k = end;
        if (text::is_space(text::next_code_point(s, k))) break;
        end = k;
      }
      begin_content();
      escape_word(*s_.target, s.substr(start, end - start), s_.at_line_start, s_.heading > 0,
                  end == s.size());
      s_.at_line_start = false;
      i = end;
    }
  }
  // Inline Markdown already escaped (images, code spans, links).
  void inline_raw(std::string_view markdown) {
    begin_content();
    *s_.target += markdown;
    s_.at_line_start = false;
  }
  // A code span of `code` (whitespace collapsed, as the browser shows it).
  void code_span(std::string_view code) {
    std::string c = text::collapse_spaces(code);
    if (c.empty()) return;
    std::string fence(longest_backtick_run(c) + 1, '`');
    // A span starting or ending with a backtick needs a space to tell it
    // from the fence (the renderer strips one space on each side).
    bool pad = c.front() == '`' || c.back() == '`';
    std::string md = fence;
    if (pad) md += ' ';
    for (char ch : c) {
      // GFM splits table rows on '|' even inside code spans, unless escaped.
      if (ch == '|' && s_.in_cell) md += '\\';
      md += ch;
    }
    if (pad) md += ' ';
    md += fence;
    inline_raw(md);
  }

  // Inline markup around what follows until close_span(); written only once
  // some content arrives, so empty elements leave nothing.
  void open_span(std::string opener, std::string closer) {
    s_.spans.push_back({std::move(opener), std::move(closer)});
  }
  void close_span() {
    if (s_.spans.size() <= s_.emitted) {
      *s_.target += s_.spans.back().closer;
      s_.emitted = s_.spans.size() - 1;
    }
    s_.spans.pop_back();
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
    s_ = std::move(saved_.back());
    saved_.pop_back();
  }

  // List items and block quotes. False when nesting is too deep: the caller
  // then writes the element as a plain block.
  bool push_container(bool quote, std::string marker) {
    if (s_.flatten || containers_.size() >= kMaxContainerDepth) return false;
    containers_.push_back({quote, std::move(marker), false});
    return true;
  }
  // Returns whether the container wrote anything.
  bool pop_container() {
    bool started = containers_.back().started;
    containers_.pop_back();
    return started;
  }
  bool innermost_is_item() const { return !containers_.empty() && !containers_.back().quote; }

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

 private:
  struct Span {
    std::string opener, closer;
  };
  struct Container {
    bool quote;          // block quote, else list item
    std::string marker;  // "> ", "- " or "12. "
    bool started;        // has written a line
  };
  // Everything about the line being written; a table cell swaps in a fresh one.
  struct State {
    std::string* target = nullptr;
    int pending_break = kNoBreak;
    int pending_hard_breaks = 0;
    bool pending_space = false;
    bool has_content = false;   // content written since the last block break
    bool need_prefix = true;    // the current line has no container prefix yet
    bool at_line_start = true;  // nothing but the prefix on the line yet
    int flatten = 0;
    int heading = 0;
    bool in_cell = false;
    std::string line_lead;      // "## " of a heading, before its first content
    std::vector<Span> spans;    // open inline markup, outermost first
    size_t emitted = 0;         // spans[0, emitted) have written their opener
  };

  // The prefix of every open container. A blank line carries only those that
  // have started (a new quote or item begins after it) and no trailing spaces;
  // so does an empty line of code (`trim`).
  void write_prefix(bool blank, bool trim) {
    std::string& out = *s_.target;
    size_t start = out.size();
    for (Container& c : containers_) {
      if (blank && !c.started) break;
      if (c.quote) {
        out += kQuoteMarker;
      } else if (!c.started) {
        out += c.marker;
      } else {
        out.append(c.marker.size(), ' ');
      }
      if (!blank) c.started = true;
    }
    if (blank || trim)
      while (out.size() > start && out.back() == ' ') out.pop_back();
  }

  // Writes the pending break (closing open inline markup before it, to be
  // reopened after it) and the line prefix.
  void begin_line() {
    std::string& out = *s_.target;
    int level = s_.pending_hard_breaks >= kBreaksForParagraph ? kBlankLine : s_.pending_break;
    if (level > kNoBreak) {
      if (!out.empty()) {
        for (size_t i = s_.emitted; i-- > 0;) out += s_.spans[i].closer;
        s_.emitted = 0;
        out += '\n';
        if (level >= kBlankLine) {
          write_prefix(true, true);
          out += '\n';
        }
        s_.need_prefix = true;
      }
      s_.pending_space = false;
    } else if (s_.pending_hard_breaks > 0) {
      out += kHardBreak;
      s_.need_prefix = true;
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
    s_.has_content = true;
  }

  void begin_content() {
    bool had_content = s_.has_content;
    bool space = s_.pending_space;
    begin_line();
    std::string& out = *s_.target;
    if (space && had_content && !s_.at_line_start) out += ' ';
    s_.pending_space = false;
    if (!s_.line_lead.empty()) {
      out += s_.line_lead;
      s_.line_lead.clear();
      s_.at_line_start = false;
    }
    for (size_t i = s_.emitted; i < s_.spans.size(); ++i) {
      out += s_.spans[i].opener;
      s_.at_line_start = false;
    }
    s_.emitted = s_.spans.size();
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

class Converter {
 public:
  Converter(const Document& doc, const url::Url* base, std::string& out)
      : doc_(doc), base_(base), out_(out), w_(out) {}

  bool run(NodeId root, size_t max_bytes) {
    stack_.push_back({root, doc_[root].first_child});
    while (!stack_.empty()) {
      if (max_bytes && out_.size() + table_bytes_ + cell_.size() > max_bytes) return false;
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

 private:
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

  // Opens inline markup unless the same markup is already open around it.
  void push_span(NodeId n, Mark mark, std::string_view delimiter) {
    if (open_[mark]) return push(n, Role::kInline);
    open_[mark] = true;
    w_.open_span(std::string(delimiter), std::string(delimiter));
    push(n, Role::kInline, mark);
  }

  bool captured_table() const { return !tables_.empty() && tables_.back() && !w_.in_cell(); }

  void enter(NodeId n) {
    const Node& node = doc_[n];
    if (node.kind == NodeKind::kText) return w_.text(node.text);
    if (node.kind != NodeKind::kElement) return;
    Policy policy = policy_for(doc_, n);
    if (policy == Policy::kDrop) return;
    if (policy == Policy::kUnwrap) return push(n, Role::kInline);
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
        if (w_.flattened()) return w_.code_span(code);
        return w_.code_block(code, code_language(doc_, n));
      }
      case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT:
        return w_.code_span(collect_text(doc_, n));
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
        if (!open_[kEmphasisMark]) {
          open_[kEmphasisMark] = true;
          w_.open_span(std::string(kEmphasis), std::string(kEmphasis));
          return push(n, Role::kBlock, kEmphasisMark);
        }
        return push(n, Role::kBlock);
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
      case Role::kCell: {
        w_.end_cell();
        std::string_view span = doc_.attr(f.node, "colspan");
        unsigned long extra = all_digits(span) ? std::stoul(std::string(span)) : 1;
        extra = std::min(std::max(extra, 1UL), kMaxColspan) - 1;
        table_bytes_ += cell_.size() + extra;
        rows_.back().push_back(std::move(cell_));
        rows_.back().resize(rows_.back().size() + extra);
        cell_.clear();
        break;
      }
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
    std::string u = safe_url(doc_.attr(n, "href"), base_, false);
    // In-page anchors point into the original page.
    if (!u.empty() && u[0] == '#') u = base_ ? url::resolve(*base_, u) : std::string();
    if (u.empty() || open_[kLinkMark]) return push(n, Role::kInline);  // plain text
    std::string closer = "](";
    append_destination(closer, u);
    append_title(closer, doc_.attr(n, "title"));
    closer += ')';
    open_[kLinkMark] = true;
    w_.open_span("[", std::move(closer));
    push(n, Role::kInline, kLinkMark);
  }

  void image(NodeId n) {
    std::string src = safe_url(doc_.attr(n, "src"), base_, true);
    // Inline data: images would bloat the Markdown; they stay in the HTML only.
    if (src.empty() || text::istarts_with(src, "data:")) return;
    std::string md = "!";
    md += link(escape_inline(doc_.attr(n, "alt")), src, doc_.attr(n, "title"));
    w_.inline_raw(md);
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
    std::string label = escape_inline(doc_.attr(n, "title"));
    if (label.empty()) label = std::string(fallback_label);
    if (open_[kLinkMark]) return w_.inline_raw(label);  // links do not nest
    w_.inline_raw(link(label, u, {}));
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

  // The collected rows as a GFM table, the first row as its header.
  void write_table() {
    table_active_ = false;
    std::vector<std::vector<std::string>> rows;
    size_t columns = 0;
    bool any_text = false;
    for (auto& row : rows_) {
      if (row.empty()) continue;
      columns = std::max(columns, row.size());
      for (const std::string& cell : row) any_text = any_text || !cell.empty();
      rows.push_back(std::move(row));
    }
    rows_.clear();
    table_bytes_ = 0;
    if (!any_text) return;
    w_.request_break(kBlankLine);
    for (size_t r = 0; r < rows.size(); ++r) {
      std::string line = "|";
      for (size_t c = 0; c < columns; ++c) {
        line += ' ';
        if (c < rows[r].size()) line += rows[r][c];
        line += " |";
      }
      w_.table_line(line);
      if (r == 0) {
        std::string delimiter = "|";
        for (size_t c = 0; c < columns; ++c) delimiter += kTableDelimiter;
        w_.table_line(delimiter);
      }
    }
    w_.request_break(kBlankLine);
  }

  const Document& doc_;
  const url::Url* base_;
  std::string& out_;
  Writer w_;
  std::vector<Frame> stack_;
  std::vector<ListState> lists_;
  std::vector<bool> tables_;  // per open table: collected as a GFM table (else flattened)
  bool open_[kMarkCount] = {};
  bool table_active_ = false;
  std::vector<std::vector<std::string>> rows_;
  std::string cell_;
  size_t table_bytes_ = 0;
};

}  // namespace

bool serialize_markdown(const Document& doc, NodeId root, const url::Url* base, size_t max_bytes,
                        std::string& out) {
  out.clear();
  Converter converter(doc, base, out);
  bool complete = converter.run(root, max_bytes);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  if (!out.empty()) out += '\n';
  return complete && !(max_bytes && out.size() > max_bytes);
}

}  // namespace quietpage
