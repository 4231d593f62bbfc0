// Fitted judgements (quietpage): two questions whose weights are chosen by
// measurement on the development corpora rather than by hand.
//
//  - Is this block of the chosen article part of the article? A block is a
//    paragraph of the text (p, li, h1-h6, a div of text, a caption...). Its
//    features measure what the hand-written rules look at — length, links,
//    punctuation, position before, inside or after the article's run of
//    prose, the names of its ancestors, the words of the other concepts
//    (credits, calls to action, link-list headings, ad labels, bylines and
//    dates) — and a logistic regression weighs them. The judge stage
//    (judge.cc) narrows the article to the subtree its blocks vote for and
//    drops short or link-heavy blocks voted out.
//  - Did the extraction find an article? The same kind of model over the
//    whole article's figures answers isProbablyReaderable.
//
// The weights are generated (fitted_weights.h, by scripts/quality/fit.py from
// `corpus_runner --features` over the three corpora of ../shared; npm run
// fit); everything a weight multiplies is computed here, and the thresholds
// that turn a probability into a decision are named below.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "dom.h"

namespace quietpage {
struct Metadata;
}

namespace quietpage::rules::fitted {

// --- Features ---------------------------------------------------------------------

// Block features, in the order the weights use (names printed by
// corpus_runner --features and read by fit.py).
#define QUIETPAGE_BLOCK_FEATURES(X)                                                              \
  X(tag_p) X(tag_heading_major) X(tag_heading_minor) X(tag_li) X(tag_div) X(tag_blockquote)      \
  X(tag_caption) X(tag_dl)                                                                       \
  X(log_chars) X(log_words) X(link_density) X(links) X(images)                                   \
  X(ends_like_sentence) X(sentences) X(comma_rate) X(digit_share) X(upper_share) X(all_caps)     \
  X(mean_word_length) X(separators) X(ends_with_colon) X(title_case_share) X(stopword_share)     \
  X(starts_with_link) X(arrows)                                                                  \
  X(position) X(chars_before) X(chars_after) X(is_first) X(is_last) X(share_of_article)          \
  X(is_prose) X(before_prose) X(after_prose) X(log_blocks_from_prose) X(log_chars_from_prose)    \
  X(prev_log_chars) X(prev_link_density) X(prev_heading)                                         \
  X(next_log_chars) X(next_link_density) X(next_heading) X(same_shape_neighbours)                \
  X(in_list) X(list_items) X(list_link_density) X(in_figure) X(in_table) X(in_chrome) X(depth)   \
  X(group_log_blocks) X(group_share) X(group_link_density) X(group_mean_log_chars)               \
  X(name_negative) X(name_positive) X(name_unlikely) X(name_byline) X(name_boilerplate)          \
  X(name_credit) X(name_ad) X(name_caption)                                                      \
  X(text_related) X(text_promo) X(text_credit) X(text_ad) X(text_byline) X(text_date)            \
  X(text_time) X(text_updated) X(text_copyright) X(text_citation) X(text_contact)                \
  X(text_gallery)                                                                                \
  X(title_similarity) X(duplicate) X(in_json_ld_body) X(in_description)

// Page features: the article as a whole, and the page around it.
#define QUIETPAGE_PAGE_FEATURES(X)                                                               \
  X(log_chars) X(log_blocks) X(log_prose_blocks) X(log_longest_block)                            \
  X(prose_share) X(link_density) X(list_share) X(table_share) X(log_headings)                    \
  X(stopword_share) X(comma_rate) X(share_of_page) X(log_page_links)                             \
  X(json_ld_article) X(has_article_body) X(has_byline) X(has_published_time) X(classic_score)

enum BlockFeature : int {
#define QUIETPAGE_ENUM(name) kBlock_##name,
  QUIETPAGE_BLOCK_FEATURES(QUIETPAGE_ENUM)
#undef QUIETPAGE_ENUM
      kBlockFeatureCount
};
enum PageFeature : int {
#define QUIETPAGE_ENUM(name) kPage_##name,
  QUIETPAGE_PAGE_FEATURES(QUIETPAGE_ENUM)
#undef QUIETPAGE_ENUM
      kPageFeatureCount
};
extern const char* const kBlockFeatureNames[kBlockFeatureCount];
extern const char* const kPageFeatureNames[kPageFeatureCount];

struct Block {
  NodeId node = kNoNode;
  std::string text;  // trimmed, whitespace collapsed
  size_t length = 0;  // UTF-16 units of text
  // What a reader needs whatever the model says (kept_for_reader()).
  bool holds_media = false;      // an image, video or embed inside
  bool in_figure = false;        // a caption, or text inside a <figure>
  bool in_page_links = false;    // its links all lead within the page ("#...")
  double features[kBlockFeatureCount] = {};
};

// A block starts a paragraph of the text and holds text, and no other
// element inside it does. Tables, <pre> and figures are never blocks: they
// are kept whole.
bool starts_paragraph(Tag tag);
bool is_kept_whole(Tag tag);

// The article's blocks in document order, with their features; none for an
// article of more than kMaxJudgedBlocks blocks (`too_many`, when given, says so).
std::vector<Block> article_blocks(const Document& doc, NodeId article, const Metadata& metadata,
                                  bool* too_many = nullptr);
// An article of more blocks than this (a book, a dump of records) is not
// judged: a page's chrome is not what makes it long, and each block's
// features take about 0.7 KB.
constexpr size_t kMaxJudgedBlocks = 20000;

// What isProbablyReaderable's model reads of an extraction: the article's
// blocks, the page's <body>, the metadata; `classic_score` is
// Readability-readerable's paragraph score of the page (readerable.cc), as
// log(1 + score) - log(1 + min_score): above 0 when Readability says yes.
struct PageFeatures {
  double values[kPageFeatureCount] = {};
};
PageFeatures page_features(const Document& doc, NodeId article, const std::vector<Block>& blocks,
                           const Metadata& metadata, double page_chars,
                           size_t page_links, double classic_score);

// --- Models ----------------------------------------------------------------------

// A logistic regression in raw feature units: z = bias + sum(w[i] * x[i]).
template <int N>
struct Model {
  double bias = 0;
  double weights[N] = {};
  double logit(const double* x) const {
    double z = bias;
    for (int i = 0; i < N; ++i) z += weights[i] * x[i];
    return z;
  }
};
using BlockModel = Model<kBlockFeatureCount>;
using PageModel = Model<kPageFeatureCount>;
struct Models {
  BlockModel block;
  PageModel page;
  // The decisions' thresholds (below), here so that fit.py's measurements
  // can try others through corpus_runner --weights.
  double drop_below;
  double narrow_margin;
  double readerable_from;
};
// The fitted weights (fitted_weights.h), or none (every block kept, every
// article trusted) when they were fitted on other features.
const Models& fitted_models();
bool weights_match_features();

// --- Decisions ---------------------------------------------------------------------

// p(content) = 1 / (1 + exp(-logit)).
double probability(double logit);

// Only blocks this short, or this linky, are dropped one by one: a long
// paragraph of prose with few links is the article's, whatever else it shows.
constexpr size_t kJudgedMaxLength = 200;
constexpr double kJudgedMinLinkDensity = 0.5;
bool is_judged(const Block& block);
// Never dropped one by one, whatever the model says: blocks holding media
// (the article's own pictures), captions (they stay with their figures),
// list items and a description list's terms and details (a short item is
// part of its list: "Cost" / "$12 million"), in-page navigation (a table of
// contents, footnote links) and a heading right before it (the judge's
// caller checks the next block).
bool kept_for_reader(const Block& block);
// A judged block goes when its probability of being content is below this.
constexpr double kDropBelow = 0.4;

// The article narrows to the subtree whose blocks vote for it most (each
// block votes its length times 2p - 1) when that subtree's vote beats the
// whole article's by more than this fraction of the article's text: the
// article was chosen with its sidebars or comments around it.
constexpr double kNarrowMargin = 0.0;
// ...and never to a subtree holding less than this fraction of the
// article's prose (a paragraph or two of a long article is not it).
constexpr double kNarrowMinProseShare = 0.3;

// Judging never leaves less than this fraction of the article's text (a
// page the model misreads keeps what the extraction found).
constexpr double kMinKeptShare = 0.25;

// Readability's paragraph score (a page feature) is counted up to this:
// beyond it a page has plainly enough paragraph text.
constexpr double kClassicScoreCap = 1000;

// An article with more of its text in links than this is a directory of
// links (a home page, a list of headlines), whatever else the model reads.
constexpr double kMaxReaderableLinkDensity = 0.5;

// isProbablyReaderable says yes from this probability that the extraction
// found the article.
constexpr double kReaderableFrom = 0.5;

}  // namespace quietpage::rules::fitted
