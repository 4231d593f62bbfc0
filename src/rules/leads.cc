#include "rules/leads.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "rules/dates.h"
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
// A picture's description or credit, named as such ("image-description").
const Keywords kPictureName{"image", "img", "photo", "foto", "bild", "picture", "credit"};

bool has_lead_name(const Document& doc, NodeId n) {
  for (std::string_view name : {doc.attr(n, "class"), doc.attr(n, "id"), doc.attr(n, "itemprop")})
    if (lead_name(name)) return true;
  return false;
}

}  // namespace

bool is_date_word(std::string_view w) {
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.remove_suffix(1);
  if (!w.empty() && w[0] >= '0' && w[0] <= '9') return true;
  return dates::month_number(w) != 0;
}

bool lead_name(std::string_view s) { return kLeadName.found_in(s); }

NodeId lead_inside(const Document& doc, NodeId node, bool inside_only) {
  NodeId d = inside_only ? doc.next_in(node, node) : node;
  for (int looked = 0; d != kNoNode && looked < kLeadSearchDescendants; ++looked) {
    // A caption is not a lead, nor is an author's box's description: figures,
    // blocks named as a picture's and author boxes are skipped whole.
    const bool skipped =
        doc.is(d, GUMBO_TAG_FIGURE) || doc.is(d, GUMBO_TAG_FIGCAPTION) ||
        (doc.is_element(d) && (byline_name(doc.attr(d, "class")) || byline_name(doc.attr(d, "id")) ||
                               kPictureName.found_in(doc.attr(d, "class"))));
    if (doc.is_element(d) && !skipped && has_lead_name(doc, d) &&
        doc.text_stats(d).length >= kMinLeadLength && features::link_density(doc, d) <= kMaxLeadLinkDensity &&
        !under_site_headline(doc, d))
      return d;
    d = doc.next_in(d, node, skipped);
  }
  return kNoNode;
}

NodeId lead_kept_from_header(const Document& doc, NodeId node, const std::string& match, const std::string& title) {
  const bool header = doc[node].tag == GUMBO_TAG_HEADER || match.find("header") != std::string::npos;
  return header && titles::holds_headline(doc, node, title) ? lead_inside(doc, node, true) : kNoNode;
}

bool names_the_site(const Document& doc, NodeId heading) {
  static const Keywords kSiteName{"logo", "site-title", "site_title", "sitetitle", "site-name", "sitename",
                                  "blogtitle", "blog-title", "blog_title", "blogname", "blog-name", "branding",
                                  "masthead", "brand"};
  if (features::link_density(doc, heading) >= kSiteNameLinkDensity) return true;
  NodeId n = heading;
  for (int level = 0; level <= kSiteNameLevels && n != kNoNode && doc.is_element(n); ++level, n = doc[n].parent)
    if (kSiteName.found_in(doc.attr(n, "class")) || kSiteName.found_in(doc.attr(n, "id"))) return true;
  return false;
}

