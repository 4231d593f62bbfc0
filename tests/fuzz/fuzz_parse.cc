// libFuzzer target: the public entry point, bytes -> article, with limits
// small enough that every input runs fast. Crashes, leaks (LeakSanitizer),
// undefined behaviour (UBSan) and hangs (-timeout) are findings, and so is a
// tree that differs when the guard leaves script and style text out before
// gumbo (parse.h: ParseLimits::strip_scripts) from the whole input's tree.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "../core/tree_dump.h"
#include "parse.h"
#include "quietpage.h"

namespace {

void check_stripping_keeps_the_tree(std::string_view html) {
  auto stripped = quietpage::ParseLimits().with_max_elements(20000).with_max_depth(512).with_max_attributes(1000);
  quietpage::ParseLimits whole = stripped;
  whole.strip_scripts = false;
  quietpage::Arena arena_a, arena_b;
  quietpage::Document a(arena_a), b(arena_b);
  if (quietpage::parse_html(html, stripped, a) != quietpage::ErrorCode::kOk ||
      quietpage::parse_html(html, whole, b) != quietpage::ErrorCode::kOk)
    return;
  if (quietpage::testing::dump_tree(a) != quietpage::testing::dump_tree(b)) {
    std::fprintf(stderr, "the tree differs when script and style text is left out\n");
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  quietpage::Options options;
  options.url = "https://example.com/dir/page.html";
  options.max_elements = 20000;
  options.max_output_bytes = 4u << 20;
  quietpage::Result r = quietpage::parse(html, options);
  (void)r;
  quietpage::is_probably_readerable(html);
  check_stripping_keeps_the_tree(html);
  return 0;
}
