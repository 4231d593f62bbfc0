#include "rules/titles.h"

#include <algorithm>
#include <vector>

#include "rules/language.h"
#include "text.h"

namespace quietpage::rules::titles {
namespace {

// document.title: the first <title>'s text, ASCII whitespace stripped and
// collapsed.
std::string document_title(const Document& doc) {
  for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode; n = doc.next_in(n, doc.root())) {
    if (doc.is(n, GUMBO_TAG_TITLE) && doc[n].ns == GUMBO_NAMESPACE_HTML) {
      std::string raw = doc.text_content(n);
      std::string out;
      bool pending = false;
      for (char c : raw) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
          pending = !out.empty();
          continue;
        }
        if (pending) out += ' ';
        pending = false;
        out += c;
      }
      return out;
    }
  }
  return {};
}

// String.split(/\s+/).length: one more than the number of whitespace runs.
size_t split_word_count(std::string_view s) {
  size_t runs = 0;
  bool in_space = false;
  for (size_t i = 0; i < s.size();) {
    bool space = text::is_space(text::next_code_point(s, i));
    if (space && !in_space) ++runs;
    in_space = space;
  }
  return runs + 1;
}

// Title separators: " | ", " - ", " – ", " — ", " \ ", " / ", " > ", " » " (Readability's set).
constexpr std::string_view kSeparators[] = {"|", "-", "–", "—", "\\", "/", ">", "»"};

// Length of a separator starting at s[i], or 0.
size_t separator_at(std::string_view s, size_t i, bool hierarchical_only = false) {
  for (std::string_view sep : kSeparators) {
    if (hierarchical_only && (sep == "|" || sep == "-")) continue;
    if (s.substr(i, sep.size()) == sep) return sep.size();
  }
  return 0;
}

// Positions of " <sep> " matches, scanned left to right without overlap.
std::vector<size_t> spaced_separators(std::string_view s, bool hierarchical_only) {
  std::vector<size_t> out;
  for (size_t i = 0; i + 2 < s.size();) {
    if (s[i] == ' ') {
      size_t len = separator_at(s, i + 1, hierarchical_only);
      if (len && i + 1 + len < s.size() && s[i + 1 + len] == ' ') {
        out.push_back(i);
        i += len + 2;
        continue;
      }
    }
    ++i;
  }
  return out;
}


}  // namespace

std::string article_title(const Document& doc) {
  const std::string orig = std::string(text::trim(document_title(doc)));
  std::string cur = orig;
  bool had_hierarchical = false;

  std::vector<size_t> seps = spaced_separators(orig, false);
  if (!seps.empty()) {
    had_hierarchical = !spaced_separators(orig, true).empty();
    cur = orig.substr(0, seps.back());
    // Too short: drop the first part (up to the first separator) instead.
    if (split_word_count(cur) < kMinTitleWords) {
      size_t i = 0;
      while (i < orig.size() && !separator_at(orig, i)) ++i;
      cur = i < orig.size() ? orig.substr(i + separator_at(orig, i)) : orig;
    }
  } else if (orig.find(": ") != std::string::npos) {
    // Keep "Topic: Title" when a heading repeats it exactly.
    bool heading_match = false;
    for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode && !heading_match;
         n = doc.next_in(n, doc.root())) {
      if (doc.is(n, GUMBO_TAG_H1) || doc.is(n, GUMBO_TAG_H2))
        heading_match = text::trim(doc.text_content(n)) == text::trim(orig);
    }
    if (!heading_match) {
      cur = orig.substr(orig.rfind(':') + 1);
      if (split_word_count(cur) < kMinTitleWords) {
        cur = orig.substr(orig.find(':') + 1);
      } else if (split_word_count(std::string_view(orig).substr(0, orig.find(':'))) > kMaxTopicWords) {
        cur = orig;
      }
    }
  } else {
    size_t len = text::js_length(orig);
    if (len > kMaxTitleLength || len < kMinTitleLength) {
      std::vector<NodeId> h1s = doc.elements_by_tag(doc.root(), GUMBO_TAG_H1);
      if (h1s.size() == 1) cur = doc.inner_text(h1s[0]);
    }
  }

  // Collapse runs of 2+ whitespace like Readability's normalize regex.
  cur = text::collapse_spaces(cur);
  size_t words = split_word_count(cur);
  if (words <= kMaxFragmentWords) {
    std::string stripped;
    for (size_t i = 0; i < orig.size();) {
      size_t len = separator_at(orig, i);
      if (len) {
        i += len;
      } else {
        stripped += orig[i++];
      }
    }
    if (!had_hierarchical || words != split_word_count(stripped) - 1) cur = orig;
  }
  return cur;
}

