// Word patterns matched against class names, ids and text.
//
// Readability.js expresses these as regular expressions; here each one is a
// list of case-insensitive substrings (plus the few boundary rules that the
// originals need), which is both faster and smaller than a regex engine.
#pragma once

#include <string_view>

namespace quietpage::patterns {

// class/id of blocks that are usually not the article (menus, footers, ads…).
bool unlikely_candidate(std::string_view class_and_id);
// …unless they also look like content ("article", "main", "body"…).
bool maybe_candidate(std::string_view class_and_id);
// class/id that raise (+25) or lower (−25) a block's score.
bool positive(std::string_view s);
bool negative(std::string_view s);
// class/id of author bylines.
bool byline(std::string_view class_and_id);
// class/id/itemprop of an article's lead ("teaser", "standfirst", "chapeau"…).
bool lead_name(std::string_view s);
// Whether a class list may hold a framework's hiding class ("d-none",
// "sr-only"…): a fast substring test, the exact check is by whole names.
bool maybe_hidden_class(std::string_view classes);
// "share" as a whole word (or between underscores): social share widgets.
bool share_element(std::string_view class_and_id);
// Text that is nothing but an ad label or a loading indicator.
bool ad_words(std::string_view trimmed_text);
bool loading_words(std::string_view trimmed_text);
// No longer text (UTF-16 units) can match either: "advertisement",
// "chargement..." (tested in patterns_test.cc).
constexpr size_t kMaxLabelWordLength = 13;
// An http(s) or scheme-relative URL whose host is a video player an article
// may embed (the serializer's check: the host itself must match).
bool allowed_video(std::string_view url);
// Whether text (an attribute, or markup inside <object>) refers to such a
// player anywhere ("...//www.youtube.com/..."): the cleaner's looser test for
// which embeds to keep, as Readability does.
bool mentions_video(std::string_view s);
// ARIA roles of navigation, dialogs and other non-content regions.
bool unlikely_role(std::string_view role);
// schema.org types that describe an article (JSON-LD @type).
bool json_ld_article_type(std::string_view type);

}  // namespace quietpage::patterns
