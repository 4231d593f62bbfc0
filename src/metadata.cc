#include "metadata.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <vector>

#include "json.h"
#include "parse.h"
#include "patterns.h"
#include "text.h"
#include "url.h"

namespace quietpage {
namespace {

// --- title ------------------------------------------------------------------

// document.title: the first <title>'s text, ASCII whitespace stripped and
// collapsed.
std::string document_title(const Document& doc) {
  for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode; n = doc.next_in(n, doc.root())) {
    if (doc.is(n, GUMBO_TAG_TITLE) && doc[n].ns == GUMBO_NAMESPACE_HTML) {
      std::string raw = doc.text_content(n);
      std::string out;
      bool pending = false;
      for (char c : raw) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
          pending = !out.empty();
          continue;
        }
        if (pending) out += ' ';
        pending = false;
        out += c;
      }
      return out;
    }
  }
  return {};
}

// String.split(/\s+/).length: one more than the number of whitespace runs.
size_t split_word_count(std::string_view s) {
  size_t runs = 0;
  bool in_space = false;
  for (size_t i = 0; i < s.size();) {
    bool space = text::is_space(text::next_code_point(s, i));
    if (space && !in_space) ++runs;
    in_space = space;
  }
  return runs + 1;
}

// Title separators: " | ", " - ", " – ", " — ", " \ ", " / ", " > ", " » " (Readability's set).
constexpr std::string_view kSeparators[] = {"|", "-", "–", "—", "\\", "/", ">", "»"};

// Length of a separator starting at s[i], or 0.
size_t separator_at(std::string_view s, size_t i, bool hierarchical_only = false) {
  for (std::string_view sep : kSeparators) {
    if (hierarchical_only && (sep == "|" || sep == "-")) continue;
    if (s.substr(i, sep.size()) == sep) return sep.size();
  }
  return 0;
}

// Positions of " <sep> " matches, scanned left to right without overlap.
std::vector<size_t> spaced_separators(std::string_view s, bool hierarchical_only) {
  std::vector<size_t> out;
  for (size_t i = 0; i + 2 < s.size();) {
    if (s[i] == ' ') {
      size_t len = separator_at(s, i + 1, hierarchical_only);
      if (len && i + 1 + len < s.size() && s[i + 1 + len] == ' ') {
        out.push_back(i);
        i += len + 2;
        continue;
      }
    }
    ++i;
  }
  return out;
}

}  // namespace

std::string article_title(const Document& doc) {
  const std::string orig = std::string(text::trim(document_title(doc)));
  std::string cur = orig;
  bool had_hierarchical = false;

  std::vector<size_t> seps = spaced_separators(orig, false);
  if (!seps.empty()) {
    had_hierarchical = !spaced_separators(orig, true).empty();
    cur = orig.substr(0, seps.back());
    // Too short: drop the first part (up to the first separator) instead.
    if (split_word_count(cur) < 3) {
      size_t i = 0;
      while (i < orig.size() && !separator_at(orig, i)) ++i;
      cur = i < orig.size() ? orig.substr(i + separator_at(orig, i)) : orig;
    }
  } else if (orig.find(": ") != std::string::npos) {
    // Keep "Topic: Title" when a heading repeats it exactly.
    bool heading_match = false;
    for (NodeId n = doc.next_in(doc.root(), doc.root()); n != kNoNode && !heading_match;
         n = doc.next_in(n, doc.root())) {
      if (doc.is(n, GUMBO_TAG_H1) || doc.is(n, GUMBO_TAG_H2))
        heading_match = text::trim(doc.text_content(n)) == text::trim(orig);
    }
    if (!heading_match) {
      cur = orig.substr(orig.rfind(':') + 1);
      if (split_word_count(cur) < 3) {
        cur = orig.substr(orig.find(':') + 1);
      } else if (split_word_count(std::string_view(orig).substr(0, orig.find(':'))) > 5) {
        cur = orig;
      }
    }
  } else {
    size_t len = text::js_length(orig);
    if (len > 150 || len < 15) {
      std::vector<NodeId> h1s = doc.elements_by_tag(doc.root(), GUMBO_TAG_H1);
      if (h1s.size() == 1) cur = doc.inner_text(h1s[0]);
    }
  }

  // Collapse runs of 2+ whitespace like Readability's normalize regex.
  cur = text::collapse_spaces(cur);
  size_t words = split_word_count(cur);
  if (words <= 4) {
    std::string stripped;
    for (size_t i = 0; i < orig.size();) {
      size_t len = separator_at(orig, i);
      if (len) {
        i += len;
      } else {
        stripped += orig[i++];
      }
    }
    if (!had_hierarchical || words != split_word_count(stripped) - 1) cur = orig;
  }
  return cur;
}

