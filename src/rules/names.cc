#include "rules/names.h"

#include <algorithm>

#include "text.h"

namespace quietpage::rules {

std::string class_and_id(const Document& doc, NodeId n) {
  std::string s(doc.attr(n, "class"));
  s += ' ';
  s += doc.attr(n, "id");
  return s;
}

Keywords::Keywords(const std::string_view* begin, const std::string_view* end) : words_(begin, end) {
  // Words grouped by first character; a table of the two-character
  // starts rules out almost every position with one lookup.
  std::stable_sort(words_.begin(), words_.end(),
                   [](std::string_view a, std::string_view b) { return a[0] < b[0]; });
  for (size_t i = words_.size(); i-- > 0;) {
    const auto c = static_cast<unsigned char>(words_[i][0]);
    first_[c] = static_cast<uint8_t>(i);
    count_[c]++;
    starts_.set(pair(words_[i][0], words_[i][1]));
  }
}

bool Keywords::found_in(std::string_view s) const {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const char c = text::lower(s[i]);
    if (!starts_.test(pair(c, text::lower(s[i + 1])))) continue;
    const auto u = static_cast<unsigned char>(c);
    for (size_t k = first_[u], end = first_[u] + count_[u]; k < end; ++k) {
      std::string_view w = words_[k];
      if (w.size() <= s.size() - i && text::iequals(s.substr(i, w.size()), w)) return true;
    }
  }
  return false;
}

}  // namespace quietpage::rules
