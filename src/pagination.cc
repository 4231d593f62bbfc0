#include "pagination.h"

#include <climits>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/pagination.h"

namespace quietpage {

std::string find_next_page(const Document& doc, const url::Url& page, const url::Url& base) {
  // Every link to the next page, scored; the scores of one URL add up (a pager
  // links to it twice: "2" and "Next"). In document order, so that the first
  // of equal URLs wins.
  // Only web pages have pages to follow (and no other URL is worth writing).
  if (page.scheme != "http" && page.scheme != "https") return {};
  std::vector<std::pair<std::string, int>> urls;
  const NodeId root = doc.root();
  url::Url next;  // (one for every link: its strings keep their room)
  for (NodeId n = doc.next_in(root, root); n != kNoNode; n = doc.next_in(n, root)) {
    if (!doc.is(n, GUMBO_TAG_A) && !doc.is(n, GUMBO_TAG_LINK)) continue;
    const std::string_view href = doc.attr(n, "href");
    if (href.empty() || href.front() == '#') continue;
    if (!url::resolve_and_parse(base, href, next)) continue;
    next.fragment.clear();
    next.has_fragment = false;
    const rules::pagination::PageStep step = rules::pagination::page_step(page, next);
    if (!step.next) continue;
    const int score = rules::pagination::link_score(doc, n, step);
    if (score == INT_MIN) continue;
    std::string href_out = next.href();
    auto it = urls.begin();
    while (it != urls.end() && it->first != href_out) ++it;
    if (it == urls.end()) urls.emplace_back(std::move(href_out), score);
    else it->second += score;
  }
  const std::pair<std::string, int>* best = nullptr;
  for (const auto& candidate : urls)
    if (candidate.second >= rules::pagination::kThreshold && (!best || candidate.second > best->second))
      best = &candidate;
  return best ? best->first : std::string();
}

}  // namespace quietpage