namespace {

// Tokens are runs of word characters: ASCII letters, digits and '_' as in
// JavaScript's /\W+/ split, and any other letter, so that Arabic, Cyrillic
// or CJK headings compare too (Unicode punctuation and spaces separate).
constexpr std::array<bool, 128> kAsciiSimilarityWord = [] {
  std::array<bool, 128> out{};
  for (int c = 0; c < 128; ++c) out[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  return out;
}();
bool is_similarity_word(uint32_t cp) {
  if (cp < 0x80) return kAsciiSimilarityWord[cp];
  bool punctuation = (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
                     (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                     (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0x060C || cp == 0x061B || cp == 0x061F;
  return !punctuation;
}

// By byte: an ASCII byte of a word (kAsciiSimilarityWord); none from 0x80 on,
// which open or continue a code point is_similarity_word() is asked about.
constexpr std::array<bool, 256> kSimilarityWordByte = [] {
  std::array<bool, 256> out{};
  for (int c = 0; c < 128; ++c) out[c] = kAsciiSimilarityWord[c];
  return out;
}();

// text::for_each_word(s, is_similarity_word, fn), a run of ASCII word bytes
// read at once.
template <typename Fn>
void for_each_similarity_word(std::string_view s, Fn&& fn) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t start = std::string_view::npos;  // where the current run began
  for (size_t i = 0; i < s.size();) {
    if (kSimilarityWordByte[p[i]]) {
      if (start == std::string_view::npos) start = i;
      ++i;
      while (i < s.size() && kSimilarityWordByte[p[i]]) ++i;
      continue;
    }
    const size_t at = i;
    const bool word = p[i] >= 0x80 && is_similarity_word(text::next_multibyte_code_point(s, i));
    if (p[at] < 0x80) ++i;
    if (word) {
      if (start == std::string_view::npos) start = at;
    } else if (start != std::string_view::npos) {
      fn(s.substr(start, at - start));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) fn(s.substr(start));
}

}  // namespace

std::vector<std::string> similarity_tokens(std::string_view s) {
  return text::split_words(text::lower_utf8(s), is_similarity_word);
}

double text_similarity(std::string_view a, std::string_view b) { return text_similarity(similarity_tokens(a), b); }

double text_similarity(const std::vector<std::string>& ta, std::string_view b) {
  return ta.empty() ? 0 : similarity_to_lower(ta, text::lower_utf8(b));
}

double similarity_to_lower(const std::vector<std::string>& ta, std::string_view lower_b) {
  return similarity_to_lower(&ta, nullptr, lower_b)[0];
}

namespace {

// Each list's tokens as bits of their length and first byte (hashed to one
// of 64): a word whose bit a list lacks is not in it, without looking.
uint64_t bit_of(std::string_view t) { return uint64_t{1} << ((t.size() * 31 + static_cast<unsigned char>(t[0])) & 63); }
uint64_t bits_of(const std::vector<std::string>& tokens) {
  uint64_t bits = 0;
  for (const std::string& t : tokens) bits |= bit_of(t);
  return bits;
}

// similarity_to_lower() of the lists given (non-null, non-empty) and their bits_of().
std::array<double, 2> similarity_of(const std::vector<std::string>* const (&lists)[2], const uint64_t (&bits)[2],
                                    std::string_view lower_b) {
  std::array<double, 2> out{0, 0};
  if (!lists[0] && !lists[1]) return out;
  const uint64_t any_bits = bits[0] | bits[1];
  // The words of b in each list (most are in none); the rest are its own.
  size_t total_len = 0, count = 0;
  size_t found_len[2] = {0, 0}, found_count[2] = {0, 0};
  for_each_similarity_word(lower_b, [&](std::string_view t) {
    ++count;
    total_len += t.size();
    const uint64_t bit = bit_of(t);
    if (!(any_bits & bit)) return;
    for (int k = 0; k < 2; ++k)
      if ((bits[k] & bit) && std::find(lists[k]->begin(), lists[k]->end(), t) != lists[k]->end()) {
        found_len[k] += t.size();
        ++found_count[k];
      }
  });
  if (count == 0) return out;
  // Lengths of the tokens joined by single spaces.
  const double joined_total = static_cast<double>(total_len + count - 1);
  for (int k = 0; k < 2; ++k) {
    if (!lists[k]) continue;
    const size_t unique_count = count - found_count[k], unique_len = total_len - found_len[k];
    const double joined_unique = unique_count ? static_cast<double>(unique_len + unique_count - 1) : 0;
    out[k] = 1 - joined_unique / joined_total;
  }
  return out;
}

}  // namespace

std::array<double, 2> similarity_to_lower(const std::vector<std::string>* ta, const std::vector<std::string>* tc,
                                          std::string_view lower_b) {
  const std::vector<std::string>* const lists[2] = {ta && !ta->empty() ? ta : nullptr,
                                                    tc && !tc->empty() ? tc : nullptr};
  const uint64_t bits[2] = {lists[0] ? bits_of(*lists[0]) : 0, lists[1] ? bits_of(*lists[1]) : 0};
  return similarity_of(lists, bits, lower_b);
}

SimilarityTokens similarity_token_set(std::string_view text) {
  SimilarityTokens out;
  out.tokens = similarity_tokens(text);
  out.bits = bits_of(out.tokens);
  return out;
}

std::array<double, 2> similarity_to_lower(const SimilarityTokens* ta, const SimilarityTokens* tc,
                                          std::string_view lower_b) {
  const std::vector<std::string>* const lists[2] = {ta && !ta->tokens.empty() ? &ta->tokens : nullptr,
                                                    tc && !tc->tokens.empty() ? &tc->tokens : nullptr};
  const uint64_t bits[2] = {lists[0] ? ta->bits : 0, lists[1] ? tc->bits : 0};
  return similarity_of(lists, bits, lower_b);
}

bool marks_title(const Document& doc, NodeId n, const std::string& title) {
  if (!doc.is(n, GUMBO_TAG_H1) && !doc.is(n, GUMBO_TAG_H2) && !doc.is(n, GUMBO_TAG_H3)) return false;
  std::string heading(text::trim(doc.text_content(n)));
  if (doc.is(n, GUMBO_TAG_H3) && text_similarity(title, heading) > kTitleSimilarity) return true;
  return language::count_words(title).words >= kMinTitleWords && text_similarity(heading, title) > kTitleSimilarity;
}

bool header_duplicates_title(const Document& doc, NodeId n, const std::string& title) {
  if (!doc.is(n, GUMBO_TAG_H1) && !doc.is(n, GUMBO_TAG_H2)) return false;
  std::string heading(text::trim(doc.text_content(n)));
  return text_similarity(title, heading) > kTitleSimilarity;
}

bool holds_headline(const Document& doc, NodeId n, const std::string& title) {
  for (NodeId h = doc.next_in(n, n); h != kNoNode; h = doc.next_in(h, n))
    if (doc.is(h, GUMBO_TAG_H1) || header_duplicates_title(doc, h, title)) return true;
  return false;
}

}  // namespace quietpage::rules::titles
