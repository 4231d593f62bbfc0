// Calls to action: a call to follow the site on a social network or get its
// app ("Follow us on Twitter", "Únete a nuestro canal de Telegram", "Download
// the app for iOS and Android") — a sentence opening with an action, and a
// channel, in a short block — a paywall's prompt ("To continue
// reading...") or a cookie notice ("This website uses cookies"). Prose about
// social networks stays.
#pragma once

#include <cstddef>
#include <string_view>

namespace quietpage::rules::promos {

// Only blocks shorter than this (UTF-16 units) are read as calls to action.
constexpr size_t kMaxPromoLength = 250;

bool is_promo_line(std::string_view text);

}  // namespace quietpage::rules::promos
