#include <doctest/doctest.h>

#include <string>

#include "rules/hidden.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::hidden;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("hidden: visibility") {
  auto p = parse_doc(R"(<p id=a style="display: none !important">x</p><p id=b hidden>x</p>
    <p id=c aria-hidden=true>x</p><p id=d aria-hidden=true class="mwe-math-fallback-image-inline">x</p>
    <p id=e style="visibility:hidden">x</p><p id=f style="display:block">x</p>)");
  const Document& doc = *p.doc;
  CHECK_FALSE(is_probably_visible(doc, by_id(doc, "a")));
  CHECK_FALSE(is_probably_visible(doc, by_id(doc, "b")));
  CHECK_FALSE(is_probably_visible(doc, by_id(doc, "c")));
  CHECK(is_probably_visible(doc, by_id(doc, "d")));
  CHECK_FALSE(is_probably_visible(doc, by_id(doc, "e")));
  CHECK(is_probably_visible(doc, by_id(doc, "f")));
  // Readability-readerable looks only where a display style, the hidden
  // attribute or aria-hidden hint at it (not at visibility:hidden).
  CHECK(may_be_hidden(doc, by_id(doc, "a")));
  CHECK(may_be_hidden(doc, by_id(doc, "f")));
  CHECK_FALSE(may_be_hidden(doc, by_id(doc, "e")));
}

TEST_CASE("hidden: hiding classes count as whole class names only") {
  CHECK(has_hidden_class("menu is-hidden"));
  CHECK(has_hidden_class("sr-only"));
  CHECK(has_hidden_class("d-none"));
  CHECK(has_hidden_class("Screen-Reader-Text"));
  CHECK_FALSE(has_hidden_class("hidden-xs"));
  CHECK_FALSE(has_hidden_class("unhide"));
  CHECK_FALSE(has_hidden_class("post-content"));
  CHECK_FALSE(has_hidden_class("d-none d-md-block"));  // shown from a breakpoint on
  auto p = parse_doc("<p id=a class='menu is-hidden'>x</p><p id=b class=hidden-xs>x</p>");
  CHECK_FALSE(is_probably_visible(*p.doc, by_id(*p.doc, "a")));
  CHECK(is_probably_visible(*p.doc, by_id(*p.doc, "b")));
}

TEST_CASE("hidden: modal dialogs") {
  auto p = parse_doc("<div id=m role=dialog aria-modal=true>x</div><div id=d role=dialog>x</div>");
  CHECK(is_modal_dialog(*p.doc, by_id(*p.doc, "m")));
  CHECK_FALSE(is_modal_dialog(*p.doc, by_id(*p.doc, "d")));
}

TEST_CASE("hidden: names of blocks hidden in print or shown only in print") {
  for (const char* name : {"noprint", "no-print", "d-print-none", "hidden-print", "print-hide", "print-only",
                           "visible-print-block", "show-for-print", "NoPrint"})
    CHECK_MESSAGE(is_print_name(name), name);
  for (const char* name : {"blueprint", "print-friendly", "printer", "article"})
    CHECK_MESSAGE(!is_print_name(name), name);
}

TEST_CASE("hidden: a <noscript> holding the article") {
  std::string prose;
  for (int i = 0; i < 3; ++i) prose += "<p>" + std::string(200, 'x') + "</p>";
  auto p = parse_doc("<body><noscript id=a>" + prose + "</noscript><noscript id=b>" + prose +
                     "<p>Please enable JavaScript.</p></noscript><noscript id=c><p>short</p></noscript></body>");
  const Document& doc = *p.doc;
  REQUIRE(by_id(doc, "a") != kNoNode);
  CHECK(is_noscript_article(doc, by_id(doc, "a")));
  CHECK_FALSE(is_noscript_article(doc, by_id(doc, "b")));
  CHECK_FALSE(is_noscript_article(doc, by_id(doc, "c")));
}
