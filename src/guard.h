// Guard: bounds what gumbo sees, before it sees it.
//
// gumbo 0.10.1 has quadratic corners that hostile pages can hit: every new
// attribute is checked against all earlier ones of its tag, start or end tag
// (100,000 attributes take over a minute), and each block start tag scans the
// whole stack of open elements (100,000 nested <div>s take ~10 s). Its numeric
// character references overflow an int past ten digits. A light tokenizer pass
// rewrites such inputs — extra attributes are dropped, start tags nested
// deeper than the limit are dropped with their end tags, over-long numeric
// references are shortened to the smallest value above U+10FFFF (the parser
// turns both into U+FFFD) — and counts start tags so oversized documents are
// refused before gumbo builds them. Ordinary pages pass through untouched
// (no copy). Unquoted attribute values that are a single character reference
// are quoted (gumbo reads a byte before them otherwise), and an input that
// ends in a named reference is copied (gumbo reads the byte after it: the
// copy is a std::string, with its terminating NUL).
//
// Where a '<' opens a tag depends on the tokenizer's state, which the tree
// builder sets (<xmp> holds raw text, except inside <svg> or <select>); the
// pass follows the tree builder for every construct it acts on: foreign
// content and its integration points and breakout tags, <select> (which
// ignores most tags), raw text, RCDATA, script data with its escaped states,
// PLAINTEXT, and the elements that close others implicitly (<li>, <p>,
// table cells and rows...), whose own end tags are optional and which do not
// count toward the depth. What it cannot know for sure it checks afterwards:
// every edit is listed (GuardResult::edits), and GuardCheck finds, in gumbo's
// tree, the ones that landed in raw text, a comment or CDATA — text the
// parser neither tokenizes nor decodes — and the start tags dropped where
// gumbo's stack was not as deep as the limit (copies of formatting elements
// gumbo reconstructs and closes again can make it shallower than the one the
// pass follows), to be undone in another pass (guard_input's `keep`, and
// `deep` for the tags, opened there past the limit).
//
// The same pass can also leave out the bodies of <script> and <style>
// elements (GuardLimits::strip_scripts): the extraction never reads them, yet
// they are over a third of a news page's bytes and gumbo tokenizes them a
// character at a time. Every body left out is listed in GuardResult::stripped
// and GuardCheck confirms it against gumbo's tree (parse.cc parses the whole
// input when one is not).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "deadline.h"
#include "gumbo.h"

namespace quietpage {

// Set by name, field by field or with the setters
// (GuardLimits().with_max_depth(4)): the constructor rules out positional
// initialisation, which silently shifts when a field is added.
struct GuardLimits {
  GuardLimits() {}
  GuardLimits& with_max_attributes(uint32_t n) { max_attributes = n; return *this; }
  GuardLimits& with_max_depth(uint32_t n) { max_depth = n; return *this; }
  GuardLimits& with_max_elements(size_t n) { max_elements = n; return *this; }
  GuardLimits& with_strip_scripts(bool on) { strip_scripts = on; return *this; }
  GuardLimits& with_deadline(Deadline* d) { deadline = d; return *this; }

  uint32_t max_attributes = 0;  // per tag; 0 = unlimited
  uint32_t max_depth = 0;       // open elements with required end tags; 0 = unlimited
  size_t max_elements = 0;      // start tags; 0 = unlimited
  // Leave out the text of <style> elements and of <script> elements other
  // than JSON-LD (those whose type may say "ld+json" keep it, and so do
  // scripts holding "<!--", whose text the tokenizer's escaped states read).
  bool strip_scripts = false;
  // Read at every tag: once it has passed, the pass stops (timed_out).
  Deadline* deadline = nullptr;
};

// A <script> or <style> whose text was left out: where its start tag begins
// in the input given to gumbo, and the tag's length. Its end tag follows the
// start tag directly.
struct StrippedElement {
  size_t offset = 0;
  size_t tag_length = 0;
};

// A change the guard made to the input.
struct GuardEdit {
  enum Kind : uint8_t {
    kReference,   // an over-long numeric character reference shortened
    kAttributes,  // the attributes of a tag past the limit dropped
    kDroppedTag,     // a start tag past the depth limit dropped
    kDroppedEndTag,  // the end tag of such a start tag dropped
    kIgnoredEndTag,  // an end tag gumbo ignores after searching far down its stack, dropped
    kQuoted,      // an unquoted attribute value that is one character reference, quoted
  };
  Kind kind;
  size_t source;  // where in guard_input's `html` (the key for `keep`)
  size_t offset;  // where in the input given to gumbo
};

struct GuardResult {
  bool rewritten = false;     // `out` holds the input to parse instead
  bool too_many_elements = false;
  bool timed_out = false;     // GuardLimits::deadline passed: `out` is incomplete
  size_t start_tags = 0;
  std::vector<StrippedElement> stripped;  // in input order
  std::vector<GuardEdit> edits;           // in input order
};

// Whether `html` ends in '&' and a name (no ';'): gumbo, matching it in an
// attribute value, reads the byte after the input (char_ref.rl), so the
// guard hands gumbo a copy (whose terminating NUL is that byte).
bool ends_in_named_reference(std::string_view html);

// `keep`: sources of edits not to make (sorted), from an earlier pass's
// GuardCheck::misplaced(): what they stood in is text. `deep`: start tags to
// open past the depth limit (sorted sources), from GuardCheck::too_shallow().
GuardResult guard_input(std::string_view html, const GuardLimits& limits, std::string& out,
                        const std::vector<size_t>& keep = {}, const std::vector<size_t>& deep = {});

// Checks a guarded input's edits and stripped elements against the tree
// gumbo built from it: visit() every node of the tree (any order).
class GuardCheck {
 public:
  // `max_depth`: the depth limit the guard ran with (GuardLimits::max_depth).
  GuardCheck(std::string_view parsed, const GuardResult& guard, uint32_t max_depth);

  void visit(const GumboNode* node);

  // Whether every stripped element is, in gumbo's tree, an HTML element made
  // from that very start tag and closed by the end tag right after it, with
  // no children: then gumbo read the original text as the element's raw text
  // and the tree is the one the whole input gives, minus that text.
  bool strip_confirmed() const { return confirmed_ == guard_.stripped.size(); }
  // Sources of the edits that landed where gumbo neither tokenized markup
  // nor decoded references (raw text, comments, CDATA), sorted: the guard
  // was wrong about them (they are text).
  std::vector<size_t> misplaced() const;
  // Sources of the start tags dropped where gumbo's stack of open elements
  // was not as deep as the limit, sorted: tags to open after all (the guard
  // follows the stack, not the list of active formatting elements, whose
  // copies gumbo reconstructs and its adoption agency closes again).
  std::vector<size_t> too_shallow() const;

 private:
  void misplace_within(size_t from, size_t to);
  void misplace_in_cdata(const GumboStringPiece& text);
  size_t offset_of(const char* p) const;

  uintptr_t base_;
  size_t size_;
  const GuardResult& guard_;
  uint32_t max_depth_;
  std::vector<bool> seen_;       // per stripped element
  std::vector<bool> misplaced_;  // per edit
  size_t confirmed_ = 0;
  // With start tags dropped: where each element opens and closes in the
  // parsed input (gumbo's source positions), to check the drops against.
  bool drops_;
  std::vector<size_t> opens_, closes_;
};

}  // namespace quietpage
