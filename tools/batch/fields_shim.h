// TEMPORARY: quietpage.h's field lists (QUIETPAGE_OPTIONS,
// QUIETPAGE_ARTICLE_FIELDS) as the `rules` branch declares them, for main
// until that branch lands; then this file goes and quietpage.h provides them.
#pragma once

#include "quietpage.h"

#ifndef QUIETPAGE_ARTICLE_FIELDS
#define QUIETPAGE_OPTIONS(X)                                         \
  X(std::string, url, "url", "")                                     \
  X(uint32_t, char_threshold, "charThreshold", 500)                  \
  X(uint32_t, top_candidates, "nbTopCandidates", 5)                  \
  X(size_t, max_input_bytes, "maxInputBytes", 64u * 1024 * 1024)     \
  X(size_t, max_elements, "maxElements", 2'000'000)                  \
  X(uint32_t, max_depth, "maxDepth", 512)                            \
  X(uint32_t, max_attributes, "maxAttributes", 1000)                 \
  X(size_t, max_memory_bytes, "maxMemoryBytes", 1024u * 1024 * 1024) \
  X(size_t, max_output_bytes, "maxOutputBytes", 64u * 1024 * 1024)   \
  X(bool, markdown, "markdown", false)

#define QUIETPAGE_READERABLE_OPTIONS(X)                    \
  X(uint32_t, min_content_length, "minContentLength", 140) \
  X(double, min_score, "minScore", 20)

#define QUIETPAGE_ARTICLE_FIELDS(X)                                    \
  X(std::string, title, "title", kText, kReadability)                  \
  X(std::string, byline, "byline", kText, kReadability)                \
  X(std::string, dir, "dir", kText, kReadability)                      \
  X(std::string, lang, "lang", kText, kReadability)                    \
  X(std::string, content, "content", kHtml, kReadability)              \
  X(std::string, text_content, "textContent", kLongText, kReadability) \
  X(std::string, excerpt, "excerpt", kText, kReadability)              \
  X(std::string, site_name, "siteName", kText, kReadability)           \
  X(std::string, published_time, "publishedTime", kText, kReadability) \
  X(std::string, author, "author", kText, kBeyond)                     \
  X(std::string, modified_time, "modifiedTime", kText, kBeyond)        \
  X(std::string, lead_image, "leadImage", kText, kBeyond)              \
  X(std::string, canonical_url, "canonicalUrl", kText, kBeyond)        \
  X(size_t, word_count, "wordCount", kCount, kBeyond)                  \
  X(unsigned, reading_minutes, "readingTime", kCount, kBeyond)         \
  X(std::string, markdown, "markdown", kLongText, kBeyond)

namespace quietpage {
enum class FieldKind { kText, kLongText, kHtml, kCount };
enum class FieldGroup { kReadability, kBeyond };
template <typename A, typename Fn>
void for_each_article_field(A& article, Fn&& fn) {
#define QUIETPAGE_VISIT_FIELD(type, name, js_name, kind, group) \
  fn(js_name, FieldKind::kind, FieldGroup::group, article.name);
  QUIETPAGE_ARTICLE_FIELDS(QUIETPAGE_VISIT_FIELD)
#undef QUIETPAGE_VISIT_FIELD
}
}  // namespace quietpage
#endif
