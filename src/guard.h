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
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quietpage {

struct GuardLimits {
  uint32_t max_attributes = 0;  // per tag; 0 = unlimited
  uint32_t max_depth = 0;       // estimated open elements; 0 = unlimited
  size_t max_elements = 0;      // start tags; 0 = unlimited
};

struct GuardResult {
  bool rewritten = false;     // `out` holds the input to parse instead
  bool too_many_elements = false;
  size_t start_tags = 0;
};

GuardResult guard_input(std::string_view html, const GuardLimits& limits, std::string& out);

}  // namespace quietpage
