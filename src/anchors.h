// Stage 6 (part of serialize) — anchors: the ids the output keeps.
//
// Footnotes, references and tables of contents link inside the article
// (<a href="#cite_note-1">): their targets keep their ids, or the links lead
// nowhere. An id is kept only when a link in the article points to it (an
// <a name> target becomes an id), and it is written with kIdPrefix, which its
// links get too. No name a host page's scripts read (window.location,
// document.forms, ...) starts with "qp-", and the hyphen keeps any prefixed
// name from being an identifier: the article's ids can't clobber the page
// it is shown in. Nothing else of the page's ids or names reaches the output.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "dom.h"
#include "url.h"

namespace quietpage {

constexpr std::string_view kIdPrefix = "qp-";

class Anchors {
 public:
  // No anchors: no id is kept, and links keep their href.
  Anchors() = default;
  // The targets in `root` of the links in `root`. `page` (may be null) is
  // the page's own URL: a link to it with a fragment is an in-article link.
  Anchors(const Document& doc, NodeId root, const url::Url* page);

  // The id element `n` gets in the output ("" for none).
  std::string id_of(const Document& doc, NodeId n) const;
  // The href of a link to a kept id ("#qp-..."); "" when `href` doesn't
  // point to one.
  std::string href_for(std::string_view href) const;
  // The element a link's href points to among the kept ids (kNoNode when
  // none): the Markdown output's footnotes.
  NodeId target_of(std::string_view href) const;
  bool empty() const { return targets_.empty(); }

 private:
  // The target a link's href names (the fragment, percent-decoded), or "".
  std::string fragment_of(std::string_view href) const;
  // The kept id (as in the page) that `href` points to, or null.
  const std::pair<const std::string, NodeId>* find(std::string_view href) const;

  std::string page_;  // the page's URL without its fragment ("" when unknown)
  // Kept ids (as in the page) -> the element that carries each.
  std::unordered_map<std::string, NodeId> targets_;
};

}  // namespace quietpage
