#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "metadata.h"
#include "quietpage.h"
#include "rules/fitted.h"
#include "test_util.h"
#include "text.h"

using namespace quietpage;
using namespace quietpage::rules::fitted;
using testing::by_id;
using testing::parse_doc;
using testing::prose;

namespace {

// The blocks of <body> (standing in for a chosen article).
std::vector<Block> blocks_of(const Document& doc, const Metadata& metadata = {}) {
  return article_blocks(doc, doc.body(), metadata);
}

const Block& block_with(const std::vector<Block>& blocks, std::string_view start) {
  for (const Block& b : blocks)
    if (b.text.compare(0, start.size(), start) == 0) return b;
  FAIL("no block starts with " << start);
  return blocks.front();
}

}  // namespace

TEST_CASE("fitted: the generated weights fit the features declared in fitted.h") {
  // npm run fit regenerates fitted_weights.h whenever the feature lists change.
  CHECK(weights_match_features());
  const Models& m = fitted_models();
  double sum = std::fabs(m.block.bias);
  for (double w : m.block.weights) sum += std::fabs(w);
  CHECK(sum > 0);
}

TEST_CASE("fitted: blocks are the paragraphs of the text; tables, code and figures are kept whole") {
  auto p = parse_doc("<div><p>One " + prose(1) + "</p><ul><li>first</li><li>second <b>item</b></li></ul>"
                     "<table><tr><td>cell</td></tr></table><pre>code</pre>"
                     "<figure><img src=a.jpg><figcaption>A caption</figcaption></figure>"
                     "<div>Loose text<p>inner paragraph</p></div></div>");
  std::vector<Block> blocks = blocks_of(*p.doc);
  std::vector<std::string> texts;
  for (const Block& b : blocks) texts.push_back(b.text);
  CHECK(texts == std::vector<std::string>{"One " + std::string(text::trim(prose(1))), "first", "second item",
                                          "inner paragraph"});
}

TEST_CASE("fitted: what the features read") {
  Metadata metadata;
  metadata.title = "Tide gauges show the harbour rising";
  auto p = parse_doc(
      "<h1>Tide gauges show the harbour rising</h1><p>March 4, 2024</p>"
      "<p>" + prose(4) + "</p><p><strong>SEE MORE:</strong> <a href=/x>Pier repairs delayed</a></p>"
      "<p>" + prose(3) + "</p><p class=credit>Photo: Jane Roe</p><p>Updated at 3:15 pm</p>"
      "<p>© 2024 The Courier. All rights reserved.</p>");
  std::vector<Block> blocks = blocks_of(*p.doc, metadata);
  REQUIRE(blocks.size() == 8);
  const Block& title = block_with(blocks, "Tide");
  CHECK(title.features[kBlock_tag_heading_major] == 1);
  CHECK(title.features[kBlock_title_similarity] > 0.9);
  CHECK(title.features[kBlock_before_prose] == 1);
  const Block& date = block_with(blocks, "March");
  CHECK(date.features[kBlock_text_date] == 1);
  const Block& paragraph = block_with(blocks, "Words");
  CHECK(paragraph.features[kBlock_is_prose] == 1);
  CHECK(paragraph.features[kBlock_ends_like_sentence] == 1);
  CHECK(paragraph.features[kBlock_stopword_share] > 0.2);
  const Block& promo = block_with(blocks, "SEE MORE");
  CHECK(promo.features[kBlock_text_related] == 1);
  CHECK(promo.features[kBlock_link_density] > 0.5);
  CHECK(promo.features[kBlock_is_prose] == 0);
  CHECK(block_with(blocks, "Photo").features[kBlock_text_credit] == 1);
  CHECK(block_with(blocks, "Photo").features[kBlock_name_credit] == 1);
  CHECK(block_with(blocks, "Updated").features[kBlock_text_updated] == 1);
  CHECK(block_with(blocks, "Updated").features[kBlock_text_time] == 1);
  CHECK(block_with(blocks, "Updated").features[kBlock_after_prose] == 1);
  CHECK(block_with(blocks, "©").features[kBlock_text_copyright] == 1);
  // Without a JSON-LD article body the overlap with it is unknown (-1).
  CHECK(paragraph.features[kBlock_in_json_ld_body] == -1);
}

TEST_CASE("fitted: the page's JSON-LD article body marks its own blocks") {
  Metadata metadata;
  metadata.article_body = "The harbour rose four centimetres in ten years, the engineers said.";
  auto p = parse_doc("<p>The harbour rose four centimetres in ten years, the engineers said.</p>"
                     "<p>Subscribe to our newsletter for more stories like this one.</p>");
  std::vector<Block> blocks = blocks_of(*p.doc, metadata);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].features[kBlock_in_json_ld_body] == 1);
  CHECK(blocks[1].features[kBlock_in_json_ld_body] == 0);
}

TEST_CASE("fitted: text without spaces reads as prose, not as a label") {
  auto p = parse_doc("<p>人工智能迈上新台阶，新电脑已可利用记忆自学，研究人员表示这是一个重要的进展。</p>");
  std::vector<Block> blocks = blocks_of(*p.doc);
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].features[kBlock_stopword_share] > 0.2);
  CHECK(blocks[0].features[kBlock_log_words] > std::log1p(20));
}

TEST_CASE("fitted: what a reader needs is never dropped block by block") {
  auto p = parse_doc("<p id=m>See the chart <img src=chart.png></p><figure><img src=a.jpg>"
                     "<figcaption>Read more in the caption</figcaption></figure>"
                     "<ul><li><a href='#one'>One</a></li></ul><p>Read more <a href=/x>elsewhere</a></p>");
  std::vector<Block> blocks = blocks_of(*p.doc);
  CHECK(kept_for_reader(block_with(blocks, "See the chart")));
  // A figure is never a block: its caption goes with it, whatever it says.
  for (const Block& b : blocks) CHECK(b.text.find("caption") == std::string::npos);
  CHECK(kept_for_reader(block_with(blocks, "One")));
  CHECK_FALSE(kept_for_reader(block_with(blocks, "Read more elsewhere")));
  CHECK(is_judged(block_with(blocks, "Read more elsewhere")));
}

TEST_CASE("fitted: probabilities and the model's arithmetic") {
  CHECK(probability(0) == doctest::Approx(0.5));
  CHECK(probability(10) > 0.99);
  CHECK(probability(-10) < 0.01);
  Model<2> m;
  m.bias = 1;
  m.weights[0] = 2;
  m.weights[1] = -3;
  const double x[2] = {1, 1};
  CHECK(m.logit(x) == doctest::Approx(0));
}

TEST_CASE("fitted: an article longer than the judge reads has no blocks, and is readerable by Readability's rule") {
  std::string html;
  const std::string paragraph = "<p>" + prose(4) + "</p>";  // longer than Readability's 140 characters
  for (size_t i = 0; i <= kMaxJudgedBlocks; ++i) html += paragraph;
  auto p = parse_doc(html);
  CHECK(blocks_of(*p.doc).empty());
  CHECK(is_probably_readerable(html, ReaderableOptions{}));
}
