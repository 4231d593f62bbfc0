#include "rules/boilerplate.h"

#include <algorithm>
#include <array>
#include <vector>

#include "rules/comments.h"
#include "rules/credits.h"
#include "rules/features.h"
#include "rules/flags.h"
#include "rules/language.h"
#include "rules/leads.h"
#include "rules/names.h"
#include "rules/promos.h"
#include "rules/structure.h"

namespace quietpage::rules::boilerplate {
namespace {

// Readability's patterns (its REGEXPS), as case-insensitive substrings.
const Keywords kUnlikelyCandidate{
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote"};
const Keywords kMaybeCandidate{"and", "article", "body", "column", "content", "main", "shadow"};
const Keywords kNegative{"-ad-", "banner", "combx", "comment", "com-", "contact", "footer",
                         "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related",
                         "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
                         "shopping", "tags", "widget"};

// Unlikely names that say where a block sits rather than what it is.
constexpr std::string_view kPositionalNames[] = {"footer", "header", "extra", "supplemental", "banner"};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool only_positional_unlikely(std::string match) {
  for (std::string_view where : kPositionalNames) {
    for (size_t pos = text::ifind(match, where); pos != std::string::npos; pos = text::ifind(match, where))
      match.replace(pos, where.size(), " ");
  }
  return !unlikely_candidate(match);
}

bool holds_the_prose(const Document& doc, NodeId node, const std::string& match, double page_prose) {
  return only_positional_unlikely(match) &&
         static_cast<double>(features::paragraph_text(doc, node)) > kProtectedProseFraction * page_prose;
}

// "share" as a whole word (or between underscores): social share widgets.
bool share_element(std::string_view s) {
  for (size_t pos = text::ifind(s, "share"); pos != std::string_view::npos;
       pos = text::ifind(s, "share", pos + 1)) {
    bool left = pos == 0 || !is_word_char(s[pos - 1]) || s[pos - 1] == '_';
    if (!left) continue;
    for (std::string_view word : {std::string_view("share"), std::string_view("sharedaddy")}) {
      if (!text::istarts_with(s.substr(pos), word)) continue;
      size_t end = pos + word.size();
      if (end == s.size() || !is_word_char(s[end]) || s[end] == '_') return true;
    }
  }
  return false;
}


}  // namespace

bool unlikely_candidate(std::string_view s) { return kUnlikelyCandidate.found_in(s); }

bool maybe_candidate(std::string_view s) { return kMaybeCandidate.found_in(s); }

bool is_unlikely_name(std::string_view s) { return unlikely_candidate(s) && !maybe_candidate(s); }

bool unlikely_role(std::string_view role) {
  static constexpr std::string_view kRoles[] = {"menu", "menubar", "complementary", "navigation", "alert",
                                                "alertdialog", "dialog"};
  for (std::string_view r : kRoles)
    if (role == r) return true;
  return false;
}

bool names_page_margin(std::string_view t) {
  return text::iequals(t, "sidebar") || text::istarts_with(t, "footer") || text::iends_with(t, "-footer") ||
         text::iends_with(t, "_footer");
}

bool names_page_margin_in(std::initializer_list<std::string_view> attributes) {
  bool named = false;
  for (std::string_view attr : attributes)
    text::for_each_token(attr, [&](std::string_view name) { named = named || names_page_margin(name); });
  return named;
}

bool strips_as_unlikely(const Document& doc, NodeId node, const std::string& match, double page_prose) {
  const Tag tag = doc[node].tag;
  return is_unlikely_name(match) && !structure::has_ancestor_tag(doc, node, GUMBO_TAG_TABLE) &&
         !structure::has_ancestor_tag(doc, node, GUMBO_TAG_CODE) && tag != GUMBO_TAG_BODY &&
         tag != GUMBO_TAG_A && !holds_the_prose(doc, node, match, page_prose);
}

bool negative(std::string_view s) {
  if (kNegative.found_in(s)) return true;
  // "hid" and "hidden" only as whole class names: as parts of names they
  // are mostly modifiers ("field--label-hidden", "hidden-xs") on content.
  bool hidden = false;
  text::for_each_token(s, [&](std::string_view token) {
    hidden = hidden || text::iequals(token, "hid") || text::iequals(token, "hidden");
  });
  return hidden;
}

double max_block_length(size_t article_length, unsigned flags) {
  const double fraction = kBoilerplateMaxFraction * static_cast<double>(article_length);
  return (flags & kCleanConditionally) ? std::max<double>(kMaxLabelLength, fraction) : fraction;
}

bool is_boilerplate_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "share", "sharing", "shares", "social", "newsletter", "subscribe", "subscription",
      "promo", "advert", "advertisement", "sponsor", "sponsored", "breadcrumb", "breadcrumbs",
      "pagination", "pager", "sidebar", "signup", "cookie", "cookies", "popup", "modal",
      "recommended", "recommendations", "outbrain", "taboola", "related", "comments", "disqus",
      "tags", "tagcloud", "readmore", "author", "authorbox", "authorbio", "authorinfo", "aboutauthor",
      "abouttheauthor", "byline", "bio", "meta", "postmeta", "postmetadata",
      "noprint", "disclaimer", "disclosure", "saboxplugin", "kommentare", "community", "teasers", "linkbox", "commentaires",
      "comentarios"};
  for (std::string_view k : kWords)
    if (text::iequals(w, k)) return true;
  // Words that start a name ("relatedPosts", "kommentarModul").
  static constexpr std::string_view kOpenings[] = {"related", "kommentar"};
  for (std::string_view k : kOpenings)
    if (text::istarts_with(w, k)) return true;
  if (text::istarts_with(w, "comment") && !text::istarts_with(w, "commentary")) return true;
  return false;
}

