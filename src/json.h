// A small JSON reader for JSON-LD metadata blocks.
//
// Nesting deeper than kMaxDepth is rejected rather than recursed into, so a
// hostile <script type="application/ld+json"> cannot exhaust the stack.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quietpage::json {

constexpr int kMaxDepth = 64;

struct Value {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Value> array;
  std::vector<std::pair<std::string, Value>> object;

  bool is_string() const { return type == Type::kString; }
  bool is_array() const { return type == Type::kArray; }
  bool is_object() const { return type == Type::kObject; }
  // Member lookup; a static null value when absent or not an object.
  const Value& operator[](std::string_view key) const;
};

// Parses a complete JSON text; false on any syntax error or excess depth.
bool parse(std::string_view text, Value& out);

}  // namespace quietpage::json
