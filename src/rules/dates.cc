#include "rules/dates.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "text.h"

namespace quietpage::rules::dates {
namespace {

struct MonthName {
  std::string_view name;  // lowercase
  int month;
};
// Full names and the usual abbreviations; a word shared by two languages
// names the same month in both.
constexpr MonthName kMonths[] = {
    // English
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
    {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    // German
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"mai", 5}, {"juni", 6},
    {"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"mär", 3}, {"okt", 10}, {"dez", 12},
    // French
    {"janvier", 1}, {"février", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6}, {"juillet", 7},
    {"août", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    {"janv", 1}, {"févr", 2}, {"fév", 2}, {"avr", 4}, {"juil", 7}, {"déc", 12},
    // Spanish
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12},
    // Italian
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6}, {"luglio", 7},
    {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12}, {"gen", 1}, {"mag", 5}, {"giu", 6},
    {"lug", 7}, {"set", 9}, {"ott", 10},
    // Portuguese
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
    {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12}, {"fev", 2}, {"out", 10},
    // Dutch
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8}, {"mrt", 3},
};

constexpr size_t kMaxMonthName = 12;

// The names by first byte: a word is compared with the few that open like it.
const std::array<std::vector<const MonthName*>, 256>& months_by_first_byte() {
  static const std::array<std::vector<const MonthName*>, 256> by_first = [] {
    std::array<std::vector<const MonthName*>, 256> out;
    for (const MonthName& m : kMonths) out[static_cast<unsigned char>(m.name[0])].push_back(&m);
    return out;
  }();
  return by_first;
}

// Weekdays, full and abbreviated, in the same languages.
constexpr std::string_view kWeekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag",
    "freitag", "samstag", "sonnabend", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "segunda-feira",
    "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "maandag", "dinsdag", "woensdag",
    "donderdag", "vrijdag", "zaterdag", "zondag"};

// --- Tokens: runs of digits, runs of letters, single marks ------------------

enum class Kind : uint8_t { kNumber, kWord, kMark };
struct Token {
  size_t begin;
  size_t end;
  Kind kind;
};

bool is_ascii_upper(uint32_t cp) { return cp >= 'A' && cp <= 'Z'; }
bool is_ascii_lower(uint32_t cp) { return cp >= 'a' && cp <= 'z'; }
bool is_letter(uint32_t cp) {
  if (is_ascii_upper(cp) || is_ascii_lower(cp)) return true;
  // Latin-1 letters and everything beyond, except the punctuation and symbol
  // blocks bylines use as separators (– — • · » ’).
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
  return !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F) && cp != 0xFEFF && cp != 0xFFFD;
}

// Letter runs split where their case turns: "ArnoldNovember" is "Arnold" and
// "November", "LYNAMOctober" is "LYNAM" and "October".
std::vector<Token> tokenize(std::string_view s, size_t from) {
  std::vector<Token> tokens;
  size_t i = from;
  while (i < s.size()) {
    const size_t start = i;
    uint32_t cp = text::next_code_point(s, i);
    if (text::is_space(cp)) continue;
    if (cp >= '0' && cp <= '9') {
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      tokens.push_back({start, i, Kind::kNumber});
      continue;
    }
    if (!is_letter(cp)) {
      tokens.push_back({start, i, Kind::kMark});
      continue;
    }
    uint32_t prev = cp;
    size_t word_start = start;
    while (i < s.size()) {
      size_t at = i;
      uint32_t c = text::next_code_point(s, i);
      if (!is_letter(c)) {
        i = at;
        break;
      }
      bool split = false;
      if (is_ascii_upper(c)) {
        if (is_ascii_lower(prev)) {
          split = true;
        } else if (is_ascii_upper(prev) && i < s.size() && is_ascii_lower(static_cast<unsigned char>(s[i]))) {
          split = true;
        }
      }
      if (split) {
        tokens.push_back({word_start, at, Kind::kWord});
        word_start = at;
      }
      prev = c;
    }
    tokens.push_back({word_start, i, Kind::kWord});
  }
  return tokens;
}

class Reader {
 public:
  Reader(std::string_view s, const std::vector<Token>& t) : s_(s), t_(t) {}

