// Candidates: which blocks may hold the article and how they score, after
// Readability's algorithm (its numbers unless a comment says "quietpage").
// Paragraph-like blocks earn points for their commas and length and pass
// them on to their ancestors; a candidate starts from its tag and the
// weight of its class/id names; the best candidate, an ancestor several top
// candidates have in common, and the siblings that look like more of it make the
// article. Names that weigh against a block are boilerplate's (boilerplate.h).
#pragma once

#include <cstddef>
#include <string_view>

#include "dom.h"

namespace quietpage::rules::candidates {

// --- Names --------------------------------------------------------------------

// class/id that raise (+25) a block's score.
bool positive(std::string_view name);
// +25 (positive) and -25 (boilerplate::negative) for each of class and id,
// when the attempt's flags weigh classes (rules::kWeightClasses); 0 for
// foreign (SVG, MathML) elements.
constexpr int kNameWeight = 25;
int class_weight(const Document& doc, NodeId n, unsigned flags);
// (quietpage) itemprop="articleBody" weighs like a positive class name.
constexpr int kArticleBodyWeight = 25;
// (quietpage) The page's <main> or role="main": with exactly one on the
// page, candidates that are neither inside it nor around it are outside the
// page's main content and keep this fraction of their score.
bool is_main(const Document& doc, NodeId n);
constexpr double kOutsideMainFactor = 0.5;

// --- Before scoring -------------------------------------------------------------

// Blocks whose text is scored: section, h2-h6, p, td, pre (and the <div>s
// that become paragraphs).
bool scores_text(Tag tag);
// An empty div, section, header or heading: it goes before scoring.
bool is_empty_block(const Document& doc, NodeId n);
// A <div> around a single paragraph is that paragraph, when less linky than
// this.
constexpr double kSingleParagraphMaxLinkDensity = 0.25;
bool is_paragraph_wrapper(const Document& doc, NodeId div);

// --- Scores ---------------------------------------------------------------------

// Paragraphs shorter than this (characters) are not scored.
constexpr size_t kMinParagraphLength = 25;
// Each 100 characters add a point, up to 3.
constexpr size_t kCharsPerPoint = 100;
constexpr double kMaxLengthPoints = 3;
// A paragraph's points: one for being one, one per comma plus one (as
// splitting on commas counts pieces), one per kCharsPerPoint characters up
// to kMaxLengthPoints.
double paragraph_points(const Document::TextStats& stats);
// How many ancestors of a paragraph receive its points, and what they are
// divided by: the parent gets them all, the grandparent half, older
// ancestors level*3-th.
constexpr int kScoredAncestorLevels = 5;
double ancestor_divider(int level);
// A candidate's score before any paragraph adds to it: its tag (div +5,
// pre/td/blockquote +3, lists and forms -3, headings -5) and its names.
float initial_score(const Document& doc, NodeId n, unsigned flags);
// After scoring, a candidate keeps the fraction of its score that is not
// link text: score * (1 - link density).

// --- The top candidate ------------------------------------------------------------

// The best candidate's ancestor wins when it contains this many of the other
// top candidates that score at least kCloseScoreRatio of the best.
constexpr size_t kMinimumTopCandidates = 3;
constexpr double kCloseScoreRatio = 0.75;
// Climbing from the winner, an ancestor scoring above the winner wins
// instead; the climb stops at one scoring below the winner's score divided
// by this.
constexpr float kClimbScoreDivisor = 3;

// --- Siblings -----------------------------------------------------------------------

// Siblings join the article when they score above this fraction of the
// winner's score (and above kMinSiblingScore); a sibling with the winner's
// class gets the same fraction as a bonus.
constexpr double kSiblingScoreRatio = 0.2;
constexpr double kMinSiblingScore = 10;
double sibling_threshold(double top_score);
double same_class_bonus(double top_score);
// A sibling paragraph joins when longer than this and not linky, or
// shorter, link-free and ending a sentence.
constexpr size_t kSiblingParagraphLength = 80;
constexpr double kSiblingMaxLinkDensity = 0.25;
bool sibling_paragraph_joins(const Document& doc, NodeId p);
// Tags a joining sibling keeps; anything else (td, form...) becomes a div
// so that cleaning doesn't drop it by accident.
bool keeps_tag_when_appended(Tag tag);

// (quietpage) An article cut into repeated blocks. Some layouts split the
// article into sibling blocks of one kind (<div class="text-block"> again and
// again, each with its own wrappers), so the winner is the inside of one
// block and its siblings, one level down, see nothing of the others. When an
// ancestor of the winner, up to this many levels up, has siblings of its
// exact class that hold prose, gathering happens at that level instead.
constexpr int kRepeatedBlockSearchLevels = 4;
// A sibling block counts when its paragraphs hold this much text and it is
// not a list of links (teasers of other articles).
constexpr size_t kRepeatedBlockMinProse = 100;
constexpr double kRepeatedBlockMaxLinkDensity = 0.3;
bool is_prose_block(const Document& doc, NodeId n);

// (quietpage) The JSON-LD articleBody replaces an extracted article this
// many times shorter (and at least Options::char_threshold long).
constexpr double kJsonLdBodyMinRatio = 2.0;

}  // namespace quietpage::rules::candidates
