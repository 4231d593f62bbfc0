// Stage 6 — serialize: the article as safe HTML and as plain text.
//
// HTML is written through an allowlist, so it is safe by construction:
//  - tags: text structure, lists, tables, figures, media; anything else is
//    either unwrapped (its content kept) or dropped with its content
//    (script, style, svg, math, forms, frames, embeds...);
//  - attributes: a short list per tag; never event handlers, style, id/name;
//  - URLs: resolved against the page, then only http(s) and mailto links,
//    http(s) media, data: images; iframes only from known video hosts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dom.h"
#include "url.h"

namespace quietpage {

// Inner HTML of `root` into `out`. `base` resolves relative URLs (may be
// null: relative URLs are then dropped, as they could not be resolved
// safely). Returns false, with `out` incomplete, once `out` would exceed
// max_bytes (0 = unlimited).
bool serialize_html(const Document& doc, NodeId root, const url::Url* base, size_t max_bytes,
                    std::string& out);

// Plain text of `root`: paragraphs separated by a blank line, list items and
// <br>s by a newline, whitespace collapsed except inside <pre>. Returns
// false once the text would exceed max_bytes (0 = unlimited). Without
// `captions`, figure captions (rules/credits.h) are left out.
bool serialize_text(const Document& doc, NodeId root, size_t max_bytes, bool captions, std::string& out);

// A URL allowed in the output for this tag/attribute, resolved; "" if not.
std::string safe_url(std::string_view value, const url::Url* base, bool media);
// The URL of an embedded player (<iframe src>) if it is allowed: resolved,
// safe, and from a known video host; "" if not.
std::string safe_video_url(std::string_view value, const url::Url* base);

// The allowlist, used by the Markdown output (markdown.cc) too, so that both
// formats let through exactly the same elements.
enum class Policy : uint8_t {
  kKeep,    // emit the element with its allowed attributes
  kUnwrap,  // emit only its content
  kDrop,    // emit nothing
};
Policy policy_for(const Document& doc, NodeId n);

// A small non-negative integer attribute value (colspan, start, width...):
// 1 to 6 ASCII digits.
bool all_digits(std::string_view s);

}  // namespace quietpage
