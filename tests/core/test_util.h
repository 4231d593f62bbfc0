// Helpers shared by the core tests: parse a snippet into a Document.
#pragma once

#include <memory>
#include <string>

#include "arena.h"
#include "dom.h"
#include "parse.h"

namespace quietpage::testing {

struct ParsedDoc {
  std::unique_ptr<Arena> arena = std::make_unique<Arena>();
  std::string html;  // gumbo's strings point into its own copies, but keep it alive anyway
  std::unique_ptr<Document> doc;
};

inline ParsedDoc parse_doc(std::string html, ParseLimits limits = {}) {
  ParsedDoc p;
  p.html = std::move(html);
  p.doc = std::make_unique<Document>(*p.arena);
  parse_html(p.html, limits, *p.doc);
  return p;
}

// First element with `tag` in document order, or kNoNode.
inline NodeId find(const Document& doc, Tag tag) {
  for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode; n = doc.next_in(n, doc.root()))
    if (doc.is(n, tag)) return n;
  return kNoNode;
}

// `n` sentences of prose, with commas.
inline std::string prose(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "Words, words and more words, in a sentence. ";
  return s;
}

// How many times `what` occurs in `s`.
inline size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// Element whose id attribute is `id`, or kNoNode.
inline NodeId by_id(const Document& doc, std::string_view id) {
  for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode; n = doc.next_in(n, doc.root()))
    if (doc.is_element(n) && doc.attr(n, "id") == id) return n;
  return kNoNode;
}

}  // namespace quietpage::testing

#include <fstream>
#include <sstream>

namespace quietpage::testing {

// Contents of tests/fixtures/NAME.
inline std::string fixture(const std::string& name) {
  std::ifstream in(std::string(QUIETPAGE_FIXTURES) + "/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace quietpage::testing
