#include <doctest/doctest.h>

#include <string>

#include "rules/credits.h"
#include "rules/names.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::credits;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("credits: openings of image credits, and source lines") {
  for (const char* credit : {"Foto: dpa", "(Photo: Getty)", "© AFP", "Bild via Flickr", "Imagen: Télam",
                             "Source: Reuters"})
    CHECK_MESSAGE(starts_like_credit(credit), credit);
  for (const char* text : {"The photo: a sentence", "Fotografie ist Kunst", "Sourcing the wood"})
    CHECK_MESSAGE(!starts_like_credit(text), text);
  // The first byte of every credit opening passes the quick test.
  for (const char* credit : {"Foto: dpa", "(Photo: Getty)", "© AFP", "Bild via Flickr", "Source: Reuters", "Quelle: x",
                             "Illustration: y", "Grafik: z", "Credit: w", "Copyright 2020", "(c) Agency"})
    CHECK_MESSAGE(may_start_like_credit(static_cast<unsigned char>(credit[0])), credit);
  CHECK_FALSE(may_start_like_credit('T'));
  CHECK(is_source_line("Quellen: Statistisches Bundesamt"));
  CHECK_FALSE(is_source_line("Foto: dpa"));
  for (const char* address : {"NEWSWIRE.COM", "dailycourier.com", "news.example-wire.org"})
    CHECK_MESSAGE(is_source_address(address), address);
  for (const char* text : {"Amazon.com was founded in 1994.", "Mr.", "J.Doe", "v2.0", "example.c0m", "e.g."})
    CHECK_MESSAGE(!is_source_address(text), text);
  CHECK(is_credit_word("photocredit"));
  CHECK_FALSE(is_credit_word("credited"));
}

TEST_CASE("credits: a block named for credits around a picture wraps the article's figure") {
  auto p = parse_doc("<div id=w class=credit-image-wrap><img src=a.jpg width=1000 height=563>"
                     "<span class=image-credit>Agency</span></div>"
                     "<div id=i class=credit><img src=camera.png width=16 height=16> Jane Roe</div>"
                     "<p id=t class=credit>Photo: Jane Roe</p>");
  const Document& doc = *p.doc;
  CHECK(holds_picture(doc, by_id(doc, "w")));
  CHECK_FALSE(holds_picture(doc, by_id(doc, "i")));  // an icon is no picture
  CHECK_FALSE(holds_picture(doc, by_id(doc, "t")));
}

TEST_CASE("credits: figure captions, as the text leaves them out") {
  auto p = parse_doc("<figcaption id=f>The pier.</figcaption><p id=n class=caption-text>The ferry.</p>"
                     "<div id=l class=captioned-story>" + std::string(1200, 'x') + "</div>"
                     "<table><caption id=t>Rainfall</caption></table>");
  const Document& doc = *p.doc;
  CHECK(is_figure_caption(doc, by_id(doc, "f")));
  CHECK(is_figure_caption(doc, by_id(doc, "n")));
  CHECK_FALSE(is_figure_caption(doc, by_id(doc, "l")));  // too long for a caption
  CHECK_FALSE(is_figure_caption(doc, by_id(doc, "t")));
}

TEST_CASE("credits: a source line under a table is data, not a credit") {
  auto p = parse_doc("<table><tr><td>1</td></tr></table><p id=t>Source: weather station</p>"
                     "<figure><img src=a.jpg></figure><p id=f>Source: Harbour Archive</p>");
  const Document& doc = *p.doc;
  CHECK_FALSE(is_credit_line(doc, by_id(doc, "t"), "Source: weather station"));
  CHECK(is_credit_line(doc, by_id(doc, "f"), "Source: Harbour Archive"));
}

TEST_CASE("credits: where a caption's credit starts, and what stays") {
  CHECK(credit_start("The old town at dawn. Foto: dpa") == std::string("The old town at dawn. ").size());
  CHECK(credit_start("A ferry leaves (Photo: Jane Roe)") == std::string("A ferry leaves ").size());
  CHECK(credit_start("Backstage, Bild via Jane") == std::string("Backstage, ").size());
  CHECK(credit_start("Photographers: a story about them") == std::string::npos);
  CHECK(without_separator("A ferry leaves (") == "A ferry leaves");
  CHECK(without_separator("Dawn | ") == "Dawn");
  CHECK(without_separator("Dawn.") == "Dawn.");
  auto p = parse_doc("<figcaption id=a>x</figcaption><p id=b class=wp-caption-text>x</p><p id=c>x</p>");
  CHECK(is_caption(*p.doc, by_id(*p.doc, "a")));
  CHECK(is_caption(*p.doc, by_id(*p.doc, "b")));
  CHECK_FALSE(is_caption(*p.doc, by_id(*p.doc, "c")));
}

TEST_CASE("credits: rights and citation lines") {
  for (const char* line : {"© 2024 The Courier. All rights reserved.", "Copyright 2012 The Herald",
                           "Citation: Smith J. et al. (2019), retrieved 4 March 2024",
                           "Tous droits réservés, Le Courrier 2024",
                           "This material may not be published, broadcast, rewritten or redistributed.",
                           "This article may not be reproduced without permission."})
    CHECK_MESSAGE(is_rights_line(line), line);
  // An article about copyright is not a footer.
  for (const char* text : {"The court said the copyright had expired in 2012.", "Who holds the rights? Nobody knows.",
                           "The results may not be final until Friday."})
    CHECK_MESSAGE(!is_rights_line(text), text);
  CHECK(rules::Keywords(kRightsWords).found_in("© afp"));
}