  size_t size() const { return t_.size(); }
  std::string_view at(size_t i) const {
    return i < t_.size() ? s_.substr(t_[i].begin, t_[i].end - t_[i].begin) : std::string_view();
  }
  bool is(size_t i, Kind k) const { return i < t_.size() && t_[i].kind == k; }
  bool mark(size_t i, char c) const { return is(i, Kind::kMark) && at(i).size() == 1 && at(i)[0] == c; }
  // Token i + 1 follows token i with nothing between.
  bool touching(size_t i) const { return i + 1 < t_.size() && t_[i].end == t_[i + 1].begin; }
  // The number token i holds (up to 4 digits), or -1.
  int number(size_t i) const {
    if (!is(i, Kind::kNumber) || at(i).size() > 4) return -1;
    int v = 0;
    for (char c : at(i)) v = v * 10 + (c - '0');
    return v;
  }
  int day(size_t i) const {
    int d = number(i);
    return d >= 1 && d <= 31 && at(i).size() <= 2 ? d : -1;
  }
  int year(size_t i) const {
    int y = number(i);
    return y >= kMinYear && y <= kMaxYear && at(i).size() == 4 ? y : -1;
  }
  int month(size_t i) const { return is(i, Kind::kWord) ? month_number(at(i)) : 0; }
  bool word(size_t i, std::string_view w) const { return is(i, Kind::kWord) && text::iequals(at(i), w); }
  // Skips an ordinal ending glued to a day ("15th", "1er", "15.") and
  // returns the token after it.
  size_t after_day(size_t i) const {
    if (touching(i) && (mark(i + 1, '.') || ordinal(i + 1))) return i + 2;
    return i + 1;
  }
  size_t skip_mark(size_t i, char c) const { return mark(i, c) ? i + 1 : i; }

 private:
  bool ordinal(size_t i) const {
    if (!is(i, Kind::kWord)) return false;
    for (std::string_view o : {"st", "nd", "rd", "th", "er", "e", "o"})
      if (text::iequals(at(i), o)) return true;
    return false;
  }
  std::string_view s_;
  const std::vector<Token>& t_;
};

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool valid(const Date& d) {
  return d.year >= kMinYear && d.year <= kMaxYear && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

// The date starting at token i: its last token + 1, or 0. With `partial`,
// the start of a written-out one is enough (day and month, in either order).
size_t match_at(const Reader& r, size_t i, Order order, Date& out, bool partial) {
  // "November 15, 2019", "Nov. 1st 2012", "Nov 15 2019"
  if (int m = r.month(i)) {
    size_t j = r.skip_mark(i + 1, '.');
    int d = r.day(j);
    if (d > 0) {
      if (partial) return j + 1;
      size_t k = r.after_day(j);
      k = r.skip_mark(k, ',');
      int y = r.year(k);
      if (y > 0) {
        out = {y, m, d};
        return k + 1;
      }
    }
    return 0;
  }
  int a = r.number(i);
  if (a < 0) return 0;
  // "15 November 2019", "15. November 2019", "6 de mayo de 2022", "22 Dec 2016"
  if (r.day(i) > 0) {
    size_t j = r.after_day(i);
    if (r.word(j, "de")) ++j;
    if (int m = r.month(j)) {
      if (partial) return j + 1;
      size_t k = r.skip_mark(j + 1, '.');
      k = r.skip_mark(k, ',');
      if (r.word(k, "de") || r.word(k, "del")) ++k;
      int y = r.year(k);
      if (y > 0) {
        out = {y, m, a};
        return k + 1;
      }
      return 0;
    }
  }
  // Numbers joined by one separator: "2019-11-15", "15.11.2019", "11/15/2019".
  if (!r.touching(i) || !r.touching(i + 1) || !r.touching(i + 2) || !r.touching(i + 3)) return 0;
  if (!r.is(i + 1, Kind::kMark) || r.at(i + 1) != r.at(i + 3)) return 0;
  const char sep = r.at(i + 1).size() == 1 ? r.at(i + 1)[0] : 0;
  if (sep != '-' && sep != '/' && sep != '.') return 0;
  const int b = r.number(i + 2);
  if (b < 0 || r.at(i + 2).size() > 2) return 0;
  if (r.year(i) > 0) {
    if (r.at(i + 4).size() > 2) return 0;
    out = {a, b, r.number(i + 4)};
  } else {
    const int y = r.year(i + 4);
    if (y < 0 || r.at(i).size() > 2) return 0;
    const bool month_first =
        b > 12 || (a <= 12 && sep == '/' && order == Order::kMonthFirst);
    out = month_first ? Date{y, a, b} : Date{y, b, a};
  }
  // Glued to more of a number ("1.2.2019.5"): a version, not a date.
  if (r.touching(i + 4) && (r.is(i + 5, Kind::kNumber) || (r.is(i + 5, Kind::kMark) && r.at(i + 5) == r.at(i + 1) &&
                                                          r.is(i + 6, Kind::kNumber) && r.touching(i + 5))))
    return 0;
  return i + 5;
}

}  // namespace

