#include <doctest/doctest.h>

#include <string>

#include "rules/dates.h"

using namespace quietpage::rules::dates;

namespace {
// The first date of `text` as "YYYY-MM-DD", or "".
std::string first(std::string_view text, Order order = Order::kDayFirst) {
  Found f;
  return find_date(text, f, order) ? iso(f.date) : "";
}
}  // namespace

TEST_CASE("dates: month names in several languages, full and abbreviated") {
  CHECK(month_number("November") == 11);
  CHECK(month_number("nov.") == 11);
  CHECK(month_number("Sept") == 9);
  CHECK(month_number("März") == 3);
  CHECK(month_number("MÄRZ") == 3);
  CHECK(month_number("décembre") == 12);
  CHECK(month_number("août") == 8);
  CHECK(month_number("mayo") == 5);
  CHECK(month_number("giugno") == 6);
  CHECK(month_number("outubro") == 10);
  CHECK(month_number("maart") == 3);
  CHECK(month_number("Monday") == 0);
  CHECK(month_number("no") == 0);
  CHECK(month_number("JANUARY") == 1);
  CHECK(month_number("Dezember.") == 12);
  CHECK(month_number("Février") == 2);
  CHECK(month_number("juneau") == 0);
  CHECK(month_number("the") == 0);
  CHECK(month_number("") == 0);
  CHECK(is_weekday("Samstag,"));
  CHECK(is_weekday("Thu"));
  CHECK_FALSE(is_weekday("Thursdays"));
}

TEST_CASE("dates: written-out dates, either order, with ordinals and weekdays") {
  CHECK(first("November 15, 2019") == "2019-11-15");
  CHECK(first("Tuesday, Nov. 13, 2012, at 2:50 PM ET") == "2012-11-13");
  CHECK(first("on Nov 1st 2012 8:30PM") == "2012-11-01");
  CHECK(first("15 November 2019") == "2019-11-15");
  CHECK(first("am Samstag, 19.  Oktober 2019 um 11:14 Uhr") == "2019-10-19");
  CHECK(first("6 de mayo de 2022 05:30") == "2022-05-06");
  CHECK(first("le 1er mars 2020") == "2020-03-01");
  CHECK(first("17 April 2012 • 2:54pm") == "2012-04-17");
}

TEST_CASE("dates: numeric dates; the order settles what the numbers don't") {
  CHECK(first("2019-11-15T10:00:00Z") == "2019-11-15");
  CHECK(first("Published: 2008-01-09 02:55:03") == "2008-01-09");
  CHECK(first("21.01.2022") == "2022-01-21");
  CHECK(first("31/12/2007") == "2007-12-31");
  CHECK(first("10.29.2012") == "2012-10-29");  // no month 29: month first
  CHECK(first("11/12/2012") == "2012-12-11");
  CHECK(first("11/12/2012", Order::kMonthFirst) == "2012-11-12");
  CHECK(first("11.12.2012", Order::kMonthFirst) == "2012-12-11");  // dots: day first
  CHECK(order_for("en") == Order::kMonthFirst);
  CHECK(order_for("en-US") == Order::kMonthFirst);
  CHECK(order_for("en-GB") == Order::kDayFirst);
  CHECK(order_for("de") == Order::kDayFirst);
}

TEST_CASE("dates: glued to words, found; not a date, not found") {
  CHECK(first("By Carrie ArnoldNovember 15, 2019") == "2019-11-15");
  CHECK(first("Ian LYNAMOctober 8, 2012") == "2012-10-08");
  CHECK(first("Nicole Collignon22. Februar 2020") == "2020-02-22");
  CHECK(first("") == "");
  CHECK(first("3 days ago") == "");
  CHECK(first("Aug 09 1:44p") == "");          // no year
  CHECK(first("June 2019") == "");             // no day
  CHECK(first("February 30, 2019") == "");     // no such day
  CHECK(first("29.02.2019 29.02.2020") == "2020-02-29");
  CHECK(first("May 5, 1066") == "");           // out of range
  CHECK(first("22 Dec 2016651") == "");        // the year glued to more digits
  CHECK(first("version 1.2.2019.5") == "");
  CHECK(first("3 out of 5, 2019") == "");
  Found f;
  REQUIRE(find_date("Posted by Jane | March 3, 2020 | Updated March 4, 2020", f));
  CHECK(f.begin == 17);
  CHECK(f.end == 30);
  REQUIRE(find_date("Posted by Jane | March 3, 2020 | Updated March 4, 2020", f, Order::kDayFirst, f.end));
  CHECK(iso(f.date) == "2020-03-04");
}

TEST_CASE("dates: where a date starts, whole or not") {
  CHECK(starts_date("Nolan22 Dec 2016651", 5));
  CHECK(starts_date("ArnoldNovember 15", 6));
  CHECK(starts_date("x 2019-11-15", 2));
  CHECK_FALSE(starts_date("Jan Smith", 0));
  CHECK_FALSE(starts_date("April Ryan", 0));
  CHECK_FALSE(starts_date("Nov", 10));
}

TEST_CASE("dates: blocks named as the article's date") {
  CHECK(dated_name("entry-date published"));
  CHECK(dated_name("news_datum"));
  CHECK(dated_name("postDate"));
  CHECK(dated_name("article-posted-date"));
  CHECK(dated_name(" dateline"));
  CHECK_FALSE(dated_name("reference-accessdate"));
  CHECK_FALSE(dated_name("showtimes"));
  CHECK_FALSE(dated_name("runtimes-list"));
  CHECK_FALSE(dated_name("date updated"));
  CHECK_FALSE(dated_name("lastmod date"));
}

TEST_CASE("dates: the day an address names in its path") {
  const auto day = [](std::string_view path) {
    Date d;
    return find_date_in_path(path, d) ? iso(d) : std::string("none");
  };
  CHECK(day("/2020/04/26/digitales-woerterbuch/") == "2020-04-26");
  CHECK(day("/news/2021/3/8/uk/index.html") == "2021-03-08");
  CHECK(day("/de/newsroom/23-01-2022-dorothea-wierer/17-378.html") == "2022-01-23");
  CHECK(day("/texte/22/20220127-gedenkstunde.html") == "2022-01-27");
  CHECK(day("/blog/2022-02-03-launch") == "2022-02-03");
  // A year and a month, an id, a version, a query: no day.
  CHECK(day("/2022/11/title") == "none");
  CHECK(day("/artikel/12345678-title") == "none");
  CHECK(day("/2021/13/45/x") == "none");
  CHECK(day("/page?date=2020-04-26") == "none");
  CHECK(day("/2020/04/26-title") == "none");
  CHECK(day("/product/20221399") == "none");
}

TEST_CASE("dates: labels of the publication date") {
  CHECK(date_label_length("Datum:") == 6);
  CHECK(date_label_length("  Date: 5 May 2020") == 7);
  CHECK(date_label_length("Erschienen am 01.11.2023") == 13);
  CHECK(date_label_length("Publié le 3 mars") == 10);  // bytes
  for (const char* text : {"Datumsangabe", "Dated material", "Updated: 5 May", "Aktualisiert am", "Daten:", ""})
    CHECK_MESSAGE(date_label_length(text) == 0, text);
}
