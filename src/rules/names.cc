#include "rules/names.h"

#include <algorithm>

#include "text.h"

namespace quietpage::rules {

std::string class_and_id(const Document& doc, NodeId n) {
  // Built at its size in one go (most elements have neither: " ").
  const std::string_view cls = doc.attr(n, "class"), id = doc.attr(n, "id");
  std::string s(cls.size() + 1 + id.size(), ' ');
  cls.copy(s.data(), cls.size());
  id.copy(s.data() + cls.size() + 1, id.size());
  return s;
}

Keywords::Keywords(const std::string_view* begin, const std::string_view* end) {
  for (const std::string_view* w = begin; w != end; ++w) words_.push_back({*w, 1});
  index();
}

Keywords::Keywords(std::initializer_list<std::initializer_list<std::string_view>> lists,
                   const std::string_view* more_begin, const std::string_view* more_end) {
  uint32_t bit = 1;
  for (const auto& list : lists) {
    for (std::string_view w : list) words_.push_back({w, bit});
    bit <<= 1;
  }
  for (const std::string_view* w = more_begin; w != more_end; ++w) words_.push_back({*w, bit});
  index();
}

void Keywords::index() {
  // Words grouped by first character; a table of the two-character
  // starts rules out almost every position with one lookup.
  std::stable_sort(words_.begin(), words_.end(), [](const Word& a, const Word& b) { return a.text[0] < b.text[0]; });
  for (size_t i = words_.size(); i-- > 0;) {
    const auto c = static_cast<unsigned char>(words_[i].text[0]);
    first_[c] = static_cast<uint8_t>(i);
    count_[c]++;
    const auto b = static_cast<unsigned char>(words_[i].text[1]);
    starts_[c][b >> 6] |= uint64_t{1} << (b & 63);
  }
}

namespace {

// text::lower() of every byte, looked up (the scan's per-character step).
const std::array<unsigned char, 256> kLowerBytes = [] {
  std::array<unsigned char, 256> out{};
  for (int c = 0; c < 256; ++c) out[c] = static_cast<unsigned char>(text::lower(static_cast<char>(c)));
  return out;
}();

}  // namespace

uint32_t Keywords::groups_in(std::string_view s, uint32_t wanted) const {
  uint32_t found = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  unsigned next = s.empty() ? 0 : kLowerBytes[bytes[0]];  // each character lowered once
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const unsigned u = next;
    next = kLowerBytes[bytes[i + 1]];
    if (!((starts_[u][next >> 6] >> (next & 63)) & 1)) continue;
    for (size_t k = first_[u], end = first_[u] + count_[u]; k < end; ++k) {
      const Word& w = words_[k];
      // The first two characters match; the third (if any) rules out most of the rest.
      if (!(wanted & w.group & ~found) || w.text.size() > s.size() - i ||
          (w.text.size() > 2 && text::lower(s[i + 2]) != text::lower(w.text[2])))
        continue;
      if (text::iequals(s.substr(i, w.text.size()), w.text)) {
        found |= w.group;
        if ((found & wanted) == wanted) return found;
      }
    }
  }
  return found;
}

}  // namespace quietpage::rules
