#include <doctest/doctest.h>

#include <string>

#include "json.h"

using namespace quietpage;

TEST_CASE("json: objects, arrays, escapes") {
  json::Value v;
  REQUIRE(json::parse(R"({"a": [1, 2.5, true, null], "s": "x\"\u00e9\ud83d\ude00\n"})", v));
  CHECK(v.is_object());
  CHECK(v["a"].array.size() == 4);
  CHECK(v["a"].array[1].number == 2.5);
  CHECK(v["s"].string == "x\"\xC3\xA9\xF0\x9F\x98\x80\n");
  CHECK(v["missing"]["deeper"].type == json::Value::Type::kNull);
}

TEST_CASE("json: rejects malformed input and excessive depth") {
  json::Value v;
  CHECK_FALSE(json::parse("{\"a\": }", v));
  CHECK_FALSE(json::parse("[1, 2", v));
  CHECK_FALSE(json::parse("{} trailing", v));
  std::string deep(100000, '[');
  CHECK_FALSE(json::parse(deep, v));  // no stack overflow
  std::string ok(json::kMaxDepth, '[');
  ok += std::string(json::kMaxDepth, ']');
  CHECK(json::parse(ok, v));
}
