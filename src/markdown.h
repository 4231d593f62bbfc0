// Stage 6b — markdown: the article as CommonMark, with two GFM extensions
// (pipe tables, strikethrough).
//
// Written from the same cleaned article DOM as serialize.cc's HTML and through
// the same allowlist (policy_for, safe_url), so Markdown never carries
// anything the HTML output would not:
//  - blocks: ATX headings, paragraphs, fenced code (with the language of a
//    language-x/lang-x class), lists, block quotes, thematic breaks, pipe
//    tables, figures (image, then the caption in italics), display formulas
//    ($$TeX$$), footnote definitions at the end ([^1]: ...);
//  - inline: emphasis, strong, strikethrough, code spans, hard breaks, links
//    (http, https, mailto only), images (http/https only; data: is dropped),
//    allowed video embeds as a link to the video, formulas ($TeX$), footnote
//    references ([^1]);
//  - text is escaped so that it never turns into markup, and raw HTML never
//    appears; markup is written so that CommonMark renderers pair it as the
//    HTML did, or left out (its text kept) where they could not (markdown.cc);
//  - whitespace is collapsed as in the plain-text output (except inside
//    <pre>, whose text a code fence keeps exactly, blank lines included: the
//    only place where more than one blank line in a row can appear).
#pragma once

#include <string>

#include "anchors.h"
#include "dom.h"
#include "url.h"

namespace quietpage {

// Markdown of the content of `root` into `out`, ending with one newline (or
// empty when there is no content). `base` resolves relative URLs (may be
// null: relative URLs are then dropped). Returns false, with `out`
// incomplete, once `out` would exceed max_bytes (0 = unlimited).
// `anchors` (may be null) are the ids the HTML keeps: links to those that
// hold footnotes become "[^1]" references, and the notes "[^1]: ..."
// definitions at the end.
bool serialize_markdown(const Document& doc, NodeId root, const url::Url* base, size_t max_bytes,
                        std::string& out, const Anchors* anchors = nullptr);

}  // namespace quietpage
