// Stage 2 — metadata: title, byline, excerpt, site name, publication date.
//
// Sources, strongest first: JSON-LD (schema.org Article types), then <meta>
// tags (Dublin Core, OpenGraph, Twitter, Parsely, Weibo), then the document
// itself (<title> cleaned of site-name parts, headings).
#pragma once

#include <string>

#include "dom.h"

namespace quietpage {

struct Metadata {
  // The Readability-compatible fields: same sources, same precedence.
  std::string title;
  std::string byline;
  std::string excerpt;
  std::string site_name;
  std::string published_time;
  // Beyond Readability. URLs are as found (resolved when serialized).
  std::string modified_time;
  std::string lead_image;
  std::string canonical_url;
  std::string language;  // declared outside <html lang>: Content-Language, og:locale, inLanguage
  // The date (ISO 8601) written in the page's first short block named as a
  // date ("date", "datum", "published"): the publication date when nothing
  // else gives one.
  std::string dated_line;
  // The day declared by names Readability doesn't read (<meta name="date">,
  // Dublin Core, microdata and RDFa on any element), as found: the
  // publication date when neither the page's text nor its address gives one
  // (such names often carry the day a page was last built).
  std::string declared_date;
  // The author's name as the page declares it where Readability doesn't
  // look: a JSON-LD author given by reference to a node of its @graph
  // ({"@id": ...}), a "Written by" label and its value among the
  // twitter:label/twitter:data tags, <meta itemprop="author" content>. The
  // author when the byline gives none.
  std::string declared_author;
  // JSON-LD articleBody: the article as plain text, when the page gives it.
  std::string article_body;
  // The page describes itself in JSON-LD as an article (a schema.org type).
  bool json_ld_article = false;
};

// Reads JSON-LD blocks; must run before scripts are removed.
Metadata read_json_ld(const Document& doc);

// Combines JSON-LD with <meta> tags and the document title.
Metadata read_metadata(const Document& doc, const Metadata& json_ld);

}  // namespace quietpage
