#include "metadata.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <vector>

#include "json.h"
#include "parse.h"
#include "rules/dates.h"
#include "rules/leads.h"
#include "rules/names.h"
#include "rules/titles.h"
#include "text.h"
#include "url.h"

namespace quietpage {

// --- JSON-LD ----------------------------------------------------------------

namespace {

// schema.org types that describe an article (Readability's pattern).
bool json_ld_article_type(std::string_view type) {
  // Readability's pattern anchors only its first and last alternatives; keep
  // the same meaning so both accept the same pages.
  if (type.substr(0, 7) == "Article") return true;
  if (type.size() >= 12 && type.substr(type.size() - 12) == "APIReference") return true;
  for (std::string_view t : {"AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
                             "AskPublicNewsArticle", "BackgroundNewsArticle",
                             "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
                             "Report", "SatiricalArticle", "ScholarlyArticle",
                             "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
                             "LiveBlogPosting", "DiscussionForumPosting", "TechArticle"})
    if (type.find(t) != std::string_view::npos) return true;
  return false;
}

bool is_schema_org(std::string_view s) {
  return s == "http://schema.org" || s == "https://schema.org" || s == "http://schema.org/" ||
         s == "https://schema.org/";
}

bool has_article_type(const json::Value& v) {
  const json::Value& type = v["@type"];
  if (type.is_string()) return json_ld_article_type(type.string);
  if (type.is_array()) {
    for (const json::Value& t : type.array)
      if (t.is_string() && json_ld_article_type(t.string)) return true;
  }
  return false;
}

std::string trimmed(const std::string& s) { return std::string(text::trim(s)); }

// A value that is a web address (an author's profile page, not a name).
bool is_address(std::string_view value) {
  url::Url parsed;
  return url::parse_absolute(value, parsed);
}

// The names of the nodes of `graph` that `refs` ({"@id": ...}, or a list of
// them) point to, joined with ", ".
std::string names_by_reference(const json::Value& refs, const json::Value& graph) {
  std::string names;
  auto add = [&](const json::Value& ref) {
    if (!ref["@id"].is_string()) return;
    for (const json::Value& item : graph.array)
      if (item["@id"].is_string() && item["@id"].string == ref["@id"].string && item["name"].is_string()) {
        if (!names.empty()) names += ", ";
        names += trimmed(item["name"].string);
        return;
      }
  };
  if (refs.is_array())
    for (const json::Value& ref : refs.array) add(ref);
  else
    add(refs);
  return names;
}

bool read_json_ld_block(const Document& doc, std::string_view content, Metadata& out) {
  // Strip CDATA markers some CMSes wrap around the JSON.
  std::string_view body = text::trim(content);
  if (body.substr(0, 9) == "<![CDATA[") body.remove_prefix(9);
  if (body.size() >= 3 && body.substr(body.size() - 3) == "]]>") body.remove_suffix(3);

  json::Value root;
  if (!json::parse(body, root)) return false;
  const json::Value* parsed = &root;
  if (root.is_array()) {
    parsed = nullptr;
    for (const json::Value& item : root.array)
      if (has_article_type(item)) {
        parsed = &item;
        break;
      }
    if (!parsed) return false;
  }
  const json::Value& context = (*parsed)["@context"];
  bool schema = (context.is_string() && is_schema_org(context.string)) ||
                (context.is_object() && context["@vocab"].is_string() &&
                 is_schema_org(context["@vocab"].string));
  if (!schema) return false;
  if ((*parsed)["@type"].type == json::Value::Type::kNull && (*parsed)["@graph"].is_array()) {
    const json::Value* found = nullptr;
    for (const json::Value& item : (*parsed)["@graph"].array)
      if (has_article_type(item)) {
        found = &item;
        break;
      }
    parsed = found;
  }
  if (!parsed || !has_article_type(*parsed)) return false;
  const json::Value& v = *parsed;
  const json::Value* graph = root.is_object() && root["@graph"].is_array() ? &root["@graph"] : nullptr;

  const json::Value& name = v["name"];
  const json::Value& headline = v["headline"];
  if (name.is_string() && headline.is_string() && name.string != headline.string) {
    // Some sites put their own name in "name"; prefer whichever matches the
    // <title>, and "name" when neither clearly does.
    std::string title = rules::titles::article_title(doc);
    bool name_matches = rules::titles::text_similarity(name.string, title) > rules::titles::kTitleSimilarity;
    bool headline_matches = rules::titles::text_similarity(headline.string, title) > rules::titles::kTitleSimilarity;
    out.title = headline_matches && !name_matches ? headline.string : name.string;
  } else if (name.is_string()) {
    out.title = trimmed(name.string);
  } else if (headline.is_string()) {
    out.title = trimmed(headline.string);
  }

  const json::Value& author = v["author"];
  if (author["name"].is_string()) {
    out.byline = trimmed(author["name"].string);
  } else if (author.is_array() && !author.array.empty() && author.array[0]["name"].is_string()) {
    std::string names;
    for (const json::Value& a : author.array) {
      if (!a["name"].is_string()) continue;
      if (!names.empty()) names += ", ";
      names += trimmed(a["name"].string);
    }
    out.byline = names;
  }
  // (quietpage) An author named by reference: {"@id": ...} and the graph's node with that id.
  if (out.byline.empty() && graph) out.declared_author = names_by_reference(author, *graph);
  if (v["description"].is_string()) out.excerpt = trimmed(v["description"].string);
  if (v["publisher"]["name"].is_string()) out.site_name = trimmed(v["publisher"]["name"].string);
  if (v["datePublished"].is_string()) out.published_time = trimmed(v["datePublished"].string);
  if (v["dateModified"].is_string()) out.modified_time = trimmed(v["dateModified"].string);
  // image: "url", {"url": ...}, or a list of either.
  const json::Value* image = &v["image"];
  if (image->is_array() && !image->array.empty()) image = &image->array[0];
  if (image->is_string()) out.lead_image = trimmed(image->string);
  else if ((*image)["url"].is_string()) out.lead_image = trimmed((*image)["url"].string);
  if (v["inLanguage"].is_string()) out.language = trimmed(v["inLanguage"].string);
  if (v["articleBody"].is_string()) out.article_body = trimmed(v["articleBody"].string);
  out.json_ld_article = true;
  return true;
}

}  // namespace

Metadata read_json_ld(const Document& doc) {
  Metadata out;
  if (!doc.may_hold(GUMBO_TAG_SCRIPT)) return out;  // (JSON-LD is a <script>: is_json_ld)
  for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode; n = doc.next_in(n, doc.root())) {
    if (!is_json_ld(doc, n)) continue;
    if (read_json_ld_block(doc, doc.text_content(n), out)) break;
  }
  return out;
}

