// Stage 6 — serialize: the article as safe HTML and as plain text.
//
// HTML is written through an allowlist, so it is safe by construction:
//  - tags: text structure, lists, tables, figures, media; anything else is
//    either unwrapped (its content kept) or dropped with its content
//    (script, style, svg, forms, frames, embeds...);
//  - MathML: a presentation subset (no maction, mglyph, annotation-xml; an
//    annotation only as TeX source), with its layout attributes only;
//  - attributes: a short list per tag; never event handlers, style, href or
//    src on MathML, names; ids only where in-article links point, prefixed
//    (anchors.h); classes only the safe tokens the options ask for, and a
//    code block's language;
//  - URLs: resolved against the page, then only http(s) and mailto links,
//    http(s) media, data: images; iframes only from allowed video players,
//    sandboxed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "anchors.h"
#include "dom.h"
#include "quietpage.h"
#include "rules/media.h"
#include "url.h"

namespace quietpage {

// How the article is written: the caller's options and what the pipeline
// knows about the article.
struct Output {
  // Resolves relative URLs. May be null: relative URLs are then dropped, as
  // they could not be resolved safely.
  const url::Url* base = nullptr;
  // 0 = unlimited.
  size_t max_bytes = 0;
  // quietpage's <div class="page"> wrapper (clean.h: finish_article): the
  // one element whose class may be "page".
  NodeId page = kNoNode;
  // Options::keep_classes and Options::classes_to_preserve (may be null).
  bool keep_classes = false;
  const NameList* classes_to_preserve = nullptr;
  // Which players an <iframe> may embed.
  rules::media::Videos videos;
  // The ids kept, and the links to them (may be null: no ids).
  const Anchors* anchors = nullptr;
};

// Inner HTML of `root` into `out`. Returns false, with `out` incomplete, once
// `out` would exceed output.max_bytes.
bool serialize_html(const Document& doc, NodeId root, const Output& output, std::string& out);

// Plain text of `root`: paragraphs separated by a blank line, list items and
// <br>s by a newline, whitespace collapsed except inside <pre>. Returns
// false once the text would exceed max_bytes (0 = unlimited). Without
// `captions`, figure captions (rules/credits.h) are left out.
bool serialize_text(const Document& doc, NodeId root, size_t max_bytes, bool captions, std::string& out);

// A URL allowed in the output for this tag/attribute, resolved; "" if not.
std::string safe_url(std::string_view value, const url::Url* base, bool media);
// The URL of an embedded player (<iframe src>) if it is allowed: resolved,
// safe, and a player `videos` allows; "" if not.
std::string safe_video_url(std::string_view value, const url::Url* base, const rules::media::Videos& videos = {});

// The allowlist, used by the Markdown output (markdown.cc) too, so that both
// formats let through exactly the same elements.
enum class Policy : uint8_t {
  kKeep,    // emit the element with its allowed attributes
  kUnwrap,  // emit only its content
  kDrop,    // emit nothing
};
// `videos`: the players an <iframe> may embed.
Policy policy_for(const Document& doc, NodeId n, const rules::media::Videos& videos = {});

// A small non-negative integer attribute value (colspan, start, width...):
// 1 to 6 ASCII digits.
bool all_digits(std::string_view s);

}  // namespace quietpage
