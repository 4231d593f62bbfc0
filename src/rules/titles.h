// Titles: the article's title from the page's <title> (cleaned of site
// names and section trails, after Readability's _getArticleTitle), how alike
// two titles are, and the headings that repeat the title.
#pragma once

#include <array>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>
#include <string_view>

#include "dom.h"

namespace quietpage::rules::titles {

// The page title (<title>), cleaned of site names and section trails.
std::string article_title(const Document& doc);
// Readability's numbers for it:
// a part of the title with fewer words than this is no title on its own
// (the part after the first separator, or after the first colon, is used);
constexpr size_t kMinTitleWords = 3;
// a "Topic: Title" whose topic has more words than this is one title;
constexpr size_t kMaxTopicWords = 5;
// a <title> without separators shorter or longer than this is replaced by
// the page's only <h1> (a site name, or a whole sentence);
constexpr size_t kMinTitleLength = 15;
constexpr size_t kMaxTitleLength = 150;
// a cleaned title of at most this many words is likely a fragment: the whole
// <title> is kept, unless only a hierarchical separator ("»") was removed.
constexpr size_t kMaxFragmentWords = 4;

// 1 when b's words all occur in a, toward 0 as b adds new words.
double text_similarity(std::string_view a, std::string_view b);
// The same with `a` as similarity_tokens(a): for one text compared with many.
double text_similarity(const std::vector<std::string>& a_tokens, std::string_view b);
// The same with `b` already lowercased (text::lower_utf8(b)).
double similarity_to_lower(const std::vector<std::string>& a_tokens, std::string_view lower_b);
// similarity_to_lower() to two token lists, b's words read once; a null list
// is not compared (0).
std::array<double, 2> similarity_to_lower(const std::vector<std::string>* a_tokens,
                                          const std::vector<std::string>* c_tokens, std::string_view lower_b);
// The lowercase words text_similarity() compares.
std::vector<std::string> similarity_tokens(std::string_view text);
// similarity_tokens() with a digest of them, read once for a text compared
// with many (the judge's blocks): the same similarity_to_lower().
struct SimilarityTokens {
  std::vector<std::string> tokens;
  uint64_t bits = 0;
};
SimilarityTokens similarity_token_set(std::string_view text);
std::array<double, 2> similarity_to_lower(const SimilarityTokens* a_tokens, const SimilarityTokens* c_tokens,
                                          std::string_view lower_b);
// Two titles are the same when more similar than this (a heading that
// repeats the title, a JSON-LD name or headline that matches the <title>).
constexpr double kTitleSimilarity = 0.75;

// An attempt whose article root is where the heading that repeats the title
// was (near it: extract.cc) and that found at least this much text (a
// sentence) ranks above longer ones found elsewhere: a short post (a video
// or a picture and its line) is next to its title, an "About me" box is not.
// (An <h3> that repeats the title marks the place too, and stays: blog
// themes title their posts with one.)
constexpr size_t kMinTextNearTitle = 50;

// An <h1>-<h3> that marks where the title is: an <h3> that repeats it, or a
// heading whose words hold all of a title of kMinTitleWords or more ("Video
// trailer: Saluting the men" under the <title> "Saluting the men").
bool marks_title(const Document& doc, NodeId n, const std::string& title);
// An <h1> or <h2> that repeats `title`: it goes before scoring (the title is
// shown separately).
bool header_duplicates_title(const Document& doc, NodeId n, const std::string& title);
// The article's header: it holds the headline (an <h1>, or a heading that
// repeats the title).
bool holds_headline(const Document& doc, NodeId n, const std::string& title);

}  // namespace quietpage::rules::titles
