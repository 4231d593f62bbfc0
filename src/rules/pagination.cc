#include "rules/pagination.h"

#include <algorithm>
#include <climits>
#include <string>
#include <utility>
#include <vector>

#include "rules/boilerplate.h"
#include "rules/candidates.h"
#include "rules/names.h"
#include "text.h"

namespace quietpage::rules::pagination {
namespace {

// --- URLs ---

// Words for "page" that label a page number in a path (/page/2, -seite-2).
constexpr std::string_view kPageWords[] = {"page", "pages", "p",      "pg",   "seite", "pagina", "pagine",
                                           "strona", "sayfa", "sivu", "side", "sida",  "stranica"};
// Query parameters that hold a page number.
constexpr std::string_view kPageParameters[] = {"page",     "p",          "pg",        "pn",     "paged",
                                                "pagenum",  "pagenumber", "page_num",  "pageno", "page_no",
                                                "pagina",   "seite",      "currentpage", "current_page", "pag"};
// Path segments of listings and discussions, never of an article's pages.
constexpr std::string_view kListingSegments[] = {"archive", "archives", "tag",    "tags",     "category",
                                                 "categories", "author", "authors", "search", "label",
                                                 "feed",    "topic",    "topics"};
// Extensions a page number may come before (story-2.html).
constexpr std::string_view kExtensions[] = {".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cfm"};

bool is_separator(char c) { return c == '/' || c == '-' || c == '_' || c == ','; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool one_of(std::string_view word, const std::string_view* begin, const std::string_view* end) {
  return std::any_of(begin, end, [&](std::string_view w) { return text::iequals(word, w); });
}
template <size_t N>
bool one_of(std::string_view word, const std::string_view (&words)[N]) {
  return one_of(word, words, words + N);
}

// A page number as written: 1 to 3 digits without a leading zero, up to
// kMaxPageNumber; 0 when `s` is none.
int page_number(std::string_view s) {
  if (s.empty() || s.size() > 3 || s[0] == '0') return 0;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n <= kMaxPageNumber ? n : 0;
}

// A path cut around its page number: stem + label + number + suffix.
struct PathPage {
  std::string_view stem;
  std::string_view label;   // separator, page word, separator ("/page/", "-", "_p")
  int number = 0;           // 0: the path ends with no page number
  std::string_view suffix;  // "", "/" or an extension
  bool labelled = false;    // the label holds a page word
};

std::string_view suffix_of(std::string_view path) {
  if (!path.empty() && path.back() == '/') return path.substr(path.size() - 1);
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return {};
  return one_of(path.substr(dot), kExtensions) ? path.substr(dot) : std::string_view();
}

PathPage split_path(std::string_view path) {
  PathPage out;
  out.suffix = suffix_of(path);
  const std::string_view body = path.substr(0, path.size() - out.suffix.size());
  out.stem = body;
  size_t digits = body.size();
  while (digits > 0 && body[digits - 1] >= '0' && body[digits - 1] <= '9') --digits;
  const int number = page_number(body.substr(digits));
  if (number == 0 || digits == 0) return out;
  // Back over an optional separator, a page word and the separator before it.
  size_t label = digits;
  if (is_separator(body[label - 1])) --label;
  size_t word = label;
  while (word > 0 && is_letter(body[word - 1])) --word;
  if (word < label && word > 0 && is_separator(body[word - 1]) && one_of(body.substr(word, label - word), kPageWords)) {
    out.labelled = true;
    label = word - 1;
  } else if (label == digits) {
    return out;  // the number is glued to a word ("story2"): no page number
  }
  out.stem = body.substr(0, label);
  out.label = body.substr(label, digits - label);
  out.number = number;
  return out;
}

bool same_suffix(std::string_view a, std::string_view b) {
  return a == b || (a.empty() && b == "/") || (a == "/" && b.empty());
}

// A bare number after a numeric segment is a date (/2024/05/), not a page.
bool is_calendar(const PathPage& p) {
  if (p.labelled || p.label != "/") return false;
  const size_t slash = p.stem.rfind('/');
  const std::string_view last = p.stem.substr(slash == std::string_view::npos ? 0 : slash + 1);
  return !last.empty() && std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool through_listing(std::string_view path) {
  // (The segments' lengths, as bits: a segment of another length is none of them.)
  static const uint64_t kLengths = [] {
    uint64_t bits = 0;
    for (std::string_view s : kListingSegments) bits |= uint64_t{1} << std::min<size_t>(s.size(), 63);
    return bits;
  }();
  constexpr std::string_view kComment = "comment";
  bool listing = false;
  size_t start = 0;
  while (start <= path.size() && !listing) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    listing = (((kLengths >> std::min<size_t>(segment.size(), 63)) & 1) && one_of(segment, kListingSegments)) ||
              (segment.size() >= kComment.size() && text::icontains(segment, kComment));
    start = end + 1;
  }
  return listing;
}

using Parameters = std::vector<std::pair<std::string_view, std::string_view>>;

Parameters parameters(std::string_view query) {
  Parameters out;
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (!pair.empty())
      out.emplace_back(pair.substr(0, eq), eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    start = end + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_page_parameter(std::string_view name) {
  return one_of(name, kPageParameters) && !text::icontains(name, "comment");
}

// The next page in the query: one page parameter one higher, the rest alike.
PageStep query_step(std::string_view current, std::string_view next) {
  const Parameters a = parameters(current), b = parameters(next);
  PageStep step;
  std::string_view changed;
  int from = 1, to = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i, ++j;
      continue;
    }
    if (!changed.empty()) return {};  // a second difference
    if (j < b.size() && (i == a.size() || b[j].first <= a[i].first)) {
      changed = b[j].first;
      to = page_number(b[j].second);
      if (i < a.size() && a[i].first == changed) from = page_number(a[i++].second);
      ++j;
    } else {
      return {};  // a parameter of the current page is gone
    }
  }
  if (changed.empty() || !is_page_parameter(changed) || from == 0 || to != from + 1) return {};
  step.next = true;
  step.number = to;
  step.labelled = true;
  return step;
}

// The next page at the end of the path (`n`: split_path(next)).
PageStep path_step(std::string_view current, const PathPage& n) {
  if (n.number < 2 || is_calendar(n)) return {};
  PageStep step;
  step.number = n.number;
  step.labelled = n.labelled;
  const PathPage c = split_path(current);
  // The current page numbered the same way...
  if (c.number > 0 && c.stem == n.stem && c.label == n.label && same_suffix(c.suffix, n.suffix) &&
      n.number == c.number + 1) {
    step.next = true;
    return step;
  }
  // ...or the first page, without a number.
  const std::string_view c_suffix = suffix_of(current);
  if (n.number == 2 && current.substr(0, current.size() - c_suffix.size()) == n.stem &&
      same_suffix(c_suffix, n.suffix))
    step.next = true;
  return step;
}

// --- Links ---

// Words of "next", "previous", "first"/"last" in link texts and names.
const Keywords kNextText{"next",  "weiter",  "nächste", "suivant", "siguiente", "successiv", "próxim", "proxim",
                     "volgende", "nästa", "neste",  "næste",   "następn",   "další",     "далее",  "Далее",
                     "следующ", "Следующ", "sonraki", "seuraava", "次",     "下一",      "다음",   "»",
                     "›",     "→"};
const Keywords kPreviousText{"prev",     "zurück",  "vorherig", "précédent", "precedent", "anterior", "vorige",
                         "föregående", "forrige", "poprzedn", "předchozí", "назад",     "Назад",    "предыдущ",
                         "Предыдущ", "önceki",  "edellinen", "上一",     "이전",       "«",        "‹",
                         "←"};
const Keywords kFirstOrLastText{"first", "last", "erste", "letzte", "premi", "dernier", "dernière",
                            "primer", "último", "ultimo", "eerste", "laatste"};
// Something else than the article's next page.
const Keywords kOtherArticleText{"article", "artikel", "story", "stories", "post", "entry", "beitrag", "noticia",
                             "notícia", "notizia", "read next", "up next", "episode", "video", "gallery",
                             "photo", "slide", "image"};
constexpr std::string_view kExtraneousWords[] = {"print", "archive", "archives", "comment", "comments", "discuss",
                                                 "email", "e-mail", "share", "reply", "all", "login", "sign",
                                                 "single"};
const Keywords kExtraneousNames{"comment", "share", "print", "reply", "archive", "login"};
// Names of pagers (Readability's /pag(e|ing|inat)/).
const Keywords kPagerNames{"page", "paging", "paginat", "pager"};

bool says_next(std::string_view text) {
  return kNextText.found_in(text) || (!text.empty() && text.back() == '>');
}
bool says_previous(std::string_view text) {
  return kPreviousText.found_in(text) || (!text.empty() && text.front() == '<');
}

bool has_extraneous_word(std::string_view text) {
  bool found = false;
  size_t start = 0;
  while (start < text.size() && !found) {
    size_t end = start;
    while (end < text.size() && (is_letter(text[end]) || text[end] == '-')) ++end;
    found = end > start && one_of(text.substr(start, end - start), kExtraneousWords);
    start = end + 1;
  }
  return found;
}

// The link's text is the page number ("2", "[2]", "Page 2").
bool is_number_text(std::string_view text, int number) {
  std::string digits;
  std::string letters;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
    else if (is_letter(c)) letters += c;
  }
  return digits == std::to_string(number) && (letters.empty() || one_of(letters, kPageWords));
}

}  // namespace

PageStep page_step(const url::Url& current, const url::Url& next) {
  if (current.scheme != next.scheme || current.authority != next.authority) return {};
  auto without_slash = [](std::string_view path) {
    return !path.empty() && path.back() == '/' ? path.substr(0, path.size() - 1) : path;
  };
  const bool same_path = without_slash(current.path) == without_slash(next.path);
  // Another path ending without a page number is no next page (path_step
  // says so first): most links, for which nothing else is read.
  PathPage n;
  if (!same_path) {
    n = split_path(next.path);
    if (n.number < 2 || is_calendar(n)) return {};
  }
  if (through_listing(next.path)) return {};
  if (same_path) return query_step(current.query, next.query);
  // (Equal queries hold equal parameters: most links, none.)
  if (current.query != next.query && parameters(current.query) != parameters(next.query)) return {};
  return path_step(current.path, n);
}

int link_score(const Document& doc, NodeId a, const PageStep& step) {
  std::string text;
  if (!doc.is(a, GUMBO_TAG_LINK)) {
    text = doc.inner_text(a);
    if (text::js_length(text) > kMaxLinkTextLength) return INT_MIN;
    // An icon link says what it does in its title or label.
    for (std::string_view label : {doc.attr(a, "aria-label"), doc.attr(a, "title")})
      if (text.empty() && text::js_length(label) <= kMaxLinkTextLength) text = std::string(text::trim(label));
  }
  const std::string names = class_and_id(doc, a);
  int score = 0;
  bool rel_next = false;
  text::for_each_token(doc.attr(a, "rel"), [&](std::string_view t) { rel_next = rel_next || text::iequals(t, "next"); });
  if (rel_next) score += kRelNext;
  const bool next = says_next(text) || kNextText.found_in(names);
  if (next) score += kNextWords;
  if (is_number_text(text, step.number)) score += kNumberText;
  if (step.labelled) score += kLabelledUrl;
  bool pager = kPagerNames.found_in(names), negative = false;
  for (NodeId p = doc[a].parent; p != kNoNode && doc.is_element(p) && !(pager && negative); p = doc[p].parent) {
    const std::string ancestor = class_and_id(doc, p) + " " + std::string(doc.attr(p, "aria-label"));
    if (!pager && kPagerNames.found_in(ancestor)) pager = true;
    if (!negative && boilerplate::negative(ancestor) && !candidates::positive(ancestor)) {
      negative = true;
      score += kNegativeAncestor;
    }
  }
  if (pager) score += kPagerName;
  if (has_extraneous_word(text::to_lower(text)) || kExtraneousNames.found_in(names)) score += kExtraneous;
  if (kOtherArticleText.found_in(text)) score += kOtherArticle;
  if (kFirstOrLastText.found_in(text) && !next) score += kFirstOrLast;
  if (says_previous(text) || kPreviousText.found_in(names)) score += kPrevious;
  return score;
}

}  // namespace quietpage::rules::pagination
