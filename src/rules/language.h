// Guessing an article's language from its text, for pages that don't
// declare one. Only clear cases get an answer: a script that identifies one
// language (kana, hangul, Greek, Hebrew, Thai...), or for Latin-script text,
// a clear majority of one language's most common function words.
#pragma once

#include <string>
#include <string_view>

namespace quietpage::rules::language {

// BCP 47 primary tag ("de", "ja"...) or "" when unsure.
std::string detect(std::string_view text);

// Words (whitespace-separated) and CJK characters, which read like words.
struct WordCount {
  size_t words = 0;
  size_t cjk_chars = 0;
};
WordCount count_words(std::string_view text);

// Reading time in whole minutes (at least 1 for any text): 230 words or 500
// CJK characters per minute, common silent-reading rates.
unsigned reading_minutes(const WordCount& count);

}  // namespace quietpage::rules::language