double text_similarity(std::string_view a, std::string_view b) {
  // Tokens are runs of word characters: ASCII letters, digits and '_' as in
  // JavaScript's /\W+/ split, and any other letter, so that Arabic, Cyrillic
  // or CJK headings compare too (Unicode punctuation and spaces separate).
  auto is_word = [](uint32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '_';
    bool punctuation = (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
                       (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                       (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0x060C || cp == 0x061B || cp == 0x061F;
    return !punctuation;
  };
  auto tokenize = [&](std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    std::string lower = text::lower_utf8(s);
    for (size_t i = 0; i < lower.size();) {
      size_t start = i;
      uint32_t cp = text::next_code_point(lower, i);
      if (is_word(cp)) {
        cur.append(lower, start, i - start);
      } else if (!cur.empty()) {
        out.push_back(std::move(cur));
        cur.clear();
      }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
  };
  std::vector<std::string> ta = tokenize(a), tb = tokenize(b);
  if (ta.empty() || tb.empty()) return 0;
  size_t unique_len = 0, total_len = 0, unique_count = 0;
  for (const std::string& t : tb) {
    total_len += t.size();
    if (std::find(ta.begin(), ta.end(), t) == ta.end()) {
      unique_len += t.size();
      ++unique_count;
    }
  }
  // Lengths of the tokens joined by single spaces.
  double joined_unique = unique_count ? static_cast<double>(unique_len + unique_count - 1) : 0;
  double joined_total = static_cast<double>(total_len + tb.size() - 1);
  return 1 - joined_unique / joined_total;
}

// --- JSON-LD ----------------------------------------------------------------

namespace {

bool is_schema_org(std::string_view s) {
  return s == "http://schema.org" || s == "https://schema.org" || s == "http://schema.org/" ||
         s == "https://schema.org/";
}

bool has_article_type(const json::Value& v) {
  const json::Value& type = v["@type"];
  if (type.is_string()) return patterns::json_ld_article_type(type.string);
  if (type.is_array()) {
    for (const json::Value& t : type.array)
      if (t.is_string() && patterns::json_ld_article_type(t.string)) return true;
  }
  return false;
}

std::string trimmed(const std::string& s) { return std::string(text::trim(s)); }

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

  const json::Value& name = v["name"];
  const json::Value& headline = v["headline"];
  if (name.is_string() && headline.is_string() && name.string != headline.string) {
    // Some sites put their own name in "name"; prefer whichever matches the
    // <title>, and "name" when neither clearly does.
    std::string title = article_title(doc);
    bool name_matches = text_similarity(name.string, title) > 0.75;
    bool headline_matches = text_similarity(headline.string, title) > 0.75;
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
  return true;
}

}  // namespace

Metadata read_json_ld(const Document& doc) {
  Metadata out;
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
      continue;
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
  if (m.title.empty()) m.title = article_title(doc);

  std::string article_author = first_of(values, {"article:author"});
  url::Url parsed;
  if (url::parse_absolute(article_author, parsed)) article_author.clear();  // a profile URL
  m.byline = !json_ld.byline.empty()
                 ? json_ld.byline
                 : first_of(values, {"dc:creator", "dcterm:creator", "author", "parsely-author"});
  if (m.byline.empty()) m.byline = article_author;

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
  if (m.published_time.empty()) m.published_time = first_extra({"time:published"});
  m.modified_time = !json_ld.modified_time.empty() ? json_ld.modified_time
                                                   : first_extra({"modified", "time:modified"});
  m.lead_image = first_extra({"image", "twitter:image"});
  if (m.lead_image.empty()) m.lead_image = json_ld.lead_image;
  m.canonical_url = first_extra({"canonical", "og:url"});
  m.language = first_extra({"content-language"});
  if (m.language.empty()) m.language = json_ld.language;
  m.article_body = json_ld.article_body;
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

namespace {

bool is_date_word(std::string_view w) {
  static constexpr std::string_view kMonths[] = {
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "januar", "februar", "märz", "mai", "juni", "juli",
      "oktober", "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
      "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril",
      "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"};
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.remove_suffix(1);
  if (!w.empty() && w[0] >= '0' && w[0] <= '9') return true;
  for (std::string_view m : kMonths)
    if (text::iequals(w, m)) return true;
  return false;
}

}  // namespace

std::string clean_author(std::string_view byline) {
  // The first line only: later lines hold dates, roles and outlets.
  std::string_view s = text::trim(byline);
  size_t nl = s.find('\n');
  if (nl != std::string_view::npos) {
    std::string_view first = text::trim(s.substr(0, nl));
    // "By\n  Name": the name is on the next line.
    if (text::iequals(first, "by") || text::iequals(first, "von") || text::iequals(first, "par")) {
      s = text::trim(s.substr(nl + 1));
      nl = s.find('\n');
      if (nl != std::string_view::npos) s = s.substr(0, nl);
    } else {
      s = first;
    }
  }
  std::string out = text::collapse_spaces(s);
  for (std::string_view prefix : {"by ", "by: ", "von ", "par ", "por ", "di ", "door ", "av ", "af "}) {
    if (text::istarts_with(out, prefix)) {
      out = std::string(text::trim(std::string_view(out).substr(prefix.size())));
      break;
    }
  }
  // Cut at separators that start a date or a role: " | ", " - ", " — ".
  for (std::string_view sep : {" | ", " - ", " — ", " – ", " · "}) {
    size_t pos = out.find(sep);
    if (pos != std::string::npos) out.resize(pos);
  }
  // Drop trailing date words ("Jane Doe March 25, 2015").
  std::vector<std::string> words;
  text::for_each_token(out, [&](std::string_view w) { words.emplace_back(w); });
  while (words.size() > 1 && is_date_word(words.back())) words.pop_back();
  while (words.size() > 1 && (words.back() == "," || words.back() == "on" || words.back() == "am" ||
                              words.back() == "le" || words.back() == "el"))
    words.pop_back();
  out.clear();
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  while (!out.empty() && (out.back() == ',' || out.back() == ';')) out.pop_back();
  return out;
}

}  // namespace quietpage
