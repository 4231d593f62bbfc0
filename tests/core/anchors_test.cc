#include <doctest/doctest.h>

#include "anchors.h"
#include "quietpage.h"
#include "serialize.h"
#include "test_util.h"

using namespace quietpage;
using testing::by_id;
using testing::count;
using testing::fixture;
using testing::parse_doc;

namespace {

// The serialized HTML of `snippet` with the anchors of its in-article links.
std::string html_of(const std::string& snippet, const char* page = "https://example.com/dir/page.html") {
  auto p = parse_doc("<div id=root>" + snippet + "</div>");
  url::Url u;
  url::parse_absolute(page, u);
  const Anchors anchors(*p.doc, by_id(*p.doc, "root"), &u);
  Output output;
  output.base = &u;
  output.anchors = &anchors;
  std::string out;
  serialize_html(*p.doc, by_id(*p.doc, "root"), output, out);
  return out;
}

}  // namespace

TEST_CASE("anchors: ids that in-article links point to are kept, prefixed, and the links follow") {
  CHECK(html_of("<p>Text<sup id=r1><a href='#n1'>1</a></sup></p><ol><li id=n1>Note <a href='#r1'>^</a></li></ol>") ==
        "<p>Text<sup id=\"qp-r1\"><a href=\"#qp-n1\">1</a></sup></p><ol><li id=\"qp-n1\">Note <a href=\"#qp-r1\">^</a></li></ol>");
  // No link points to it: no id.
  CHECK(html_of("<p id=lonely>Text</p>") == "<p>Text</p>");
  // A link to the page's own URL with a fragment is an in-article link.
  CHECK(html_of("<p><a href='https://example.com/dir/page.html#s'>s</a></p><h2 id=s>S</h2>") ==
        "<p><a href=\"#qp-s\">s</a></p><h2 id=\"qp-s\">S</h2>");
  // A link to another page's fragment is not.
  CHECK(html_of("<p><a href='https://example.com/other.html#s'>s</a></p><h2 id=s>S</h2>") ==
        "<p><a href=\"https://example.com/other.html#s\">s</a></p><h2>S</h2>");
  // A fragment the article doesn't hold points to the page's own anchor.
  CHECK(html_of("<p><a href='#gone'>g</a></p>") == "<p><a href=\"https://example.com/dir/page.html#gone\">g</a></p>");
  // Old-style targets: <a name> becomes an id; the first of duplicates wins.
  CHECK(html_of("<p><a href='#old'>o</a></p><p><a name=old>x</a></p>") ==
        "<p><a href=\"#qp-old\">o</a></p><p><a id=\"qp-old\">x</a></p>");
  CHECK(html_of("<p><a href='#d'>d</a></p><p id=d>1</p><p id=d>2</p>") ==
        "<p><a href=\"#qp-d\">d</a></p><p id=\"qp-d\">1</p><p>2</p>");
}

TEST_CASE("anchors: percent-encoded fragments find their ids, and are written encoded") {
  const std::string out = html_of("<p><a href='#note-M%C3%BCller'>1</a></p><p id='note-Müller'>M</p>"
                                  "<p><a href='#a&amp;b'>2</a></p><p id='a&amp;b'>AB</p>");
  CHECK(out.find("<a href=\"#qp-note-M%C3%BCller\">1</a>") != std::string::npos);
  CHECK(out.find("<p id=\"qp-note-Müller\">M</p>") != std::string::npos);
  CHECK(out.find("<a href=\"#qp-a%26b\">2</a>") != std::string::npos);
  CHECK(out.find("<p id=\"qp-a&amp;b\">AB</p>") != std::string::npos);
}

TEST_CASE("anchors: names that would clobber the host page's globals only come out prefixed") {
  const std::string out = html_of(
      "<p id=location><a href='#location'>l</a> <a href='#forms'>f</a> <a href='#cookie'>c</a> "
      "<a href='#getElementById'>g</a> <a href='#body'>b</a></p>"
      "<img name=forms src=/i.png><form name=cookie><input name=x></form><a name=getElementById>x</a>"
      "<object name=body></object><embed name=images>");
  CHECK(out.find(" name=") == std::string::npos);
  CHECK(count(out, " id=\"") == count(out, " id=\"qp-"));
  CHECK(out.find("id=\"qp-location\"") != std::string::npos);
  CHECK(out.find("id=\"qp-getElementById\"") != std::string::npos);
  CHECK(out.find("id=\"qp-forms\"") == std::string::npos);  // only <a name> targets are ids
}

TEST_CASE("anchors: a Wikipedia-like article keeps its references, linked both ways") {
  const Options options = [] {
    Options o;
    o.url = "https://en.wiki.example/wiki/Tidal_locking";
    return o;
  }();
  const Result r = parse(fixture("footnotes-article.html"), options);
  REQUIRE(r.found);
  const std::string& html = r.article.content;
  // Every reference and every back link lands on an id the article holds.
  size_t links = 0;
  for (size_t at = html.find("href=\"#"); at != std::string::npos; at = html.find("href=\"#", at + 1)) {
    const size_t start = at + 7, end = html.find('"', start);
    std::string target = html.substr(start, end - start);
    // Written percent-encoded; ids are raw.
    for (size_t i; (i = target.find("%C3%BC")) != std::string::npos;) target.replace(i, 6, "\xC3\xBC");
    CHECK_MESSAGE(html.find("id=\"" + target + "\"") != std::string::npos, target);
    ++links;
  }
  CHECK(links == 9);  // 4 references, 4 back links, 1 link to a section
  CHECK(html.find("<li id=\"qp-cite_note-Barnes2010-2\">") != std::string::npos);
  CHECK(html.find("<sup id=\"qp-cite_ref-Barnes2010_2-1\">") != std::string::npos);
  CHECK(html.find("id=\"qp-Timescale\"") != std::string::npos);
  CHECK(html.find("unlinked") != std::string::npos);
  CHECK(html.find("id=\"qp-unlinked\"") == std::string::npos);
}
