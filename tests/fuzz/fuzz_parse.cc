// libFuzzer target: the public entry points, bytes -> article (Markdown
// included) and isProbablyReaderable, with limits small enough that every
// input runs fast. Crashes, leaks (LeakSanitizer), undefined behaviour
// (UBSan) and hangs (-timeout) are findings. The cheap target: one parse of
// each entry point per input (fuzz_guard compares trees).
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
  options.markdown = true;
  quietpage::Result r = quietpage::parse(html, options);
  (void)r;
  quietpage::is_probably_readerable(html);
  return 0;
}
