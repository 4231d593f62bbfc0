#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules/boilerplate.h"
#include "rules/flags.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::boilerplate;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("boilerplate: Readability's unlikely and negative names") {
  CHECK(unlikely_candidate("site-footer "));
  CHECK(unlikely_candidate("Sidebar widget"));
  CHECK(maybe_candidate("main-column"));
  CHECK(is_unlikely_name("sidebar"));
  CHECK_FALSE(is_unlikely_name("sidebar main-column"));  // it also looks like content
  CHECK_FALSE(is_unlikely_name("story-body"));
  CHECK(negative("share-buttons"));
  CHECK(negative("x hid"));
  // "hid" and "hidden" count as whole class names only, not as parts of one.
  CHECK(negative("hidden"));
  CHECK_FALSE(negative("hidden-xs"));
  CHECK_FALSE(negative("field--label-hidden"));
  CHECK_FALSE(negative("hide"));
  CHECK(unlikely_role("navigation"));
  CHECK_FALSE(unlikely_role("main"));
}

TEST_CASE("boilerplate: unlikely blocks are dropped before scoring, unless they wrap the page's prose") {
  auto p = parse_doc("<body><div id=nav class=sidebar><p>Links</p></div>"
                     "<div id=wrap class=above-footer><p>" + std::string(300, 'x') + "</p></div>"
                     "<div id=comments class=comments><p>" + std::string(300, 'y') + "</p></div>"
                     "<table><tr><td><div id=cell class=sidebar>cell</div></td></tr></table></body>");
  const Document& doc = *p.doc;
  const double page_prose = 500;
  auto strips = [&](const char* id) {
    NodeId n = by_id(doc, id);
    return strips_as_unlikely(doc, n, std::string(doc.attr(n, "class")) + " " + id, page_prose);
  };
  CHECK(strips("nav"));
  CHECK_FALSE(strips("wrap"));     // only positional ("footer"), and half the prose
  CHECK(strips("comments"));       // says what it is: prose or not, it goes
  CHECK_FALSE(strips("cell"));     // inside a table
}

TEST_CASE("boilerplate: names inside the article, word by word") {
  CHECK(is_boilerplate_word("newsletter"));
  CHECK(is_boilerplate_word("relatedPosts"));  // a word that starts a name
  CHECK(is_boilerplate_word("KommentarModul"));
  CHECK_FALSE(is_boilerplate_word("article"));
  CHECK(is_ad_name("ad"));
  CHECK(is_ad_name("ad-slot"));
  CHECK(is_ad_name("gpt-ad_top"));
  CHECK_FALSE(is_ad_name("TestReport__Section--Ads"));
  CHECK_FALSE(is_ad_name("adventure"));
  auto p = parse_doc("<div id=a class='c-article__share-bar ads noprint x--modifier'></div>"
                     "<div id=sharing-with-a-single-developer></div><div id=top-ad></div>");
  const Document& doc = *p.doc;
  auto words = [&](const char* id) {
    std::vector<std::string> out;
    for_each_name_word(doc, by_id(doc, id), [&](std::string_view w) { out.emplace_back(w); });
    return out;
  };
  CHECK(words("a") == std::vector<std::string>{"c", "article", "share", "bar", "advert", "ads", "noprint",
                                               "noprint", "x", "a"});
  CHECK(words("sharing-with-a-single-developer").empty());  // a heading's slug, not a name
  CHECK(words("top-ad") == std::vector<std::string>{"top", "ad"});
}

