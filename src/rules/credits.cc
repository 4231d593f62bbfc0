#include "rules/credits.h"

#include <algorithm>

#include "rules/media.h"
#include "rules/names.h"
#include "rules/structure.h"
#include "text.h"

namespace quietpage::rules::credits {
namespace {

bool follows_table(const Document& doc, NodeId n) {
  NodeId prev = doc.prev_element_sibling(n);
  return prev != kNoNode && (doc.is(prev, GUMBO_TAG_TABLE) || doc.has_descendant(prev, GUMBO_TAG_TABLE));
}

// Whether `t` opens with `p` (lowercase, ASCII case ignored); an opening
// that ends with ':' also matches with spaces before the colon, as French
// typography sets it ("Photo : AFP", a no-break space too).
bool opens_with(std::string_view t, std::string_view p) {
  if (p.back() != ':') return text::istarts_with(t, p);
  const std::string_view word = p.substr(0, p.size() - 1);
  if (!text::istarts_with(t, word)) return false;
  size_t i = word.size();
  for (;;) {
    if (i < t.size() && t[i] == ' ') {
      i += 1;
    } else if (t.compare(i, 2, "\xC2\xA0") == 0) {  // no-break space
      i += 2;
    } else if (t.compare(i, 3, "\xE2\x80\xAF") == 0) {  // narrow no-break space
      i += 3;
    } else {
      break;
    }
  }
  return i < t.size() && t[i] == ':';
}

}  // namespace

bool notice_after_copyright(std::string_view rest) {
  rest = text::trim(rest);
  while (!rest.empty() && (rest.front() == ':' || rest.front() == ',')) rest = text::trim(rest.substr(1));
  // ("Copyright and Trade Mark Notice", "copyright or licence": the notice's own heading.)
  if (text::istarts_with(rest, "and ") || text::istarts_with(rest, "or ")) return true;
  return rest.empty() || rest.front() < 'a' || rest.front() > 'z';
}

bool is_rights_line(std::string_view t) {
  if (t.size() > kMaxRightsLineLength) return false;
  static const Keywords kPieces(kReservedPieces);
  return is_rights_line(t, kPieces.found_in(t));
}

bool is_rights_line(std::string_view t, bool holds_piece) {
  if (t.size() > kMaxRightsLineLength) return false;
  const std::string_view trimmed = text::trim(t);
  // It opens with the sign or the word, or says the rights are reserved: an
  // article that only mentions copyright is not its footer.
  // The openings are read on the opening alone, lowercased as far as the
  // longest plus a character's bytes (lower_utf8 maps code point by code
  // point and keeps the length).
  static constexpr std::string_view kOpenings[] = {"©", "(c)", "copyright", "citation:", "cite this",
                                                   "to cite this"};
  const std::string_view head = trimmed.substr(0, 12 + 4);
  // (An ASCII opening is lowercased on the stack.)
  char ascii[12 + 4];
  std::string lowered;
  std::string_view opening;
  if (std::all_of(head.begin(), head.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    for (size_t i = 0; i < head.size(); ++i) ascii[i] = text::lower(head[i]);
    opening = std::string_view(ascii, head.size());
  } else {
    lowered = text::lower_utf8(head);
    opening = lowered;
  }
  for (std::string_view o : kOpenings)
    if (opening.compare(0, o.size(), o) == 0 && (o != "copyright" || notice_after_copyright(trimmed.substr(o.size()))))
      return true;
  // Each phrase holds one of kReservedPieces (lower_utf8 maps ASCII to ASCII
  // and nothing else to it; the pieces hold no space at either end, so
  // trimming takes none away): most lines hold none, and are not lowercased.
  if (!holds_piece) return false;
  const std::string lower = text::lower_utf8(trimmed);
  static constexpr std::string_view kReserved[] = {
      "all rights reserved", "tous droits réservés", "alle rechte vorbehalten", "todos los derechos reservados",
      "tutti i diritti riservati", "may not be published", "may not be reproduced", "may not be republished",
      "may not be redistributed"};
  for (std::string_view reserved : kReserved)
    if (lower.find(reserved) != std::string::npos) return true;
  return false;
}

bool is_credit_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {"credit", "credits", "copyright", "photographer",
                                                "photocredit", "imagecredit", "attribution"};
  for (std::string_view k : kWords)
    if (text::iequals(w, k)) return true;
  return false;
}

bool holds_picture(const Document& doc, NodeId n) {
  for (NodeId img : doc.elements_where(n, [&](NodeId e) { return doc.is(e, GUMBO_TAG_IMG); }))
    if (media::small_image(doc, img) == media::SmallImage::kKeep) return true;
  return false;
}

bool may_start_like_credit(unsigned char first) {
  // Every opening below starts with one of these bytes (0xC2: "©"), after an optional "(".
  switch (text::lower(static_cast<char>(first))) {
    case 'f': case 'p': case 'b': case 'i': case 'c': case 'q': case 's': case 'g': case '(': case '\xC2':
      return true;
    default:
      return false;
  }
}

bool starts_like_credit(std::string_view t) {
  if (!t.empty() && t[0] == '(') t.remove_prefix(1);
  if (t.empty() || !may_start_like_credit(static_cast<unsigned char>(t[0]))) return false;
  // (A table of views, not a list of literals: those would be measured on every call.)
  static constexpr std::string_view kOpenings[] = {
      "foto:", "fotos:", "photo:", "photos:", "bild:", "bilder:", "image:",
      "imagen:", "imagens:", "crédit", "credit:", "credits:", "copyright",
      "©", "(c) ", "quelle:", "source:", "fuente:", "photo credit",
      "picture:", "illustration:", "grafik:", "photo by ", "image by ", "bild via",
      "foto via", "photo via", "image via", "photo d'illustration", "photo d’illustration",
      "image d'illustration", "image d’illustration", "image illustrative"};
  const char first = text::lower(t[0]);
  for (std::string_view p : kOpenings)
    if (p[0] == first && opens_with(t, p) && (p != "copyright" || notice_after_copyright(t.substr(p.size()))))
      return true;  // (the openings are lowercase)
  return false;
}

bool is_source_line(std::string_view t) {
  if (!t.empty() && t[0] == '(') t.remove_prefix(1);
  static constexpr std::string_view kOpenings[] = {"source:", "sources:", "quelle:", "quellen:", "fuente:", "fuentes:"};
  for (std::string_view p : kOpenings)
    if (opens_with(t, p)) return true;
  return false;
}

bool is_source_address(std::string_view t) {
  // (An address holds no space; `t` is trimmed, as inner_text() gives it.)
  if (t.size() > kMaxSourceAddressLength || t.find(' ') != std::string_view::npos) return false;
  const size_t dot = t.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  const std::string_view tld = t.substr(dot + 1);
  if (tld.size() < 2 || tld.size() > 6) return false;
  for (char c : tld)
    if (!text::is_ascii_alpha(c)) return false;
  size_t letters = 0;
  for (char c : t.substr(0, dot)) {
    if (text::is_ascii_alpha(c)) ++letters;
    else if (c != '.' && c != '-' && !(c >= '0' && c <= '9')) return false;
  }
  return letters >= 3;
}

bool is_credit_line(const Document& doc, NodeId n, std::string_view inner) {
  return starts_like_credit(inner) && !(is_source_line(inner) && follows_table(doc, n));
}

bool is_caption(const Document& doc, NodeId n) {
  return doc.is(n, GUMBO_TAG_FIGCAPTION) || text::icontains(doc.attr(n, "class"), "caption");
}

bool captions_own_picture(const Document& doc, NodeId caption) {
  const NodeId holder = doc[caption].parent;
  return is_caption(doc, caption) && holder != kNoNode && structure::has_image_or_embed(doc, holder);
}

bool is_figure_caption(const Document& doc, NodeId n) {
  return doc.is(n, GUMBO_TAG_FIGCAPTION) ||
         (is_caption(doc, n) && doc.text_stats(n).length <= kMaxNamedCaptionLength);
}

size_t credit_start(std::string_view t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (i > 0 && std::string_view(" \t\n(|/.,;").find(t[i - 1]) == std::string_view::npos) continue;
    if (starts_like_credit(t.substr(i))) return i;
  }
  return std::string_view::npos;
}

std::string_view without_separator(std::string_view kept) {
  while (!kept.empty() && std::string_view(" \t\n(|/-").find(kept.back()) != std::string_view::npos)
    kept.remove_suffix(1);
  return kept;
}

}  // namespace quietpage::rules::credits
