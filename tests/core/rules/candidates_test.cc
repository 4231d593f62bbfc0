#include <doctest/doctest.h>

#include <string>

#include "rules/candidates.h"
#include "rules/flags.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::candidates;
using quietpage::rules::kWeightClasses;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("candidates: names that raise a block, and the class weight") {
  CHECK(positive("entry-content"));
  CHECK_FALSE(positive("sidebar"));
  auto p = parse_doc("<div id=comment-list></div><div id=x class=comment-list></div>"
                     "<div id=article-body></div><div id=y class=article-body></div>"
                     "<div id=main-story class=comment-list></div><div id=neutral></div>"
                     "<svg><g id=svg class=article-body></g></svg>");
  const Document& doc = *p.doc;
  // Each of class and id counts, negative and positive alike.
  CHECK(class_weight(doc, by_id(doc, "comment-list"), kWeightClasses) == -kNameWeight);
  CHECK(class_weight(doc, by_id(doc, "x"), kWeightClasses) == -kNameWeight);
  CHECK(class_weight(doc, by_id(doc, "article-body"), kWeightClasses) == kNameWeight);
  CHECK(class_weight(doc, by_id(doc, "y"), kWeightClasses) == kNameWeight);
  // A negative class and a positive id cancel out (each counted, as above).
  CHECK(class_weight(doc, by_id(doc, "main-story"), kWeightClasses) == 0);
  CHECK(class_weight(doc, by_id(doc, "neutral"), kWeightClasses) == 0);
  // Without the flag, or on foreign elements, names weigh nothing.
  CHECK(class_weight(doc, by_id(doc, "comment-list"), 0) == 0);
  CHECK(class_weight(doc, by_id(doc, "svg"), kWeightClasses) == 0);
}

TEST_CASE("candidates: initial scores by tag, names and itemprop=articleBody") {
  auto p = parse_doc("<div id=d></div><pre id=pre></pre><ul id=ul></ul><h2 id=h></h2><span id=s></span>"
                     "<div id=c class=content></div><div id=m itemprop=articleBody></div>");
  const Document& doc = *p.doc;
  CHECK(initial_score(doc, by_id(doc, "d"), kWeightClasses) == 5);
  CHECK(initial_score(doc, by_id(doc, "pre"), kWeightClasses) == 3);
  CHECK(initial_score(doc, by_id(doc, "ul"), kWeightClasses) == -3);
  CHECK(initial_score(doc, by_id(doc, "h"), kWeightClasses) == -5);
  CHECK(initial_score(doc, by_id(doc, "s"), kWeightClasses) == 0);
  CHECK(initial_score(doc, by_id(doc, "c"), kWeightClasses) == 5 + kNameWeight);
  CHECK(initial_score(doc, by_id(doc, "m"), kWeightClasses) == 5 + kArticleBodyWeight);
  CHECK(initial_score(doc, by_id(doc, "m"), 0) == 5);
}

TEST_CASE("candidates: paragraph points and how ancestors share them") {
  Document::TextStats short_one{30, 0};
  CHECK(paragraph_points(short_one) == 2);  // one for the paragraph, one for its single piece
  Document::TextStats long_one{450, 4};
  CHECK(paragraph_points(long_one) == 1 + 5 + kMaxLengthPoints);  // length points stop at 3
  CHECK(ancestor_divider(0) == 1);
  CHECK(ancestor_divider(1) == 2);
  CHECK(ancestor_divider(2) == 6);
  CHECK(ancestor_divider(4) == 12);
}

TEST_CASE("candidates: what is scored, what is empty, which div is its paragraph") {
  CHECK(scores_text(GUMBO_TAG_P));
  CHECK(scores_text(GUMBO_TAG_TD));
  CHECK_FALSE(scores_text(GUMBO_TAG_H1));
  CHECK_FALSE(scores_text(GUMBO_TAG_DIV));
  auto p = parse_doc("<div id=e><br></div><h3 id=h> </h3><p id=p></p>"
                     "<div id=w><p>One paragraph of text, with no links at all in it.</p></div>"
                     "<div id=l><p><a href=/x>A paragraph that is one long link to elsewhere</a></p></div>"
                     "<main id=m></main><div id=r role=main></div>");
  const Document& doc = *p.doc;
  CHECK(is_empty_block(doc, by_id(doc, "e")));
  CHECK(is_empty_block(doc, by_id(doc, "h")));
  CHECK_FALSE(is_empty_block(doc, by_id(doc, "p")));  // paragraphs are not dropped here
  CHECK(is_paragraph_wrapper(doc, by_id(doc, "w")));
  CHECK_FALSE(is_paragraph_wrapper(doc, by_id(doc, "l")));
  CHECK(is_main(doc, by_id(doc, "m")));
  CHECK(is_main(doc, by_id(doc, "r")));
  CHECK_FALSE(is_main(doc, by_id(doc, "e")));
}

TEST_CASE("candidates: siblings join by score, class or as sentences") {
  CHECK(sibling_threshold(100) == doctest::Approx(20));
  CHECK(sibling_threshold(10) == doctest::Approx(kMinSiblingScore));
  CHECK(same_class_bonus(100) == doctest::Approx(20));
  auto p = parse_doc("<p id=long>" + std::string(90, 'x') + "</p><p id=short>A short sentence. </p>"
                     "<p id=label>A short label</p><p id=linked><a href=/x>A short sentence.</a></p>");
  const Document& doc = *p.doc;
  CHECK(sibling_paragraph_joins(doc, by_id(doc, "long")));
  CHECK(sibling_paragraph_joins(doc, by_id(doc, "short")));
  CHECK_FALSE(sibling_paragraph_joins(doc, by_id(doc, "label")));
  CHECK_FALSE(sibling_paragraph_joins(doc, by_id(doc, "linked")));
  CHECK(keeps_tag_when_appended(GUMBO_TAG_SECTION));
  CHECK_FALSE(keeps_tag_when_appended(GUMBO_TAG_TD));
}

TEST_CASE("candidates: repeated blocks hold prose, not links") {
  auto p = parse_doc("<div id=a><p>" + std::string(120, 'x') + "</p></div><div id=b><p>short</p></div>"
                     "<div id=c><p><a href=/x>" + std::string(120, 'x') + "</a></p></div>");
  const Document& doc = *p.doc;
  CHECK(is_prose_block(doc, by_id(doc, "a")));
  CHECK_FALSE(is_prose_block(doc, by_id(doc, "b")));
  CHECK_FALSE(is_prose_block(doc, by_id(doc, "c")));
}