TEST_CASE("boilerplate: named blocks go when short; a retry keeps a large part of little text") {
  auto p = parse_doc("<div id=n class=newsletter>The weekly newsletter</div><a id=l class=newsletter href=/n>Sign up</a>"
                     "<p id=c class=credit>Photo: Jane Roe</p><p id=f>Follow us on Twitter and Instagram.</p>"
                     "<p id=s>Some sentence of the article itself.</p>");
  const Document& doc = *p.doc;
  CHECK(max_block_length(1000, rules::kAllFlags) == doctest::Approx(250));
  CHECK(max_block_length(100, rules::kAllFlags) == doctest::Approx(kMaxLabelLength));
  CHECK(max_block_length(100, 0) == doctest::Approx(25));
  CHECK(is_boilerplate_block(doc, by_id(doc, "n"), 250));
  CHECK_FALSE(is_boilerplate_block(doc, by_id(doc, "n"), 10));   // longer than allowed
  CHECK_FALSE(is_boilerplate_block(doc, by_id(doc, "l"), 250));  // an inline element's name says little
  CHECK(is_boilerplate_block(doc, by_id(doc, "c"), 0));          // credits: their own limit
  CHECK(is_boilerplate_block(doc, by_id(doc, "f"), 0));          // a call to action
  CHECK_FALSE(is_boilerplate_block(doc, by_id(doc, "s"), 250));
}

TEST_CASE("boilerplate: a credit-named wrapper of a picture stays; the credit inside it goes") {
  auto p = parse_doc("<div id=w class=credit-image-wrap><img src=a.jpg width=1000 height=563>"
                     "<span id=c class=image-credit>Agency</span></div>");
  const Document& doc = *p.doc;
  CHECK_FALSE(is_boilerplate_block(doc, by_id(doc, "w"), 250));
  CHECK(is_boilerplate_block(doc, by_id(doc, "c"), 250));
}

TEST_CASE("boilerplate: social widgets are named so by a whole word, and short") {
  auto p = parse_doc("<div id=a>Share</div><div id=b>" + std::string(600, 'x') + "</div>");
  const Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  CHECK(is_social_widget(doc, a, "share"));
  CHECK(is_social_widget(doc, a, "post share-bar"));
  CHECK(is_social_widget(doc, a, "x_share_y"));
  CHECK(is_social_widget(doc, a, "sharedaddy"));
  CHECK_FALSE(is_social_widget(doc, a, "shared-content"));
  CHECK_FALSE(is_social_widget(doc, a, "timeshare"));
  CHECK_FALSE(is_social_widget(doc, by_id(doc, "b"), "share"));  // too much text
}

TEST_CASE("boilerplate: headings of link lists and the lists after them") {
  auto p = parse_doc("<h3 id=a>Mehr zum Thema</h3><ul id=l><li><a href=/1>Eins</a></li></ul>"
                     "<p id=b><strong>À lire aussi</strong></p><p id=c>A sentence that reads like prose, "
                     "long enough to be more than a label of sixty characters.</p>"
                     "<h2 id=d>Related reading is the heading of this section of the article</h2><p id=e></p>");
  const Document& doc = *p.doc;
  for (const char* id : {"a", "b", "d"}) CHECK_MESSAGE(may_be_heading(doc, by_id(doc, id)), id);
  CHECK_FALSE(may_be_heading(doc, by_id(doc, "c")));
  CHECK(introduces_link_list(doc, by_id(doc, "a")));
  CHECK(introduces_link_list(doc, by_id(doc, "b")));
  CHECK_FALSE(introduces_link_list(doc, by_id(doc, "d")));  // longer than a label
  CHECK(belongs_to_link_list(doc, by_id(doc, "l")));
  CHECK(belongs_to_link_list(doc, by_id(doc, "e")));  // no text
  CHECK_FALSE(belongs_to_link_list(doc, by_id(doc, "c")));
}

