#include <doctest/doctest.h>

#include <string>

#include "rules/conditional.h"
#include "rules/flags.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::conditional;
using quietpage::rules::kAllFlags;
using quietpage::rules::tables::DataTables;
using testing::by_id;
using testing::parse_doc;
using testing::prose;

TEST_CASE("conditional: link blocks, galleries, forms and empty blocks are fishy; prose is not") {
  auto p = parse_doc("<div id=root>"
                     "<div id=links><a href=/1>One link</a> | <a href=/2>Two link</a></div>"
                     "<div id=prose><p>" + prose(3) + "</p></div>"
                     "<div id=gallery><img src=1.jpg><img src=2.jpg><img src=3.jpg><p>One caption.</p></div>"
                     "<div id=form><input><input><p>Name</p></div>"
                     "<div id=empty><span></span></div>"
                     "<div id=commas>" + std::string(10, ',') + "<a href=/x>link</a></div>"
                     "<div id=ad>Advertisement</div>"
                     "<div id=video><iframe src=https://www.youtube.com/embed/x></iframe></div>"
                     "<div id=embed>Watch: <iframe src=https://ads.example/x></iframe></div>"
                     "<div id=named class=sidebar><p>" + prose(3) + "</p></div>"
                     "</div>");
  const Document& doc = *p.doc;
  const DataTables tables(doc, by_id(doc, "root"));
  auto fishy = [&](const char* id) { return is_fishy(doc, tables, by_id(doc, id), GUMBO_TAG_DIV, kAllFlags); };
  for (const char* id : {"links", "gallery", "form", "empty", "ad", "embed", "named"}) CHECK_MESSAGE(fishy(id), id);
  for (const char* id : {"prose", "commas", "video"}) CHECK_MESSAGE(!fishy(id), id);
  // Without class weights, a name says nothing.
  CHECK_FALSE(is_fishy(doc, tables, by_id(doc, "named"), GUMBO_TAG_DIV, 0));
}

TEST_CASE("conditional: data tables and what sits in them are kept; lists of images too") {
  auto p = parse_doc("<div id=root><table id=data><thead><tr><th>a</th></tr></thead><tr><td>"
                     "<div id=cell><a href=/1>Link</a></div></td></tr></table>"
                     "<ul id=images><li><img src=1.jpg></li><li><img src=2.jpg></li></ul>"
                     "<ul id=links><li><a href=/1>One</a></li><li><a href=/2>Two</a></li></ul>"
                     "<ul id=tags class=tags><li><a href=/1>One</a></li></ul></div>");
  const Document& doc = *p.doc;
  const DataTables tables(doc, by_id(doc, "root"));
  CHECK_FALSE(is_fishy(doc, tables, by_id(doc, "data"), GUMBO_TAG_TABLE, kAllFlags));
  CHECK_FALSE(is_fishy(doc, tables, by_id(doc, "cell"), GUMBO_TAG_DIV, kAllFlags));
  CHECK_FALSE(is_fishy(doc, tables, by_id(doc, "images"), GUMBO_TAG_UL, kAllFlags));
  // A list is a list: its links don't count against it, its names do.
  CHECK_FALSE(is_fishy(doc, tables, by_id(doc, "links"), GUMBO_TAG_UL, kAllFlags));
  CHECK(is_fishy(doc, tables, by_id(doc, "tags"), GUMBO_TAG_UL, kAllFlags));
}

TEST_CASE("conditional: linkDensityModifier moves the link densities allowed; a caller's players keep blocks") {
  // About a third of the text is linked: past 0.2, within 0.2 + 0.25.
  auto p = parse_doc("<div id=root><div id=linky><p>Some words here around <a href=/1>a link or two</a> and more.</p></div>"
                     "<div id=player><iframe src=https://videos.example/embed/1></iframe></div></div>");
  const Document& doc = *p.doc;
  const DataTables tables(doc, by_id(doc, "root"));
  const NodeId linky = by_id(doc, "linky");
  CHECK(is_fishy(doc, tables, linky, GUMBO_TAG_DIV, kAllFlags));
  CHECK_FALSE(is_fishy(doc, tables, linky, GUMBO_TAG_DIV, kAllFlags, Settings{0.25, {}}));
  CHECK(is_fishy(doc, tables, linky, GUMBO_TAG_DIV, kAllFlags, Settings{-0.1, {}}));
  const std::function<bool(std::string_view)> test = [](std::string_view v) {
    return v.find("videos.example/embed") != std::string_view::npos;
  };
  const NodeId player = by_id(doc, "player");
  CHECK(is_fishy(doc, tables, player, GUMBO_TAG_DIV, kAllFlags));
  CHECK_FALSE(is_fishy(doc, tables, player, GUMBO_TAG_DIV, kAllFlags, Settings{0, rules::media::Videos(&test)}));
}
