#include <doctest/doctest.h>

#include "rules/promos.h"

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
}