// --- <meta> -----------------------------------------------------------------

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// First "prefix:suffix" in a space-separated property list, normalized
// ("og : title" -> "og:title"); empty if none.
std::string match_property(std::string_view property) {
  static constexpr std::string_view kPrefixes[] = {"article", "dc", "dcterm", "og", "twitter"};
  static constexpr std::string_view kSuffixes[] = {"author", "creator", "description",
                                                   "published_time", "title", "site_name"};
  for (size_t i = 0; i < property.size(); ++i) {
    for (std::string_view prefix : kPrefixes) {
      if (!text::istarts_with(property.substr(i), prefix)) continue;
      size_t j = i + prefix.size();
      while (j < property.size() && is_ws(property[j])) ++j;
      if (j >= property.size() || property[j] != ':') continue;
      ++j;
      while (j < property.size() && is_ws(property[j])) ++j;
      for (std::string_view suffix : kSuffixes) {
        if (text::istarts_with(property.substr(j), suffix)) {
          return text::to_lower(prefix) + ":" + std::string(suffix);
        }
      }
    }
  }
  return {};
}

// Whole-name match: optional "dc|dcterm|og|twitter|parsely|weibo:(article|
// webpage)" plus "-", "." or ":", then one of the field names.
std::string match_name(std::string_view name) {
  static constexpr std::string_view kPrefixes[] = {"dc", "dcterm", "og", "twitter", "parsely",
                                                   "weibo:article", "weibo:webpage"};
  static constexpr std::string_view kFields[] = {"author", "creator", "pub-date",
                                                 "description", "title", "site_name"};
  std::string_view n = name;
  while (!n.empty() && is_ws(n.front())) n.remove_prefix(1);
  while (!n.empty() && is_ws(n.back())) n.remove_suffix(1);
  auto is_field = [&](std::string_view s) {
    for (std::string_view f : kFields)
      if (text::iequals(s, f)) return true;
    return false;
  };
  bool ok = is_field(n);
  for (std::string_view prefix : kPrefixes) {
    if (ok) break;
    if (!text::istarts_with(n, prefix)) continue;
    std::string_view rest = n.substr(prefix.size());
    while (!rest.empty() && is_ws(rest.front())) rest.remove_prefix(1);
    if (rest.empty() || (rest[0] != '-' && rest[0] != '.' && rest[0] != ':')) continue;
    rest.remove_prefix(1);
    while (!rest.empty() && is_ws(rest.front())) rest.remove_prefix(1);
    ok = is_field(rest);
  }
  if (!ok) return {};
  std::string key;
  for (char c : name) {
    if (is_ws(c)) continue;
    key += c == '.' ? ':' : text::lower(c);
  }
  return key;
}

