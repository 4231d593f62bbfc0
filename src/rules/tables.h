// Data tables, as opposed to layout tables, after Firefox's accessibility
// heuristics: explicit markers first (role=presentation, datatable=0,
// summary, caption, col/thead/th...), then size. A data table is kept
// whole, with its small images.
#pragma once

#include <vector>

#include "dom.h"

namespace quietpage::rules::tables {

// A table this big is data: at least this many rows or columns, or more
// cells than this.
constexpr int kDataTableMinRows = 10;
constexpr int kDataTableMinColumns = 5;
constexpr int kDataTableMinCells = 10;

bool is_data_table(const Document& doc, NodeId table);

// The data tables inside `root`, marked once (the cleaning that asks owns
// the marks; the tree is not touched).
class DataTables {
 public:
  DataTables(const Document& doc, NodeId root);
  bool contains(NodeId n) const { return n < marks_.size() && marks_[n]; }
  // Whether `n` sits in a data table inside `root` (root itself included).
  bool holds(const Document& doc, NodeId n, NodeId root) const;

 private:
  std::vector<bool> marks_;
};

}  // namespace quietpage::rules::tables
