#include <doctest/doctest.h>

#include "rules/names.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("names: keywords anywhere in a name, ASCII case ignored") {
  const Keywords words{"share", "sidebar", "ad-slot"};
  CHECK(words.found_in("post-SHARE-bar"));
  CHECK(words.found_in("x sidebar"));
  CHECK(words.found_in("top-ad-slot"));
  CHECK_FALSE(words.found_in("shar"));
  CHECK_FALSE(words.found_in(""));
  constexpr std::string_view kList[] = {"hidden", "sr-only"};
  const Keywords from_list(kList);
  CHECK(from_list.found_in("a Sr-Only b"));
  CHECK_FALSE(from_list.found_in("visible"));
}

TEST_CASE("names: several keyword lists read in one pass") {
  const Keywords lists({{"updated", "posted"}, {"doi:", "retrieved"}, {"of 1"}});
  CHECK(lists.groups_in("Posted on Monday", 7) == 1);
  CHECK(lists.groups_in("updated; retrieved from doi: x", 7) == 3);
  CHECK(lists.groups_in("image 1 OF 1", 7) == 4);
  CHECK(lists.groups_in("updated", 6) == 0);  // a list not asked about is not read
  CHECK(lists.groups_in("update, retrieve, of", 7) == 0);
  CHECK(lists.groups_in("", 7) == 0);
}

TEST_CASE("names: class and id, as Readability matches them") {
  auto p = parse_doc("<div id=main class='a b'></div><p id=p></p>");
  CHECK(class_and_id(*p.doc, by_id(*p.doc, "main")) == "a b main");
  CHECK(class_and_id(*p.doc, by_id(*p.doc, "p")) == " p");
}
