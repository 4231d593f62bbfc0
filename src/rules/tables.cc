#include "rules/tables.h"

#include <algorithm>

#include "text.h"

namespace quietpage::rules::tables {

bool is_data_table(const Document& doc, NodeId table) {
  if (doc.attr(table, "role") == "presentation" || doc.attr(table, "datatable") == "0") return false;
  if (!doc.attr(table, "summary").empty()) return true;
  const NodeId caption = doc.first_descendant(table, GUMBO_TAG_CAPTION);
  if (caption != kNoNode && doc[caption].first_child != kNoNode) return true;
  if (doc.has_descendant(table, GUMBO_TAG_COL) || doc.has_descendant(table, GUMBO_TAG_COLGROUP) ||
      doc.has_descendant(table, GUMBO_TAG_TFOOT) || doc.has_descendant(table, GUMBO_TAG_THEAD) ||
      doc.has_descendant(table, GUMBO_TAG_TH))
    return true;
  if (doc.has_descendant(table, GUMBO_TAG_TABLE)) return false;  // nested tables are layout
  int rows = 0, columns = 0;
  for (NodeId tr : doc.elements_by_tag(table, GUMBO_TAG_TR)) {
    int rowspan = text::leading_int(doc.attr(tr, "rowspan"));
    rows += rowspan ? rowspan : 1;
    int in_row = 0;
    for (NodeId td = doc.first_descendant(tr, GUMBO_TAG_TD); td != kNoNode; td = doc.next_in(td, tr)) {
      if (!doc.is(td, GUMBO_TAG_TD)) continue;
      int colspan = text::leading_int(doc.attr(td, "colspan"));
      in_row += colspan ? colspan : 1;
    }
    columns = std::max(columns, in_row);
  }
  if (columns == 1 || rows == 1) return false;
  if (rows >= kDataTableMinRows || columns >= kDataTableMinColumns) return true;
  return rows * columns > kDataTableMinCells;
}

DataTables::DataTables(const Document& doc, NodeId root) : marks_(doc.size(), false) {
  for (NodeId table : doc.elements_by_tag(root, GUMBO_TAG_TABLE))
    if (is_data_table(doc, table)) marks_[table] = true;
}

bool DataTables::holds(const Document& doc, NodeId n, NodeId root) const {
  for (NodeId a = doc[n].parent; a != kNoNode && a != doc[root].parent; a = doc[a].parent)
    if (doc.is(a, GUMBO_TAG_TABLE) && contains(a)) return true;
  return false;
}

}  // namespace quietpage::rules::tables