// An element whose `content` declares the page's publication day, by the
// names pages use beside Readability's: <meta name="date|dc.date|
// dcterms.issued|publication_date...">, microdata (itemprop="datePublished",
// "dateCreated", "uploadDate") and RDFa (property="schema:dateCreated",
// "dc:date"...), on a <meta> or any element.
bool declares_publication_date(const Document& doc, NodeId n) {
  static constexpr std::string_view kNames[] = {
      "date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created",
      "publication_date", "publication-date", "publish-date", "publish_date", "pubdate", "published-date",
      "article.published", "sailthru.date"};
  static constexpr std::string_view kItemprops[] = {"datePublished", "dateCreated", "uploadDate"};
  static constexpr std::string_view kProperties[] = {"schema:datepublished", "schema:datecreated", "dc:date",
                                                     "dc:created", "dcterms:date", "dcterms:issued",
                                                     "dcterms:created"};
  const auto one_of = [](std::string_view v, const auto& list) {
    for (std::string_view w : list)
      if (text::iequals(v, w)) return true;
    return false;
  };
  return one_of(doc.attr(n, "itemprop"), kItemprops) || one_of(doc.attr(n, "property"), kProperties) ||
         (doc.is(n, GUMBO_TAG_META) && one_of(text::trim(doc.attr(n, "name")), kNames));
}

std::string first_of(const std::map<std::string, std::string>& values,
                     std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = values.find(k);
    if (it != values.end() && !it->second.empty()) return it->second;
  }
  return {};
}

}  // namespace

