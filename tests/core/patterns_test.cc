#include <doctest/doctest.h>

#include "patterns.h"
#include "text.h"

using namespace quietpage;

TEST_CASE("patterns: class/id hints") {
  CHECK(patterns::unlikely_candidate("site-footer "));
  CHECK(patterns::unlikely_candidate("Sidebar widget"));
  CHECK(patterns::maybe_candidate("main-column"));
  CHECK(patterns::positive("entry-content"));
  CHECK(patterns::negative("share-buttons"));
  CHECK(patterns::negative("x hid"));
  CHECK(patterns::negative("hidden"));             // ...as a substring, like Readability
  CHECK_FALSE(patterns::negative("hide"));
  CHECK(patterns::byline("post-author"));
  CHECK(patterns::lead_name("article-Standfirst"));
  CHECK_FALSE(patterns::lead_name("article-body"));
  CHECK(patterns::maybe_hidden_class("x d-none"));
  CHECK(patterns::maybe_hidden_class("Screen-Reader-Text"));
  CHECK_FALSE(patterns::maybe_hidden_class("post-content"));
}

TEST_CASE("patterns: share is a whole word or between underscores") {
  CHECK(patterns::share_element("share"));
  CHECK(patterns::share_element("post share-bar"));
  CHECK(patterns::share_element("x_share_y"));
  CHECK(patterns::share_element("sharedaddy"));
  CHECK_FALSE(patterns::share_element("shared-content"));
  CHECK_FALSE(patterns::share_element("timeshare"));
}

TEST_CASE("patterns: ad and loading labels, video hosts, roles, JSON-LD types") {
  CHECK(patterns::ad_words("Advertisement"));
  CHECK(patterns::ad_words("Publicité"));
  CHECK_FALSE(patterns::ad_words("Advertisements are everywhere"));
  CHECK(patterns::loading_words("Loading..."));
  CHECK(patterns::loading_words("chargement…"));
  // The longest matches fit kMaxLabelWordLength (callers skip longer text).
  CHECK(patterns::ad_words("advertisement"));
  CHECK(patterns::loading_words("chargement..."));
  CHECK(text::js_length("advertisement") == patterns::kMaxLabelWordLength);
  CHECK(text::js_length("chargement...") == patterns::kMaxLabelWordLength);
  CHECK(patterns::allowed_video("https://www.youtube.com/embed/xyz"));
  CHECK(patterns::allowed_video("//player.vimeo.com/video/1"));
  CHECK_FALSE(patterns::allowed_video("https://evil.example/youtube.com"));
  CHECK(patterns::allowed_video("https://m.youtube.com:443/embed/x"));
  CHECK(patterns::allowed_video("HTTPS://WWW.YOUTUBE-NOCOOKIE.COM./embed/x"));
  // The host itself must be a player: no look-alikes, no URLs merely mentioning one.
  CHECK_FALSE(patterns::allowed_video("https://evil.example/?next=//www.youtube.com/embed/x"));
  CHECK_FALSE(patterns::allowed_video("https://youtube.com.evil.example/embed/x"));
  CHECK_FALSE(patterns::allowed_video("https://notyoutube.com/embed/x"));
  CHECK_FALSE(patterns::allowed_video("https://www.youtube.com@evil.example/embed/x"));
  CHECK_FALSE(patterns::allowed_video("javascript://www.youtube.com/%0Aalert(1)"));
  CHECK_FALSE(patterns::allowed_video("/embed/x"));
  // The cleaner's looser test finds a player anywhere, as Readability does.
  CHECK(patterns::mentions_video("<param name=movie value=\"https://www.youtube.com/v/x\">"));
  CHECK_FALSE(patterns::mentions_video("https://evil.example/embed"));
  CHECK(patterns::unlikely_role("navigation"));
  CHECK_FALSE(patterns::unlikely_role("main"));
  CHECK(patterns::json_ld_article_type("NewsArticle"));
  CHECK(patterns::json_ld_article_type("BlogPosting"));
  CHECK_FALSE(patterns::json_ld_article_type("Organization"));
}
