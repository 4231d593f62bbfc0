// Stage 1 — parse: HTML bytes -> Document, through gumbo.
#pragma once

#include <string_view>

#include "dom.h"
#include "quietpage.h"

namespace quietpage {

struct ParseLimits {
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

// Parses `html` (UTF-8; invalid bytes become U+FFFD) into `doc`. gumbo's
// output lives in doc.arena() and the nodes view its strings. Returns kOk, kTooManyElements or kOutOfMemory.
// Elements deeper than max_depth are flattened into their ancestor at that
// depth, attributes past max_attributes are ignored, comments are dropped,
// and so is the text of <style> and of every <script> but JSON-LD, unless
// limits.script_text (scripts are often most of a page's bytes).
ErrorCode parse_html(std::string_view html, const ParseLimits& limits, Document& doc);

// <script type="application/ld+json">: the only script whose text is kept.
bool is_json_ld(const Document& doc, NodeId n);

}  // namespace quietpage
