// The article's tail (quietpage). What a page puts right after its article
// — "Mehr zum Thema", "Keine Kommentare", "Kontakt:", "Anzeige", a heading
// with nothing under it — often sits inside the same container and ends the
// extracted text. Trailing blocks that are headings, or short lines that are
// not sentences, go (on the first attempt only: a retry is after every line
// of text it can find).
#pragma once

#include <cstddef>
#include <string_view>

#include "dom.h"

namespace quietpage::rules::tail {

// A trailing line longer than this is prose, whatever it ends with.
constexpr size_t kMaxTrailingLabelLength = 80;
// At most this many trailing blocks are removed.
constexpr int kMaxTrailingLabels = 6;
// Trimming stops when less than this much text would be left before the
// block: a short article (or a one-line note) is its own content, not a tail.
constexpr size_t kMinTextBeforeTail = 2 * kMaxTrailingLabelLength;

// Media (and tables) after the last text: the article ends with them, there
// is no tail to trim.
bool ends_the_article(Tag tag);
// The block holding the article's last text node `t` (a paragraph, heading,
// div...), or kNoNode when it sits in something that legitimately starts or
// ends an article: code, a table, a caption, a quote, a list, media.
NodeId trailing_block_of(const Document& doc, NodeId article, NodeId t);
// A heading, or a short line that doesn't end like a sentence.
bool is_trailing_label(const Document& doc, NodeId block);
// Whether removing a tail of `tail_length` characters leaves enough of the
// article's `total_length`.
bool leaves_enough_text(size_t total_length, size_t tail_length);

bool ends_like_sentence(std::string_view text);

}  // namespace quietpage::rules::tail
