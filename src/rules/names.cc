#include "rules/names.h"

#include <algorithm>
#include <cstring>

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
                   std::initializer_list<Words> more) {
  uint32_t bit = 1;
  for (const auto& list : lists) {
    for (std::string_view w : list) words_.push_back({w, bit});
    bit <<= 1;
  }
  for (const Words& list : more) {
    for (const std::string_view* w = list.begin; w != list.end; ++w) words_.push_back({*w, bit});
    bit <<= 1;
  }
  index();
}

namespace {

// text::lower() of every byte, looked up (constant: usable while other
// files' Keywords are built).
constexpr std::array<unsigned char, 256> kLowerBytes = [] {
  std::array<unsigned char, 256> out{};
  for (int c = 0; c < 256; ++c) out[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}();

// The bytes that text::lower() turns into `c`.
std::vector<unsigned char> bytes_lowered_to(unsigned char c) {
  std::vector<unsigned char> out;
  if (kLowerBytes[c] == c) out.push_back(c);
  if (c >= 'a' && c <= 'z') out.push_back(static_cast<unsigned char>(c - 32));
  return out;
}

// The two bytes at `p` as one index below 65536 (one load; the index and the
// scan both read pairs through it, so the byte order does not matter).
unsigned pair_at(const unsigned char* p) {
  uint16_t pair;
  std::memcpy(&pair, p, 2);
  return pair;
}

// Two and three characters folded to 5 bits each (ASCII letters stay apart).
unsigned short_key(unsigned first, unsigned second) { return (first & 31) | (second & 31) << 5; }
unsigned long_key(unsigned first, unsigned second, unsigned third) {
  return short_key(first, second) | (third & 31) << 10;
}
template <size_t N>
void set_bit(std::array<uint64_t, N>& bits, unsigned k) { bits[k >> 6] |= uint64_t{1} << (k & 63); }
template <size_t N>
bool has_bit(const std::array<uint64_t, N>& bits, unsigned k) { return (bits[k >> 6] >> (k & 63)) & 1; }

}  // namespace

void Keywords::index() {
  // Words grouped by first character; a table of the two-byte starts (as
  // written, in any ASCII case) rules out almost every position with one lookup.
  // (Within a first character, by the second: a scan compares only those that open like the text.)
  std::stable_sort(words_.begin(), words_.end(), [](const Word& a, const Word& b) {
    const auto a0 = static_cast<unsigned char>(a.text[0]), b0 = static_cast<unsigned char>(b.text[0]);
    return a0 != b0 ? a0 < b0 : static_cast<unsigned char>(a.text[1]) < static_cast<unsigned char>(b.text[1]);
  });
  for (size_t i = words_.size(); i-- > 0;) {
    const auto c = static_cast<unsigned char>(words_[i].text[0]);
    first_[c] = static_cast<uint8_t>(i);
    count_[c]++;
    // (As groups_in compares: the first two characters as written, the third lowered.)
    const auto c1 = static_cast<unsigned char>(words_[i].text[1]);
    if (words_[i].text.size() == 2) {
      set_bit(short_starts_, short_key(c, c1));
      for (unsigned third = 0; third < 32; ++third) set_bit(long_starts_, long_key(c, c1, third));
    } else {
      set_bit(long_starts_, long_key(c, c1, kLowerBytes[static_cast<unsigned char>(words_[i].text[2])]));
    }
    for (unsigned char a : bytes_lowered_to(c))
      for (unsigned char b : bytes_lowered_to(static_cast<unsigned char>(words_[i].text[1]))) {
        const unsigned char two[2] = {a, b};
        const unsigned pair = pair_at(two);
        starts_[pair >> 6] |= uint64_t{1} << (pair & 63);
      }
  }
}

uint32_t Keywords::groups_in(std::string_view s, uint32_t wanted) const {
  uint32_t found = 0;
  if (s.size() < 2) return found;
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* const last = bytes + s.size() - 1;  // the positions with two bytes are before it
  auto starts_at = [this](const unsigned char* p) {
    const uint32_t pair = pair_at(p);
    const uint32_t word = pair >> 6, bit = pair & 63;
    return ((starts_[word] >> bit) & 1) != 0;
  };
  // The next position whose two bytes start some keyword (or `last`): four
  // positions a round, most ruled out by one lookup each.
  auto next_start = [&](const unsigned char* p) {
    for (; p + 4 <= last; p += 4) {
      if (starts_at(p)) return p;
      if (starts_at(p + 1)) return p + 1;
      if (starts_at(p + 2)) return p + 2;
      if (starts_at(p + 3)) return p + 3;
    }
    while (p < last && !starts_at(p)) ++p;
    return p;
  };
  for (const unsigned char* p = next_start(bytes); p < last; p = next_start(p + 1)) {
    const size_t i = static_cast<size_t>(p - bytes);
    // A keyword of two characters, or of more whose first three are these.
    // (The keys fold ASCII case by themselves: 'A' & 31 == 'a' & 31.)
    if (i + 2 < s.size() ? !has_bit(long_starts_, long_key(p[0], p[1], p[2]))
                         : !has_bit(short_starts_, short_key(p[0], p[1])))
      continue;
    const unsigned u = kLowerBytes[bytes[i]], second = kLowerBytes[bytes[i + 1]];
    for (size_t k = first_[u], end = first_[u] + count_[u]; k < end; ++k) {
      const Word& w = words_[k];
      const auto w1 = static_cast<unsigned char>(w.text[1]);
      if (w1 != second) {
        if (w1 > second) break;
        continue;
      }
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
