#include "nfc.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <tuple>
#include <utility>
#include <vector>

#include "nfc_tables.h"
#include "text.h"

namespace quietpage::nfc {
namespace {

namespace t = nfc_tables;

// Hangul syllables decompose and compose by arithmetic (UAX #15, 3.12).
constexpr uint32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr uint32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

bool in_ranges(const uint32_t (*first)[2], const uint32_t (*last)[2], uint32_t cp) {
  const auto* it = std::upper_bound(first, last, cp, [](uint32_t c, const uint32_t(&r)[2]) { return c < r[0]; });
  return it != first && cp <= (it - 1)[0][1];
}

bool interesting(uint32_t cp) {
  // (CJK ideographs, U+3400-U+9FFF, and Hangul syllables, the bulk of the
  // text that reaches this test, lie between the ranges: skipped at once;
  // scripts/gen-nfc-tables.py checks that they do.)
  if (cp < 0x300 || (cp >= 0x3400 && cp < 0xA000) || (cp >= 0xAC00 && cp < 0xD7A4)) return false;
  return in_ranges(std::begin(t::kInteresting), std::end(t::kInteresting), cp);
}

bool not_yes(uint32_t cp) { return in_ranges(std::begin(t::kNotYes), std::end(t::kNotYes), cp); }

uint8_t combining_class(uint32_t cp) {
  if (cp < 0x300) return 0;
  const uint32_t key = cp << 8;
  const auto* it = std::lower_bound(std::begin(t::kCombiningClass), std::end(t::kCombiningClass), key);
  return it != std::end(t::kCombiningClass) && (*it >> 8) == cp ? static_cast<uint8_t>(*it & 0xFF) : 0;
}

constexpr uint64_t kMask21 = (1u << 21) - 1;

// One step of canonical decomposition: `cp`'s first and second code points
// (second 0 for a singleton), or false when it has none.
bool decomposition_step(uint32_t cp, uint32_t& first, uint32_t& second) {
  // A primary composite: the pair it composes from.
  const auto* by = std::lower_bound(std::begin(t::kCompositionByComposite), std::end(t::kCompositionByComposite), cp,
                                    [](uint16_t i, uint32_t c) { return (t::kComposition[i] & kMask21) < c; });
  if (by != std::end(t::kCompositionByComposite) && (t::kComposition[*by] & kMask21) == cp) {
    first = static_cast<uint32_t>(t::kComposition[*by] >> 42);
    second = static_cast<uint32_t>((t::kComposition[*by] >> 21) & kMask21);
    return true;
  }
  // Any other (singletons, exclusions).
  const uint64_t key = static_cast<uint64_t>(cp) << 42;
  const auto* it = std::lower_bound(std::begin(t::kOtherDecomposition), std::end(t::kOtherDecomposition), key);
  if (it == std::end(t::kOtherDecomposition) || (*it >> 42) != cp) return false;
  first = static_cast<uint32_t>((*it >> 21) & kMask21);
  second = static_cast<uint32_t>(*it & kMask21);
  return true;
}

// The full canonical decomposition of `cp`, appended (steps applied again,
// without recursion: a canonical decomposition is at most 4 code points).
void decompose(uint32_t cp, std::vector<uint32_t>& out) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    const uint32_t s = cp - kSBase;
    out.push_back(kLBase + s / kNCount);
    out.push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount) out.push_back(kTBase + s % kTCount);
    return;
  }
  if (cp < 0xC0) {  // (nothing below U+00C0 decomposes)
    out.push_back(cp);
    return;
  }
  uint32_t pending[8];
  size_t n = 0;
  pending[n++] = cp;
  while (n > 0) {
    const uint32_t c = pending[--n];
    uint32_t first = 0, second = 0;
    if (n + 2 <= std::size(pending) && decomposition_step(c, first, second)) {
      if (second) pending[n++] = second;
      pending[n++] = first;
    } else {
      out.push_back(c);
    }
  }
}

// The primary composite of `a` and `b`, or 0.
uint32_t compose(uint32_t a, uint32_t b) {
  if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount)
    return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
  if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount)
    return a + (b - kTBase);
  const uint64_t key = static_cast<uint64_t>(a) << 42 | static_cast<uint64_t>(b) << 21;
  const auto* it = std::lower_bound(std::begin(t::kComposition), std::end(t::kComposition), key);
  return it != std::end(t::kComposition) && (*it & ~kMask21) == key ? static_cast<uint32_t>(*it & kMask21) : 0;
}

}  // namespace

bool may_change(std::string_view s) {
  // Code points below U+0300 take lead bytes below 0xCC and are starters
  // whose quick check is Yes.
  // (Eight ASCII bytes at once where they are: ASCII is most text.)
  size_t i = 0;
  while (i < s.size()) {
    uint64_t w;
    if (i + 8 <= s.size() && (std::memcpy(&w, s.data() + i, 8), !(w & 0x8080808080808080u))) {
      i += 8;
      continue;
    }
    if (static_cast<unsigned char>(s[i]) >= 0xCC) break;
    ++i;
  }
  if (i == s.size()) return false;
  // The quick check (UAX #15, 9): a No or Maybe, or non-starters out of order.
  // (Back to the start of the code point the byte belongs to.)
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  uint8_t last_class = 0;
  while (i < s.size()) {
    const uint32_t cp = text::next_code_point(s, i);
    if (!interesting(cp)) {
      last_class = 0;
      continue;
    }
    const uint8_t cls = combining_class(cp);
    if ((cls != 0 && last_class > cls) || not_yes(cp)) return true;
    last_class = cls;
  }
  return false;
}

std::string to_nfc(std::string_view s) {
  // Decomposed, then each run of non-starters put in combining-class order
  // (a stable sort of the run: a hostile run of a million marks costs
  // n log n, not n squared).
  std::vector<uint32_t> cps;
  cps.reserve(s.size());
  for (size_t i = 0; i < s.size();) decompose(text::next_code_point(s, i), cps);
  std::vector<uint8_t> classes(cps.size());
  for (size_t i = 0; i < cps.size(); ++i) classes[i] = combining_class(cps[i]);
  std::vector<std::pair<uint8_t, uint32_t>> run;
  for (size_t i = 0; i < cps.size();) {
    if (classes[i] == 0) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < cps.size() && classes[end] != 0) ++end;
    if (end - i > 1) {
      run.clear();
      for (size_t k = i; k < end; ++k) run.emplace_back(classes[k], cps[k]);
      std::stable_sort(run.begin(), run.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (size_t k = i; k < end; ++k) std::tie(classes[k], cps[k]) = run[k - i];
    }
    i = end;
  }
  // Composed: each character joins the last starter unless a character
  // between them blocks it (one of the same or a higher class, or a starter).
  size_t kept = 0;
  size_t starter = 0;
  bool have_starter = false;
  int last_class = -1;  // of the last character kept after the starter; -1: none
  for (size_t i = 0; i < cps.size(); ++i) {
    const uint32_t cp = cps[i];
    const uint8_t cls = classes[i];
    if (have_starter && (last_class < 0 || (last_class < cls && last_class != 0))) {
      if (const uint32_t composite = compose(cps[starter], cp)) {
        cps[starter] = composite;
        continue;
      }
    }
    if (cls == 0) {
      starter = kept;
      have_starter = true;
      last_class = -1;
    } else {
      last_class = cls;
    }
    cps[kept] = cp;
    classes[kept] = cls;
    ++kept;
  }
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < kept; ++i) text::append_utf8(out, cps[i]);
  return out;
}

}  // namespace quietpage::nfc
