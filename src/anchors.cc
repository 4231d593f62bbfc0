#include "anchors.h"

#include <unordered_set>

#include "text.h"

namespace quietpage {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    int hi = 0, lo = 0;
    if (s[i] == '%' && i + 2 < s.size() && (hi = hex_value(s[i + 1])) >= 0 && (lo = hex_value(s[i + 2])) >= 0) {
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A fragment as a browser navigates to it: every byte but ASCII letters,
// digits and -._~ percent-encoded.
std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string without_fragment(std::string href) {
  const size_t hash = href.find('#');
  if (hash != std::string::npos) href.resize(hash);
  return href;
}

// The name a link may target on element `n`: its id, or an <a>'s name.
std::string_view anchor_name(const Document& doc, NodeId n, bool by_name) {
  return by_name ? (doc.is(n, GUMBO_TAG_A) ? doc.attr(n, "name") : std::string_view()) : doc.attr(n, "id");
}

}  // namespace

Anchors::Anchors(const Document& doc, NodeId root, const url::Url* page) {
  if (page) page_ = without_fragment(page->href());
  std::unordered_set<std::string> linked;
  for (NodeId n = doc.next_in(root, root); n != kNoNode; n = doc.next_in(n, root)) {
    if (!doc.is(n, GUMBO_TAG_A)) continue;
    const std::string fragment = fragment_of(doc.attr(n, "href"));
    if (fragment.empty()) continue;
    linked.insert(fragment);
    linked.insert(percent_decode(fragment));
  }
  if (linked.empty()) return;
  // The first element with a linked id keeps it (ids first, then <a name>s,
  // as a browser looks for the target).
  for (bool by_name : {false, true}) {
    for (NodeId n = doc.next_in(root, root); n != kNoNode; n = doc.next_in(n, root)) {
      if (!doc.is_element(n) || doc[n].ns != GUMBO_NAMESPACE_HTML) continue;
      const std::string_view name = anchor_name(doc, n, by_name);
      if (name.empty() || !linked.count(std::string(name))) continue;
      targets_.emplace(std::string(name), n);
    }
  }
}

std::string Anchors::fragment_of(std::string_view href) const {
  href = text::trim(href);
  if (!href.empty() && href[0] == '#') return std::string(href.substr(1));
  if (page_.empty()) return {};
  const size_t hash = href.find('#');
  if (hash == std::string_view::npos) return {};
  url::Url parsed;
  if (!url::parse_absolute(href, parsed) || without_fragment(parsed.href()) != page_) return {};
  return parsed.fragment;
}

std::string Anchors::id_of(const Document& doc, NodeId n) const {
  if (targets_.empty()) return {};
  for (bool by_name : {false, true}) {
    const std::string_view name = anchor_name(doc, n, by_name);
    if (name.empty()) continue;
    const auto it = targets_.find(std::string(name));
    if (it != targets_.end() && it->second == n) return std::string(kIdPrefix) + it->first;
  }
  return {};
}

const std::pair<const std::string, NodeId>* Anchors::find(std::string_view href) const {
  if (targets_.empty()) return nullptr;
  const std::string fragment = fragment_of(href);
  if (fragment.empty()) return nullptr;
  for (const std::string& name : {fragment, percent_decode(fragment)}) {
    const auto it = targets_.find(name);
    if (it != targets_.end()) return &*it;
  }
  return nullptr;
}

std::string Anchors::href_for(std::string_view href) const {
  const auto* target = find(href);
  return target ? "#" + percent_encode(std::string(kIdPrefix) + target->first) : std::string();
}

NodeId Anchors::target_of(std::string_view href) const {
  const auto* target = find(href);
  return target ? target->second : kNoNode;
}

}  // namespace quietpage
