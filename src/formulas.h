// Stage 3 (prepare, once per document) — formulas: mathematics drawn by a
// renderer becomes the formula it drew (rules/formulas.h). A drawing that
// holds the formula's MathML is replaced by it; a MathJax 2 drawing by its
// TeX source, as MathML whose annotation carries the TeX (shown as text, and
// what the Markdown writes). <maction> keeps its first child only (the one
// shown). Runs before scripts are removed: TeX sits in <script>s.
#pragma once

#include "dom.h"

namespace quietpage {

void reduce_rendered_math(Document& doc);

}  // namespace quietpage
