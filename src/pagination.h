// Stage 2b (after metadata, before the article is prepared) — pagination:
// the URL of the article's next page, from the whole page as it came (the
// pager is boilerplate the later stages remove). Which links lead there and
// how much each counts is rules/pagination.h's.
#pragma once

#include <string>

#include "dom.h"
#include "url.h"

namespace quietpage {

// The next page's absolute URL (without fragment), or "" when there is none.
// `page` is the article's URL (the one the page numbers follow), `base` what
// links are resolved against (<base href>, else the page's URL).
std::string find_next_page(const Document& doc, const url::Url& page, const url::Url& base);

}  // namespace quietpage
