// Stage 1 — parse: HTML bytes -> Document, through gumbo.
#pragma once

#include <string_view>

#include "dom.h"
#include "quietpage.h"

namespace quietpage {

// Set by name, field by field or with the setters
// (ParseLimits().with_max_depth(10)): the constructor rules out positional
// initialisation, which silently shifts when a field is added.
struct ParseLimits {
  ParseLimits() {}
  // Options' limits (max_elements, max_depth, max_attributes).
  static ParseLimits from(const Options& options);
  ParseLimits& with_max_elements(size_t n) { max_elements = n; return *this; }
  ParseLimits& with_max_depth(uint32_t n) { max_depth = n; return *this; }
  ParseLimits& with_max_attributes(uint32_t n) { max_attributes = n; return *this; }
  ParseLimits& with_script_text(bool on) { script_text = on; return *this; }
  ParseLimits& with_strip_scripts(bool on) { strip_scripts = on; return *this; }

  size_t max_elements = 0;     // 0 = unlimited
  uint32_t max_depth = 0;      // 0 = unlimited
  uint32_t max_attributes = 0; // per element; 0 = unlimited
  // Keep the text of every <script> and <style> (isProbablyReaderable counts
  // it, as Readability's textContent does); the extraction never reads it.
  bool script_text = false;
  // Leave script and style text out before gumbo runs (see guard.h): the
  // same tree, built faster. Off only to compare against the plain parse.
  bool strip_scripts = true;
};

// The guard (guard.h) drops start tags nested deeper than this multiple of
// max_depth before gumbo runs; conversion flattens precisely at max_depth.
constexpr uint32_t kGuardDepthFactor = 4;

// What a parse did that its tree doesn't show.
struct ParseStats {
  // Passes after the first: the guard was wrong somewhere (a script or style
  // text it left out, an edit where gumbo reads no markup, a tag dropped
  // where gumbo nests less deep than the limit: guard.h) and the
  // input was parsed again with those changes undone; 0 normally.
  unsigned whole_input_reparses = 0;
};

// Parses `html` (UTF-8; invalid bytes become U+FFFD) into `doc`. The nodes
// view copies of gumbo's strings in doc.arena(). Returns kOk,
// kTooManyElements, kOutOfMemory or kTimeout (doc's deadline, see dom.h).
// Elements deeper than max_depth are flattened into their ancestor at that
// depth, attributes past max_attributes are ignored, comments are dropped,
// and so is the text of <style> and of every <script> but JSON-LD and TeX
// (rules/formulas.h: is_tex_script), unless
// limits.script_text (scripts are often most of a page's bytes).
// `stats`, when given, says whether the guard's fallback ran.
ErrorCode parse_html(std::string_view html, const ParseLimits& limits, Document& doc, ParseStats* stats = nullptr);

// A <title> never closed holds the rest of the page as its text (RCDATA, as
// in browsers, where such a page shows nothing): a page cut short, or broken
// by a stray quote in its head. parse() and isProbablyReaderable read it as
// if "</title>" stood before the first tag after the title's start tag:
// `html` so repaired, copied into `arena`, or `html` itself when its title
// is closed (or there is none).
std::string_view close_open_title(std::string_view html, Arena& arena);

// An unknown element's name as written in its start tag (gumbo keeps no
// other; the tag's text may begin with an ignored "</>"), or empty.
std::string_view unknown_element_name(const GumboElement& el);

// Whether parse_html leaves out the text of this element, text's parent in
// gumbo's tree (unless limits.script_text): a <style>, or a <script> but
// JSON-LD and TeX.
bool drops_text(const GumboNode* own);

// <script type="application/ld+json">: a script whose text is kept (TeX
// scripts are the other).
bool is_json_ld(const Document& doc, NodeId n);

}  // namespace quietpage
