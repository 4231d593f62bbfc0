// libFuzzer target: the guard (src/guard.h) differentially. For the same
// bytes, the tree parse_html builds as parse() does (guard, gumbo on the
// guarded input, script and style text left out) must be the tree gumbo
// builds from the input as it is — every element (namespace, name, depth)
// and every text node but the script and style text parse_html drops (no
// output reads it) — wherever the guard could act:
//  - its depth limit is low (64 levels, with parse_html flattening at 16),
//    so a depth it over-estimates drops tags gumbo would have nested less;
//  - its attribute limit is low (8), so a tag it misreads gets cut;
//  - script and style text is left out before gumbo runs: when the input
//    has a <script> or <style>, a second parse without that (the guard's
//    fallback) must give the same tree, attributes included.
// Inputs where the guard must change the tree are left out of the
// comparison: a tag with more attributes than the limit in gumbo's tree,
// nesting deeper than the guard's limit (in the tree, or on gumbo's stack of
// open elements while it was built), numeric references too long for
// gumbo's int, unquoted values that are a single reference and a named
// reference ending the input (gumbo alone would overflow, or read before or
// after its buffer), too many elements.
// Mismatches abort, which libFuzzer reports as a finding; scripts/fuzz.sh
// runs it on inputs up to 64 KB. Two gumbo parses per input, three with a
// <script> or <style>.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "../core/gumbo_outline.h"
#include "../core/tree_dump.h"
#include "guard.h"
#include "parse.h"

namespace {

constexpr uint32_t kMaxDepth = 16;  // parse_html flattens here; the guard drops at 4x
constexpr uint32_t kMaxAttributes = 8;
constexpr size_t kMaxElements = 20000;

[[noreturn]] void mismatch(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "%s\n--- guarded\n", what);
  std::fwrite(a.data(), 1, a.size(), stderr);  // text may hold NULs
  std::fprintf(stderr, "\n--- gumbo\n");
  std::fwrite(b.data(), 1, b.size(), stderr);
  std::fprintf(stderr, "\n");
  std::abort();
}

// An unquoted attribute value that may be a single character reference:
// gumbo alone reads a byte before it (the guard quotes it).
bool may_have_bare_reference(std::string_view html) {
  for (size_t eq = html.find('='); eq != std::string_view::npos; eq = html.find('=', eq + 1)) {
    size_t p = eq + 1;
    while (p < html.size() && std::isspace(static_cast<unsigned char>(html[p]))) ++p;
    if (p < html.size() && html[p] == '&') return true;
  }
  return false;
}

// What the comparison cannot hold for (see the top of the file): in the
// input, where gumbo alone would overflow or read out of bounds (checked
// before gumbo sees it)...
bool comparable_input(std::string_view html) {
  if (may_have_bare_reference(html)) return false;
  // A named reference at the very end: gumbo alone reads the byte after it.
  if (quietpage::ends_in_named_reference(html)) return false;
  for (size_t amp = html.find("&#"); amp != std::string_view::npos; amp = html.find("&#", amp + 2)) {
    size_t q = amp + 2, digits = 0;
    bool hex = q < html.size() && (html[q] == 'x' || html[q] == 'X');
    if (hex) ++q;
    for (; q < html.size() && std::isxdigit(static_cast<unsigned char>(html[q])); ++q) ++digits;
    if (digits > 6) return false;
  }
  return true;
}

// ...and in gumbo's tree of it, where the guard's limits had to act: its
// depth limit follows gumbo's stack of open elements, which can be deeper
// than the tree ends up (the adoption agency moves elements up).
bool comparable_tree(const GumboOutput* output, size_t input_size) {
  bool ok = true;
  size_t elements = 0;
  std::vector<size_t> opens, closes;
  struct Frame {
    const GumboNode* node;
    uint32_t depth;
  };
  std::vector<Frame> stack{{output->document, 0}};
  while (ok && !stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const GumboVector* children = nullptr;
    if (f.node->type == GUMBO_NODE_DOCUMENT) {
      children = &f.node->v.document.children;
    } else if (f.node->type == GUMBO_NODE_ELEMENT || f.node->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& el = f.node->v.element;
      ok = el.attributes.length <= kMaxAttributes && f.depth < kMaxDepth * quietpage::kGuardDepthFactor &&
           ++elements <= kMaxElements;
      // On the stack from its start tag to the token that closed it (to the
      // end when gumbo recorded none).
      opens.push_back(el.start_pos.offset);
      closes.push_back(el.end_pos.offset > el.start_pos.offset ? el.end_pos.offset : input_size);
      children = &el.children;
    }
    if (children)
      for (unsigned i = 0; i < children->length; ++i)
        stack.push_back({static_cast<const GumboNode*>(children->data[i]), f.depth + 1});
  }
  std::sort(opens.begin(), opens.end());
  std::sort(closes.begin(), closes.end());
  for (size_t i = 0; ok && i < opens.size(); ++i) {
    const size_t closed = std::lower_bound(closes.begin(), closes.end(), opens[i]) - closes.begin();
    ok = i + 1 - std::min(closed, i + 1) < kMaxDepth * quietpage::kGuardDepthFactor;
  }
  return ok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  // parse()'s parse: script and style text left out before gumbo.
  const auto limits = quietpage::ParseLimits()
                          .with_max_elements(kMaxElements)
                          .with_max_depth(kMaxDepth)
                          .with_max_attributes(kMaxAttributes);
  quietpage::Arena arena_a;
  quietpage::Document guarded(arena_a);
  // Every input goes through the guard: sanitizers check it and gumbo after it.
  if (quietpage::parse_html(html, limits, guarded) != quietpage::ErrorCode::kOk) return 0;
  if (comparable_input(html)) {
    // gumbo alone, once: what may be compared, and the tree to compare with
    // (without the script and style text parse_html drops: no output reads it).
    GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    const bool ok = comparable_tree(output, html.size());
    std::string b = ok ? quietpage::testing::gumbo_outline(output, kMaxDepth, false) : std::string();
    gumbo_destroy_output(&kGumboDefaultOptions, output);
    if (ok) {
      std::string a = quietpage::testing::outline(guarded);
      if (a != b) mismatch("the guarded tree differs from gumbo's", a, b);
    }
  }
  // Without a <script> or <style> start tag the guard leaves nothing out.
  if (!quietpage::text::icontains(html, "<script") && !quietpage::text::icontains(html, "<style")) return 0;
  // Script and style text left out: the tree, attributes included, is the
  // one the guard gives the whole input, with the text dropped after gumbo.
  quietpage::ParseLimits whole = limits;
  whole.strip_scripts = false;
  quietpage::Arena arena_b;
  quietpage::Document reference(arena_b);
  if (quietpage::parse_html(html, whole, reference) != quietpage::ErrorCode::kOk) return 0;
  std::string c = quietpage::testing::dump_tree(guarded);
  std::string d = quietpage::testing::dump_tree(reference);
  if (c != d) mismatch("the tree differs when script and style text is left out", c, d);
  return 0;
}
