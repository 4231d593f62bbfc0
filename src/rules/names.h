// How the rules read a block's names: class and id, matched against word
// lists. No words live here; each concept file holds its own lists.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "dom.h"

namespace quietpage::rules {

// class + " " + id: the string Readability's name patterns are matched against.
std::string class_and_id(const Document& doc, NodeId n);

// Lowercase keywords, any of which may occur anywhere in a string (a class
// list, an id), ASCII case ignored. One pass over the string: only positions
// whose two characters start some keyword are compared (no allocation, no
// folding). Every keyword has at least two characters.
class Keywords {
 public:
  Keywords(std::initializer_list<std::string_view> words) : Keywords(words.begin(), words.end()) {}
  template <size_t N>
  explicit Keywords(const std::string_view (&words)[N]) : Keywords(words, words + N) {}
  Keywords(const std::string_view* begin, const std::string_view* end);
  // Several lists (at most 32) read in one pass: groups_in() says which
  // have a keyword in the string, list i as bit i.
  explicit Keywords(std::initializer_list<std::initializer_list<std::string_view>> lists)
      : Keywords(lists, std::initializer_list<Words>{}) {}
  // An array of another concept's words, as one list.
  struct Words {
    template <size_t N>
    Words(const std::string_view (&words)[N]) : begin(words), end(words + N) {}  // NOLINT: implicit on purpose
    const std::string_view* begin;
    const std::string_view* end;
  };
  // The same with more lists from arrays, as the last bits (in their order).
  Keywords(std::initializer_list<std::initializer_list<std::string_view>> lists, std::initializer_list<Words> more);
  bool found_in(std::string_view s) const { return groups_in(s, 1) != 0; }
  // The lists among `wanted` (bits) with a keyword in `s`; stops once all are found.
  uint32_t groups_in(std::string_view s, uint32_t wanted) const;

 private:
  struct Word {
    std::string_view text;
    uint32_t group;  // its list's bit
  };
  void index();
  std::vector<Word> words_;
  std::array<uint8_t, 256> first_{};
  std::array<uint8_t, 256> count_{};
  // The two-byte starts, a bit each (indexed by the two bytes read as one number).
  std::array<uint64_t, 1024> starts_{};
  // What the scan of a position that passed starts_ may find, folded to 5
  // bits a character (short_key, long_key): the starts of the two-byte
  // keywords, and the first three characters of every keyword (a two-byte
  // one with any third).
  std::array<uint64_t, 16> short_starts_{};
  std::array<uint64_t, 512> long_starts_{};
};

}  // namespace quietpage::rules