bool is_standfirst(const Document& doc, NodeId n) {
  const Tag t = doc[n].tag;
  const bool block = t == GUMBO_TAG_P || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_DIV;
  if (!block || structure::has_child_block_element(doc, n)) return false;
  const size_t length = doc.text_stats(n).length;
  if (length < kMinLeadLength || length > kMaxStandfirstLength) return false;
  if (features::link_density(doc, n) > kMaxLeadLinkDensity) return false;
  const std::string text = doc.inner_text(n);
  return !is_date_line(text) && !is_update_line(text) && !opens_like_byline(text) &&
         !byline_name(doc.attr(n, "class")) && !byline_name(doc.attr(n, "id"));
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

bool under_site_headline(const Document& doc, NodeId n) {
  NodeId at = n;
  for (int level = 0; level <= kSiteNameLevels && at != kNoNode && doc.is_element(at); ++level, at = doc[at].parent) {
    const NodeId before = doc.prev_element_sibling(at);
    if (before == kNoNode) continue;
    // The element before: a heading, or what holds one (a title's wrapper).
    int looked = 0;
    for (NodeId h = before; h != kNoNode && looked < kLeadSearchDescendants; h = doc.next_in(h, before), ++looked)
      if (doc.is_element(h) && structure::is_heading(doc[h].tag)) return names_the_site(doc, h);
    return false;
  }
  return false;
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
  return (starts(text, description) || starts(description, text)) && !under_site_headline(doc, n);
}

bool byline_name(std::string_view s) { return kByline.found_in(s); }

bool is_byline(const Document& doc, NodeId n, std::string_view match) {
  bool looks = doc.attr(n, "rel") == "author" ||
               doc.attr(n, "itemprop").find("author") != std::string_view::npos || byline_name(match);
  if (!looks) return false;
  const std::string text = doc.text_content(n);
  size_t length = text::js_length(text::trim(text));
  return length > 0 && length < kMaxBylineLength && !(length <= kMaxBylineLabelLength && is_byline_label(text));
}

bool may_hold_header_byline(const Document& doc, NodeId n, std::string_view match) {
  return doc.is(n, GUMBO_TAG_HEADER) || text::icontains(match, "header");
}

std::string byline_within(const Document& doc, NodeId header) {
  size_t nodes = 0;
  for (NodeId n = doc.next_in(header, header); n != kNoNode && ++nodes <= kMaxHeaderBylineNodes;
       n = doc.next_in(n, header)) {
    if (!doc.is_element(n) || doc[n].attr_count == 0) continue;
    if (is_byline(doc, n, class_and_id(doc, n))) return byline_text(doc, n);
  }
  return {};
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

namespace {

// Whether `word`, lowercased and without the trailing marks in `strip`
// ("Autor:" -> "autor"), is one of `words`.
template <size_t N>
bool one_of(std::string_view word, const std::string_view (&words)[N], std::string_view strip = ":,") {
  while (!word.empty() && strip.find(word.back()) != std::string_view::npos) word.remove_suffix(1);
  if (word.empty()) return false;
  const std::string lower = text::lower_utf8(word);
  for (std::string_view w : words)
    if (lower == w) return true;
  return false;
}

// Words that introduce the author: "By", "Von", "Par", "Written by",
// "Autor:".
constexpr std::string_view kAuthorMarkers[] = {
    "by", "von", "par", "por", "di", "door", "av", "af", "written", "posted", "published", "author",
    "autor", "autorin", "auteur", "autore", "über", "text", "geschrieben", "verfasst", "publié", "publicado"};
// A byline segment made only of markers and these ("About the author",
// "No author") has the name, if any, in the next segment.
constexpr std::string_view kLabelWords[] = {"the", "about", "no"};
// "by" after these credits a picture, not the article: "Photo by ...".
constexpr std::string_view kCreditWords[] = {"photo", "photos", "foto", "fotos", "photograph", "image",
                                             "images", "illustration", "graphic", "graphics", "video",
                                             "pictures", "bild"};
// The name ends before these: what follows is a label, a link or a time.
constexpr std::string_view kStopWords[] = {
    "posted", "updated", "published", "last", "follow", "view", "email", "e-mail", "more", "click",
    "comments", "comment", "said", "said...", "aktualisiert", "veröffentlicht", "publié", "mis",
    "actualizado", "publicado", "in", "ago", "vor"};
// Roles and affiliations after a name ("Jane Doe, Staff Writer", "Tom
// Gara, Reporter", "Jason Arbon, Google Desktop Team").
constexpr std::string_view kRoleWords[] = {
    "staff", "writer", "writers", "editor", "editors", "correspondent", "correspondents", "reporter",
    "reporters", "contributor", "contributing", "columnist", "journalist", "special", "associate", "senior",
    "chief", "executive", "redakteur", "redakteurin", "korrespondent", "korrespondentin", "journaliste",
    "rédacteur", "rédactrice", "redactor", "redactora", "news", "press", "times", "newspapers", "agency",
    "manager", "director", "engineer", "engineering", "scientist", "founder", "co-founder", "ceo", "president",
    "officer", "head", "lead", "team", "analyst", "researcher", "professor", "lecturer", "designer", "developer",
    "producer", "photographer", "host", "anchor", "fellow", "partner", "consultant", "advisor", "specialist",
    "coordinator", "strategist", "evangelist", "desk", "bureau", "expert"};
// "Jane Doe\n and John Roe": a segment starting with one continues the
// previous one.
constexpr std::string_view kConjunctions[] = {"and", "und", "&", "et", "y", "e", "en", "och", "og", "i"};
// Words a name never ends with: left over once a role or outlet went
// ("Jane Doe and", "the") ...
constexpr std::string_view kDangling[] = {"and", "und", "&", "et", "the"};
// ... or, when a date or time was cut off after them, what introduced it
// ("Jane Doe on March 3", "am 21. April", "at 1:12 pm").
constexpr std::string_view kBeforeDate[] = {"on", "am", "um", "le", "el", "at", "à", "de", "vom", "du"};
// Small words inside names ("Teresa von Fuchs", "Michiel de Jong"), in
// lowercase only.
constexpr std::string_view kNameParticles[] = {"von", "van", "de", "der", "den", "da", "das", "di", "du", "la",
                                               "le", "del", "dos", "bin", "al", "el", "ter", "zu", "y", "e"};
// What stands between a byline's parts: "By Jane Doe | March 3", "Jane Doe
// · 18. Oktober 2019", "View all posts by Jane Doe →".
constexpr std::string_view kSeparators[] = {"|", "-", "--", "—", "–", "·", "•", "●", "»", "«",
                                            "//", "/", "::", "→", "›"};
// A date this close (bytes) after one of these is when the article was
// updated, not published: "Updated March 3, 2020", "Aktualisiert am ...".
constexpr size_t kUpdateLabelReach = 24;
constexpr std::string_view kUpdateLabels[] = {"updat", "aktualisiert", "modifi", "geändert", "mis à jour",
                                              "actualiza", "aggiornato"};
// Marks a name doesn't start or end with.
constexpr std::string_view kEdgeMarks[] = {",", ";", ":", "|", "/", "-", "–", "—", "•", "·", "»", "«", "(",
                                           ")", "[", "]", "?", "'", "\"", "“", "”", "‘", "’", "*", "→", "›"};

bool is_separator(std::string_view word) {
  for (std::string_view sep : kSeparators)
    if (word == sep) return true;
  return false;
}
// A word of a byline's label: a marker or a label word ("Written", "by", "About", "the").
bool is_label_word(std::string_view w) { return one_of(w, kAuthorMarkers) || one_of(w, kLabelWords); }
bool is_label_only(const std::vector<std::string>& words) {
  for (const std::string& w : words)
    if (!is_label_word(w)) return false;
  return true;
}
bool is_dangling(std::string_view word, bool before_cut) {
  return one_of(word, kDangling, "") || one_of(word, kAuthorMarkers) || (before_cut && one_of(word, kBeforeDate, ""));
}
bool digit(char c) { return c >= '0' && c <= '9'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool letter(char c) { return upper(c) || lower(c) || static_cast<unsigned char>(c) >= 0x80; }

// A comma part that is one more name: two words or more that start with a
// capital (or are particles), none of them a role.
bool are_names(const std::vector<std::string>& words, size_t from, size_t to) {
  if (to - from < 2 || text::iequals(words[from], "the")) return false;
  for (size_t j = from; j < to; ++j) {
    const std::string& w = words[j];
    const bool capital = upper(w[0]) || static_cast<unsigned char>(w[0]) >= 0x80;
    if (one_of(w, kRoleWords, ":,.") || !(capital || one_of(w, kNameParticles, "") || one_of(w, kConjunctions, "")))
      return false;
  }
  return true;
}

// The byline with a line break where two things are glued together: a
// name and its date ("Carrie ArnoldNovember 15, 2019", "Nolan22 Dec"), a
// name and a role or label ("Marc KatzStaff Writer", "ImhofQuelle:"), a
// parenthesis and what follows it ("(AP)Published:").
std::string unglue(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i > 0 && (digit(c) || upper(c))) {
      const char prev = s[i - 1];
      bool glued = letter(prev) && dates::starts_date(s, i);
      if (!glued && (prev == ')' || (upper(c) && lower(prev)))) {
        size_t end = i;
        while (end < s.size() && !text::is_space(static_cast<unsigned char>(s[end])) && s[end] != ',') ++end;
        const std::string_view word = s.substr(i, end - i);
        glued = prev == ')' || one_of(word, kRoleWords, ":,.") || word.back() == ':';
      }
      if (glued) out += '\n';
    }
    out += c;
  }
  return out;
}

// The byline cut into segments of words: its lines (a tab or a run of three
// spaces counts as a line break: the page's markup put the parts on lines
// of their own) and the parts between separators.
std::vector<std::vector<std::string>> byline_segments(std::string_view byline) {
  const std::string s = unglue(byline);
  std::vector<std::vector<std::string>> segments(1);
  auto close = [&] {
    if (!segments.back().empty()) segments.emplace_back();
  };
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const uint32_t cp = text::next_code_point(s, i);
    if (text::is_space(cp)) {
      size_t run = 1;
      bool line = cp == '\n' || cp == '\t' || cp == '\r';
      for (size_t at = i; i < s.size(); at = i) {
        const uint32_t c = text::next_code_point(s, i);
        if (!text::is_space(c)) {
          i = at;
          break;
        }
        ++run;
        line = line || c == '\n' || c == '\t' || c == '\r';
      }
      if (line || run >= 3) close();
      continue;
    }
    size_t end = start;
    for (size_t at = end; end < s.size(); at = end) {
      if (text::is_space(text::next_code_point(s, end))) {
        end = at;
        break;
      }
    }
    std::string_view word = std::string_view(s).substr(start, end - start);
    i = end;
    // "Allhoff|Posted": a bar glued to words separates them too.
    for (size_t bar; (bar = word.find('|')) != std::string_view::npos; word.remove_prefix(bar + 1)) {
      if (bar > 0) segments.back().emplace_back(word.substr(0, bar));
      close();
    }
    if (word.empty()) continue;
    if (is_separator(word)) {
      close();
      continue;
    }
    if (segments.back().empty() && segments.size() > 1 && one_of(word, kConjunctions, "")) segments.pop_back();
    segments.back().emplace_back(word);
  }
  if (segments.back().empty()) segments.pop_back();
  return segments;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

void strip_edge_marks(std::string& w, bool back) {
  for (bool again = true; again && !w.empty();) {
    again = false;
    for (std::string_view m : kEdgeMarks) {
      if (w.size() < m.size()) continue;
      if (back ? w.compare(w.size() - m.size(), m.size(), m) == 0 : w.compare(0, m.size(), m) == 0) {
        w.erase(back ? w.size() - m.size() : 0, m.size());
        again = true;
        break;
      }
    }
  }
}

// The author's name from the words after a marker (or of a byline without
// one).
std::string name_from(std::vector<std::string> words) {
  // Cut at a date (whole or started), a time or a number, a handle, a stop
  // word, a parenthesis or bracket that ends the name ("(AP)", "(Contact)",
  // "[link]"; not "Bruno (Henrique) Rodrigues").
  const std::string all = join(words);
  dates::Found found;
  const size_t date_at = dates::find_date(all, found) ? found.begin : all.size();
  size_t offset = 0;
  size_t keep = words.size();
  for (size_t i = 0; i < words.size(); offset += words[i].size() + 1, ++i) {
    const std::string& w = words[i];
    bool ends = offset >= date_at || dates::starts_date(all, offset) || digit(w[0]) || w[0] == '@' ||
                w[0] == '?' || one_of(w, kStopWords) || is_separator(w);
    if (w[0] == '(' || w[0] == '[') {
      const char close = w[0] == '(' ? ')' : ']';
      size_t j = i;
      while (j < words.size() && words[j].find(close) == std::string::npos) ++j;
      ends = j + 1 >= words.size();
    }
    if (ends) {
      keep = i;
      break;
    }
  }
  bool cut = keep < words.size();
  words.resize(keep);
  // Comma parts after the first: kept when they are more names ("Stefan
  // Häne, Sylvain Besson"), not roles, places or outlets ("Jane Doe, Staff
  // Writer", "Rob Picheta, CNN", "Evelyn Macairan, The Philippine Star").
  std::vector<std::string> kept;
  for (size_t part_start = 0, i = 0; i <= words.size(); ++i) {
    if (i < words.size() && words[i].back() != ',') continue;
    const size_t part_end = std::min(i + 1, words.size());
    if (part_start > 0 && !are_names(words, part_start, part_end)) {
      cut = true;
      break;
    }
    kept.insert(kept.end(), words.begin() + static_cast<std::ptrdiff_t>(part_start),
                words.begin() + static_cast<std::ptrdiff_t>(part_end));
    part_start = part_end;
  }
  // Nothing dangling: punctuation, connectors, a weekday that stood before
  // the date ("on Friday, January 18").
  while (!kept.empty()) {
    std::string& last = kept.back();
    const bool had_comma = last.back() == ',';
    strip_edge_marks(last, true);
    const bool weekday = dates::is_weekday(last) &&
                         (had_comma || (kept.size() > 1 && is_dangling(kept[kept.size() - 2], cut)));
    if (!last.empty() && !weekday && !is_dangling(last, cut)) break;
    kept.pop_back();
  }
  while (!kept.empty()) {
    strip_edge_marks(kept.front(), false);
    if (!kept.front().empty() && !one_of(kept.front(), kAuthorMarkers)) break;
    kept.erase(kept.begin());
  }
  bool nothing = true;  // "Posted on", "Friday": no name
  for (const std::string& w : kept) nothing = nothing && (is_dangling(w, true) || one_of(w, kLabelWords));
  if (nothing || (kept.size() == 1 && dates::is_weekday(kept[0]))) kept.clear();
  return join(kept);
}

}  // namespace

BylineParts split_byline(std::string_view byline, dates::Order order) {
  BylineParts parts;
  // The date: the first one not introduced as an update.
  dates::Found found;
  for (size_t from = 0; dates::find_date(byline, found, order, from); from = found.end) {
    const size_t window = std::min(found.begin, kUpdateLabelReach);
    const std::string before = text::lower_utf8(byline.substr(found.begin - window, window));
    bool update = false;
    for (std::string_view label : kUpdateLabels) update = update || before.find(label) != std::string::npos;
    if (update) continue;
    parts.date = dates::iso(found.date);
    break;
  }

  const auto segments = byline_segments(byline);
  if (segments.empty()) return parts;
  // The name follows "by" anywhere (not "Photo by"), else a marker starting a
  // segment ("Von", "Autor:"); a marker that ends its segment has the name in
  // the next one. Without a marker, the first segment is the name.
  auto after_marker = [&](size_t k, size_t at) {
    std::vector<std::string> rest(segments[k].begin() + static_cast<std::ptrdiff_t>(at), segments[k].end());
    if (rest.empty() && k + 1 < segments.size()) rest = segments[k + 1];
    return name_from(rest);
  };
  for (size_t k = 0; k < segments.size(); ++k) {
    const auto& words = segments[k];
    for (size_t i = 0; i < words.size(); ++i) {
      if (text::iequals(text::trim(words[i].substr(0, words[i].find(':'))), "by") &&
          (i == 0 || !one_of(words[i - 1], kCreditWords))) {
        parts.author = after_marker(k, i + 1);
        return parts;
      }
    }
  }
  for (size_t k = 0; k < segments.size(); ++k) {
    const auto& words = segments[k];
    size_t i = 0;
    while (i < words.size() && one_of(words[i], kAuthorMarkers)) ++i;
    if (i == 0) {
      if (!is_label_only(words)) continue;
      i = words.size();
    }
    parts.author = after_marker(k, i);
    return parts;
  }
  parts.author = name_from(segments[0]);
  return parts;
}

// How bylines open, before the name: "By", "Von", "Par"...
constexpr std::string_view kBylinePrefixes[] = {"by ", "by: ", "von ", "par ", "por ", "di ", "door ", "av ", "af "};

bool is_author_note(std::string_view t) {
  if (text::js_length(t) > kMaxAuthorNoteLength) return false;
  static constexpr std::string_view kCopulas[] = {"is", "ist", "est", "es", "è", "é", "is een", "was"};
  std::vector<std::string_view> words;
  text::for_each_token(t, [&](std::string_view w) {
    if (words.size() < 4 + 2 + kAuthorNoteRoleWindow) words.push_back(w);
  });
  // The name: two to four words that start with a capital and go on in
  // lowercase ("Jane", not "NASA" or "3D").
  auto name_word = [](std::string_view w) {
    return w.size() >= 2 && (upper(w[0]) || static_cast<unsigned char>(w[0]) >= 0x80) &&
           (lower(w[1]) || static_cast<unsigned char>(w[1]) >= 0x80);
  };
  size_t name = 0;
  while (name < words.size() && name < 4 && name_word(words[name])) ++name;
  if (name < 2 || name >= words.size()) return false;
  if (!one_of(words[name], kCopulas, "")) return false;
  // What writers, and the people who write guest posts, are.
  static constexpr std::string_view kNoteRoles[] = {
      "writer", "journalist", "editor", "reporter", "correspondent", "columnist", "author", "founder",
      "co-founder", "contributor", "freelance", "freelancer", "blogger", "photographer", "producer", "professor",
      "researcher", "consultant", "head", "redakteur", "redakteurin", "journalistin", "autor", "autorin",
      "journaliste", "rédacteur", "rédactrice", "auteur", "autrice", "periodista", "redactor", "redactora",
      "giornalista", "scrittore", "scrittrice"};
  for (size_t j = name + 1; j < words.size() && j <= name + kAuthorNoteRoleWindow; ++j)
    if (one_of(words[j], kNoteRoles, ":,.&")) return true;
  return false;
}

bool is_byline_label(std::string_view text) {
  // The markers, the verbs of other labels ("Escrito por", "Veröffentlicht
  // von"), and what joins them to the name or the date ("Posted on").
  static constexpr std::string_view kJoiners[] = {"escrito", "écrit", "scritto", "da", "veröffentlicht",
                                                  "eingestellt", "on", "at", "am", "le", "el", "il", "|",
                                                  "-", "·", "–", "—"};
  bool any = false, label = true;
  text::for_each_token(text, [&](std::string_view w) {
    any = true;
    label = label && (is_label_word(w) || one_of(w, kJoiners));
  });
  return any && label;
}

bool opens_like_byline(std::string_view text) {
  for (std::string_view prefix : kBylinePrefixes)
    if (text::istarts_with(text, prefix)) return true;
  return false;
}

bool is_date_line(std::string_view t) {
  // What may stand beside the date: joiners and the words of a time of day.
  static constexpr std::string_view kJoiners[] = {"|", "-", "–", "—", "·", "at", "um", "à"};
  static constexpr std::string_view kTimeWords[] = {"am",  "pm",  "a.m", "p.m",  "et",  "est", "edt",
                                                    "gmt", "utc", "cet", "cest", "bst", "pt",  "uhr"};
  t = text::trim(t);
  if (text::js_length(t) > dates::kMaxDateLineLength) return false;
  dates::Found found;
  if (!dates::find_date(t, found)) return false;
  bool only_date = true;
  const auto read_beside = [&](std::string_view part) {
    text::for_each_token(part, [&](std::string_view w) {
      while (!w.empty() && (w.back() == ',' || w.back() == '.' || w.back() == '|' || w.back() == '-'))
        w.remove_suffix(1);
      if (w.empty() || one_of(w, kJoiners, "") || dates::is_weekday(w)) return;
      const bool clock = w.find(':') != std::string_view::npos &&
                         std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == ':'; });
      if (!clock && !one_of(w, kTimeWords, "")) only_date = false;
    });
  };
  read_beside(t.substr(0, found.begin));
  read_beside(t.substr(found.end));
  return only_date;
}

