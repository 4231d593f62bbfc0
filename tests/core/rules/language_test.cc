#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "rules/language.h"
#include "text.h"

using namespace quietpage::rules::language;

TEST_CASE("language: scripts and function words give clear verdicts") {
  CHECK(detect("The ferry carried cars across the sound for forty years, and this is the story of "
                        "how it was turned into a library that is loved by the islands.") == "en");
  CHECK(detect("Die Fähre brachte vierzig Jahre lang Autos über den Sund, und nun ist sie eine "
                        "Bibliothek, die auch auf den Inseln nicht mehr wegzudenken ist.") == "de");
  CHECK(detect("Le malheur des uns fait le bonheur des autres : la messagerie est passée de la "
                        "56e à la 5e place des applications les plus téléchargées dans le pays.") == "fr");
  CHECK(detect("子どもへの虐待をなくすための法律ができて、親が子どもを教育するために体を叩くことが禁止されました。"
                        "新しい法律では専門家が子どもの育て方を教えます。") == "ja");
  CHECK(detect("한국어 문장은 한글로 쓰며 띄어쓰기를 합니다. 이 글은 언어를 알아내는 시험을 위한 것입니다. 문장이 충분히 길어야 판단할 수 있습니다.") == "ko");
  CHECK(detect("这是一个用于测试语言检测的中文句子，它没有假名也没有韩文字母，只有汉字和标点符号。") == "zh");
  CHECK(detect("short") == "");
  CHECK(detect("1234 5678 9012 3456 7890 1234 5678 9012 3456 7890 1234 5678") == "");
}

TEST_CASE("language: words, CJK characters and reading time") {
  WordCount c = count_words("one two  three\n四五六");
  CHECK(c.words == 3);
  CHECK(c.cjk_chars == 3);
  CHECK(reading_minutes({0, 0}) == 0);
  CHECK(reading_minutes({10, 0}) == 1);
  CHECK(reading_minutes({460, 0}) == 2);
  CHECK(reading_minutes({230, 500}) == 2);
}

TEST_CASE("language: words counted eight bytes at a time are the words counted one character at a time") {
  // One code point at a time: a CJK character counts alone, a space ends a word.
  auto one_by_one = [](std::string_view s) {
    WordCount c;
    bool in_word = false;
    for (size_t i = 0; i < s.size();) {
      const uint32_t cp = quietpage::text::next_code_point(s, i);
      if (quietpage::text::is_cjk(cp)) {
        ++c.cjk_chars;
        in_word = false;
      } else if (quietpage::text::is_space(cp)) {
        in_word = false;
      } else if (!in_word) {
        ++c.words;
        in_word = true;
      }
    }
    return c;
  };
  const std::vector<std::string> parts = {"a", "word", " ", "  ", "\t", "\n", "\v", "\f", "\r", ",", "\x01", "\x1F",
                                          "\xC2\xA0", "caf\xC3\xA9", "\xE6\x97\xA5", "\xE3\x80\x80", "\xFF"};
  uint32_t seed = 7;
  auto next = [&]() { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int count = static_cast<int>(next() % 30);
    for (int k = 0; k < count; ++k) s += next() % 3 == 0 ? parts[next() % parts.size()] : next() % 2 ? "word" : " ";
    const WordCount got = count_words(s), want = one_by_one(s);
    CHECK(got.words == want.words);
    CHECK(got.cjk_chars == want.cjk_chars);
  }
}
