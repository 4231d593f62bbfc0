// Stage 3 — prepare: make the document ready for scoring.
//
//  1. unwrap_noscript_images: lazy-loading pages put the real <img> in a
//     <noscript> after a placeholder; swap it in (keeping the placeholder's
//     extra image URLs), and drop <img>s that have no image source at all.
//  2. remove_scripts: <script>, <noscript>, <template> go (JSON-LD has been read).
//  3. prepare_document: <style> goes, runs of <br> become paragraphs, <font>
//     becomes <span>.
#pragma once

#include "dom.h"

namespace quietpage {

void unwrap_noscript_images(Document& doc);
void remove_scripts(Document& doc);
void prepare_document(Document& doc);

// Any attribute value that names a jpg/jpeg/png/webp file.
bool looks_like_image_url(std::string_view value);

}  // namespace quietpage