bool is_ad_name(std::string_view token) {
  static constexpr std::string_view kNames[] = {"ad", "ads", "adv", "advert", "adslot", "adsense", "dfp", "gpt-ad"};
  for (std::string_view w : kNames) {
    if (text::iequals(token, w)) return true;
    if (text::istarts_with(token, w) && token.size() > w.size() &&
        (token[w.size()] == '-' || token[w.size()] == '_'))
      return true;
  }
  return false;
}

bool is_boilerplate_block(const Document& doc, NodeId n, double max_length) {
  bool boilerplate = false, credit = false;
  // Names of inline elements (links, emphasis) rarely mean boilerplate.
  // (Whether it is one is asked only of an element with a name word.)
  int block = -1;
  for_each_name_word(doc, n, [&](std::string_view w) {
    if (block < 0) block = !structure::is_phrasing_content(doc, n);
    boilerplate = boilerplate || (block && is_boilerplate_word(w));
    credit = credit || credits::is_credit_word(w);
  });
  size_t length = (boilerplate || credit) ? doc.text_stats(n).length : 0;
  bool remove = (boilerplate && length < max_length) ||
                (credit && length < credits::kMaxCreditLength && !credits::holds_picture(doc, n));
  if (!remove && !doc.is(n, GUMBO_TAG_A)) {
    // Short text-only elements that read like a credit line, or blocks
    // that ask the reader to follow, join or download something (whether
    // text-only is asked last: it walks the element).
    Document::TextStats stats = doc.text_stats(n);
    int first = -1;  // doc.first_text_byte(n), once asked
    auto first_byte = [&]() {
      if (first < 0) first = doc.first_text_byte(n);
      return static_cast<unsigned char>(first);
    };
    const bool maybe_credit = stats.length > 0 && stats.length < credits::kMaxCreditLength &&
                              credits::may_start_like_credit(first_byte());
    const bool text_block = stats.length > 0 && structure::is_text_block(doc[n].tag);
    const bool maybe_promo = text_block && stats.length < promos::kMaxPromoLength;
    const bool maybe_meta = text_block && stats.length < leads::kMaxEntryMetaLength &&
                            leads::may_open_entry_meta(first_byte());
    if ((maybe_credit || maybe_promo || maybe_meta) && !structure::has_child_block_element(doc, n)) {
      std::string inner;
      doc.inner_text_into(n, inner);
      // The pieces of calls to action, of reserved rights, of comments and of notices, read in one pass.
      enum : uint32_t { kPromoPiece = 1, kReservedPiece = 2, kCommentPiece = 4, kNoticePiece = 8 };
      static const Keywords kPieces(std::initializer_list<std::initializer_list<std::string_view>>{},
                                    {promos::kPromoPieces, credits::kReservedPieces, comments::kCommentPieces,
                                     kNoticePhrases});
      const uint32_t pieces =
          maybe_promo ? kPieces.groups_in(inner, kPromoPiece | kReservedPiece | kCommentPiece | kNoticePiece) : 0;
      remove = (maybe_credit && credits::is_credit_line(doc, n, inner)) ||
               (maybe_promo && (pieces & kPromoPiece) &&
                (promos::is_promo_line(inner, true) ||
                 (promos::links_to_app_store(doc, n) && promos::is_promo_line(inner, true, /*anywhere=*/true)))) ||
               (maybe_meta && leads::is_entry_meta(inner));
      // (quietpage) What a page puts between and after paragraphs that is not
      // the article: links to other articles, a player's controls, update
      // lines and rights lines.
      if (!remove && maybe_promo)
        remove = is_promo_link_line(doc, n, inner) || is_control_label(inner) || is_ad_break_line(inner) ||
                 is_page_notice(inner, (pieces & kNoticePiece) != 0) ||
                 (!structure::is_heading(doc[n].tag) && credits::is_source_address(inner) &&
                  features::link_density(doc, n) == 0) ||
                 leads::is_update_line(inner) ||
                 credits::is_rights_line(inner, (pieces & kReservedPiece) != 0) || is_teaser(doc, n) ||
                 comments::is_comment_prompt(inner, (pieces & kCommentPiece) != 0);
    }
    if (!remove && text_block && stats.length >= promos::kMaxPromoLength)
      remove = is_related_link_block(doc, n) ||
               (stats.length <= kMaxSiteNoticeLength && opens_site_notice(doc, n));
  }
  return remove;
}