bool is_update_line(std::string_view t) {
  static constexpr std::string_view kOpenings[] = {
      "updated", "last updated", "published", "posted", "first published", "last modified", "modified",
      "mis à jour", "publié", "aktualisiert", "veröffentlicht", "actualizado", "publicado", "aggiornato",
      "pubblicato", "bijgewerkt", "gepubliceerd",
      // (these only as a label, with a colon: "Date night in 10 steps" is a heading)
      "release date:", "date:", "datum:", "fecha:"};
  t = text::trim(t);
  if (t.size() > kMaxUpdateLineLength) return false;
  // Every opening starts with an ASCII letter, which lowercasing gives only
  // for an ASCII byte: a line whose first byte opens none is none.
  const char first = t.empty() ? '\0' : text::lower(t[0]);
  if (std::none_of(std::begin(kOpenings), std::end(kOpenings), [&](std::string_view o) { return o[0] == first; }))
    return false;
  // Most lines open with none of them: that is read on the opening alone,
  // lowercased as far as the longest, plus a character's bytes (lower_utf8
  // maps code point by code point and keeps the length).
  static const size_t kLongest = [] {
    size_t longest = 0;
    for (std::string_view o : kOpenings) longest = std::max(longest, o.size());
    return longest;
  }();
  // (An ASCII opening is compared as it is: istarts_with ignores ASCII case.)
  const std::string_view head = t.substr(0, kLongest + 4);
  const bool ascii = std::all_of(head.begin(), head.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  const std::string opening = ascii ? std::string() : text::lower_utf8(head);
  if (std::none_of(std::begin(kOpenings), std::end(kOpenings), [&](std::string_view o) {
        return ascii ? text::istarts_with(head, o) : opening.compare(0, o.size(), o) == 0;
      }))
    return false;
  const std::string lower = text::lower_utf8(t);
  bool opens = false;
  for (std::string_view o : kOpenings) {
    if (lower.compare(0, o.size(), o) != 0) continue;
    // The label alone ("Release Date:"), its date in the next block ("Posted"
    // alone may be a sentence's start cut by a script-rendered date).
    const std::string_view rest = std::string_view(lower).substr(o.size());
    if (rest == ":" || (rest.empty() && o.back() == ':')) return true;
    // "Posted by Ann on 2019-02-15" is a byline: the byline rules judge it.
    opens = opens || !opens_like_byline(text::trim(rest));
  }
  return opens && std::any_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool may_open_entry_meta(unsigned char first) {
  const char c = text::lower(static_cast<char>(first));
  return c == 't' || c == 'y';
}

bool is_entry_meta(std::string_view t) {
  t = text::trim(t);
  if (t.size() > kMaxEntryMetaLength) return false;
  static constexpr std::string_view kOpenings[] = {"this entry was posted", "this entry was filed",
                                                   "this entry is filed", "this post was posted",
                                                   "you can follow any responses to this entry"};
  for (std::string_view o : kOpenings)
    if (text::istarts_with(t, o)) return true;
  return false;
}

}  // namespace quietpage::rules::leads