TEST_CASE("boilerplate: ad and loading labels") {
  CHECK(ad_words("Advertisement"));
  CHECK(ad_words("Publicité"));
  CHECK_FALSE(ad_words("Advertisements are everywhere"));
  CHECK(loading_words("Loading..."));
  CHECK(loading_words("chargement…"));
  // The longest matches fit kMaxLabelWordLength (longer text is not looked at).
  CHECK(ad_words("advertiser disclosure"));
  CHECK(ad_words("contenido patrocinado"));
  CHECK(loading_words("chargement..."));
  CHECK(text::js_length("advertiser disclosure") + kMaxLabelDecoration == kMaxLabelWordLength);
  CHECK(text::js_length("chargement...") <= kMaxLabelWordLength);
  // Labels in their decoration, in the languages of the list.
  for (const char* label : {"- Anzeige-", "— Advertisement —", "[Ad]", "ADVERTISEMENT:", "Publicidad", "Sponsored"})
    CHECK_MESSAGE(ad_words(label), label);
  for (const char* other : {"Anzeige erstatten", "Ad hoc", "Reklamation", "-"})
    CHECK_MESSAGE(!ad_words(other), other);
  auto p = parse_doc("<div id=a> Anzeige </div><div id=w> Werbung </div>");
  CHECK(is_ad_or_loading_label(*p.doc, by_id(*p.doc, "w"), 7));
  CHECK_FALSE(is_ad_or_loading_label(*p.doc, by_id(*p.doc, "w"), kMaxLabelWordLength + 1));
  CHECK(is_ad_or_loading_label(*p.doc, by_id(*p.doc, "a"), 7));
}

TEST_CASE("boilerplate: a footer or aside that wraps most of the article is no chrome") {
  auto p = parse_doc("<aside id=a>" + std::string(60, 'x') + "</aside><footer id=f>Foot</footer>");
  CHECK(wraps_the_article(*p.doc, by_id(*p.doc, "a"), 100));
  CHECK_FALSE(wraps_the_article(*p.doc, by_id(*p.doc, "f"), 100));
}

TEST_CASE("boilerplate: a line that sends the reader to another article") {
  auto p = parse_doc("<p id=a><strong>SEE MORE:</strong> <a href=/x>Pier repairs delayed until autumn</a></p>"
                     "<p id=b>Don't miss <a href=/y>the new ferry timetable</a></p>"
                     "<p id=c>See more of the harbour on the map below, where <a href=/z>the gauges</a> sit.</p>");
  const Document& doc = *p.doc;
  CHECK(is_promo_link_line(doc, by_id(doc, "a"), doc.inner_text(by_id(doc, "a"))));
  CHECK(is_promo_link_line(doc, by_id(doc, "b"), doc.inner_text(by_id(doc, "b"))));
  // Prose that happens to open so, with a link inside, stays.
  CHECK_FALSE(is_promo_link_line(doc, by_id(doc, "c"), doc.inner_text(by_id(doc, "c"))));
  CHECK(is_related_heading("DON'T MISS"));
  CHECK(is_related_heading("Must read"));
  // Teaser openers in the other languages the list covers.
  for (const char* opener : {"Mehr lesen: Wie es weitergeht", "Lesen Sie hier: Der Bericht", "Lire la suite",
                             "Voir également", "Lea también: El informe", "Leia mais", "Vedi anche"})
    CHECK_MESSAGE(is_related_heading(opener), opener);
}

TEST_CASE("boilerplate: a player's or a gallery's controls") {
  for (const char* label : {"Image 1 of 8", "Close", "Expand", "Play Video", "Current Time 0:00", "Fullscreen",
                            "Exit full screen", "Bild 3 von 17", "Hide caption", "Previous / Next", "Bild anzeigen",
                            "Click to enlarge", "Zum Vergrößern auf das Bild klicken.", "5 min read",
                            "Listen to this article", "Print this article", "Share", "Artikel teilen", "Now Playing",
                            "Up Next", "Video Player is loading.", "ShareTweetEmail"})
    CHECK_MESSAGE(is_control_label(label), std::string(label));
  for (const char* text : {"3.7% in 2000", "Close to the harbour", "The video shows the pier", "Next week",
                           "Image rights", "In 2000", "Read this article twice", "Share prices fell", "iPhone"})
    CHECK_MESSAGE(!is_control_label(text), std::string(text));
}

