#include <doctest/doctest.h>

#include <climits>
#include <string>

#include "rules/pagination.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::pagination;
using testing::by_id;
using testing::parse_doc;

namespace {

PageStep step(const char* current, const char* next) {
  url::Url a, b;
  REQUIRE(url::parse_absolute(current, a));
  REQUIRE(url::parse_absolute(next, b));
  return page_step(a, b);
}

bool is_next(const char* current, const char* next) { return step(current, next).next; }

}  // namespace

TEST_CASE("pagination rules: page numbers at the end of the path") {
  // The first page has no number; the second has one.
  CHECK(is_next("https://a.example/news/story", "https://a.example/news/story/2"));
  CHECK(is_next("https://a.example/news/story/", "https://a.example/news/story/2/"));
  CHECK(is_next("https://a.example/news/story.html", "https://a.example/news/story-page-2.html"));
  CHECK(is_next("https://a.example/news/story.html", "https://a.example/news/story_2.html"));
  CHECK(is_next("https://a.example/news/story", "https://a.example/news/story/page/2"));
  CHECK(is_next("https://a.example/news/story", "https://a.example/news/story,2"));
  // Later pages: one higher, numbered the same way.
  CHECK(is_next("https://a.example/news/story/2", "https://a.example/news/story/3"));
  CHECK(is_next("https://a.example/news/story-page-2.html", "https://a.example/news/story-page-3.html"));
  CHECK(is_next("https://a.example/news/story/seite-9/", "https://a.example/news/story/seite-10/"));
  CHECK_FALSE(is_next("https://a.example/news/story/2", "https://a.example/news/story/4"));
  CHECK_FALSE(is_next("https://a.example/news/story/3", "https://a.example/news/story/2"));
  CHECK_FALSE(is_next("https://a.example/news/story", "https://a.example/news/story/3"));
  CHECK_FALSE(is_next("https://a.example/news/story-page-2.html", "https://a.example/news/story_3.html"));
  // A page word labels the number.
  CHECK(step("https://a.example/s", "https://a.example/s/page/2").labelled);
  CHECK(step("https://a.example/s.html", "https://a.example/s-page-2.html").labelled);
  CHECK_FALSE(step("https://a.example/s", "https://a.example/s/2").labelled);
  CHECK(step("https://a.example/s", "https://a.example/s/2").number == 2);
}

TEST_CASE("pagination rules: page numbers in the query") {
  CHECK(is_next("https://a.example/story?id=7", "https://a.example/story?id=7&page=2"));
  CHECK(is_next("https://a.example/story?page=2&id=7", "https://a.example/story?id=7&page=3"));
  CHECK(is_next("https://a.example/story?p=1", "https://a.example/story?p=2"));
  CHECK(is_next("https://a.example/story.php?art=3", "https://a.example/story.php?art=3&pg=2"));
  CHECK(step("https://a.example/story", "https://a.example/story?page=2").labelled);
  // Another parameter changed too, or one is gone: another page.
  CHECK_FALSE(is_next("https://a.example/story?id=7", "https://a.example/story?id=8&page=2"));
  CHECK_FALSE(is_next("https://a.example/story?id=7&page=2", "https://a.example/story?page=3"));
  // Not a page parameter.
  CHECK_FALSE(is_next("https://a.example/story?id=7", "https://a.example/story?id=8"));
  CHECK_FALSE(is_next("https://a.example/story", "https://a.example/story?year=2"));
  CHECK_FALSE(is_next("https://a.example/story?page=2", "https://a.example/story?page=4"));
}

TEST_CASE("pagination rules: the traps") {
  // Comment pages.
  CHECK_FALSE(is_next("https://a.example/2024/story/", "https://a.example/2024/story/comment-page-2/"));
  CHECK_FALSE(is_next("https://a.example/story/", "https://a.example/story/comments/2"));
  CHECK_FALSE(is_next("https://a.example/story", "https://a.example/story?cpage=2"));
  CHECK_FALSE(is_next("https://a.example/story", "https://a.example/story?comment_page=2"));
  CHECK_FALSE(is_next("https://a.example/story", "https://a.example/story?commentpage=2"));
  // Archives, tags, categories, authors.
  CHECK_FALSE(is_next("https://a.example/archive", "https://a.example/archive/page/2"));
  CHECK_FALSE(is_next("https://a.example/tag/ferries", "https://a.example/tag/ferries/2"));
  CHECK_FALSE(is_next("https://a.example/category/news/", "https://a.example/category/news/page/2/"));
  // Calendars: a month after a year, a day after a month.
  CHECK_FALSE(is_next("https://a.example/2024/05", "https://a.example/2024/06"));
  CHECK_FALSE(is_next("https://a.example/2024/05/", "https://a.example/2024/05/2/"));
  CHECK_FALSE(is_next("https://a.example/2024/1/", "https://a.example/2024/2/"));
  // Ids, years and numbers glued to words.
  CHECK_FALSE(is_next("https://a.example/story", "https://a.example/story/2024"));
  CHECK_FALSE(is_next("https://a.example/story", "https://a.example/story2"));
  CHECK_FALSE(is_next("https://a.example/story", "https://a.example/story/02"));
  // Another site, scheme or path.
  CHECK_FALSE(is_next("https://a.example/story", "https://b.example/story/2"));
  CHECK_FALSE(is_next("https://a.example/story", "http://a.example/story/2"));
  CHECK_FALSE(is_next("https://a.example/story", "https://a.example/other/2"));
}

TEST_CASE("pagination rules: scores of links") {
  const PageStep plain{true, 2, false};
  const PageStep labelled{true, 2, true};
  auto p = parse_doc(
      "<link id=rel rel=next href=x>"
      "<div class=pagination><a id=n2 href=x>2</a><a id=next href=x>Next »</a><a id=last href=x>Last</a></div>"
      "<a id=bare href=x>2</a><a id=more href=x>Next page</a><a id=article href=x>Next article</a>"
      "<a id=prev href=x>« Previous</a><a id=long href=x>Harbour town opens its first floating library</a>"
      "<a id=icon title=Next href=x><img src=arrow.png></a><a id=print href=x>Print all pages</a>"
      "<div class=comments><a id=inside href=x>Next</a></div><a id=arrow class=next-link href=x>&gt;</a>");
  const Document& doc = *p.doc;
  auto score = [&](const char* id, const PageStep& s) { return link_score(doc, by_id(doc, id), s); };
  CHECK(score("rel", plain) == kRelNext);
  CHECK(score("n2", plain) == kNumberText + kPagerName);
  CHECK(score("n2", labelled) == kNumberText + kPagerName + kLabelledUrl);
  CHECK(score("next", plain) == kNextWords + kPagerName);
  CHECK(score("last", plain) < 0);
  CHECK(score("bare", plain) == kNumberText);
  CHECK(score("more", plain) == kNextWords);
  CHECK(score("article", plain) < kThreshold);
  CHECK(score("prev", plain) < 0);
  CHECK(score("long", plain) == INT_MIN);
  CHECK(score("icon", plain) == kNextWords);
  CHECK(score("print", plain) < kThreshold);
  CHECK(score("inside", plain) == kNextWords + kNegativeAncestor);
  CHECK(score("arrow", plain) == kNextWords);
}
