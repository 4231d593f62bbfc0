// Guard: bounds what gumbo sees, before it sees it.
//
// gumbo 0.10.1 has quadratic corners that hostile pages can hit: every new
// attribute is checked against all earlier ones of its tag (100,000
// attributes take over a minute), and each block start tag scans the whole
// stack of open elements (100,000 nested <div>s take ~10 s). A light
// tokenizer pass rewrites such inputs — extra attributes are dropped, start
// tags nested deeper than the limit are dropped with their end tags — and
// counts start tags so oversized documents are refused before gumbo builds
// them. Ordinary pages pass through untouched (no copy).
//
// The same pass can also leave out the bodies of <script> and <style>
// elements (GuardLimits::strip_scripts): the extraction never reads them, yet
// they are over a third of a news page's bytes and gumbo tokenizes them a
// character at a time. Whether a "<script>" really starts a script depends on
// the parser's state (inside <svg> it does not), which a tokenizer pass can
// only predict, so every body left out is listed in GuardResult::stripped and
// parse.cc checks the prediction against gumbo's tree (parse_html falls back
// to the whole input when one is wrong).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

  uint32_t max_attributes = 0;  // per tag; 0 = unlimited
  uint32_t max_depth = 0;       // estimated open elements; 0 = unlimited
  size_t max_elements = 0;      // start tags; 0 = unlimited
  // Leave out the text of <style> elements and of <script> elements other
  // than JSON-LD (those whose type may say "ld+json" keep it, and so do
  // scripts holding "<!--", whose end the HTML tokenizer finds by other rules).
  bool strip_scripts = false;
};

// A <script> or <style> whose text was left out: where its start tag begins
// in the input given to gumbo, and the tag's length. Its end tag follows the
// start tag directly.
struct StrippedElement {
  size_t offset = 0;
  size_t tag_length = 0;
};

struct GuardResult {
  bool rewritten = false;     // `out` holds the input to parse instead
  bool too_many_elements = false;
  size_t start_tags = 0;
  std::vector<StrippedElement> stripped;  // in input order
};

GuardResult guard_input(std::string_view html, const GuardLimits& limits, std::string& out);

}  // namespace quietpage