TEST_CASE("boilerplate: the page's notices about the article") {
  for (const char* notice : {"We may earn a commission from links on this page.",
                             "This post may contain affiliate links. Read our disclosure policy.",
                             "This content is imported from Twitter. You may be able to find the same content in "
                             "another format, or you may be able to find more information, at their web site.",
                             "A post shared by Jane Doe (@janedoe) on May 5, 2020 at 10:00am PDT",
                             "View this post on Instagram", "Getty Images", "(Getty Images)", "(dpa)",
                             "Your browser does not support the video tag.", "Was this article helpful?",
                             "This article is more than 2 years old",
                             "All trademarks and brands belong to their respective owners.",
                             "Where not otherwise specified, this work is licensed under a Creative Commons License.",
                             "Site best viewed in 1024x768 resolution"})
    CHECK_MESSAGE(is_page_notice(notice), std::string(notice));
  for (const char* text : {"In a post shared by the ministry, officials said the vote was delayed.",
                           "Getty Images bought the archive in 1999.", "Affiliate marketing pays some blogs well.",
                           "This article is more than a list of tips.", "The comet is best viewed in the early morning.",
                           "The owners said the brands belong to them."})
    CHECK_MESSAGE(!is_page_notice(text), std::string(text));
}

TEST_CASE("boilerplate: a longer notice about the browser or the site, by its opening") {
  auto p = parse_doc("<p id=a>Disclaimer: this blog has no affiliation with the makers it writes about.</p>"
                     "<p id=b>Site Requirements : a recent browser and a screen of 1024 pixels.</p>"
                     "<p id=c>The disclaimer was added by the court: the makers had no part in it.</p>");
  const Document& doc = *p.doc;
  CHECK(opens_site_notice(doc, by_id(doc, "a")));
  CHECK(opens_site_notice(doc, by_id(doc, "b")));
  CHECK_FALSE(opens_site_notice(doc, by_id(doc, "c")));
}

TEST_CASE("boilerplate: names of the page's footer and sidebar") {
  for (const char* name : {"footer", "Footer", "footer-widgets", "footerWrap", "site-footer", "page_footer", "sidebar"})
    CHECK_MESSAGE(names_page_margin(name), name);
  for (const char* name : {"with-sidebar", "sidebar__main", "has-footer-nav", "content", "footnotes"})
    CHECK_MESSAGE(!names_page_margin(name), name);
  CHECK(names_page_margin_in({"widget sidebar", ""}));
  CHECK(names_page_margin_in({"", "footer"}));
  CHECK_FALSE(names_page_margin_in({"main with-sidebar", "content"}));
}

TEST_CASE("boilerplate: lines where an ad breaks the article") {
  for (const char* line : {"Story continues below advertisement", "(Story continues below)",
                           "Continue reading the main story", "ADVERTISEMENT - SCROLL TO CONTINUE",
                           "Weiter nach der Anzeige", "— La suite après la publicité —"})
    CHECK_MESSAGE(is_ad_break_line(line), std::string(line));
  for (const char* text : {"The story continues below the fold of the paper", "Continue reading", "Advertisement",
                           "Her story continues below the surface of the lake."})
    CHECK_MESSAGE(!is_ad_break_line(text), std::string(text));
}

TEST_CASE("boilerplate: teasers end with a link to the rest of another article") {
  for (const char* label : {"Read more", "[Read More]", "Full Story", "Continue reading →", "Weiterlesen »", "more..."})
    CHECK_MESSAGE(is_more_label(label), label);
  for (const char* other : {"Read more about the study", "Story", ""})
    CHECK_MESSAGE(!is_more_label(other), other);
  auto p = parse_doc(
      "<p id=t>Venus Williams dismissed claims of match-fixing. <a href=/venus>Full Story</a></p>"
      "<p id=f>The rest of this story is below. <a href=#more>Read more</a></p>"
      "<p id=m>Read <a href=/a>more</a> here.</p><p id=o><a href=/b>Read more</a></p>");
  CHECK(is_teaser(*p.doc, by_id(*p.doc, "t")));
  CHECK_FALSE(is_teaser(*p.doc, by_id(*p.doc, "f")));  // expands this page
  CHECK_FALSE(is_teaser(*p.doc, by_id(*p.doc, "m")));  // the link is not the end
  CHECK_FALSE(is_teaser(*p.doc, by_id(*p.doc, "o")));  // nothing but the link: a link line, not a teaser
}