Metadata read_metadata(const Document& doc, const Metadata& json_ld) {
  std::map<std::string, std::string> values;
  // Sources Readability doesn't read, keyed by what they describe.
  std::map<std::string, std::string> extra;
  std::string dated_line;
  // How the page's language reads an all-numeric date in its text.
  const rules::dates::Order order = rules::dates::order_for(doc.attr(doc.html(), "lang"));
  char twitter_author_slot = 0;
  std::map<char, std::string> twitter_data;
  auto keep_first = [&](const char* key, std::string_view value) {
    value = text::trim(value);
    if (!value.empty() && !extra.count(key)) extra[key] = std::string(value);
  };
  for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode; n = doc.next_in(n, doc.root())) {
    if (doc.is(n, GUMBO_TAG_LINK)) {
      bool canonical = false;
      text::for_each_token(doc.attr(n, "rel"),
                           [&](std::string_view t) { canonical = canonical || text::iequals(t, "canonical"); });
      if (canonical) keep_first("canonical", doc.attr(n, "href"));
      continue;
    }
    if (doc.is(n, GUMBO_TAG_TIME)) {
      bool published = doc.attr(n, "itemprop") == "datePublished" || doc.has_attr(n, "pubdate");
      if (published) keep_first("time:published", doc.attr(n, "datetime"));
      if (doc.attr(n, "itemprop") == "dateModified") keep_first("time:modified", doc.attr(n, "datetime"));
      // Any other <time> whose datetime is a day: the page's first date,
      // unless it says it is an update.
      const std::string_view datetime = doc.attr(n, "datetime");
      rules::dates::Found day;
      if (!published && rules::dates::find_date(datetime, day) && day.begin == 0 &&
          !text::icontains(doc.attr(n, "class"), "updated") && !text::icontains(doc.attr(n, "class"), "modified"))
        keep_first("time:any", datetime);
      continue;
    }
    // A text that opens with the date's label ("Datum:", "Erschienen am"): the
    // date after it in its line (the label's element or the next ones up, while short).
    if (doc.is_text(n)) {
      const size_t label = dated_line.empty() ? rules::dates::date_label_length(doc[n].text) : 0;
      NodeId line = doc[n].parent;
      for (int up = 0; label > 0 && up < rules::dates::kDateLabelLevels && line != kNoNode && dated_line.empty(); ++up) {
        if (doc.text_stats(line).length > rules::dates::kMaxDateLineLength) break;
        const std::string text = doc.text_content(line);
        const size_t from = text.find(doc[n].text);
        rules::dates::Found day;
        if (from != std::string::npos &&
            rules::dates::find_date(text, day, order, from + label))
          dated_line = rules::dates::iso(day.date);
        line = doc[line].parent;
      }
      continue;
    }
    // (An element without a class or an id has no dated name: most are not asked.)
    if (dated_line.empty() && doc.is_element(n) && (!doc.attr(n, "class").empty() || !doc.attr(n, "id").empty()) &&
        rules::dates::dated_name(rules::class_and_id(doc, n)) &&
        doc.text_stats(n).length <= rules::dates::kMaxDateLineLength) {
      rules::dates::Found day;
      const std::string line = doc.text_content(n);
      if (rules::dates::find_date(line, day, order))
        dated_line = rules::dates::iso(day.date);
    }
    // Other ways pages declare the day (Dublin Core, plain names, microdata
    // and RDFa on any element): only a value that starts with a date.
    if (doc.is_element(n) && doc.has_attr(n, "content") && declares_publication_date(doc, n)) {
      rules::dates::Found day;
      const std::string_view value = text::trim(doc.attr(n, "content"));
      if (rules::dates::find_date(value, day) && day.begin == 0) keep_first("meta:date", value);
    }
    if (!doc.is(n, GUMBO_TAG_META)) continue;
    std::string_view content = doc.attr(n, "content");
    if (content.empty()) continue;
    {
      std::string property = text::to_lower(doc.attr(n, "property"));
      std::string name = text::to_lower(doc.attr(n, "name"));
      std::string_view itemprop = doc.attr(n, "itemprop");
      if (property == "og:image" || property == "og:image:url" || property == "og:image:secure_url")
        keep_first("image", content);
      if (name == "twitter:image" || name == "twitter:image:src" || property == "twitter:image")
        keep_first("twitter:image", content);
      if (property == "og:url") keep_first("og:url", content);
      if (property == "article:modified_time" || property == "og:updated_time" || itemprop == "dateModified")
        keep_first("modified", content);
      if (itemprop == "datePublished") keep_first("time:published", content);
      if (itemprop == "author" && !is_address(content)) keep_first("itemprop:author", content);
      // Twitter's card labels a value ("twitter:label1" "Written by", "twitter:data1" the name).
      if (name.size() == 14 && name.compare(0, 13, "twitter:label") == 0 && rules::leads::is_byline_label(content))
        twitter_author_slot = name.back();
      if (name.size() == 13 && name.compare(0, 12, "twitter:data") == 0)
        twitter_data[name.back()] = std::string(content);
      if (property == "og:locale") keep_first("og:locale", content);
      if (text::iequals(doc.attr(n, "http-equiv"), "content-language") || name == "language" ||
          name == "dc.language")
        keep_first("content-language", content);
    }
    std::string key;
    std::string_view property = doc.attr(n, "property");
    if (!property.empty()) key = match_property(property);
    if (key.empty()) {
      std::string_view name = doc.attr(n, "name");
      if (!name.empty()) key = match_name(name);
    }
    if (!key.empty()) values[key] = std::string(text::trim(content));
  }

  Metadata m;
  m.title = !json_ld.title.empty()
                ? json_ld.title
                : first_of(values, {"dc:title", "dcterm:title", "og:title", "weibo:article:title",
                                    "weibo:webpage:title", "title", "twitter:title",
                                    "parsely-title"});
  if (m.title.empty()) m.title = rules::titles::article_title(doc);

  std::string article_author = first_of(values, {"article:author"});
  if (is_address(article_author)) article_author.clear();  // a profile URL
  m.byline = !json_ld.byline.empty()
                 ? json_ld.byline
                 : first_of(values, {"dc:creator", "dcterm:creator", "author", "parsely-author"});
  if (m.byline.empty()) m.byline = article_author;

  m.declared_author = json_ld.declared_author;
  if (m.declared_author.empty() && twitter_author_slot) m.declared_author = twitter_data[twitter_author_slot];
  if (m.declared_author.empty()) m.declared_author = first_of(extra, {"itemprop:author"});
  m.declared_author = trimmed(m.declared_author);

  m.excerpt = !json_ld.excerpt.empty()
                  ? json_ld.excerpt
                  : first_of(values, {"dc:description", "dcterm:description", "og:description",
                                      "weibo:article:description", "weibo:webpage:description",
                                      "description", "twitter:description"});
  m.site_name = !json_ld.site_name.empty() ? json_ld.site_name : first_of(values, {"og:site_name"});
  m.published_time = !json_ld.published_time.empty()
                         ? json_ld.published_time
                         : first_of(values, {"article:published_time", "parsely-pub-date"});

  auto first_extra = [&](std::initializer_list<const char*> keys) {
    for (const char* k : keys)
      if (extra.count(k)) return extra[k];
    return std::string();
  };
  // Only where Readability's sources have no date: it stays comparable.
  if (m.published_time.empty()) m.published_time = first_extra({"time:published", "time:any"});
  m.dated_line = dated_line;
  m.declared_date = first_extra({"meta:date"});
  m.modified_time = !json_ld.modified_time.empty() ? json_ld.modified_time
                                                   : first_extra({"modified", "time:modified"});
  m.lead_image = first_extra({"image", "twitter:image"});
  if (m.lead_image.empty()) m.lead_image = json_ld.lead_image;
  m.canonical_url = first_extra({"canonical", "og:url"});
  m.language = first_extra({"content-language"});
  if (m.language.empty()) m.language = json_ld.language;
  m.article_body = json_ld.article_body;
  m.json_ld_article = json_ld.json_ld_article;
  if (m.language.empty()) {
    // og:locale is "en_US": a language tag with an underscore.
    m.language = first_extra({"og:locale"});
    for (char& c : m.language)
      if (c == '_') c = '-';
  }

  // Many sites escape entities twice in meta values.
  for (std::string* s : {&m.title, &m.byline, &m.excerpt, &m.site_name, &m.published_time,
                         &m.modified_time, &m.lead_image, &m.canonical_url, &m.language})
    *s = text::unescape_basic_entities(*s);
  return m;
}

}  // namespace quietpage
