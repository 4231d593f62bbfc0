// Boilerplate: what says a block is not the article, by its class/id names,
// its ARIA role or its heading. Every word that judges a block this way is
// in boilerplate.cc, each list next to the rule that reads it:
//  - Readability's patterns, matched as substrings of class + " " + id:
//    blocks unlikely to be content (dropped before scoring, unless their
//    names also look like content) and names that weigh against a block;
//  - quietpage's words of class/id names that mark chrome inside the chosen
//    article, matched as whole words of the names;
//  - headings that introduce lists of other articles, and the labels of ads
//    and loading indicators.
// Credits and calls to action inside the article are their own concepts
// (credits.h, promos.h); is_boilerplate_block() asks them too.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "dom.h"
#include "rules/hidden.h"
#include "text.h"

namespace quietpage::rules::boilerplate {

// --- Before scoring: Readability's unlikely candidates ----------------------

// class/id of blocks that are usually not the article (menus, footers, ads...).
bool unlikely_candidate(std::string_view class_and_id);
// ...unless they also look like content ("article", "main", "body"...).
bool maybe_candidate(std::string_view class_and_id);
// Both at once: the name says "not content" and nothing says "content".
bool is_unlikely_name(std::string_view class_and_id);
// ARIA roles of navigation, dialogs and other non-content regions.
bool unlikely_role(std::string_view role);

// A block whose class/id looks unlikely only because of where it sits
// ("above-footer", "header-wrap") is kept when it holds more than this
// fraction of the page's paragraph text: it wraps the article.
constexpr double kProtectedProseFraction = 0.5;
// Whether the walk before scoring drops `node` (class/id `match`) as unlikely
// content: an unlikely name outside tables and code, not the body or a link,
// and not a positional name around most of the page's prose (`page_prose`:
// features::paragraph_text of the body).
bool strips_as_unlikely(const Document& doc, NodeId node, const std::string& match, double page_prose);

// A class or id token that names the page's footer or sidebar ("footer",
// "footer-widgets", "site-footer", "sidebar"; not a layout's "with-sidebar"
// or "sidebar__main"): an article root found only in one ranks below any
// found elsewhere, as one in the comment thread does (extract.cc). A
// <footer> element counts too.
bool names_page_margin(std::string_view token);
bool names_page_margin_in(std::initializer_list<std::string_view> attributes);

// --- Weights: Readability's negative names ----------------------------------

// class or id that lowers (-25) a block's score (candidates::class_weight).
bool negative(std::string_view name);

// --- Inside the article: quietpage's names ----------------------------------

// A block holding at least this fraction of the article's text is never
// removed by its name.
constexpr double kBoilerplateMaxFraction = 0.25;
// Labels (headings of link lists, "Advertisement") are short.
constexpr size_t kMaxLabelLength = 60;
// The longest text a block removed by its name may hold: a fraction of the
// article's text; on the first attempt at least a label's length (a retry,
// after a page with little text, removes no block holding a large part of it).
double max_block_length(size_t article_length, unsigned flags);

// A word of class/id names that marks boilerplate whatever else the name
// says (unlike Readability's patterns, "x-content" with such a word counts).
bool is_boilerplate_word(std::string_view word);
// Ad slots are named "ad", "ads", "ad-slot"...: only whole names or their
// first part count, as "ad" inside a name is mostly something else
// ("TestReport__Section--Ads" is a content section that may hold ads).
bool is_ad_name(std::string_view token);

// Calls fn(word) for the words of class and id: split at anything that is
// not a letter or digit ("c-article__x-bar" -> c, article, x, bar). BEM
// modifiers ("block--modifier") describe a block rather than name it and are
// skipped; whole ad names are reported as "advert", print-only and
// hidden-in-print names (hidden.h) as "noprint". Ids with this many or more
// separators are slugs of headings, not names.
constexpr size_t kMaxNameIdWords = 3;
template <typename Fn>
void for_each_name_word(const Document& doc, NodeId n, Fn&& fn);

// Whether the block removing pass (outermost first) removes `n`: named
// boilerplate shorter than `max_length` (max_block_length()), named credits,
// or a short text-only line that reads like a credit (credits.h) or a call
// to action (promos.h).
bool is_boilerplate_block(const Document& doc, NodeId n, double max_length);

// Social widgets, named so with a whole word anywhere in class/id (`match`)
// and holding less text than this.
constexpr size_t kSocialWidgetMaxLength = 500;
bool is_social_widget(const Document& doc, NodeId n, std::string_view match);

// --- Link lists and their headings -----------------------------------------

// A heading, or a short text-only block used as one
// (<p><strong>Mehr zum Thema</strong></p>).
bool may_be_heading(const Document& doc, NodeId n);
// A heading whose text introduces a list of other articles, comments or
// sign-ups ("Read more", "Mehr zum Thema", "À lire aussi"...).
bool introduces_link_list(const Document& doc, NodeId heading);
// Text that opens like such a heading ("Read more", "Lire aussi"...).
bool is_related_heading(std::string_view text);
// After such a heading, siblings this linky (or without text) are its list.
constexpr double kLinkListDensity = 0.5;
bool belongs_to_link_list(const Document& doc, NodeId sibling);

// A list of one or two headlines, each item one link, set between the
// article's paragraphs: a teaser of other articles without a heading
// ("<ul><li><a>The latest news about the outbreak</a></li></ul>"). Lists of
// links that stand with their own heading, or end the article, are judged
// elsewhere; one a paragraph introduces (ending in ":") is the author's.
constexpr size_t kMaxLoneLinkItems = 2;
// Each item's text is (nearly) all link.
constexpr double kLoneLinkDensity = 0.95;
constexpr size_t kMinHeadlineWords = 4;
// The paragraphs around it hold at least this much text (UTF-16 units).
constexpr size_t kMinProseAround = 80;
bool is_lone_link_list(const Document& doc, NodeId list);

// A short block that opens like such a heading and goes on as a link to
// another article: "SEE MORE: Pier repairs delayed" (`inner`, its text).
constexpr size_t kMaxPromoLinkLength = 200;
bool is_promo_link_line(const Document& doc, NodeId n, std::string_view inner);
// Longer, such a label and its list in one block, a link a line ("See
// also<br><a>...</a><br><a>...</a>"): two links or more, and nearly all of
// the text theirs.
constexpr size_t kMaxRelatedLinkBlockLength = 1000;
constexpr double kRelatedLinkBlockDensity = 0.75;
bool is_related_link_block(const Document& doc, NodeId n);

// A teaser of another article: a short block that ends with a link to it
// labelled "Read more", "Full story", "Weiterlesen", "[Read More]"... (an
// in-page link, "#...", expands the article itself and is no teaser).
bool is_more_label(std::string_view link_text);
// No label is longer (bytes, or UTF-16 units with its marks around it: "[Read More] »").
constexpr size_t kMaxMoreLabelLength = 24;
bool is_teaser(const Document& doc, NodeId block);

// Teaser cards: blocks that each open with a link to another page (a
// headline on a line of its own) and go on with a short summary outside
// links, several in a row after the article's prose — other articles listed
// under this one ("<p><a>Title</a><br>Summary...</p>" three times; rows of a
// layout table alike). A run this long is a listing, not a paragraph with a
// link in it.
constexpr size_t kMinTeaserRun = 3;
// A card is short...
constexpr size_t kMaxTeaserLength = 500;
// ...its headline is a phrase, not one word ("More", "GO")...
constexpr size_t kMinTeaserHeadlineWords = 2;
// ...and a summary follows it (UTF-16 units outside links).
constexpr size_t kMinTeaserSummary = 30;
// The article's own text before a run (outside every card) is at least this
// share of all its cards' text: a post that is mostly links with notes is its
// own content (its cards stay).
constexpr double kMinProseBeforeTeasers = 1.0;
bool is_teaser_card(const Document& doc, NodeId block);

// --- Labels -------------------------------------------------------------------

// A player's or a gallery's controls, read as text (labels glued without a
// space, "ShareTweetEmail", read as words): "Image 1 of 8",
// "Close", "Expand", "Play Video", "Current Time 0:00"; and the page's tools
// around the article: "Share", "Print this article", "Listen to this
// article", "5 min read". Every word is a control's or a number, and there
// are few.
constexpr size_t kMaxControlLabelLength = 40;
bool is_control_label(std::string_view text);

// A notice the page sets in the article about it, not of it: an embedded
// post's placeholder ("View this post on Instagram", "A post shared by...",
// "This content is imported from Twitter..."), a disclosure of affiliate
// links ("We may earn a commission from links on this page"), a player's
// fallback ("Your browser does not support the video tag"), a feedback
// prompt ("Was this article helpful?"), a warning that the article is old,
// a comment form's notes ("Your email address will not be published"), a
// request to enable JavaScript or a newer browser, a site's note on the
// marks it names, its licence or the browser it needs ("All trademarks
// belong to their respective owners", "licensed under a Creative Commons
// license", "Site best viewed in..."), a blog's "Bookmark the permalink", a
// disclosure of paid content ("Dieser Beitrag enthält Werbung"), a
// disclaimer ("Alle Angaben ohne Gewähr", "... is not responsible for the
// content of external sites"), a shop's note that an item was added to the
// cart, or a picture or news agency's name alone as a line ("Getty Images",
// "(dpa)") or after a name and a slash, the photographer's ("(Jane
// Doe/Associated Press)"). In a short block.
bool is_page_notice(std::string_view text);
// A credit of a name and an agency is short, its name a few words.
constexpr size_t kMaxCreditPairLength = 60;
constexpr size_t kMaxCreditNameWords = 4;
// The phrases such a notice holds anywhere (ASCII case ignored): a Keywords
// list, read by is_boilerplate_block() in one pass with its other pieces; a
// caller that did says whether one is there (`holds_phrase`).
inline constexpr std::string_view kNoticePhrases[] = {
    "this content is imported from", "may earn a commission", "earn a small commission", "may receive a commission",
    "contains affiliate links", "contain affiliate links", "as an amazon associate", "enthält affiliate-links",
    "enthält affiliate links", "contient des liens affiliés", "contiene enlaces de afiliados",
    "contiene link di affiliazione",
    // a player's fallback text
    "browser does not support", "browser doesn't support", "browser doesn’t support", "browser unterstützt kein",
    "navigateur ne prend pas en charge", "navegador no soporta", "navegador no admite",
    // a comment form's notes
    "email address will not be published", "e-mail address will not be published", "required fields are marked",
    "logged in to post a comment", "sign in to comment", "log in to comment", "signed in to comment",
    "you may use these html tags",
    "e-mail-adresse wird nicht veröffentlicht", "erforderliche felder sind mit", "adresse e-mail ne sera pas publiée",
    "adresse de messagerie ne sera pas publiée", "champs obligatoires sont indiqués",
    "correo electrónico no será publicad", "campos obligatorios están marcados",
    // a request to turn on what the page needs, and a blog's permalink note
    "please enable javascript", "enable javascript to view", "javascript is disabled", "javascript is required",
    "bitte aktivieren sie javascript", "veuillez activer javascript", "activa javascript", "habilita javascript",
    "this page is best viewed", "this site is best viewed", "this website is best viewed", "bookmark the permalink",
    // a disclosure of paid content, and a disclaimer of the facts' accuracy
    "enthält werbung", "unbezahlte werbung", "unbeauftragte werbung", "this post is sponsored",
    "this is a sponsored post", "this article is sponsored", "contient des liens sponsorisés", "angaben ohne gewähr",
    "eine provision erhält", "eine provision erhalten", "erhalten wir eine provision",
    "erhalten wir eine kleine provision",
    // a disclaimer of the sites linked to
    "not responsible for the content of external", "nicht verantwortlich für die inhalte externer",
    "keine haftung für die inhalte externer",
    // a site's note on the marks it names, on its licence, and on what it needs to be viewed
    "belong to their respective owners", "property of their respective owners", "trademarks of their respective owners",
    "licensed under a creative commons", "licensed under creative commons", "site best viewed",
    "best viewed with internet explorer", "best viewed in internet explorer", "site requirements :",
    "site requirements:",
    // a shop's note that an item went into the cart
    "added to your cart", "added to your basket", "added to cart", "zum warenkorb hinzugefügt",
    "in den warenkorb gelegt", "erfolgreich hinzugefügt", "ajouté au panier", "ajouté à votre panier",
    "añadido al carrito", "añadido a tu carrito", "agregado al carrito", "aggiunto al carrello"};
bool is_page_notice(std::string_view text, bool holds_phrase);
// A longer notice about the reader's browser or the site, known by its
// opening ("This page is best viewed in an up-to-date web browser with style
// sheets (CSS) enabled. While you will be able to view...", "Disclaimer: ...
// has no affiliation with...", "Site requirements: ..."): a text block of up
// to this many UTF-16 units whose first text opens so.
constexpr size_t kMaxSiteNoticeLength = 600;
bool opens_site_notice(const Document& doc, NodeId n);

// A line where an ad interrupts the article, saying the text goes on
// ("Story continues below advertisement", "Continue reading the main story",
// "Weiter nach der Anzeige"): the whole line, its marks around it aside.
bool is_ad_break_line(std::string_view text);

// Text that is nothing but an ad label (a paid article's too: "Sponsored
// content", "Advertorial") or a loading indicator.
bool ad_words(std::string_view trimmed_text);
bool loading_words(std::string_view trimmed_text);
// No longer text (UTF-16 units) can match either: "advertiser disclosure",
// "chargement..." (tested in boilerplate_test.cc), and a few characters of
// decoration around an ad label ("— Advertisement —").
constexpr size_t kMaxLabelDecoration = 6;
constexpr size_t kMaxLabelWordLength = 21 + kMaxLabelDecoration;
// A block of `length` characters whose text is only such a label.
bool is_ad_or_loading_label(const Document& doc, NodeId n, size_t length);

// --- Chrome that wraps -------------------------------------------------------

// A <footer> or <aside> holding more than this fraction of the article's
// text is the page's wrapper around the article, not chrome beside it.
constexpr double kWrapperTextFraction = 0.5;
bool wraps_the_article(const Document& doc, NodeId n, double article_length);
// A <footer> inside a <blockquote> cites the quote ("— Jane Doe, a
// commuter"): HTML's way of attributing it, not the page's footer.
bool attributes_a_quote(const Document& doc, NodeId n);

// --- (template definition) ---------------------------------------------------

template <typename Fn>
void for_each_name_word(const Document& doc, NodeId n, Fn&& fn) {
  std::string_view id = doc.attr(n, "id");
  if (std::count(id.begin(), id.end(), '-') + std::count(id.begin(), id.end(), '_') >=
      static_cast<long>(kMaxNameIdWords))
    id = {};
  for (std::string_view names : {doc.attr(n, "class"), id}) {
    text::for_each_token(names, [&](std::string_view token) {
      if (is_ad_name(token)) fn("advert");
      if (hidden::is_print_name(token)) fn("noprint");
      size_t modifier = token.find("--");
      std::string_view name = token.substr(0, modifier);
      size_t i = 0;
      while (i < name.size()) {
        auto is_word = [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 static_cast<unsigned char>(c) >= 0x80;
        };
        while (i < name.size() && !is_word(name[i])) ++i;
        size_t start = i;
        while (i < name.size() && is_word(name[i])) ++i;
        if (i > start) fn(name.substr(start, i - start));
      }
    });
  }
}

}  // namespace quietpage::rules::boilerplate
