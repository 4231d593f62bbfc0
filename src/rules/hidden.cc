#include "rules/hidden.h"

#include <string>

#include "rules/names.h"
#include "text.h"

namespace quietpage::rules::hidden {
namespace {

// Last value of a CSS property in a style attribute, lowercased, without
// "!important".
std::string style_property(std::string_view style, std::string_view property) {
  std::string value;
  size_t start = 0;
  while (start < style.size()) {
    size_t end = style.find(';', start);
    if (end == std::string_view::npos) end = style.size();
    std::string_view decl = style.substr(start, end - start);
    size_t colon = decl.find(':');
    if (colon != std::string_view::npos &&
        text::iequals(text::trim(decl.substr(0, colon)), property)) {
      std::string v = text::to_lower(text::trim(decl.substr(colon + 1)));
      size_t bang = v.find("!important");
      if (bang != std::string::npos) v = std::string(text::trim(std::string_view(v).substr(0, bang)));
      value = v;
    }
    start = end + 1;
  }
  return value;
}

// Utility classes of CSS frameworks that hide an element.
constexpr std::string_view kHidingClasses[] = {"hidden", "is-hidden", "d-none", "display-none",
                                               "visually-hidden", "visuallyhidden", "sr-only",
                                               "screen-reader-text", "screenreader-only", "u-hidden",
                                               "hide", "invisible"};
// The same words as substrings: one fast pass rules out almost every class
// list before the exact check by whole names.
const Keywords kMaybeHiding(kHidingClasses);

}  // namespace

bool has_hidden_class(std::string_view classes) {
  if (!kMaybeHiding.found_in(classes)) return false;
  bool found = false, shown_from_breakpoint = false;
  text::for_each_token(classes, [&](std::string_view token) {
    for (std::string_view h : kHidingClasses)
      if (text::iequals(token, h)) found = true;
    // Bootstrap's "d-none d-md-block": hidden on phones only.
    if (text::istarts_with(token, "d-") && token.find('-', 2) != std::string_view::npos &&
        !text::icontains(token, "none"))
      shown_from_breakpoint = true;
  });
  return found && !shown_from_breakpoint;
}

bool is_probably_visible(const Document& doc, NodeId n) {
  if (doc[n].attr_count == 0) return true;  // (most elements: nothing below can hide them)
  std::string_view style = doc.attr(n, "style");
  if (!style.empty()) {
    if (style_property(style, "display") == "none") return false;
    if (style_property(style, "visibility") == "hidden") return false;
  }
  if (doc.has_attr(n, "hidden")) return false;
  if (has_hidden_class(doc.attr(n, "class"))) return false;
  if (doc.attr(n, "aria-hidden") == "true") {
    // Wikimedia marks math fallback images aria-hidden; they are content.
    return doc.attr(n, "class").find("fallback-image") != std::string_view::npos;
  }
  return true;
}

bool may_be_hidden(const Document& doc, NodeId n) {
  return doc.attr(n, "style").find("display") != std::string_view::npos || doc.has_attr(n, "hidden") ||
         doc.attr(n, "aria-hidden") == "true";
}

bool is_modal_dialog(const Document& doc, NodeId n) {
  return doc[n].attr_count != 0 && doc.attr(n, "aria-modal") == "true" && doc.attr(n, "role") == "dialog";
}

bool is_print_name(std::string_view token) {
  if (text::ifind(token, "print") == std::string_view::npos) return false;
  char squashed[16];  // the name lowercased, without - and _ (long names: their start)
  size_t size = 0;
  for (size_t i = 0; i < token.size() && size < sizeof squashed; ++i)
    if (token[i] != '-' && token[i] != '_') squashed[size++] = text::lower(token[i]);
  const std::string_view s(squashed, size);
  const bool hidden_in_print = s.substr(0, 7) == "noprint" || s == "dprintnone" || s == "printnone" ||
                               s == "hiddenprint" || s == "hideprint" || s == "printhide" ||
                               s == "printhidden" || s == "notprint";
  const bool only_in_print = s == "print" || s == "printonly" || s == "onlyprint" ||
                             s.substr(0, 12) == "visibleprint" || s == "showforprint";
  return hidden_in_print || only_in_print;
}

bool is_noscript_article(const Document& doc, NodeId noscript) {
  if (doc.count_tag(noscript, GUMBO_TAG_P) < kNoscriptArticleParagraphs) return false;
  if (doc.text_stats(noscript).length < kNoscriptArticleLength) return false;
  return !text::icontains(doc.text_content(noscript), "javascript");
}

}  // namespace quietpage::rules::hidden
