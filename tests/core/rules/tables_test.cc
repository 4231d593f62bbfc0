#include <doctest/doctest.h>

#include <string>

#include "rules/tables.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::tables;
using testing::by_id;
using testing::parse_doc;

namespace {
std::string grid(int rows, int columns) {
  std::string t;
  for (int r = 0; r < rows; ++r) {
    t += "<tr>";
    for (int c = 0; c < columns; ++c) t += "<td>x</td>";
    t += "</tr>";
  }
  return t;
}
}  // namespace

TEST_CASE("tables: data tables by their markers, then by size") {
  auto p = parse_doc("<table id=th><tr><th>Year</th></tr></table>"
                     "<table id=presentation role=presentation><tr><th>x</th></tr></table>"
                     "<table id=caption><caption>Rain</caption>" + grid(2, 2) + "</table>"
                     "<table id=summary summary=s>" + grid(1, 1) + "</table>"
                     "<table id=nested><tr><td><table>" + grid(1, 1) + "</table></td></tr></table>"
                     "<table id=rows>" + grid(10, 2) + "</table><table id=columns>" + grid(2, 5) + "</table>"
                     "<table id=cells>" + grid(3, 4) + "</table><table id=small>" + grid(3, 3) + "</table>"
                     "<table id=column>" + grid(20, 1) + "</table>"
                     "<table id=spans><tr><td colspan=6>x</td></tr><tr><td>y</td></tr></table>");
  const Document& doc = *p.doc;
  for (const char* id : {"th", "caption", "summary", "rows", "columns", "cells", "spans"})
    CHECK_MESSAGE(is_data_table(doc, by_id(doc, id)), id);
  for (const char* id : {"presentation", "nested", "small", "column"})
    CHECK_MESSAGE(!is_data_table(doc, by_id(doc, id)), id);
}

TEST_CASE("tables: the marks of one cleaning, and what sits in a data table") {
  auto p = parse_doc("<div id=root><table id=data><thead><tr><th>x</th></tr></thead><tr><td><img id=in src=a.png>"
                     "</td></tr></table><table id=layout><tr><td><img id=out src=b.png></td></tr></table></div>");
  const Document& doc = *p.doc;
  NodeId root = by_id(doc, "root");
  DataTables tables(doc, root);
  CHECK(tables.contains(by_id(doc, "data")));
  CHECK_FALSE(tables.contains(by_id(doc, "layout")));
  CHECK(tables.holds(doc, by_id(doc, "in"), root));
  CHECK_FALSE(tables.holds(doc, by_id(doc, "out"), root));
  CHECK_FALSE(tables.contains(static_cast<NodeId>(doc.size() + 10)));  // a node created later
}
