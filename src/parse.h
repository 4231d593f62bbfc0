// Stage 1 — parse: HTML bytes -> Document, through gumbo.
#pragma once

#include <string_view>

#include "dom.h"
#include "quietpage.h"

namespace quietpage {

struct ParseLimits {
  size_t max_elements = 0;  // 0 = unlimited
  uint32_t max_depth = 0;   // 0 = unlimited
};

// Parses `html` (UTF-8; invalid bytes become U+FFFD) into `doc`, allocating
// gumbo's memory from doc.arena(). Returns kOk, kTooManyElements or
// kOutOfMemory. Elements deeper than max_depth are flattened into their
// ancestor at that depth; comments are dropped.
ErrorCode parse_html(std::string_view html, const ParseLimits& limits, Document& doc);

}  // namespace quietpage
