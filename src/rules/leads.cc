#include "rules/leads.h"

#include <algorithm>
#include <vector>

#include "rules/features.h"
#include "rules/names.h"
#include "rules/structure.h"
#include "rules/titles.h"
#include "text.h"

namespace quietpage::rules::leads {
namespace {

const Keywords kLeadName{"lead", "intro", "teaser", "standfirst", "summary", "excerpt", "subtitle",
                         "subline", "abstract", "chapo", "chapeau", "deck", "dek", "kicker-text",
                         "description", "descr", "vorspann", "anriss"};
const Keywords kByline{"byline", "author", "dateline", "writtenby", "p-author"};

bool has_lead_name(const Document& doc, NodeId n) {
  for (std::string_view name : {doc.attr(n, "class"), doc.attr(n, "id"), doc.attr(n, "itemprop")})
    if (lead_name(name)) return true;
  return false;
}


}  // namespace

bool lead_name(std::string_view s) { return kLeadName.found_in(s); }

bool is_date_word(std::string_view w) {
  static constexpr std::string_view kMonths[] = {
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "januar", "februar", "märz", "mai", "juni", "juli",
      "oktober", "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
      "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril",
      "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"};
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.remove_suffix(1);
  if (!w.empty() && w[0] >= '0' && w[0] <= '9') return true;
  // The names' lengths in bytes, and their first letters.
  if (w.size() < 3 || w.size() > 10 || std::string_view("jfmasond").find(text::lower(w[0])) == std::string_view::npos)
    return false;
  for (std::string_view m : kMonths)
    if (text::iequals(w, m)) return true;
  return false;
}

// How bylines open, before the name: "By", "Von", "Par"...
constexpr std::string_view kBylinePrefixes[] = {"by ", "by: ", "von ", "par ", "por ", "di ", "door ", "av ", "af "};

bool is_update_line(std::string_view t) {
  static constexpr std::string_view kOpenings[] = {
      "updated", "last updated", "published", "posted", "first published", "last modified", "modified",
      "mis à jour", "publié", "aktualisiert", "veröffentlicht", "actualizado", "publicado", "aggiornato",
      "pubblicato", "bijgewerkt", "gepubliceerd"};
  t = text::trim(t);
  if (t.size() > kMaxUpdateLineLength) return false;
  const std::string lower = text::lower_utf8(t);
  bool opens = false;
  for (std::string_view o : kOpenings) {
    if (lower.compare(0, o.size(), o) != 0) continue;
    // "Posted by Ann on 2019-02-15" is a byline: the byline rules judge it.
    opens = opens || !opens_like_byline(text::trim(std::string_view(lower).substr(o.size())));
  }
  return opens && std::any_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool opens_like_byline(std::string_view text) {
  for (std::string_view prefix : kBylinePrefixes)
    if (text::istarts_with(text, prefix)) return true;
  return false;
}


NodeId lead_inside(const Document& doc, NodeId node, bool inside_only) {
  NodeId d = inside_only ? doc.next_in(node, node) : node;
  for (int looked = 0; d != kNoNode && looked < kLeadSearchDescendants; ++looked) {
    // A caption is not a lead: figures are skipped whole.
    const bool figure = doc.is(d, GUMBO_TAG_FIGURE) || doc.is(d, GUMBO_TAG_FIGCAPTION);
    if (doc.is_element(d) && !figure && has_lead_name(doc, d) &&
        doc.text_stats(d).length >= kMinLeadLength && features::link_density(doc, d) <= kMaxLeadLinkDensity)
      return d;
    d = doc.next_in(d, node, figure);
  }
  return kNoNode;
}

NodeId lead_kept_from_header(const Document& doc, NodeId node, const std::string& match, const std::string& title) {
  const bool header = doc[node].tag == GUMBO_TAG_HEADER || match.find("header") != std::string::npos;
  return header && titles::holds_headline(doc, node, title) ? lead_inside(doc, node, true) : kNoNode;
}

std::string comparable(std::string_view s) {
  std::string c = text::collapse_spaces(text::trim(s));
  for (std::string_view dots : {"…", "..."})
    if (c.size() >= dots.size() && c.compare(c.size() - dots.size(), dots.size(), dots) == 0) {
      c.resize(c.size() - dots.size());
      c = std::string(text::trim(c));
    }
  return c;
}

bool shows_description(const Document& doc, NodeId n, const std::string& description, double length) {
  if (!doc.is_element(n)) return false;
  const Tag t = doc[n].tag;
  if (t != GUMBO_TAG_P && t != GUMBO_TAG_DIV && !structure::is_heading(t)) return false;
  const double block = static_cast<double>(doc.text_stats(n).length);
  if (block < kDescribedLeadMinRatio * length || block > kDescribedLeadMaxRatio * length) return false;
  if (structure::has_child_block_element(doc, n) || features::link_density(doc, n) > kMaxLeadLinkDensity)
    return false;
  const std::string text = comparable(doc.text_content(n));
  auto starts = [](const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; };
  return starts(text, description) || starts(description, text);
}

bool byline_name(std::string_view s) { return kByline.found_in(s); }

bool is_byline(const Document& doc, NodeId n, std::string_view match) {
  bool looks = doc.attr(n, "rel") == "author" ||
               doc.attr(n, "itemprop").find("author") != std::string_view::npos || byline_name(match);
  if (!looks) return false;
  size_t length = text::js_length(text::trim(doc.text_content(n)));
  return length > 0 && length < kMaxBylineLength;
}

std::string byline_text(const Document& doc, NodeId node) {
  NodeId end = doc.next_element(node, true);
  NodeId name_node = kNoNode;
  for (NodeId n = doc.next_element(node); n != kNoNode && n != end; n = doc.next_element(n)) {
    if (doc.attr(n, "itemprop").find("name") != std::string_view::npos) {
      name_node = n;
      break;
    }
  }
  return std::string(text::trim(doc.text_content(name_node != kNoNode ? name_node : node)));
}

std::string clean_author(std::string_view byline) {
  // The first line only: later lines hold dates, roles and outlets.
  std::string_view s = text::trim(byline);
  size_t nl = s.find('\n');
  if (nl != std::string_view::npos) {
    std::string_view first = text::trim(s.substr(0, nl));
    // "By\n  Name": the name is on the next line.
    if (text::iequals(first, "by") || text::iequals(first, "von") || text::iequals(first, "par")) {
      s = text::trim(s.substr(nl + 1));
      nl = s.find('\n');
      if (nl != std::string_view::npos) s = s.substr(0, nl);
    } else {
      s = first;
    }
  }
  std::string out = text::collapse_spaces(s);
  for (std::string_view prefix : kBylinePrefixes) {
    if (text::istarts_with(out, prefix)) {
      out = std::string(text::trim(std::string_view(out).substr(prefix.size())));
      break;
    }
  }
  // Cut at separators that start a date or a role: " | ", " - ", " — ".
  for (std::string_view sep : {" | ", " - ", " — ", " – ", " · "}) {
    size_t pos = out.find(sep);
    if (pos != std::string::npos) out.resize(pos);
  }
  // Drop trailing date words ("Jane Doe March 25, 2015").
  std::vector<std::string> words;
  text::for_each_token(out, [&](std::string_view w) { words.emplace_back(w); });
  while (words.size() > 1 && is_date_word(words.back())) words.pop_back();
  while (words.size() > 1 && (words.back() == "," || words.back() == "on" || words.back() == "am" ||
                              words.back() == "le" || words.back() == "el"))
    words.pop_back();
  out.clear();
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  while (!out.empty() && (out.back() == ',' || out.back() == ';')) out.pop_back();
  return out;
}

}  // namespace quietpage::rules::leads
