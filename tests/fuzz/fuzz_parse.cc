// libFuzzer target: the public entry point, bytes -> article, with limits
// small enough that every input runs fast. Crashes, leaks (LeakSanitizer),
// undefined behaviour (UBSan) and hangs (-timeout) are findings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "quietpage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  quietpage::Options options;
  options.url = "https://example.com/dir/page.html";
  options.max_elements = 20000;
  options.max_output_bytes = 4u << 20;
  quietpage::Result r = quietpage::parse(html, options);
  (void)r;
  quietpage::is_probably_readerable(html);
  return 0;
}
