// How strict the rules are on one attempt: Readability's FLAG_* bits.
// extract.cc starts with all of them and drops one per retry when an attempt
// finds too little text.
#pragma once

namespace quietpage::rules {

enum Flags : unsigned {
  kStripUnlikelys = 1,     // prepare: remove blocks whose class/id/role look like boilerplate
  kWeightClasses = 2,      // score, clean: let class/id names raise or lower scores
  kCleanConditionally = 4  // clean: remove low-quality blocks and the article's tail
};
constexpr unsigned kAllFlags = kStripUnlikelys | kWeightClasses | kCleanConditionally;

}  // namespace quietpage::rules
