#include "patterns.h"

#include <initializer_list>

#include "text.h"

namespace quietpage::patterns {
namespace {

using text::icontains;
using text::iequals;

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (icontains(s, w)) return true;
  return false;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool unlikely_candidate(std::string_view s) {
  return contains_any(s, {"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment",
                          "community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
                          "header", "legends", "menu", "related", "remark", "replies", "rss",
                          "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
                          "supplemental", "ad-break", "agegate", "pagination", "pager",
                          "popup", "yom-remote"});
}

bool maybe_candidate(std::string_view s) {
  return contains_any(s, {"and", "article", "body", "column", "content", "main", "shadow"});
}

bool positive(std::string_view s) {
  return contains_any(s, {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                          "page", "pagination", "post", "text", "blog", "story"});
}

bool negative(std::string_view s) {
  if (contains_any(s, {"-ad-", "banner", "combx", "comment", "com-", "contact",
                       "footer", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
                       "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
                       "sponsor", "shopping", "tags", "widget"}))
    return true;
  // "hid" and "hidden" only as whole class names: as parts of names they
  // are mostly modifiers ("field--label-hidden", "hidden-xs") on content.
  bool hidden = false;
  text::for_each_token(s, [&](std::string_view token) {
    hidden = hidden || iequals(token, "hid") || iequals(token, "hidden");
  });
  return hidden;
}

bool byline(std::string_view s) {
  return contains_any(s, {"byline", "author", "dateline", "writtenby", "p-author"});
}

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

bool allowed_video(std::string_view url) {
  for (size_t pos = url.find("//"); pos != std::string_view::npos; pos = url.find("//", pos + 1)) {
    std::string_view host = url.substr(pos + 2);
    if (text::istarts_with(host, "www.")) host.remove_prefix(4);
    for (std::string_view h : {"dailymotion.com", "youtube.com", "youtube-nocookie.com",
                               "player.vimeo.com", "v.qq.com", "archive.org",
                               "upload.wikimedia.org", "player.twitch.tv"})
      if (text::istarts_with(host, h)) return true;
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
