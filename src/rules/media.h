// Media and placeholders: which images, embeds and their sources belong in
// the article. Lazy-loading pages keep the real image URL in data-*
// attributes or a <noscript> copy behind a placeholder; pages size tracking
// pixels, spacers and icons in their markup; players from known video hosts
// may be embedded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "dom.h"

namespace quietpage::rules::media {

// --- Image sources ------------------------------------------------------------

// Any attribute value that names a jpg/jpeg/png/webp file.
bool looks_like_image_url(std::string_view value);
// An <img> with some image source (src, srcset, data-src, data-srcset or an
// attribute naming an image file); one without is a placeholder for its
// <noscript> copy.
bool has_image_source(const Document& doc, NodeId img);
// An attribute a lazy placeholder passes on to its real image: src, srcset,
// or one naming an image file.
bool is_image_url_attr(const Attr& attr);
// The node is an <img>, or holds exactly one element child all the way down
// to an <img>, with no text.
bool is_single_image(const Document& doc, NodeId n);

// What an <img src> holding base64 data is.
enum class DataSrc : uint8_t {
  kNone,   // not base64 data
  kSvg,    // SVG, which can be meaningful in very few bytes
  kImage,  // any other image data
};
DataSrc data_src(std::string_view src);
// Base64 image data under 100 bytes (this many characters) is a placeholder.
constexpr size_t kMaxPlaceholderBase64 = 133;
// A src of a few bytes of base64 image data, other than SVG: a placeholder,
// not a picture.
bool is_placeholder_src(std::string_view src);
// An attribute other than src naming an image file: where the real image
// of a placeholder src is.
bool has_other_image_url(const Document& doc, NodeId n);
// An <img>, <picture> or <figure> (with `src` and `srcset`, an <img>'s) that
// has no real source yet, or whose class says it loads lazily ("lazy",
// "lazyload"): its data-* attributes hold the real one.
bool wants_lazy_source(const Document& doc, NodeId n, std::string_view src, std::string_view srcset);
// Where a lazy image's attribute goes: "srcset" ("x.jpg 2x"), "src" (a lone
// "x.jpg"), or "" (neither; src, srcset and alt themselves never move).
std::string_view lazy_copy_target(const Attr& attr);

// --- Tracking pixels, spacers, icons and emoji (quietpage) --------------------
//
// Images the page sizes at a pixel or two are beacons and spacers; images it
// sizes no bigger than an icon are icons (buttons, arrows, logos of feeds).
// Neither is part of the article — but in a data table small images are data
// (flags, status marks), and an emoji drawn as an image reads as its alt
// text. Sizes count only when the page declares them (width and height
// attributes, in CSS pixels; 0 often stands for "auto").
constexpr int kMaxPixelSize = 2;
constexpr int kMaxIconSize = 32;
// An alt of at most this many code points, all symbols (U+2000 and above),
// is an emoji.
constexpr size_t kMaxEmojiCodePoints = 4;
constexpr uint32_t kFirstSymbol = 0x2000;

// A width or height attribute in CSS pixels ("16", "16px"); 0 when absent,
// zero or relative ("50%", "2em").
int declared_pixels(std::string_view value);
bool is_emoji_text(std::string_view alt);

enum class SmallImage : uint8_t {
  kKeep,
  kRemove,  // a spacer (a few bytes of base64 and no srcset) or a pixel
  kEmoji,   // an emoji: becomes its alt text
  kIcon,    // an icon: removed, unless it sits in a data table
};
SmallImage small_image(const Document& doc, NodeId img);

// --- Embedded players -----------------------------------------------------------

// An http(s) or scheme-relative URL of a video player's embed path that an
// article may frame (the serializer's check: host and path must match).
bool allowed_video(std::string_view url);
// Whether text (an attribute, or markup inside <object>) refers to such a
// player anywhere ("...//www.youtube.com/..."): the cleaner's looser test for
// which embeds to keep, as Readability does.
bool mentions_video(std::string_view s);
// An embed from an allowed video host (checked on attributes and, for
// <object>, on the markup inside).
bool is_allowed_video(const Document& doc, NodeId n);

// The players an article may embed: the known ones above, and those the
// caller's predicate accepts (Options::allowed_video, Readability's
// allowedVideoRegex), which widens the list and never narrows it. Embedded
// players are sandboxed in the output whichever list let them in.
class Videos {
 public:
  using Predicate = std::function<bool(std::string_view)>;
  Videos() = default;
  // `extra` (may be null or empty) must outlive this object.
  explicit Videos(const Predicate* extra) : extra_(extra && *extra ? extra : nullptr) {}
  // An <iframe src>, as written and as resolved: allowed_video(resolved), or
  // the predicate accepts either.
  bool allows_src(std::string_view written, std::string_view resolved) const;
  // The cleaner's test: is_allowed_video, or the predicate accepts one of the
  // element's attributes (Readability tests every attribute value).
  bool allows_embed(const Document& doc, NodeId n) const;

 private:
  const Predicate* extra_ = nullptr;
};

}  // namespace quietpage::rules::media