bool is_social_widget(const Document& doc, NodeId n, std::string_view match) {
  return share_element(match) && text::js_length(doc.text_content(n)) < kSocialWidgetMaxLength;
}

bool may_be_heading(const Document& doc, NodeId n) {
  Tag t = doc[n].tag;
  if (structure::is_heading(t)) return true;
  // (The cached length first: most are longer than a label.)
  return (t == GUMBO_TAG_P || t == GUMBO_TAG_DIV || t == GUMBO_TAG_STRONG) &&
         doc.text_stats(n).length <= kMaxLabelLength && !structure::has_child_block_element(doc, n);
}

bool is_related_heading(std::string_view t) {
  static constexpr std::string_view kPhrases[] = {
      // en
      "related", "read more", "read also", "read next", "more from", "more on this", "more stories",
      "more news", "you may also like", "you might also like", "recommended", "further reading",
      "next article", "next post", "previous article", "previous post", "discover more", "explore more",
      "enjoyed this article", "liked this article", "support us", "support our",
      "see also", "most read", "most popular", "most viewed", "most shared", "most emailed", "most commented",
      "popular stories", "popular news", "popular posts", "top stories", "latest stories", "latest headlines",
      "more headlines", "more content from", "recent posts", "latest news", "trending", "share this", "follow us",
      "leave a comment", "leave a reply", "about the author", "sign up", "subscribe",
      "see more", "don't miss", "don’t miss", "do not miss", "must read", "also read", "also see",
      "related:", "watch:", "listen:", "more:",
      // de
      "mehr zum thema", "mehr zu diesem thema", "das könnte sie auch interessieren",
      "das könnte dich auch interessieren", "das könnte sie interessieren", "auch interessant",
      "weitere artikel", "weiterführende links", "weiterführender link", "zum weiterlesen",
      "weiterlesen", "siehe auch", "empfohlene beiträge", "ähnliche artikel", "ähnliche beiträge",
      "neueste artikel", "meistgelesen", "meist gelesen", "über den autor", "über die autorin",
      "verwandte themen", "verwandte artikel", "lesen sie auch", "lesen sie mehr", "lesen sie hier", "mehr lesen",
      "jetzt lesen", "artikel teilen", "mehr dazu",
      "beitrag teilen", "nächster artikel", "nächster beitrag", "vorheriger artikel", "vorheriger beitrag",
      "vorschau auf den nächsten", "entdecke weitere", "entdecken sie weitere", "wir empfehlen",
      "heute empfehlen wir", "artikel gefallen", "beitrag gefallen", "unterstütze", "unterstützen sie",
      // fr
      "à lire aussi", "a lire aussi", "lire aussi", "à lire également", "voir aussi", "voir également",
      "à voir aussi", "lire la suite", "sur le même sujet",
      "articles similaires", "les plus lus", "à découvrir", "partager",
      // es, pt, it, nl
      "te puede interesar", "noticias relacionadas", "lee también", "lea también", "leer más", "te recomendamos",
      "más noticias", "puedes ver", "mira también", "ver también", "leia também", "leia mais", "veja também",
      "notícias relacionadas", "leggi anche", "vedi anche", "articoli correlati",
      "potrebbe interessarti", "lees ook", "gerelateerd", "meer over"};
  // Only the opening can match: lowercase as much of it as the longest
  // phrase, plus a character's bytes (lower_utf8 maps code point by code
  // point and keeps the length), and compare the phrases that open with its
  // first byte.
  static const size_t kLongest = [] {
    size_t longest = 0;
    for (std::string_view p : kPhrases) longest = std::max(longest, p.size());
    return longest;
  }();
  static const std::array<std::vector<std::string_view>, 256> kByFirst = [] {
    std::array<std::vector<std::string_view>, 256> out;
    for (std::string_view p : kPhrases) out[static_cast<unsigned char>(text::lower(p[0]))].push_back(p);
    return out;
  }();
  // The phrases' first two bytes where both are ASCII, lowercased (a bit per pair).
  static const std::array<uint64_t, 128 * 128 / 64> kAsciiPairs = [] {
    std::array<uint64_t, 128 * 128 / 64> out{};
    for (std::string_view p : kPhrases) {
      const auto a = static_cast<unsigned char>(text::lower(p[0])), b = static_cast<unsigned char>(text::lower(p[1]));
      if (a < 0x80 && b < 0x80) out[(a * 128 + b) / 64] |= uint64_t{1} << ((a * 128 + b) % 64);
    }
    return out;
  }();
  const std::string_view trimmed = text::trim(t);
  if (trimmed.empty()) return false;
  // An ASCII first byte lowercases to ASCII: no phrase opens with it, none is read.
  const auto first = static_cast<unsigned char>(trimmed[0]);
  if (first < 0x80 && kByFirst[static_cast<unsigned char>(text::lower(trimmed[0]))].empty()) return false;
  // Nor with two ASCII bytes that open none (most texts, ruled out before they are read).
  if (first < 0x80 && trimmed.size() > 1 && static_cast<unsigned char>(trimmed[1]) < 0x80) {
    const unsigned pair = static_cast<unsigned char>(text::lower(trimmed[0])) * 128 +
                          static_cast<unsigned char>(text::lower(trimmed[1]));
    if (!((kAsciiPairs[pair / 64] >> (pair % 64)) & 1)) return false;
  }
  const std::string_view head = trimmed.substr(0, kLongest + 4);
  // An ASCII opening is compared as it is (istarts_with ignores ASCII case).
  std::string lowered;
  std::string_view lower = head;
  if (!std::all_of(head.begin(), head.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    lowered = text::lower_utf8(head);
    lower = lowered;
  }
  if (lower.empty()) return false;
  // (The second bytes compared first, as istarts_with would: most phrases differ there.)
  const char second = lower.size() > 1 ? text::lower(lower[1]) : '\0';
  // A phrase ends a word: "Subscribe" is no "Subscribers fell by 5%".
  auto ends_word = [&](size_t end) {
    return end >= lower.size() || !(text::is_ascii_alpha(lower[end]) || (lower[end] >= '0' && lower[end] <= '9'));
  };
  for (std::string_view p : kByFirst[static_cast<unsigned char>(text::lower(lower[0]))])
    if (text::lower(p[1]) == second && text::istarts_with(lower, p) && ends_word(p.size())) return true;
  return false;
}

bool is_more_label(std::string_view t) {
  static constexpr std::string_view kLabels[] = {
      "read more", "more", "full story", "read full story", "read the full story", "continue reading",
      "read the rest", "read on", "keep reading", "weiterlesen", "mehr", "mehr lesen", "lire la suite", "la suite",
      "leer más", "seguir leyendo", "leia mais", "continua a leggere", "leggi tutto", "lees meer", "verder lezen"};
  if (t.size() > 2 * kMaxMoreLabelLength) return false;
  // Every label holds one of these ASCII pieces: most link texts are ruled out in one pass.
  static const Keywords kPieces{"read", "more", "full", "contin", "weiter", "mehr", "lire", "suite", "leer",
                                "seguir", "leia", "leggi", "lees", "verder"};
  if (!kPieces.found_in(t)) return false;
  // Brackets, arrows and dots around the label: "[Read More]", "Read more »".
  static constexpr std::string_view kMarks[] = {"»", "›", "→", "…", "[", "]", "(", ")", "<", ">", ".", ":", " "};
  for (bool stripped = true; stripped && !t.empty();) {
    stripped = false;
    for (std::string_view m : kMarks) {
      if (t.size() >= m.size() && t.substr(0, m.size()) == m) t.remove_prefix(m.size()), stripped = true;
      if (t.size() >= m.size() && t.substr(t.size() - m.size()) == m) t.remove_suffix(m.size()), stripped = true;
    }
  }
  if (t.size() > kMaxMoreLabelLength) return false;  // longer than every label (lowercasing keeps the bytes' count)
  const std::string lower = text::lower_utf8(t);
  for (std::string_view l : kLabels)
    if (lower == l) return true;
  return false;
}

bool is_teaser(const Document& doc, NodeId n) {
  NodeId last = doc[n].last_child;
  while (last != kNoNode && doc.is_text(last) && text::is_blank(doc[last].text)) last = doc[last].prev;
  if (last == kNoNode || !doc.is(last, GUMBO_TAG_A) || last == doc[n].first_child) return false;
  if (doc.text_stats(last).length > kMaxMoreLabelLength) return false;
  const std::string_view href = doc.attr(last, "href");
  if (href.empty() || href[0] == '#') return false;
  return is_more_label(doc.inner_text(last));
}

bool is_teaser_card(const Document& doc, NodeId block) {
  const Tag t = doc[block].tag;
  if (t == GUMBO_TAG_A || structure::is_heading(t)) return false;
  const size_t length = doc.text_stats(block).length;
  if (length > kMaxTeaserLength) return false;
  NodeId first = doc.next_in(block, block);
  while (first != kNoNode && !(doc.is_text(first) && !doc.summary(first).blank)) first = doc.next_in(first, block);
  if (first == kNoNode) return false;
  NodeId link = doc[first].parent;
  while (link != block && !doc.is(link, GUMBO_TAG_A)) link = doc[link].parent;
  if (link == block) return false;
  const std::string_view href = doc.attr(link, "href");
  if (href.empty() || href[0] == '#') return false;
  if (language::count_words(doc.inner_text(link)).words < kMinTeaserHeadlineWords) return false;
  // The headline is a line of its own: a line break or a block follows it.
  for (NodeId h = link;;) {
    const NodeId next = structure::next_significant(doc, doc[h].next);
    if (next != kNoNode) {
      if (!(doc.is(next, GUMBO_TAG_BR) || !structure::is_phrasing_content(doc, h) ||
            (doc.is_element(next) && !structure::is_phrasing_content(doc, next))))
        return false;
      break;
    }
    h = doc[h].parent;
    if (h == block) return false;
  }
  const size_t linked = doc.link_text(block).all;
  return linked < length && length - linked >= kMinTeaserSummary;
}

bool is_lone_link_list(const Document& doc, NodeId list) {
  if (!doc.is(list, GUMBO_TAG_UL) && !doc.is(list, GUMBO_TAG_OL)) return false;
  size_t items = 0;
  for (NodeId li = doc[list].first_child; li != kNoNode; li = doc[li].next) {
    if (doc.is_text(li)) {
      if (!text::is_blank(doc[li].text)) return false;
      continue;
    }
    if (!doc.is(li, GUMBO_TAG_LI) || ++items > kMaxLoneLinkItems) return false;
    if (doc.count_tag(li, GUMBO_TAG_A) != 1 || features::link_density(doc, li) < kLoneLinkDensity) return false;
    if (language::count_words(doc.inner_text(li)).words < kMinHeadlineWords) return false;
  }
  if (items == 0) return false;
  const auto prose = [&](NodeId n) {
    return n != kNoNode && doc.is(n, GUMBO_TAG_P) && doc.text_stats(n).length >= kMinProseAround;
  };
  const NodeId before = doc.prev_element_sibling(list);
  if (!prose(before)) return false;
  // A paragraph ending in a colon introduces the list: the author's own ("two articles I wrote:").
  const std::string intro = doc.inner_text(before);
  const std::string_view trimmed = text::trim(intro);
  if (!trimmed.empty() && trimmed.back() == ':') return false;
  for (NodeId n = doc.next_element_sibling(list); n != kNoNode; n = doc.next_element_sibling(n))
    if (prose(n)) return true;
  return false;
}

bool is_promo_link_line(const Document& doc, NodeId n, std::string_view inner) {
  return inner.size() <= kMaxPromoLinkLength && is_related_heading(inner) &&
         features::link_density(doc, n) >= kLinkListDensity;
}

bool is_related_link_block(const Document& doc, NodeId n) {
  const size_t length = doc.text_stats(n).length;
  if (length > kMaxRelatedLinkBlockLength || features::link_density(doc, n) < kRelatedLinkBlockDensity ||
      !structure::is_text_block(doc[n].tag) || structure::has_child_block_element(doc, n))
    return false;
  if (doc.count_tag(n, GUMBO_TAG_A) < 2) return false;
  // The label: the text before the first link.
  const NodeId first_link = doc.first_descendant(n, GUMBO_TAG_A);
  std::string label;
  for (NodeId t = doc.next_in(n, n); t != kNoNode && t != first_link; t = doc.next_in(t, n))
    if (doc.is_text(t)) label += doc[t].text;
  return is_related_heading(label);
}

bool is_control_label(std::string_view t) {
  // What the controls are called...
  static constexpr std::string_view kControls[] = {
      "image", "images", "photo", "photos", "picture", "slide", "slideshow", "gallery", "video", "close",
      "expand", "collapse", "enlarge", "fullscreen", "play", "pause", "mute", "unmute", "replay", "caption",
      "captions", "subtitles", "previous", "next", "prev", "zoom", "duration", "remaining", "loaded",
      "bild", "bilder", "foto", "fotos", "schließen", "vergrößern", "weiter", "zurück", "fermer", "agrandir",
      "suivant", "précédent", "cerrar", "ampliar", "siguiente", "anterior", "current", "exit", "click", "tap",
      "klicken", "anzeigen", "skip", "reading", "print-friendly", "rss",
      // the page's tools around an article: share, print, listen, reading time
      "share", "tweet", "email", "e-mail", "print", "listen", "audio", "read", "save", "bookmark",
      "teilen", "drucken", "anhören", "vorlesen", "lesezeit", "partager", "imprimer", "écouter", "compartir",
      "imprimir", "escuchar", "condividi", "stampa", "ascolta", "player", "playing", "loading", "lecture", "lectura"};
  // ...and what joins them ("Image 1 of 8", "Current Time 0:00", "Exit full screen").
  static constexpr std::string_view kJoiners[] = {
      "of", "von", "de", "sur", "to", "in", "out", "full", "screen", "time", "skip", "ad",
      "stream", "type", "live", "seek", "hide", "show", "toggle", "view", "here", "hier", "zum", "auf", "das",
      "the", "×", "x", "/", "-", ":", "|", "this", "article", "story", "page", "min", "mins", "minute", "minutes",
      "minuten", "minutos", "minuti", "cet", "artikel", "artículo", "este", "dieser", "diesen", "den", "text", "size",
      "a", "now", "up", "is", "temps", "tiempo", "open", "main", "content", "navigation", "feed", "subscribe"};
  if (t.size() > kMaxControlLabelLength) return false;
  // Labels of adjacent elements glued without a space read as their words
  // ("ShareTweetEmail": a lowercase letter before a capital starts a word).
  std::string spaced;
  spaced.reserve(t.size() + 8);
  for (size_t i = 0; i < t.size(); ++i) {
    if (i > 0 && t[i] >= 'A' && t[i] <= 'Z' && t[i - 1] >= 'a' && t[i - 1] <= 'z') spaced += ' ';
    spaced += t[i];
  }
  const std::string lower = text::lower_utf8(spaced);
  size_t words = 0, controls = 0;
  bool all = true;
  text::for_each_token(lower, [&](std::string_view w) {
    ++words;
    if (!all) return;  // (the answer is no: the rest is not read)
    const bool number = std::all_of(w.begin(), w.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == ':' || c == '/' || c == '.' || c == '-';
    });
    if (!number)  // "Bild klicken.", "Lesezeit:": a label may end like a sentence or a label
      while (w.size() > 1 && (w.back() == '.' || w.back() == '!' || w.back() == ':')) w.remove_suffix(1);
    bool control = false, joiner = number;
    for (std::string_view k : kControls) control = control || w == k;
    for (std::string_view k : kJoiners) joiner = joiner || w == k;
    controls += control;
    all = all && (control || joiner);
  });
  return all && controls > 0 && words <= 6;
}