int month_number(std::string_view word) {
  while (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.size() < 3 || word.size() > kMaxMonthName) return 0;
  const auto& by_first = months_by_first_byte();
  // The lengths (as bits) of the names by first byte.
  static const std::array<uint32_t, 256> kLengths = [] {
    std::array<uint32_t, 256> out{};
    for (const MonthName& m : kMonths) out[static_cast<unsigned char>(m.name[0])] |= uint32_t{1} << m.name.size();
    return out;
  }();
  // Most words are ASCII and open with a letter no name of their length
  // opens with (lowercasing keeps the length).
  const unsigned char first = static_cast<unsigned char>(word[0]);
  if (first < 0x80 && !((kLengths[static_cast<unsigned char>(text::lower(static_cast<char>(first)))] >> word.size()) & 1))
    return 0;
  // An ASCII word is lowercased on the stack.
  char ascii[kMaxMonthName];
  size_t n = 0;
  while (n < word.size() && static_cast<unsigned char>(word[n]) < 0x80) {
    ascii[n] = text::lower(word[n]);
    ++n;
  }
  const std::string lower = n == word.size() ? std::string() : text::lower_utf8(word);
  const std::string_view lowered = n == word.size() ? std::string_view(ascii, n) : std::string_view(lower);
  for (const MonthName* m : by_first[static_cast<unsigned char>(lowered[0])]) {
    // (Compared here byte by byte: the names are a few bytes long.)
    const std::string_view name = m->name;
    if (name.size() != lowered.size()) continue;
    size_t k = 1;  // the first byte matched: the bucket's
    while (k < name.size() && name[k] == lowered[k]) ++k;
    if (k == name.size()) return m->month;
  }
  return 0;
}

bool is_weekday(std::string_view word) {
  while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.remove_suffix(1);
  if (word.size() < 3) return false;
  const std::string lower = text::lower_utf8(word);
  for (std::string_view w : kWeekdays)
    if (lower == w) return true;
  return false;
}

Order order_for(std::string_view lang) {
  return text::iequals(lang, "en") || text::iequals(lang, "en-us") ? Order::kMonthFirst : Order::kDayFirst;
}

bool find_date(std::string_view s, Found& out, Order order, size_t from) {
  const std::vector<Token> tokens = tokenize(s, from);
  const Reader r(s, tokens);
  for (size_t i = 0; i < r.size(); ++i) {
    Date d;
    const size_t end = match_at(r, i, order, d, false);
    if (end == 0 || !valid(d)) continue;
    out = {tokens[i].begin, tokens[end - 1].end, d};
    return true;
  }
  return false;
}

bool starts_date(std::string_view s, size_t pos) {
  if (pos >= s.size()) return false;
  const std::vector<Token> tokens = tokenize(s.substr(0, std::min(s.size(), pos + 64)), pos);
  if (tokens.empty() || tokens[0].begin != pos) return false;
  const Reader r(s, tokens);
  Date d;
  return match_at(r, 0, Order::kDayFirst, d, true) != 0;
}

