// libFuzzer target: the serializer/sanitizer. Any input is parsed, its body
// serialized through the allowlist, and the output parsed again: every
// element, attribute and URL in it must be one the allowlist permits (ids
// and classes kept, as with keepClasses and in-article links). A
// violation aborts, which libFuzzer reports as a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "arena.h"
#include "dom.h"
#include "parse.h"
#include "serialize.h"
#include "text.h"
#include "url.h"

using namespace quietpage;

namespace {

[[noreturn]] void violation(const char* what, std::string_view detail) {
  std::fprintf(stderr, "sanitizer violation: %s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

void check_output(std::string_view html) {
  Arena arena;
  Document doc(arena);
  if (parse_html(html, {}, doc) != ErrorCode::kOk) return;
  NodeId body = doc.body();
  if (body == kNoNode) return;
  for (NodeId n = doc.next_in(body, body); n != kNoNode; n = doc.next_in(n, body)) {
    if (!doc.is_element(n)) continue;
    std::string_view tag = doc.tag_name(n);
    const bool math = doc[n].ns == GUMBO_NAMESPACE_MATHML;
    if (doc[n].ns != GUMBO_NAMESPACE_HTML && !math) violation("foreign element", tag);
    for (std::string_view bad : {"script", "style", "iframe", "object", "embed", "form", "input",
                                 "base", "meta", "link", "svg", "template", "frame", "maction",
                                 "mglyph", "annotation-xml", "malignmark"}) {
      if (tag == bad && !(tag == "iframe" && doc.has_attr(n, "sandbox"))) violation("tag", tag);
    }
    for (const Attr* a = doc.attrs_begin(n); a != doc.attrs_end(n); ++a) {
      std::string_view name = a->name;
      if (text::istarts_with(name, "on") || name == "style" || name == "name" || name == "srcdoc" ||
          name == "formaction" || name == "xmlns" || name.find(':') != std::string_view::npos ||
          (math && (name == "href" || name == "src" || name == "id" || name == "class")))
        violation("attribute", name);
      // Ids only as anchors.h writes them: prefixed, so they clobber nothing.
      if (name == "id" && !text::istarts_with(a->value, kIdPrefix)) violation("id", a->value);
      if (name == "class")
        for (char c : a->value)
          if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '_' || c == ' ' || c == '+' || c == '#' || c == '.'))
            violation("class", a->value);
      if (name == "href" || name == "src" || name == "poster" || name == "cite") {
        std::string scheme = url::scheme_of(a->value);
        bool ok = scheme.empty() ? (!a->value.empty() && a->value[0] == '#')
                                 : (scheme == "http" || scheme == "https" || scheme == "mailto" ||
                                    (scheme == "data" && text::istarts_with(a->value, "data:image/")));
        if (!ok) violation("url", a->value);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  Arena arena;
  Document doc(arena);
  if (parse_html(html, ParseLimits().with_max_elements(20000).with_max_depth(256).with_max_attributes(100), doc) != ErrorCode::kOk) return 0;
  NodeId body = doc.body();
  if (body == kNoNode) return 0;
  url::Url base;
  url::parse_absolute("https://example.com/dir/page.html", base);
  const Anchors anchors(doc, body, &base);
  Output output;
  output.base = &base;
  output.max_bytes = 4u << 20;
  output.keep_classes = true;
  output.anchors = &anchors;
  std::string out;
  if (!serialize_html(doc, body, output, out)) return 0;
  check_output(out);
  std::string text;
  serialize_text(doc, body, 4u << 20, true, text);
  return 0;
}
