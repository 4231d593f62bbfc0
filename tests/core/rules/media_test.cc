#include <doctest/doctest.h>

#include <string>

#include "rules/media.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::media;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("media: image sources and lazy placeholders") {
  CHECK(looks_like_image_url("/a/b.JPG?w=300"));
  CHECK_FALSE(looks_like_image_url("/a/b.gif"));
  auto p = parse_doc("<img id=none class=placeholder><img id=data data-src=/a.jpg><img id=named data-x=/a.webp>"
                     "<div id=one><span><img id=inner src=a.jpg></span></div><div id=two><img><img></div>");
  const Document& doc = *p.doc;
  CHECK_FALSE(has_image_source(doc, by_id(doc, "none")));
  CHECK(has_image_source(doc, by_id(doc, "data")));
  CHECK(has_image_source(doc, by_id(doc, "named")));
  CHECK(is_single_image(doc, by_id(doc, "one")));
  CHECK_FALSE(is_single_image(doc, by_id(doc, "two")));
  CHECK(is_image_url_attr(Attr{"srcset", "x"}));
  CHECK(is_image_url_attr(Attr{"data-original", "/pic.png"}));
  CHECK_FALSE(is_image_url_attr(Attr{"alt", "a picture"}));
}

TEST_CASE("media: base64 placeholders, SVG and where lazy URLs go") {
  CHECK(data_src("data:image/gif;base64,R0lGODlhAQABAAAAACw=") == DataSrc::kImage);
  CHECK(data_src("data:image/svg+xml;base64,PHN2Zy8+") == DataSrc::kSvg);
  CHECK(data_src("/a.jpg") == DataSrc::kNone);
  CHECK(data_src("") == DataSrc::kNone);
  CHECK(is_placeholder_src("data:image/gif;base64,R0lGODlhAQABAAAAACw="));
  CHECK_FALSE(is_placeholder_src("data:image/svg+xml;base64,PHN2Zy8+"));
  CHECK_FALSE(is_placeholder_src("data:image/png;base64," + std::string(kMaxPlaceholderBase64, 'A')));
  CHECK(lazy_copy_target(Attr{"data-srcset", "a.jpg 1x, b.jpg 2x"}) == "srcset");
  CHECK(lazy_copy_target(Attr{"data-src", " /a.jpg "}) == "src");
  CHECK(lazy_copy_target(Attr{"data-caption", "a photo of a.jpg"}) == "");
  CHECK(lazy_copy_target(Attr{"alt", "a.jpg"}) == "");
  auto p = parse_doc("<img id=a src=/a.jpg><img id=b src=/a.jpg class=lazyload><img id=c srcset=null>"
                     "<img id=d data-src=/d.jpg src=data:x>");
  const Document& doc = *p.doc;
  auto wants = [&](const char* id) {
    NodeId n = by_id(doc, id);
    return wants_lazy_source(doc, n, doc.attr(n, "src"), doc.attr(n, "srcset"));
  };
  CHECK_FALSE(wants("a"));
  CHECK(wants("b"));
  CHECK(wants("c"));
  CHECK(has_other_image_url(doc, by_id(doc, "d")));
  CHECK_FALSE(has_other_image_url(doc, by_id(doc, "a")));
}

TEST_CASE("media: pixels, spacers, icons and emoji") {
  CHECK(declared_pixels("16") == 16);
  CHECK(declared_pixels(" 16px ") == 16);
  CHECK(declared_pixels("16.5") == 16);
  CHECK(declared_pixels("50%") == 0);
  CHECK(declared_pixels("2em") == 0);
  CHECK(declared_pixels("") == 0);
  CHECK(is_emoji_text("\xF0\x9F\x98\x80"));
  CHECK_FALSE(is_emoji_text("done"));
  CHECK_FALSE(is_emoji_text(""));
  auto p = parse_doc("<img id=pixel src=/t.gif width=1 height=1><img id=icon src=/i.svg width=16>"
                     "<img id=emoji src=/e.png width=18 alt='\xF0\x9F\x98\x80'><img id=photo src=/p.jpg width=800>"
                     "<img id=auto src=/p.jpg><img id=spacer src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>"
                     "<img id=responsive src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' srcset='/a.jpg 2x'>");
  const Document& doc = *p.doc;
  CHECK(small_image(doc, by_id(doc, "pixel")) == SmallImage::kRemove);
  CHECK(small_image(doc, by_id(doc, "icon")) == SmallImage::kIcon);
  CHECK(small_image(doc, by_id(doc, "emoji")) == SmallImage::kEmoji);
  CHECK(small_image(doc, by_id(doc, "photo")) == SmallImage::kKeep);
  CHECK(small_image(doc, by_id(doc, "auto")) == SmallImage::kKeep);
  CHECK(small_image(doc, by_id(doc, "spacer")) == SmallImage::kRemove);
  CHECK(small_image(doc, by_id(doc, "responsive")) == SmallImage::kKeep);
}

