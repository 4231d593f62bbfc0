#include <doctest/doctest.h>

#include "rules/features.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::features;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("features: link density counts in-page links at 30%") {
  auto p = parse_doc("<p id=a>0123456789<a href=/x>0123456789</a></p><p id=b>0123456789<a href=#x>0123456789</a></p>"
                     "<p id=c></p>");
  const Document& doc = *p.doc;
  CHECK(link_density(doc, by_id(doc, "a")) == doctest::Approx(0.5));
  CHECK(link_density(doc, by_id(doc, "b")) == doctest::Approx(0.5 * kFragmentLinkWeight));
  CHECK(link_density(doc, by_id(doc, "c")) == 0);
}

TEST_CASE("features: text density and paragraph text") {
  auto p = parse_doc("<div id=d><h2>0123456789</h2><p>0123456789</p><div><p>01234</p></div>abcde</div>");
  const Document& doc = *p.doc;
  NodeId d = by_id(doc, "d");
  CHECK(text_density(doc, d, {GUMBO_TAG_H2}) == doctest::Approx(10.0 / 30));
  CHECK(text_density(doc, d, {GUMBO_TAG_H1}) == 0);
  CHECK(paragraph_text(doc, d) == 15);
}
