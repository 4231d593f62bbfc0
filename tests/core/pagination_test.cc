// The next page's URL (pagination.cc), from hand-written pages: each way a
// multi-page article links to its next page, and the links that look like one
// but lead elsewhere.
#include <doctest/doctest.h>

#include <string>

#include "pagination.h"
#include "quietpage.h"
#include "test_util.h"

using namespace quietpage;
using testing::parse_doc;
using testing::prose;

namespace {

std::string next_of(const std::string& body, const char* page, const std::string& head = "") {
  auto p = parse_doc("<html><head>" + head + "</head><body><article><h1>Story</h1><p>" + prose(20) + "</p></article>" +
                     body + "</body></html>");
  url::Url u;
  REQUIRE(url::parse_absolute(page, u));
  return find_next_page(*p.doc, u, u);
}

}  // namespace

TEST_CASE("pagination: rel=next") {
  CHECK(next_of("", "https://a.example/news/story", "<link rel=next href='/news/story/2'>") ==
        "https://a.example/news/story/2");
  CHECK(next_of("<a rel='next nofollow' href='story?page=2'>›</a>", "https://a.example/news/story") ==
        "https://a.example/news/story?page=2");
  // rel=next to what is no next page of this one (a listing's next page).
  CHECK(next_of("", "https://a.example/news/story", "<link rel=next href='/news/tag/ferries/page/2'>").empty());
}

TEST_CASE("pagination: pagers") {
  const char* pager =
      "<nav class=pagination><span>1</span><a href='/news/story/2'>2</a><a href='/news/story/3'>3</a>"
      "<a href='/news/story/2'>Next</a><a href='/news/story/3'>Last</a></nav>";
  CHECK(next_of(pager, "https://a.example/news/story") == "https://a.example/news/story/2");
  // The second page: the pager's links are the same, the next one is 3.
  CHECK(next_of("<nav class=pagination><a href='/news/story'>1</a><span>2</span><a href='/news/story/3'>3</a>"
                "<a href='/news/story'>« Previous</a><a href='/news/story/3'>Next »</a></nav>",
                "https://a.example/news/story/2") == "https://a.example/news/story/3");
  // The last page: no next one.
  CHECK(next_of("<nav class=pagination><a href='/news/story'>1</a><a href='/news/story/2'>2</a><span>3</span>"
                "<a href='/news/story/2'>Previous</a></nav>",
                "https://a.example/news/story/3")
            .empty());
  // Numbers only, in a pager.
  CHECK(next_of("<div class=page-links>Pages: 1 <a href='story-page-2.html'>2</a> <a href='story-page-3.html'>3</a></div>",
                "https://a.example/news/story.html") == "https://a.example/news/story-page-2.html");
  CHECK(next_of("<ul class=pager><li><a href='?p=2'>2</a></ul>", "https://a.example/news/story?p=1") ==
        "https://a.example/news/story?p=2");
  // A labelled URL and a "next" text are enough without a pager.
  CHECK(next_of("<p><a href='/news/story?page=2'>Continue: next page</a></p>", "https://a.example/news/story") ==
        "https://a.example/news/story?page=2");
  // The fragment is not part of the next page's URL.
  CHECK(next_of("<a rel=next href='/news/story/2#top'>Next</a>", "https://a.example/news/story") ==
        "https://a.example/news/story/2");
}

TEST_CASE("pagination: the traps") {
  const char* page = "https://a.example/news/story";
  // A number after the URL that no pager and no "next" vouches for: another story.
  CHECK(next_of("<aside><a href='/news/story-2'>2</a></aside>", page).empty());
  CHECK(next_of("<aside><a href='/news/story/2'>Another story about the harbour</a></aside>", page).empty());
  // "Next article" / "Read next" links.
  CHECK(next_of("<div class=related><a href='/news/story-2'>Next article</a></div>", page).empty());
  CHECK(next_of("<a href='/news/story/2'>Read next »</a>", page).empty());
  CHECK(next_of("<a href='/news/story/2'>Next post</a>", page).empty());
  // Comment pages.
  CHECK(next_of("<div class=comments><div class=nav><a href='/news/story/comment-page-2/'>Next comments »</a>"
                "<a href='/news/story?cpage=2'>Next »</a></div></div>",
                page)
            .empty());
  // Calendars and archives.
  CHECK(next_of("<table class=calendar><a href='/2024/06/'>Jun »</a></table>", "https://a.example/2024/05/").empty());
  CHECK(next_of("<div class=archive-nav><a href='/archives/page/2'>Older posts »</a></div>", page).empty());
  // Previous, first and last pages.
  CHECK(next_of("<div class=pagination><a href='/news/story/2'>First</a></div>", "https://a.example/news/story").empty());
  // Another site's page 2.
  CHECK(next_of("<a rel=next href='https://b.example/news/story/2'>Next</a>", page).empty());
  // Only web pages.
  CHECK(next_of("<a rel=next href='/news/story/2'>Next</a>", "file:///news/story").empty());
}

TEST_CASE("pagination: article.next_page_url") {
  const std::string html = "<html><head><title>Story</title></head><body><article><h1>Story</h1><p>" + prose(20) +
                           "</p></article><nav class=pagination><a href='/news/story/2'>2</a>"
                           "<a href='/news/story/2'>Next</a></nav></body></html>";
  Options options;
  options.url = "https://a.example/news/story";
  Result r = parse(html, options);
  REQUIRE(r.found);
  CHECK(r.article.next_page_url == "https://a.example/news/story/2");
  // No page URL: no next page, unless <base href> says where the page is.
  CHECK(parse(html).article.next_page_url.empty());
  const std::string based = "<base href='https://a.example/news/story'>" + html;
  CHECK(parse(based).article.next_page_url == "https://a.example/news/story/2");
}
