// Calls to action: a call to follow the site on a social network or get its
// app ("Follow us on Twitter", "Únete a nuestro canal de Telegram", "Download
// the app for iOS and Android", "Follow @cityhall for updates") — a sentence
// opening with an action, and a channel or an account's handle, in a short
// block — a paywall's prompt ("To continue
// reading..."), an appeal to pay for the journalism ("Support independent
// journalism") or a cookie notice ("This website uses cookies"). Prose about
// social networks stays.
#pragma once

#include <cstddef>
#include <string_view>

#include "dom.h"

namespace quietpage::rules::promos {

// Only blocks shorter than this (UTF-16 units) are read as calls to action.
constexpr size_t kMaxPromoLength = 250;

bool is_promo_line(std::string_view text);
// The same, for a caller that has read whether `text` holds a piece of
// kPromoPieces (`holds_piece`; none: no call to action). `anywhere`: the
// action need not open a sentence, the block's own link says what it sells
// ("For breaking news download the Daily apps for iOS and Android", its links
// to the app stores).
bool is_promo_line(std::string_view text, bool holds_piece, bool anywhere = false);
// A link inside `block` to an app's page in an app store (the App Store,
// Google Play...): the page's own mark of a call to get its app.
bool links_to_app_store(const Document& doc, NodeId block);
// Every phrase is_promo_line() looks for holds one of these ASCII pieces
// (ASCII case ignored): a line without any is no call to action. A Keywords
// list (the judge's features read it in one pass with their other words).
inline constexpr std::string_view kPromoPieces[] = {
    "follow", "folg", "guenos", "suivez", "nete", "join", "download", "descarga", "lade", "like us", "abonn",
    "bete", "sign up", "subscribe", "full stor", "full art", "continue reading", "already", "exclusivo", "cookie",
    "get ", "journalis", "periodismo", "giornalismo"};

}  // namespace quietpage::rules::promos
