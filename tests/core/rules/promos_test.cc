#include <doctest/doctest.h>

#include "rules/promos.h"
#include "test_util.h"

using namespace quietpage::rules::promos;

TEST_CASE("promos: calls to follow, join or download, and paywall prompts") {
  for (const char* promo : {"Follow The Daily on Twitter and Instagram @TheDaily.",
                            "For breaking news, download the Daily apps for iOS and Android.",
                            "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.",
                            "To view the full story, please subscribe to The Daily.",
                            "Nur für Abonnenten",
                            "Datenschutz & Cookies: Diese Website verwendet Cookies.",
                            "This website uses cookies to improve your experience.",
                            "Our journalism needs your support. Please subscribe today.",
                            "Support independent journalism: give what you can.", "Soutenez notre journalisme.",
                            // Capitals, ASCII or not, read as their lowercase.
                            "SÍGUENOS EN INSTAGRAM", "ÚNETE A NUESTRO CANAL DE TELEGRAM", "LIKE US ON FACEBOOK"})
    CHECK_MESSAGE(is_promo_line(promo), promo);
  // An action that doesn't open a sentence, or no channel: prose.
  for (const char* prose : {"The minister said on Twitter that she would follow the advice.",
                            "Follow the river to the old mill.",
                            "The foundation was set up to support local newspapers."})
    CHECK_MESSAGE(!is_promo_line(prose), prose);
  // After "If you enjoyed this post," the action may come anywhere; with a link to
  // an app store (the caller's finding), anywhere too.
  CHECK(is_promo_line("If you enjoyed this post, make sure you subscribe to our RSS feed."));
  CHECK_FALSE(is_promo_line("Stay current and download the Daily app."));
  CHECK(is_promo_line("Stay current and download the Daily app.", /*holds_piece=*/true, /*anywhere=*/true));
  CHECK_FALSE(is_promo_line("Riders who download the transit app can pay fares with their phones."));
}

TEST_CASE("promos: links to app stores") {
  auto p = quietpage::testing::parse_doc(
      "<p id=a>Get it <a href='https://apps.apple.com/us/app/x/id1'>here</a></p>"
      "<p id=b><a href='https://play.google.com/store/apps/details?id=x'>Android</a></p>"
      "<p id=c><a href='https://www.apple.com/iphone/'>iPhone</a></p>");
  CHECK(links_to_app_store(*p.doc, quietpage::testing::by_id(*p.doc, "a")));
  CHECK(links_to_app_store(*p.doc, quietpage::testing::by_id(*p.doc, "b")));
  CHECK_FALSE(links_to_app_store(*p.doc, quietpage::testing::by_id(*p.doc, "c")));
}
