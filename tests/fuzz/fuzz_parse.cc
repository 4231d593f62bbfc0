// libFuzzer target: the public entry points, bytes -> article (HTML, text
// and Markdown) and isProbablyReaderable, with limits small enough that
// every input runs fast. Crashes, leaks (LeakSanitizer), undefined behaviour
// (UBSan) and hangs (-timeout) are findings. The cheap target (fuzz_guard
// compares trees).
//
// The input's last byte also picks the options, so the mutations reach
// their branches and most runs stay cheap: an extraction that finds less
// text than charThreshold (500 by default: nearly every input here) tries
// again with relaxed rules, four attempts in all, and isProbablyReaderable
// extracts the article once more. So a quarter of the inputs run with
// charThreshold 500 and the rest with 100, 25 or 0 (one attempt), and an
// eighth also run isProbablyReaderable (four attempts, and the page model):
// about a third of the work per input of parse() with defaults plus
// isProbablyReaderable, and the same code.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "quietpage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  // Bits 0-1: charThreshold; 2-4: isProbablyReaderable when 0; 4: keepClasses;
  // 5: no captions in the text; 6: disableJSONLD; 7: no page URL. A page's
  // usual last byte, '\n' or '>', gives charThreshold 0 and no
  // isProbablyReaderable.
  const unsigned pick = size ? data[size - 1] : 0;
  static constexpr uint32_t kThresholds[] = {500, 100, 0, 25};
  quietpage::Options options;
  options.url = pick & 0x80 ? "" : "https://example.com/dir/page.html";
  options.max_elements = 20000;
  options.max_output_bytes = 4u << 20;
  options.markdown = true;
  options.char_threshold = kThresholds[pick & 3];
  options.keep_classes = pick & 0x10;
  options.disable_json_ld = pick & 0x40;
  options.text_captions = !(pick & 0x20);
  quietpage::Result r = quietpage::parse(html, options);
  (void)r;
  if (((pick >> 2) & 7) == 0) {
    quietpage::ReaderableOptions readerable;
    readerable.url = options.url;
    quietpage::is_probably_readerable(html, readerable);
  }
  return 0;
}
