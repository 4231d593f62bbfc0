// Pagination: which link leads to the article's next page. An article split
// over pages links to the next one with rel="next", from a pager ("1 2 3
// Next »") or both, and the next page's URL is the article's own with a page
// number one higher: /story/2, /story/page/2, /story-page-2.html,
// /story_2.html, ?page=2, ?p=2. After DOM Distiller (its PagingLinksFinder,
// itself after Readability's old paging code): every link whose URL is the
// next page's is scored by its text, its names and where it sits, the scores
// of the links to one URL add up, and the best URL wins from a threshold on.
// A link is scored only when its URL is the current one's next page, so
// comment pages (/story/comment-page-2, ?cpage=2), archives, calendars
// (/2024/05/) and other articles (/story-2 but no pager says so) don't win.
#pragma once

#include <cstddef>
#include <string_view>

#include "dom.h"
#include "url.h"

namespace quietpage::rules::pagination {

// --- Page numbers in URLs -----------------------------------------------------

// Page numbers run from 2 (the first page often has none) to this: larger
// numbers at the end of a URL are ids and years, not pages.
constexpr int kMaxPageNumber = 100;

// How `next` follows `current`, when it is the next page.
struct PageStep {
  bool next = false;      // `next` is the page after `current`
  int number = 0;         // its page number
  bool labelled = false;  // the URL says "page" (?page=2, /page/2, -seite-2)
};
// `next` is `current`'s next page when they have the same scheme, host and
// port, and the same path and query but for a page number one higher (page 1
// may have none): in one query parameter named like a page, or at the end of
// the path, after a separator (/ - _ ,) and possibly a page word, before an
// optional extension or final slash. Never: a path through listings
// (archive, tag, category, author, search, comments), a query parameter of
// comments, a bare number after a numeric segment (a calendar).
PageStep page_step(const url::Url& current, const url::Url& next);

// --- Links to the next page -------------------------------------------------

// A link is one to the next page when its score reaches this.
constexpr int kThreshold = 50;
// rel="next" (on <link> or <a>).
constexpr int kRelNext = 50;
// Its text (or title, aria-label, class, id) says "next" (next, weiter,
// suivant, », ›, > ...).
constexpr int kNextWords = 50;
// Its text is the next page's number.
constexpr int kNumberText = 25;
// Its URL says "page" (PageStep::labelled).
constexpr int kLabelledUrl = 25;
// Its class/id, or an ancestor's (once), names a pager (page, paging,
// pagination, pager).
constexpr int kPagerName = 25;
// An ancestor (once) is named like boilerplate (comments, footer...) and
// not like content.
constexpr int kNegativeAncestor = -25;
// Its text or names are about something else: print, share, comments,
// archive, all pages on one, log in...
constexpr int kExtraneous = -25;
// Its text says "next" about another article ("Next article", "Read next",
// "Next post").
constexpr int kOtherArticle = -50;
// Its text says "first" or "last" and not "next".
constexpr int kFirstOrLast = -65;
// Its text or names say "previous" (prev, «, ‹, zurück, précédent...).
constexpr int kPrevious = -200;
// Links with longer text (UTF-16 units) are titles of other pages, not pager
// links: they are not scored.
constexpr size_t kMaxLinkTextLength = 25;

// The score of link `a` (an <a> or <link>), whose URL is the next page's
// (`step`); INT_MIN for one that is no pager link at all (long text).
int link_score(const Document& doc, NodeId a, const PageStep& step);

}  // namespace quietpage::rules::pagination