TEST_CASE("media: video players an article may embed") {
  CHECK(allowed_video("https://www.youtube.com/embed/xyz"));
  CHECK(allowed_video("//player.vimeo.com/video/1"));
  CHECK_FALSE(allowed_video("https://evil.example/youtube.com"));
  CHECK(allowed_video("https://m.youtube.com:443/embed/x"));
  CHECK(allowed_video("HTTPS://WWW.YOUTUBE-NOCOOKIE.COM./embed/x"));
  // The host itself must be a player: no look-alikes, no URLs merely mentioning one.
  CHECK_FALSE(allowed_video("https://evil.example/?next=//www.youtube.com/embed/x"));
  CHECK_FALSE(allowed_video("https://youtube.com.evil.example/embed/x"));
  CHECK_FALSE(allowed_video("https://notyoutube.com/embed/x"));
  CHECK_FALSE(allowed_video("https://www.youtube.com@evil.example/embed/x"));
  CHECK_FALSE(allowed_video("javascript://www.youtube.com/%0Aalert(1)"));
  CHECK_FALSE(allowed_video("/embed/x"));
  // Only the players' embed paths (issue 19, finding 6): hosts that serve any
  // page or upload are not players.
  for (const char* player : {"https://www.youtube.com/embed/x?rel=0", "https://youtube-nocookie.com/embed/x",
                             "https://player.vimeo.com/video/1", "https://www.dailymotion.com/embed/video/x7",
                             "https://geo.dailymotion.com/player.html?video=x7", "https://archive.org/embed/item",
                             "https://v.qq.com/txp/iframe/player.html?vid=a", "https://player.twitch.tv/?video=1&parent=a",
                             "https://upload.wikimedia.org/wikipedia/commons/a/ab/Film.webm"})
    CHECK_MESSAGE(allowed_video(player), std::string(player));
  for (const char* page : {"https://web.archive.org/web/2024id_/https://evil.example/",
                           "https://web.archive.org/embed/x", "https://ia800.us.archive.org/embed/x",
                           "https://archive.org/includes/donate.php", "https://archive.org/details/x",
                           "https://upload.wikimedia.org/wikipedia/commons/a/ab/Drawing.svg",
                           "https://upload.wikimedia.org/x.html?.webm", "https://www.youtube.com/watch?v=x",
                           "https://www.youtube.com/redirect?q=https://evil.example/",
                           "https://www.youtube.com/embed/../redirect?q=x", "https://www.youtube.com/embed/%2E%2E/x",
                           "https://www.youtube.com/embed\\..\\x", "https://player.twitch.tv/x.html",
                           "https://player.vimeo.com/api/player.js", "https://www.dailymotion.com/video/x7"})
    CHECK_MESSAGE(!allowed_video(page), std::string(page));
  // The cleaner's looser test finds a player anywhere, as Readability does.
  CHECK(mentions_video("<param name=movie value=\"https://www.youtube.com/v/x\">"));
  CHECK_FALSE(mentions_video("https://evil.example/embed"));
  auto p = parse_doc("<iframe id=a src=https://www.youtube.com/embed/abc></iframe>"
                     "<object id=b><param name=movie value=https://www.youtube.com/v/x></object>"
                     "<iframe id=c src=https://ads.example/frame></iframe>");
  const Document& doc = *p.doc;
  CHECK(is_allowed_video(doc, by_id(doc, "a")));
  CHECK(is_allowed_video(doc, by_id(doc, "b")));
  CHECK_FALSE(is_allowed_video(doc, by_id(doc, "c")));
  // A caller's test (Readability's allowedVideoRegex) widens the list, never narrows it.
  const std::function<bool(std::string_view)> ads = [](std::string_view v) { return v.find("ads.") != v.npos; };
  const std::function<bool(std::string_view)> nothing = [](std::string_view) { return false; };
  CHECK(Videos(&ads).allows_embed(doc, by_id(doc, "c")));
  CHECK(Videos(&nothing).allows_embed(doc, by_id(doc, "a")));
  CHECK_FALSE(Videos(&nothing).allows_embed(doc, by_id(doc, "c")));
  CHECK(Videos(&ads).allows_src("//ads.example/x", "https://ads.example/x"));
  CHECK_FALSE(Videos(&ads).allows_src("javascript:ads.x", ""));
  CHECK_FALSE(Videos().allows_src("https://ads.example/x", "https://ads.example/x"));
}
