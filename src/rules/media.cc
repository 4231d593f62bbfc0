#include "rules/media.h"

#include <algorithm>

#include "text.h"

namespace quietpage::rules::media {
namespace {

constexpr std::string_view kImageExtensions[] = {".jpg", ".jpeg", ".png", ".webp"};

bool is_b64_data_url(std::string_view s, std::string_view& mime, size_t& prefix_len) {
  // ^data:\s*([^\s;,]+)\s*;\s*base64\s*,
  if (!text::istarts_with(s, "data:")) return false;
  size_t i = 5;
  auto skip_ws = [&] { while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i; };
  skip_ws();
  size_t start = i;
  while (i < s.size() && s[i] != ' ' && s[i] != ';' && s[i] != ',' && s[i] != '\t' && s[i] != '\n') ++i;
  if (i == start) return false;
  mime = s.substr(start, i - start);
  skip_ws();
  if (i >= s.size() || s[i] != ';') return false;
  ++i;
  skip_ws();
  if (!text::istarts_with(s.substr(i), "base64")) return false;
  i += 6;
  skip_ws();
  if (i >= s.size() || s[i] != ',') return false;
  prefix_len = i + 1;
  return true;
}

// "x.jpg 2x" style values belong in srcset; a lone "x.jpg" in src.
bool looks_like_srcset(std::string_view v) {
  for (std::string_view ext : kImageExtensions) {
    for (size_t pos = text::ifind(v, ext); pos != std::string_view::npos;
         pos = text::ifind(v, ext, pos + 1)) {
      size_t i = pos + ext.size();
      size_t spaces = 0;
      while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n')) ++i, ++spaces;
      if (spaces && i < v.size() && v[i] >= '0' && v[i] <= '9') return true;
    }
  }
  return false;
}

bool looks_like_single_image(std::string_view v) {
  std::string_view t = text::trim(v);
  if (t.empty()) return false;
  for (char c : t)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return false;
  for (std::string_view ext : kImageExtensions) {
    size_t pos = text::ifind(t, ext);
    if (pos != std::string_view::npos && pos > 0) return true;
  }
  return false;
}

// Hosts of video players whose embeds an article may keep (Readability's
// list); subdomains included.
constexpr std::string_view kVideoHosts[] = {"dailymotion.com", "youtube.com", "youtube-nocookie.com",
                                            "player.vimeo.com", "v.qq.com", "archive.org",
                                            "upload.wikimedia.org", "player.twitch.tv"};

bool is_video_host(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  for (std::string_view h : kVideoHosts) {
    if (host.size() < h.size() || !text::iequals(host.substr(host.size() - h.size()), h)) continue;
    if (host.size() == h.size() || host[host.size() - h.size() - 1] == '.') return true;
  }
  return false;
}

}  // namespace

bool looks_like_image_url(std::string_view v) {
  for (std::string_view ext : kImageExtensions)
    if (text::icontains(v, ext)) return true;
  return false;
}

bool has_image_source(const Document& doc, NodeId img) {
  for (const Attr* a = doc.attrs_begin(img); a != doc.attrs_end(img); ++a) {
    if (a->name == "src" || a->name == "srcset" || a->name == "data-src" || a->name == "data-srcset" ||
        looks_like_image_url(a->value))
      return true;
  }
  return false;
}

bool is_image_url_attr(const Attr& a) {
  return a.name == "src" || a.name == "srcset" || looks_like_image_url(a.value);
}

bool is_single_image(const Document& doc, NodeId n) {
  while (n != kNoNode) {
    if (doc.is(n, GUMBO_TAG_IMG)) return true;
    if (doc.element_child_count(n) != 1 || doc.has_text(n)) return false;
    n = doc.first_element_child(n);
  }
  return false;
}

DataSrc data_src(std::string_view src) {
  std::string_view mime;
  size_t prefix = 0;
  if (!is_b64_data_url(src, mime, prefix)) return DataSrc::kNone;
  return mime == "image/svg+xml" ? DataSrc::kSvg : DataSrc::kImage;
}

bool is_placeholder_src(std::string_view src) {
  std::string_view mime;
  size_t prefix = 0;
  return is_b64_data_url(src, mime, prefix) && mime != "image/svg+xml" &&
         src.size() - prefix < kMaxPlaceholderBase64;
}

bool has_other_image_url(const Document& doc, NodeId n) {
  bool other_image = false;
  for (const Attr* a = doc.attrs_begin(n); a != doc.attrs_end(n); ++a)
    if (a->name != "src" && looks_like_image_url(a->value)) other_image = true;
  return other_image;
}

bool wants_lazy_source(const Document& doc, NodeId n, std::string_view src, std::string_view srcset) {
  const bool lazy_class = text::icontains(doc.attr(n, "class"), "lazy");
  return !((!src.empty() || (!srcset.empty() && srcset != "null")) && !lazy_class);
}

std::string_view lazy_copy_target(const Attr& a) {
  if (a.name == "src" || a.name == "srcset" || a.name == "alt") return {};
  if (looks_like_srcset(a.value)) return "srcset";
  if (looks_like_single_image(a.value)) return "src";
  return {};
}

int declared_pixels(std::string_view v) {
  v = text::trim(v);
  size_t digits = 0;
  while (digits < v.size() && v[digits] >= '0' && v[digits] <= '9') ++digits;
  std::string_view unit = v.substr(digits);
  if (digits == 0 || (!unit.empty() && unit != "px" && unit[0] != '.')) return 0;
  return text::leading_int(v);
}

bool is_emoji_text(std::string_view alt) {
  alt = text::trim(alt);
  size_t count = 0;
  for (size_t i = 0; i < alt.size();) {
    if (text::next_code_point(alt, i) < kFirstSymbol || ++count > kMaxEmojiCodePoints) return false;
  }
  return count > 0;
}

SmallImage small_image(const Document& doc, NodeId img) {
  // An image whose only source is a few bytes of base64 (a 1x1 GIF is 43)
  // is a spacer.
  if (doc.attr(img, "srcset").empty() && is_placeholder_src(doc.attr(img, "src"))) return SmallImage::kRemove;
  const int largest = std::max(declared_pixels(doc.attr(img, "width")), declared_pixels(doc.attr(img, "height")));
  if (largest == 0 || largest > kMaxIconSize) return SmallImage::kKeep;
  if (largest <= kMaxPixelSize) return SmallImage::kRemove;
  if (is_emoji_text(doc.attr(img, "alt"))) return SmallImage::kEmoji;
  return SmallImage::kIcon;
}

bool allowed_video(std::string_view url) {
  // The embed paths of real players on their own hosts: a player's host
  // alone is not enough (web.archive.org and archive.org/includes serve any
  // page, upload.wikimedia.org any upload), so only these may be framed.
  // upload.wikimedia.org: video files only, which the browser plays itself.
  struct Player {
    std::string_view host;
    bool subdomains;         // www.youtube.com, m.youtube.com...
    std::string_view path;   // prefix; "/" alone: the path is exactly "/"
  };
  static constexpr Player kPlayers[] = {
      {"youtube.com", true, "/embed/"},          {"youtube-nocookie.com", true, "/embed/"},
      {"player.vimeo.com", false, "/video/"},    {"dailymotion.com", true, "/embed/video/"},
      {"geo.dailymotion.com", false, "/player"}, {"v.qq.com", false, "/txp/iframe/"},
      {"archive.org", false, "/embed/"},         {"www.archive.org", false, "/embed/"},
      {"player.twitch.tv", false, "/"},          {"upload.wikimedia.org", false, "/"}};
  static constexpr std::string_view kVideoFiles[] = {".webm", ".ogv", ".mp4"};
  url = text::trim(url);
  if (text::istarts_with(url, "https://")) url.remove_prefix(8);
  else if (text::istarts_with(url, "http://")) url.remove_prefix(7);
  else if (url.substr(0, 2) == "//") url.remove_prefix(2);
  else return false;
  size_t host_end = std::min(url.find_first_of("/?#\\"), url.size());
  std::string_view host = url.substr(0, host_end);
  if (host.find('@') != std::string_view::npos) return false;  // user@host: confusing, refuse
  host = host.substr(0, host.find(':'));
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  std::string_view path = url.substr(host_end);
  path = path.substr(0, path.find_first_of("?#"));
  if (path.empty()) path = "/";
  // Nothing the browser would resolve elsewhere ("/embed/../x", "%2e%2e", '\\').
  if (path.find("..") != std::string_view::npos || text::icontains(path, "%2e") ||
      path.find('\\') != std::string_view::npos)
    return false;
  for (const Player& p : kPlayers) {
    bool host_matches = text::iequals(host, p.host) ||
                        (p.subdomains && host.size() > p.host.size() &&
                         text::iends_with(host, p.host) && host[host.size() - p.host.size() - 1] == '.');
    if (!host_matches) continue;
    if (p.host == "upload.wikimedia.org") {
      for (std::string_view ext : kVideoFiles)
        if (text::iends_with(path, ext)) return true;
    } else if (p.path == "/" ? path == "/" : text::istarts_with(path, p.path)) {
      return true;
    }
  }
  return false;
}

bool mentions_video(std::string_view s) {
  // Any mention of a player's host after "//", as Readability's pattern.
  for (size_t pos = s.find("//"); pos != std::string_view::npos; pos = s.find("//", pos + 1)) {
    std::string_view rest = s.substr(pos + 2);
    std::string_view host = rest.substr(0, rest.find_first_of("/?#\\"));
    if (host.find('@') == std::string_view::npos && is_video_host(host.substr(0, host.find(':')))) return true;
  }
  return false;
}

bool is_allowed_video(const Document& doc, NodeId n) {
  for (const Attr* a = doc.attrs_begin(n); a != doc.attrs_end(n); ++a)
    if (mentions_video(a->value)) return true;
  if (doc[n].tag == GUMBO_TAG_OBJECT) {
    for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n)) {
      if (doc.is_text(c) && mentions_video(doc[c].text)) return true;
      if (doc.is_element(c))
        for (const Attr* a = doc.attrs_begin(c); a != doc.attrs_end(c); ++a)
          if (mentions_video(a->value)) return true;
    }
  }
  return false;
}

bool Videos::allows_src(std::string_view written, std::string_view resolved) const {
  if (allowed_video(resolved)) return true;
  return extra_ && !resolved.empty() && ((*extra_)(written) || (*extra_)(resolved));
}

bool Videos::allows_embed(const Document& doc, NodeId n) const {
  if (is_allowed_video(doc, n)) return true;
  if (!extra_) return false;
  auto any_attribute = [&](NodeId e) {
    for (const Attr* a = doc.attrs_begin(e); a != doc.attrs_end(e); ++a)
      if ((*extra_)(a->value)) return true;
    return false;
  };
  if (any_attribute(n)) return true;
  // An <object>'s markup too (Readability tests its innerHTML): the
  // attributes and text inside.
  if (doc[n].tag == GUMBO_TAG_OBJECT) {
    for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n))
      if (doc.is_text(c) ? (*extra_)(doc[c].text) : doc.is_element(c) && any_attribute(c)) return true;
  }
  return false;
}

}  // namespace quietpage::rules::media
