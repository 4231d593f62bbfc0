// Leads and bylines. Many pages put the article's intro ("teaser",
// "standfirst", "chapeau") in the article header, outside the container that
// wins, and its author's name in a block of its own; a lead is found by name
// (or as the page's description shown above the article) and put first, a
// byline is taken out of the text and reported, cleaned to the author's name.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "dom.h"
#include "rules/dates.h"

namespace quietpage::rules::leads {

// --- Leads ----------------------------------------------------------------------

// class/id/itemprop of an article's lead.
bool lead_name(std::string_view name);
// A lead has at least this much text, at most this link density.
constexpr size_t kMinLeadLength = 40;
constexpr double kMaxLeadLinkDensity = 0.3;
// Elements looked at inside each block searched for a lead.
constexpr int kLeadSearchDescendants = 400;
// The lead inside `node` (or `node` itself, unless `inside_only`), looking
// at its first elements; figures (captions) are skipped whole, and a blog's
// tagline is none (under_site_headline()).
NodeId lead_inside(const Document& doc, NodeId node, bool inside_only = false);
// The lead is searched among the preceding siblings (this many of those with
// text: spacers and empty ad slots are passed over) of the winner and of its
// closest ancestors (this many levels).
constexpr int kLeadSearchLevels = 3;
constexpr int kLeadSearchSiblings = 6;
// An article header ("entry-header") dropped as unlikely content keeps its
// lead in its place, when it holds the headline (`title`): that lead, or
// kNoNode.
NodeId lead_kept_from_header(const Document& doc, NodeId node, const std::string& match,
                             const std::string& title);

// The page's description (<meta name=description>) shown as a block above
// the article is its lead: a paragraph, div or heading of about its length
// (this range of ratios), without blocks inside or many links, whose text
// starts like the description or the other way round.
constexpr double kDescribedLeadMinRatio = 0.8;
constexpr double kDescribedLeadMaxRatio = 1.25;
// `s` whitespace-collapsed, trimmed, without a trailing ellipsis (meta
// descriptions are often cut): how leads and descriptions are compared.
std::string comparable(std::string_view s);
// Whether `n` shows `description` (comparable(), of `length` UTF-16 units),
// and not as the site's tagline (under_site_headline()).
bool shows_description(const Document& doc, NodeId n, const std::string& description, double length);
// A blog's tagline under its title describes the blog, not the post, however
// it is named ("description") or whatever <meta name=description> says: the
// element before `n`, or before one of its kSiteNameLevels closest ancestors,
// is or holds (within kLeadSearchDescendants nodes) a heading that
// names_the_site(). No lead.
bool under_site_headline(const Document& doc, NodeId n);

// A standfirst (the article's dek, a subtitle under its headline: an <h2>
// in the headline's <hgroup>, a paragraph under the <h1>) is the first block
// with text right after the headline, within this many elements, reading as
// a sentence or two: a heading or paragraph of kMinLeadLength to this many
// UTF-16 units, no blocks inside, few links, neither a byline nor a date or
// update line.
// Not under a headline that names the site (a blog's title over its
// tagline): one that is a link (this much of its text), or that it or its
// ancestors (this many levels) name a logo, a brand or the site's title.
constexpr double kSiteNameLinkDensity = 0.5;
constexpr int kSiteNameLevels = 3;
bool names_the_site(const Document& doc, NodeId heading);
constexpr int kStandfirstSearchSiblings = 3;
constexpr size_t kMaxStandfirstLength = 600;
bool is_standfirst(const Document& doc, NodeId n);

// --- Bylines ----------------------------------------------------------------------

// A word of a date: a number, or a month's name (dates.h) — a byline ends
// with them.
bool is_date_word(std::string_view word);

// class/id of author bylines.
bool byline_name(std::string_view class_and_id);
// A byline is short: shorter than this (UTF-16 units).
constexpr size_t kMaxBylineLength = 100;
// rel=author, itemprop=author or a byline name (`match`), and short text —
// not a label alone, the name in the next element ("<span
// class=meta-prep-author>By </span><span class=author>Jane Doe</span>").
bool is_byline(const Document& doc, NodeId n, std::string_view match);
// The article's header (a <header>, or named so) may hold the byline when
// the walk drops it as unlikely: its first byline (is_byline), read within
// this many nodes, names the author (not Readability's byline).
constexpr size_t kMaxHeaderBylineNodes = 300;
bool may_hold_header_byline(const Document& doc, NodeId n, std::string_view match);
std::string byline_within(const Document& doc, NodeId header);
// Text that is only a byline's label: "By", "Posted by", "Written by:",
// "Publié par", "Posted on".
constexpr size_t kMaxBylineLabelLength = 24;
bool is_byline_label(std::string_view text);
// The byline's text: of a descendant marked itemprop="name" (the bare
// author name) when there is one.
std::string byline_text(const Document& doc, NodeId byline);
// What a byline says, taken apart: the author's name(s), without "By",
// dates, times, roles or outlets ("By Jane Doe and John Roe, Staff Writers |
// Updated 3:15 pm" -> "Jane Doe and John Roe"), and the date written in it
// as ISO 8601 ("2019-11-15"; not one introduced as an update), or "".
// Parts glued together ("By Carrie ArnoldNovember 15, 2019") come apart.
// `order` reads all-numeric dates (dates.h).
struct BylineParts {
  std::string author;
  std::string date;
};
BylineParts split_byline(std::string_view byline, dates::Order order = dates::Order::kDayFirst);

// Text that opens like a byline: "By ", "Von ", "Par "...
bool opens_like_byline(std::string_view text);
// A date line that opens the article's text before its prose, repeated from
// the page's header: a whole date, and besides it only weekdays, times and
// their marks ("Tuesday, May 5, 2020 5:32 PM", "28.05.2010 | 14:30 Uhr").
bool is_date_line(std::string_view text);
// Such lines (no longer than dates::kMaxDateLineLength) are looked for among
// the article's first text blocks (this many), up to the first longer one
// that is none.
constexpr int kMaxLeadingDateBlocks = 4;

// When the page was changed, as a line of its own inside the article:
// "Updated at 3:15 pm", "Published 4 March 2024", "Mis à jour le 4 mars",
// "Date: 2024-03-04" — it opens with such a word and holds a number, and is
// short; or it is the word alone as a label ("Release Date:"), its date in
// the next block.
constexpr size_t kMaxUpdateLineLength = 80;
bool is_update_line(std::string_view text);
// A blog's line about the entry itself, under it: "This entry was posted on
// ... and is filed under ...", "You can follow any responses to this entry
// through the RSS 2.0 feed." (blog themes' own words).
constexpr size_t kMaxEntryMetaLength = 500;
bool is_entry_meta(std::string_view text);
// Whether a text whose first byte is `first` may be one (every opening
// starts with "t" or "y").
bool may_open_entry_meta(unsigned char first);

// An author's note at the end of the article: a short paragraph that opens
// with a name and says what the person is — "Jane Doe is a freelance writer
// based in Berlin.", "Inga Buller ist Head of Social bei CHIP." — two to four
// capitalised words, a copula, and a writer's role among the next words. It
// goes when it ends the article (clean.cc's tail). Short: up to about three
// sentences (UTF-16 units).
constexpr size_t kMaxAuthorNoteLength = 600;
constexpr size_t kAuthorNoteRoleWindow = 6;
bool is_author_note(std::string_view text);

}  // namespace quietpage::rules::leads