bool introduces_link_list(const Document& doc, NodeId h) {
  return doc.text_stats(h).length <= kMaxLabelLength && is_related_heading(doc.inner_text(h));
}

bool belongs_to_link_list(const Document& doc, NodeId sibling) {
  return features::link_density(doc, sibling) >= kLinkListDensity || !doc.has_text(sibling);
}

// A label's decoration: spaces, ASCII punctuation and dashes around it
// ("- Anzeige -", "— Advertisement —", "[Ad]").
std::string_view strip_decoration(std::string_view t) {
  static constexpr std::string_view kDashes[] = {"\u2013", "\u2014", "\u00b7"};  // – — ·
  // The length of the decoration that opens `s` (or ends it), 0 when none.
  auto decoration = [](std::string_view s, bool at_end) -> size_t {
    const auto c = static_cast<unsigned char>(at_end ? s.back() : s.front());
    if (c < 0x80) return c <= ' ' || (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
                         (c >= '{' && c <= '~');
    for (std::string_view dash : kDashes)
      if (s.size() >= dash.size() && s.substr(at_end ? s.size() - dash.size() : 0, dash.size()) == dash)
        return dash.size();
    return 0;
  };
  for (size_t n; !t.empty() && (n = decoration(t, false)) > 0;) t.remove_prefix(n);
  for (size_t n; !t.empty() && (n = decoration(t, true)) > 0;) t.remove_suffix(n);
  return t;
}

bool ad_words(std::string_view t) {
  t = strip_decoration(t);
  if (t.size() > 21) return false;  // longer than every label below (lowercasing keeps the bytes' count)
  static constexpr std::string_view kLabels[] = {
      "ad", "ads", "advertising", "advertisement", "sponsored", "pub", "publicité", "annonce",
      "werb", "werbung", "anzeige", "publicidad", "pubblicità", "advertentie", "reklame",
      "广告", "реклама", "anuncio",
      // a paid article's label
      "advertorial", "paid content", "paid post", "sponsored content", "sponsored post",
      "partner content", "promoted", "advertiser disclosure", "gesponsert", "publireportage",
      "contenu sponsorisé", "contenido patrocinado", "publirreportaje"};
  std::string lower = text::lower_utf8(t);
  for (std::string_view w : kLabels)
    if (lower == w) return true;
  return false;
}

bool is_page_notice(std::string_view t) {
  static const Keywords kPhrases(kNoticePhrases);
  return is_page_notice(t, kPhrases.found_in(t));
}

bool opens_site_notice(const Document& doc, NodeId n) {
  static constexpr std::string_view kOpenings[] = {
      "this page is best viewed", "this site is best viewed", "this website is best viewed",
      "you are using an outdated browser", "you are using an out of date browser", "your browser is out of date",
      "your browser is outdated", "please enable javascript", "javascript is disabled", "javascript is required",
      "diese seite wird am besten", "sie verwenden einen veralteten browser", "votre navigateur est obsolète",
      "disclaimer:", "site requirements"};
  // The first text node that holds text: where such a notice is written whole.
  for (NodeId t = doc.next_in(n, n); t != kNoNode; t = doc.next_in(t, n)) {
    if (!doc.is_text(t) || !doc.has_text(t)) continue;
    const std::string_view opening = text::trim(doc[t].text);
    for (std::string_view o : kOpenings)
      if (text::istarts_with(opening, o)) return true;
    return false;
  }
  return false;
}

bool is_page_notice(std::string_view t, bool holds_phrase) {
  if (holds_phrase) return true;
  // Opening the block...
  static constexpr std::string_view kOpenings[] = {
      "view this post on instagram", "a post shared by", "view this post on facebook", "view this video on youtube",
      // feedback prompts
      "was this article helpful", "was this helpful", "war dieser artikel hilfreich", "war dieser beitrag hilfreich",
      "cet article vous a-t-il", "¿te ha resultado útil", "¿te resultó útil"};
  // ...or, the whole line, a picture or news agency's name (a credit without its label).
  static constexpr std::string_view kAgencies[] = {
      "getty images", "getty", "shutterstock", "istock", "istockphoto", "afp/getty images", "getty images/istockphoto",
      "imago images", "picture alliance", "picture-alliance", "dpa", "afp", "ap", "reuters", "epa", "efe", "ansa",
      "sid", "kna", "epd", "apa", "dpa-afx", "sda", "associated press", "the associated press", "ap photo"};
  auto agency = [&](std::string_view s) {
    s = strip_decoration(text::trim(s));
    for (std::string_view a : kAgencies)
      if (text::iequals(s, a)) return true;
    return false;
  };
  t = text::trim(t);
  // ...or a picture's credit, a name and its agency ("(Jane Doe/Associated Press)", "Stanley Chou/Getty Images").
  if (const size_t slash = t.find('/'); slash != std::string_view::npos && t.size() <= kMaxCreditPairLength) {
    const std::string_view left = t.substr(0, slash), right = t.substr(slash + 1);
    auto name = [](std::string_view s) {
      size_t words = 0;
      text::for_each_token(s, [&](std::string_view) { ++words; });
      return words >= 1 && words <= kMaxCreditNameWords;
    };
    if ((agency(right) && name(left)) || (agency(left) && name(right))) return true;
  }
  // Every opening and name starts with one of these letters (after a mark: "(Getty Images)").
  const char first = t.empty() ? '\0' : text::lower(t[0]);
  static constexpr std::string_view kFirsts = "vagsiprdekwct([\xC2";
  if (kFirsts.find(first) == std::string_view::npos) return false;
  for (std::string_view o : kOpenings)
    if (o[0] == first && text::istarts_with(t, o)) return true;
  // The page's warning that the article is old ("This article is more than 2 years old").
  if (text::istarts_with(t, "this article is more than") && text::iends_with(t, " old")) return true;
  if (t.size() > 24) return false;  // longer than every agency's name
  if (agency(t)) return true;
  return false;
}

bool is_ad_break_line(std::string_view t) {
  static constexpr std::string_view kLines[] = {
      "story continues below advertisement", "story continues below", "the story continues below",
      "article continues below advertisement", "article continues below", "article continues after advertisement",
      "content continues below", "continue reading below", "continue reading the main story",
      "advertisement - scroll to continue", "advertisement – scroll to continue", "advertisement — scroll to continue",
      "advertisement · scroll to continue", "advertisement | scroll to continue", "scroll to continue with content",
      "weiter nach der anzeige", "lesen sie nach der anzeige weiter", "artikel wird nach der anzeige fortgesetzt",
      "fortsetzung nach der anzeige", "la suite après la publicité", "suite après la publicité",
      "l'article continue ci-dessous", "la noticia continúa tras la publicidad", "continúa después de la publicidad",
      "continua dopo la pubblicità", "continua a leggere dopo la pubblicità"};
  t = strip_decoration(text::trim(t));
  if (t.size() < 16 || t.size() > 48) return false;  // shorter / longer than every line above
  const std::string lower = text::lower_utf8(t);
  for (std::string_view line : kLines)
    if (lower == line) return true;
  return false;
}

bool loading_words(std::string_view t) {
  static constexpr std::string_view kWords[] = {"loading", "正在加载", "загрузка", "chargement", "cargando"};
  std::string lower = text::lower_utf8(t);
  for (std::string_view w : kWords) {
    if (lower.compare(0, w.size(), w) != 0) continue;
    std::string_view rest = std::string_view(lower).substr(w.size());
    if (rest.empty() || rest == "…" || rest == "...") return true;
  }
  return false;
}

bool is_ad_or_loading_label(const Document& doc, NodeId n, size_t length) {
  if (length > kMaxLabelWordLength) return false;
  std::string inner = doc.inner_text(n);
  return ad_words(inner) || loading_words(inner);
}

bool wraps_the_article(const Document& doc, NodeId n, double article_length) {
  return static_cast<double>(doc.text_stats(n).length) > kWrapperTextFraction * article_length;
}

bool attributes_a_quote(const Document& doc, NodeId n) {
  const NodeId parent = doc[n].parent;
  return doc.is(n, GUMBO_TAG_FOOTER) && parent != kNoNode && doc.is(parent, GUMBO_TAG_BLOCKQUOTE);
}

}  // namespace quietpage::rules::boilerplate