size_t date_label_length(std::string_view text) {
  static constexpr std::string_view kLabels[] = {
      "datum:", "datum", "date:", "published:", "published on", "veröffentlicht:", "veröffentlicht am",
      "erschienen am:", "erschienen am", "publié le", "publicado el", "publicado:", "fecha:", "pubblicato il"};
  // (Every label opens with one of these three letters: most texts are ruled out by them.)
  size_t start = 0;
  while (start < text.size() && text::is_ascii_space(static_cast<unsigned char>(text[start]))) ++start;
  if (text.size() - start < 5) return 0;
  const std::string_view t = text.substr(start);
  const char first[3] = {static_cast<char>(t[0] | 0x20), static_cast<char>(t[1] | 0x20),
                         static_cast<char>(t[2] | 0x20)};
  const std::string_view opening(first, 3);
  if (opening != "dat" && opening != "pub" && opening != "ver" && opening != "ers" && opening != "fec") return 0;
  for (std::string_view label : kLabels) {
    if (!text::istarts_with(t, label)) continue;
    // The label ends the text or a word ("Datum" is no "Datumsangabe").
    const std::string_view rest = t.substr(label.size());
    if (!rest.empty() && label.back() != ':' && !text::is_space(static_cast<unsigned char>(rest[0])) &&
        rest[0] != ':')
      continue;
    return static_cast<size_t>(t.data() - text.data()) + label.size();
  }
  return 0;
}

bool dated_name(std::string_view class_and_id) {
  // Whole words of the names, split at "-", "_", spaces and case turns
  // ("entry-date", "news_datum", "postDate"): "accessdate" and "showtimes"
  // don't count.
  static constexpr std::string_view kDated[] = {"date", "datum", "pubdate", "published", "posted", "dateline",
                                                "byline", "datetime", "fecha", "time"};
  static constexpr std::string_view kUpdated[] = {"updated", "update", "modified", "lastmod"};
  auto separator = [](char c) { return c == '-' || c == '_' || c == ' '; };
  bool dated = false;
  size_t i = 0;
  while (i < class_and_id.size()) {
    if (separator(class_and_id[i])) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < class_and_id.size()) {
      const char c = class_and_id[end];
      const char prev = class_and_id[end - 1];
      if (separator(c) || (c >= 'A' && c <= 'Z' && prev >= 'a' && prev <= 'z')) break;
      ++end;
    }
    const std::string word = text::to_lower(class_and_id.substr(i, end - i));
    for (std::string_view w : kUpdated)
      if (word == w) return false;
    for (std::string_view w : kDated) dated = dated || word == w;
    i = end;
  }
  return dated;
}

bool find_date_in_path(std::string_view path, Date& out) {
  path = path.substr(0, std::min(path.find('?'), path.find('#')));
  // The runs of digits: [begin, end) each.
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t i = 0; i < path.size();) {
    if (path[i] < '0' || path[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < path.size() && path[j] >= '0' && path[j] <= '9') ++j;
    runs.emplace_back(i, j);
    i = j;
  }
  const auto number = [&](size_t k) {  // (read only for runs of at most 8 digits)
    int v = 0;
    for (size_t i = runs[k].first; i < runs[k].second; ++i) v = v * 10 + (path[i] - '0');
    return v;
  };
  const auto length = [&](size_t k) { return runs[k].second - runs[k].first; };
  // The byte between runs k and k + 1 when it is the only one.
  const auto joined_by = [&](size_t k) {
    return runs[k + 1].first == runs[k].second + 1 ? path[runs[k].second] : '\0';
  };
  for (size_t k = 0; k < runs.size(); ++k) {
    Date d;
    if (k + 2 < runs.size() && length(k) == 4 && length(k + 1) <= 2 && length(k + 2) <= 2) {
      const char a = joined_by(k), b = joined_by(k + 1);
      // "/2020/04/26/": segments of their own; "2022-01-27": one segment.
      const size_t after = runs[k + 2].second;
      const bool slashes = a == '/' && b == '/' && (after == path.size() || path[after] == '/');
      if (slashes || (a == '-' && b == '-')) d = {number(k), number(k + 1), number(k + 2)};
    } else if (k + 2 < runs.size() && length(k) <= 2 && length(k + 1) <= 2 && length(k + 2) == 4 &&
               joined_by(k) == '-' && joined_by(k + 1) == '-') {
      d = {number(k + 2), number(k + 1), number(k)};
    } else if (length(k) == 8 &&
               (path.compare(runs[k].first, 2, "19") == 0 || path.compare(runs[k].first, 2, "20") == 0)) {
      const int v = number(k);
      d = {v / 10000, v / 100 % 100, v % 100};
    }
    if (valid(d)) {
      out = d;
      return true;
    }
  }
  return false;
}

std::string iso(const Date& d) {
  auto two = [](int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); };
  return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day);
}

}  // namespace quietpage::rules::dates
