// Formulas: how pages show mathematics, and where its source is. Math
// renderers draw a formula with styled boxes that mean nothing without their
// style sheet, and keep the formula itself beside them: MathJax 3 and KaTeX
// as MathML (for screen readers), MathJax 2 as TeX in a <script
// type="math/tex"> after the drawing (its "frame", whose id is the script's
// plus "-Frame"). The formula is what an article keeps.
#pragma once

#include <string_view>

#include "dom.h"

namespace quietpage::rules::formulas {

// <script type="math/tex"> (or "math/tex; mode=display"): a formula's TeX.
// A script type of TeX source ("math/tex", "math/tex; mode=display").
bool is_tex_type(std::string_view type);
bool is_tex_script(const Document& doc, NodeId n);
// ...shown as a block of its own ("mode=display").
bool is_display_tex(const Document& doc, NodeId script);
// The id of the drawing MathJax 2 made of a TeX script: the script's id plus
// this; "" when the script has no id.
constexpr std::string_view kFrameIdSuffix = "-Frame";
// <annotation encoding="application/x-tex">: a formula's TeX source, kept
// beside its MathML (what the Markdown output writes).
constexpr std::string_view kTexEncoding = "application/x-tex";
bool is_tex_annotation(const Document& doc, NodeId n);
// MathJax 2's preview shown until the drawing is ready (often the TeX
// itself, or empty).
bool is_preview(const Document& doc, NodeId n);
// An element a renderer drew a formula in: MathJax 3's <mjx-container>,
// MathJax 2's frames and display blocks, KaTeX's boxes. (The formula's
// MathML, when it holds one, replaces it.)
bool is_rendered_formula(const Document& doc, NodeId n);
// ...shown as a block of its own (display math).
bool is_display_formula(const Document& doc, NodeId n);

}  // namespace quietpage::rules::formulas
