// Dates written out in text: "November 15, 2019", "15. November 2019",
// "6 de mayo de 2022", "2019-11-15", "15.11.2019", "11/15/2019". Bylines
// carry the article's date this way when the page declares it nowhere else
// (no JSON-LD, <meta> or <time datetime>); it is read as a calendar day and
// given out as ISO 8601 ("2019-11-15").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace quietpage::rules::dates {

// The month (1–12) a word names, in full or abbreviated, in English, German,
// French, Spanish, Italian, Portuguese or Dutch (any case, a trailing dot
// allowed); 0 when it names none.
int month_number(std::string_view word);

// Whether a word names a day of the week, in the same languages (a trailing
// dot or comma allowed).
bool is_weekday(std::string_view word);

// Years outside this range are not an article's date (a count, a price, a
// postcode that happens to sit beside a month name).
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
};
// A date found in a text: its bytes [begin, end) and the day it names.
struct Found {
  size_t begin = 0;
  size_t end = 0;
  Date date;
};

// How an all-numeric date that reads both ways (04/05/2020) is read:
// month first in US English, day first elsewhere. A number above 12 settles
// it either way; dots (15.11.2019) and dashes always put the day first.
enum class Order { kDayFirst, kMonthFirst };
// The order the language of a page (a BCP 47 tag: "en", "en-US", "de") uses.
Order order_for(std::string_view lang);

// The first whole date (day, month and year) in `text`, from byte `from`
// on. Words glued to it ("ArnoldNovember 15, 2019", "Nolan22 Dec 2016") don't
// hide it: a letter run splits where its case turns ("ArnoldNovember" is two
// words) and digits always end a word.
bool find_date(std::string_view text, Found& out, Order order = Order::kDayFirst, size_t from = 0);

// Whether a date starts at byte `pos` of `text`: a whole one, or the start
// of one ("22 Dec", "Nov 15") whose year is missing or glued to more digits.
// Bylines are split there.
bool starts_date(std::string_view text, size_t pos);

// class/id of blocks that show the article's date ("date", "datum",
// "published", "posted-on"), not an update's.
bool dated_name(std::string_view class_and_id);
// Such a block is a line: no longer than this (UTF-16 units).
constexpr size_t kMaxDateLineLength = 100;
// Text that opens with a label of the publication date ("Datum:", "Date:",
// "Published:", "Erschienen am", "Publié le"; not an update's), the date after
// it or in the next element: the length of the label (bytes, with the spaces
// before it), or 0.
size_t date_label_length(std::string_view text);
// The date is in the label's element or up to this many levels above it
// ("<li><span>Datum:</span> 26. Januar 2022</li>"), within a line.
constexpr int kDateLabelLevels = 3;

// The day an article's address names in its path, as news sites write it:
// "/2020/04/26/title", "/2022-01-27-title", "/23-01-2022-title" (day first
// with dashes, as in text), "/20220127-title" (eight digits starting 19 or
// 20). Query and fragment are not read; a year and month alone are no day.
bool find_date_in_path(std::string_view path, Date& out);

// "YYYY-MM-DD".
std::string iso(const Date& date);

}  // namespace quietpage::rules::dates
