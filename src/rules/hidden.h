// Hidden and print-only: what the reader of the page on screen does not see.
// Inline styles, the hidden attribute, aria-hidden, CSS frameworks' hiding
// classes, modal dialogs; class names that hide a block in print or show it
// only in print; and the other way round, a <noscript> that holds the
// article a script would render.
#pragma once

#include <cstddef>
#include <string_view>

#include "dom.h"

namespace quietpage::rules::hidden {

// Not display:none / visibility:hidden, no hidden attribute, no hiding class,
// not aria-hidden (but Wikimedia's aria-hidden math fallback images are
// content).
bool is_probably_visible(const Document& doc, NodeId n);
// Readability-readerable checks visibility only where these hint at it
// (a display style, the hidden attribute, aria-hidden).
bool may_be_hidden(const Document& doc, NodeId n);
// Whether a class list holds a CSS framework's hiding class ("d-none",
// "sr-only", "is-hidden"...), as a whole class name, and no class that shows
// the block again from a breakpoint on ("d-none d-md-block").
bool has_hidden_class(std::string_view classes);
// A modal dialog (role=dialog, aria-modal=true): not part of the page either.
bool is_modal_dialog(const Document& doc, NodeId n);

// Class names that hide a block when the page is printed ("noprint",
// "d-print-none", "hidden-print"), or show it only in print ("print-only",
// "visible-print"): either way not part of the article as read on screen.
bool is_print_name(std::string_view token);

// Some pages render their article with script and keep the real text only
// in <noscript> (the script's own copy is an inert template). Such a
// <noscript> holds at least this many paragraphs and characters of prose
// and doesn't mention JavaScript; "enable JavaScript" notices, fallback
// banners and tracking pixels do not.
constexpr size_t kNoscriptArticleParagraphs = 3;
constexpr size_t kNoscriptArticleLength = 500;
bool is_noscript_article(const Document& doc, NodeId noscript);

}  // namespace quietpage::rules::hidden
