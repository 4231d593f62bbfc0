#include "patterns.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "text.h"

namespace quietpage::patterns {
namespace {

using text::iequals;

// Lowercase keywords, any of which may occur anywhere in a class/id string,
// ASCII case ignored. One pass over the string: only positions whose
// character starts some keyword are compared (no allocation, no folding).
class Keywords {
 public:
  Keywords(std::initializer_list<std::string_view> words) : words_(words) {
    // Words grouped by first character; a table of the two-character
    // starts rules out almost every position with one lookup.
    std::stable_sort(words_.begin(), words_.end(),
                     [](std::string_view a, std::string_view b) { return a[0] < b[0]; });
    for (size_t i = words_.size(); i-- > 0;) {
      const auto c = static_cast<unsigned char>(words_[i][0]);
      first_[c] = static_cast<uint8_t>(i);
      count_[c]++;
      starts_.set(pair(words_[i][0], words_[i][1]));
    }
  }

  bool found_in(std::string_view s) const {
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      const char c = text::lower(s[i]);
      if (!starts_.test(pair(c, text::lower(s[i + 1])))) continue;
      const auto u = static_cast<unsigned char>(c);
      for (size_t k = first_[u], end = first_[u] + count_[u]; k < end; ++k) {
        std::string_view w = words_[k];
        if (w.size() <= s.size() - i && iequals(s.substr(i, w.size()), w)) return true;
      }
    }
    return false;
  }

 private:
  static size_t pair(char a, char b) {
    return static_cast<size_t>(static_cast<unsigned char>(a)) << 8 | static_cast<unsigned char>(b);
  }
  std::vector<std::string_view> words_;  // every word has at least two characters
  std::array<uint8_t, 256> first_{};
  std::array<uint8_t, 256> count_{};
  std::bitset<65536> starts_;
};

const Keywords kUnlikelyCandidate{
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote"};
const Keywords kMaybeCandidate{"and", "article", "body", "column", "content", "main", "shadow"};
const Keywords kPositive{"article", "body", "content", "entry", "hentry", "h-entry", "main",
                         "page", "pagination", "post", "text", "blog", "story"};
const Keywords kNegative{"-ad-", "banner", "combx", "comment", "com-", "contact", "footer",
                         "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related",
                         "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
                         "shopping", "tags", "widget"};
const Keywords kByline{"byline", "author", "dateline", "writtenby", "p-author"};
const Keywords kLeadName{"lead", "intro", "teaser", "standfirst", "summary", "excerpt", "subtitle",
                         "subline", "abstract", "chapo", "chapeau", "deck", "dek", "kicker-text",
                         "description", "descr", "vorspann", "anriss"};
// Substrings of every hiding class heuristics.cc knows (see has_hidden_class).
const Keywords kMaybeHidden{"hidden", "d-none", "display-none", "visuallyhidden", "sr-only",
                            "screen-reader-text", "screenreader-only", "hide", "invisible"};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool unlikely_candidate(std::string_view s) { return kUnlikelyCandidate.found_in(s); }

bool maybe_candidate(std::string_view s) { return kMaybeCandidate.found_in(s); }

bool positive(std::string_view s) { return kPositive.found_in(s); }

bool negative(std::string_view s) {
  if (kNegative.found_in(s)) return true;
  // "hid" and "hidden" only as whole class names: as parts of names they
  // are mostly modifiers ("field--label-hidden", "hidden-xs") on content.
  bool hidden = false;
  text::for_each_token(s, [&](std::string_view token) {
    hidden = hidden || iequals(token, "hid") || iequals(token, "hidden");
  });
  return hidden;
}

bool byline(std::string_view s) { return kByline.found_in(s); }
bool lead_name(std::string_view s) { return kLeadName.found_in(s); }
bool maybe_hidden_class(std::string_view classes) { return kMaybeHidden.found_in(classes); }

bool share_element(std::string_view s) {
  for (size_t pos = text::ifind(s, "share"); pos != std::string_view::npos;
       pos = text::ifind(s, "share", pos + 1)) {
    bool left = pos == 0 || !is_word_char(s[pos - 1]) || s[pos - 1] == '_';
    if (!left) continue;
    for (std::string_view word : {std::string_view("share"), std::string_view("sharedaddy")}) {
      if (!text::istarts_with(s.substr(pos), word)) continue;
      size_t end = pos + word.size();
      if (end == s.size() || !is_word_char(s[end]) || s[end] == '_') return true;
    }
  }
  return false;
}

bool ad_words(std::string_view t) {
  std::string lower = text::lower_utf8(t);
  for (std::string_view w : {"ad", "advertising", "advertisement", "pub", "publicité", "werb",
                             "werbung", "广告", "реклама", "anuncio"})
    if (lower == w) return true;
  return false;
}

bool loading_words(std::string_view t) {
  std::string lower = text::lower_utf8(t);
  for (std::string_view w : {"loading", "正在加载", "загрузка", "chargement", "cargando"}) {
    if (lower.compare(0, w.size(), w) != 0) continue;
    std::string_view rest = std::string_view(lower).substr(w.size());
    if (rest.empty() || rest == "…" || rest == "...") return true;
  }
  return false;
}

namespace {
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

bool allowed_video(std::string_view url) {
  url = text::trim(url);
  if (text::istarts_with(url, "https://")) url.remove_prefix(8);
  else if (text::istarts_with(url, "http://")) url.remove_prefix(7);
  else if (url.substr(0, 2) == "//") url.remove_prefix(2);
  else return false;
  std::string_view host = url.substr(0, url.find_first_of("/?#\\"));
  if (host.find('@') != std::string_view::npos) return false;  // user@host: confusing, refuse
  return is_video_host(host.substr(0, host.find(':')));
}

bool mentions_video(std::string_view s) {
  for (size_t pos = s.find("//"); pos != std::string_view::npos; pos = s.find("//", pos + 1)) {
    if (allowed_video(s.substr(pos))) return true;
  }
  return false;
}

bool unlikely_role(std::string_view role) {
  for (std::string_view r : {"menu", "menubar", "complementary", "navigation", "alert",
                             "alertdialog", "dialog"})
    if (role == r) return true;
  return false;
}

bool json_ld_article_type(std::string_view type) {
  // Readability's pattern anchors only its first and last alternatives; keep
  // the same meaning so both accept the same pages.
  if (type.substr(0, 7) == "Article") return true;
  if (type.size() >= 12 && type.substr(type.size() - 12) == "APIReference") return true;
  for (std::string_view t : {"AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
                             "AskPublicNewsArticle", "BackgroundNewsArticle",
                             "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
                             "Report", "SatiricalArticle", "ScholarlyArticle",
                             "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
                             "LiveBlogPosting", "DiscussionForumPosting", "TechArticle"})
    if (type.find(t) != std::string_view::npos) return true;
  return false;
}

}  // namespace quietpage::patterns
