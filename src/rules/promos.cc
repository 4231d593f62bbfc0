#include "rules/promos.h"

#include <array>
#include <string>

#include "rules/names.h"
#include "text.h"

namespace quietpage::rules::promos {

bool is_promo_line(std::string_view t) {
  static const Keywords kPieces(kPromoPieces);
  return is_promo_line(t, kPieces.found_in(t));
}

bool is_promo_line(std::string_view t, bool holds_piece, bool anywhere) {
  static constexpr std::string_view kActions[] = {
      "follow", "folgen sie", "folgt uns", "folge uns", "síguenos",
      "siguenos", "suivez-nous", "suivez nous", "únete", "unete", "join us", "join our", "download the",
      "download our", "descarga la", "descarga nuestra", "lade dir", "laden sie sich", "like us on",
      "abonnieren sie", "abonniere", "suscríbete", "suscribete", "abonnez-vous", "sign up for",
      "subscribe to our", "get the latest", "get our", "get the app"};
  static constexpr std::string_view kChannels[] = {
      "twitter", "facebook", "instagram", "telegram", "whatsapp", "tiktok", "youtube", "linkedin",
      "newsletter", "app store", "google play", "android", "podcast", "inbox", "posteingang", "boîte mail",
      "email updates", "e-mail updates", "email alerts", "e-mail alerts", "rss",
      "boîte de réception", "bandeja de entrada"};
  // Paywall prompts say what they are anywhere...
  static constexpr std::string_view kPaywall[] = {
      "to view the full story", "to read the full story", "to read the full article",
      "to continue reading", "already a subscriber", "already have an account", "subscribe to continue",
      "subscribe to read", "für abonnenten", "nur für abonnenten", "réservé aux abonnés",
      "exclusivo para suscriptores", "contenido exclusivo para",
      // ...and so do appeals to pay for the journalism...
      "support independent journalism", "support our journalism", "support quality journalism",
      "support local journalism", "journalism needs your support", "unabhängigen journalismus unterstützen",
      "unterstützen sie unseren journalismus", "soutenez notre journalisme", "soutenir notre journalisme",
      "apoya el periodismo", "apoya nuestro periodismo", "sostieni il giornalismo", "sostieni il nostro giornalismo",
      // ...and cookie notices.
      "site uses cookies", "website uses cookies", "we use cookies", "privacy & cookies", "datenschutz & cookies",
      "verwendet cookies", "nutzt cookies", "utilise des cookies", "utilisons des cookies", "utiliza cookies",
      "utilizamos cookies", "utilizza i cookie", "utilizziamo i cookie", "gebruikt cookies"};
  // Every phrase above holds one of kPromoPieces, so a line without any is
  // no promo: one pass, before lowercasing and searching phrase by phrase.
  // (lower_utf8 maps ASCII to ASCII and nothing else to it, so the pieces
  // are found in `t` with ASCII case folding.)
  if (!holds_piece) return false;
  const std::string lower = text::lower_utf8(t);
  // (Keywords ignores ASCII case: the same as exact matching on lowercase text.)
  static const Keywords kPaywallPhrases(kPaywall);
  if (kPaywallPhrases.found_in(lower)) return true;
  // The action opens a sentence (an imperative), the channel is anywhere.
  // A position opens a sentence when what comes before it, spaces and
  // asterisks skipped, is the start or ". ! ? : ," or "¿ ¡": one pass, and
  // the actions compared only there.
  // (The actions' first bytes, to rule out most opening positions at once.)
  static const std::array<bool, 256> kActionFirst = [] {
    std::array<bool, 256> out{};
    for (std::string_view w : kActions) out[static_cast<unsigned char>(w[0])] = true;
    return out;
  }();
  // After "If you enjoyed this post," the action comes where it will.
  static constexpr std::string_view kIfYouLiked[] = {
      "if you enjoyed this", "if you liked this", "if you like this", "did you enjoy this", "hat ihnen dieser",
      "hat dir dieser", "si vous avez aimé", "si te ha gustado", "si te gustó"};
  for (std::string_view o : kIfYouLiked)
    anywhere = anywhere || (o[0] == lower[0] && lower.compare(0, o.size(), o) == 0);
  bool action = false;
  bool opens = true;  // at position 0
  for (size_t pos = 0; pos < lower.size() && !action; ++pos) {
    if (pos > 0 && !anywhere) {
      const char c = lower[pos - 1];
      if (c != ' ' && c != '*')  // "¿" is C2 BF, "¡" C2 A1
        opens = c == '.' || c == '!' || c == '?' || c == ':' || c == ',' ||
                ((c == '\xBF' || c == '\xA1') && pos >= 2 && lower[pos - 2] == '\xC2');
    }
    if (!opens || !kActionFirst[static_cast<unsigned char>(lower[pos])]) continue;
    for (std::string_view w : kActions)
      action = action || (w[0] == lower[pos] && lower.compare(pos, w.size(), w) == 0);
  }
  if (!action) return false;
  static const Keywords kChannelWords(kChannels);
  if (kChannelWords.found_in(lower)) return true;
  // ...or an account's handle ("Follow @cityhall for updates").
  for (size_t at = lower.find('@'); at != std::string::npos; at = lower.find('@', at + 1))
    if ((at == 0 || lower[at - 1] == ' ') && at + 1 < lower.size() &&
        (text::is_ascii_alpha(lower[at + 1]) || lower[at + 1] == '_'))
      return true;
  // ...or the word "app(s)", whatever follows it ("... with the X app."; "application" is
  // also a job's). (Each opens with "ap": a line without is read no further.)
  if (lower.find("ap") == std::string::npos) return false;
  bool app = false;
  text::for_each_word(lower, text::is_lower_word_code_point, [&](std::string_view w) {
    app = app || w == "app" || w == "apps" || w == "aplicativo";
  });
  return app;
}

bool links_to_app_store(const Document& doc, NodeId block) {
  static constexpr std::string_view kStores[] = {"://apps.apple.com/", "://itunes.apple.com/",
                                                 "://play.google.com/store/apps", "://apps.microsoft.com/",
                                                 "://appgallery.huawei.com/"};
  for (NodeId a = doc.first_descendant(block, GUMBO_TAG_A); a != kNoNode; a = doc.next_in(a, block)) {
    if (!doc.is(a, GUMBO_TAG_A)) continue;
    const std::string_view href = doc.attr(a, "href");
    for (std::string_view store : kStores)
      if (href.find(store) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace quietpage::rules::promos
