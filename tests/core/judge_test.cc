#include <doctest/doctest.h>

#include <string>

#include "quietpage.h"
#include "test_util.h"

using namespace quietpage;
using testing::fixture;
using testing::prose;

namespace {

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

Result parse_at(const std::string& html) {
  Options options;
  options.url = "https://courier.example/news/tide.html";
  return parse(html, options);
}

}  // namespace

TEST_CASE("judge: promos, update and rights lines go; the article, its list and its caption stay") {
  Result r = parse_at(fixture("promo-article.html"));
  REQUIRE(r.found);
  const std::string& text = r.article.text_content;
  for (const char* kept : {"For ten years, three tide gauges", "The harbour, according to the readings",
                           "\"We expected some scatter", "The northern gauge, installed in 2014",
                           "The city council will review", "whether the pier itself is sinking",
                           "what the winter storms added", "Residents of the lower town"})
    CHECK_MESSAGE(contains(text, kept), kept);
  for (const char* gone : {"SEE MORE", "Pier repairs delayed", "DON'T MISS", "New ferry timetable",
                           "Updated at 3:15", "All rights reserved", "By Ines Marlow"})
    CHECK_MESSAGE(!contains(text, gone), gone);
  CHECK(contains(r.article.content, "<img"));
  CHECK(r.article.excerpt == "A decade of readings from three harbour gauges shows the sea rising faster than the "
                             "city planned for.");
}

TEST_CASE("judge: an article chosen with its sidebar narrows to the post") {
  std::string sidebar = "<div class=widget><h3>Archive</h3><ul>";
  for (int i = 0; i < 14; ++i) sidebar += "<li><a href=/archive/" + std::to_string(i) + ">Month " + std::to_string(i) + " (4)</a></li>";
  sidebar += "</ul><h3>Blogroll</h3><ul>";
  for (int i = 0; i < 10; ++i) sidebar += "<li><a href=https://friend" + std::to_string(i) + ".example/>A friend's blog</a></li>";
  sidebar += "</ul></div>";
  const std::string page = "<html><body><div id=wrap><div class=entry><h2>A week on the pier</h2><p>" + prose(6) +
                           "</p><p>" + prose(5) + "</p><p>" + prose(6) + "</p></div>" + sidebar + "</div></body></html>";
  Result r = parse_at(page);
  REQUIRE(r.found);
  CHECK(contains(r.article.text_content, "Words, words"));
  CHECK_FALSE(contains(r.article.text_content, "A friend's blog"));
  CHECK_FALSE(contains(r.article.text_content, "Month 3"));
}

TEST_CASE("judge: a long article of short paragraphs keeps them all") {
  std::string body;
  for (int i = 0; i < 12; ++i) body += "<p>Line " + std::to_string(i) + " of a poem, short and plain.</p>";
  Result r = parse_at("<html><body><article><h1>A poem</h1>" + body + "</article></body></html>");
  REQUIRE(r.found);
  for (int i = 0; i < 12; ++i)
    CHECK_MESSAGE(contains(r.article.text_content, "Line " + std::to_string(i) + " of a poem"), i);
}
