#include <doctest/doctest.h>

#include "metadata.h"
#include "test_util.h"

using namespace quietpage;
using testing::parse_doc;

TEST_CASE("metadata: JSON-LD article fields win over meta tags") {
  auto p = parse_doc(R"(<head>
    <title>Ignored | Site</title>
    <meta property="og:title" content="OG title">
    <meta name="author" content="Meta Author">
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
      "headline":"The headline","author":[{"name":"Ann"},{"name":" Bob "}],
      "publisher":{"name":"Daily"},"datePublished":"2021-10-05T18:42:00+02:00",
      "description":"Summary","articleBody":" First line.\nSecond line. "}</script></head><body></body>)");
  Metadata ld = read_json_ld(*p.doc);
  CHECK(ld.article_body == "First line.\nSecond line.");
  CHECK(ld.title == "The headline");
  CHECK(ld.byline == "Ann, Bob");
  CHECK(ld.site_name == "Daily");
  Metadata m = read_metadata(*p.doc, ld);
  CHECK(m.title == "The headline");
  CHECK(m.byline == "Ann, Bob");
  CHECK(m.excerpt == "Summary");
  CHECK(m.published_time == "2021-10-05T18:42:00+02:00");
  CHECK(m.article_body == ld.article_body);
}

TEST_CASE("metadata: JSON-LD in @graph, arrays and CDATA; non-schema.org ignored") {
  auto graph = parse_doc(R"(<script type="application/ld+json">
    {"@context":"http://schema.org","@graph":[{"@type":"WebSite","name":"W"},
     {"@type":"BlogPosting","name":"Post name"}]}</script>)");
  CHECK(read_json_ld(*graph.doc).title == "Post name");
  auto cdata = parse_doc(R"(<script type="application/ld+json"><![CDATA[
    [{"@type":"Person"},{"@context":"https://schema.org","@type":"Article","name":"In CDATA"}]]]></script>)");
  CHECK(read_json_ld(*cdata.doc).title == "In CDATA");
  auto other = parse_doc(R"(<script type="application/ld+json">{"@context":"https://example.org","@type":"Article","name":"X"}</script>)");
  CHECK(read_json_ld(*other.doc).title.empty());
  auto broken = parse_doc(R"(<script type="application/ld+json">{"@type": oops}</script>)");
  CHECK(read_json_ld(*broken.doc).title.empty());
}

TEST_CASE("metadata: meta tag precedence and entity unescaping") {
  auto p = parse_doc(R"(<head>
    <meta property="og:title twitter:title" content="Tom &amp;amp; Jerry">
    <meta name="twitter:title" content="Twitter title">
    <meta property="og:site_name" content="Site">
    <meta name="dc.creator" content="DC Creator">
    <meta property="article:author" content="https://example.com/profile">
    <meta name="description" content="Plain description">
    <meta property="og:description" content="OG description">
    <meta name="parsely-pub-date" content="2020-01-01">
    </head>)");
  Metadata m = read_metadata(*p.doc, Metadata{});
  CHECK(m.title == "Tom & Jerry");
  CHECK(m.byline == "DC Creator");
  CHECK(m.site_name == "Site");
  CHECK(m.excerpt == "OG description");
  CHECK(m.published_time == "2020-01-01");
  auto url_author = parse_doc(R"(<meta property="article:author" content="https://example.com/profile">)");
  CHECK(read_metadata(*url_author.doc, Metadata{}).byline.empty());
}

TEST_CASE("metadata: title cleaning") {
  auto site = parse_doc("<title>Harbour town opens its first floating library | The Coastal Ledger</title>");
  CHECK(article_title(*site.doc) == "Harbour town opens its first floating library");
  auto section = parse_doc("<title>News &raquo; Harbour town opens its first floating library</title>");
  CHECK(article_title(*section.doc) == "Harbour town opens its first floating library");
  auto em_dash = parse_doc("<title>Harbour town opens its first floating library — The Coastal Ledger</title>");
  CHECK(article_title(*em_dash.doc) == "Harbour town opens its first floating library");
  auto en_dash = parse_doc("<title>Harbour town opens its first floating library – Ledger</title>");
  CHECK(article_title(*en_dash.doc) == "Harbour town opens its first floating library");
  auto colon_heading = parse_doc(
      "<title>Panne de Facebook : Telegram dit avoir battu un record</title>"
      "<h1>Panne de Facebook : Telegram dit avoir battu un record</h1>");
  CHECK(article_title(*colon_heading.doc) == "Panne de Facebook : Telegram dit avoir battu un record");
  auto colon = parse_doc("<title>Site: The real title of the article</title>");
  CHECK(article_title(*colon.doc) == "The real title of the article");
  auto short_title = parse_doc("<title>Home | Site</title>");
  CHECK(article_title(*short_title.doc) == "Home | Site");
  auto one_h1 = parse_doc("<title>Hi</title><h1>A much better heading from the page</h1>");
  CHECK(article_title(*one_h1.doc) == "A much better heading from the page");
}

TEST_CASE("metadata: text similarity") {
  CHECK(text_similarity("Hello big world", "hello world") == doctest::Approx(1.0));
  CHECK(text_similarity("abc", "xyz") == doctest::Approx(0.0));
  CHECK(text_similarity("", "x") == 0);
  // Words of any script count (Readability's ASCII-only split saw none here).
  CHECK(text_similarity("مكتبة الحي التي يديرها القرّاء", "مكتبة الحي التي يديرها القرّاء") == doctest::Approx(1.0));
  CHECK(text_similarity("Привет, мир", "привет мир") == doctest::Approx(1.0));
  CHECK(text_similarity("東京の天気", "大阪の天気") < 0.5);
}

TEST_CASE("metadata: images, canonical URL, dates and declared language") {
  auto p = parse_doc(R"(<head>
    <link rel="alternate canonical" href="/canonical.html">
    <meta property="og:image" content="https://cdn.example/lead.jpg">
    <meta property="article:modified_time" content="2024-05-01">
    <meta property="og:locale" content="de_DE">
    </head><body><time itemprop="datePublished" datetime="2024-04-30">30. April</time></body>)");
  Metadata m = read_metadata(*p.doc, Metadata{});
  CHECK(m.canonical_url == "/canonical.html");
  CHECK(m.lead_image == "https://cdn.example/lead.jpg");
  CHECK(m.modified_time == "2024-05-01");
  CHECK(m.published_time == "2024-04-30");  // only because no meta/JSON-LD date exists
  CHECK(m.language == "de-DE");
  auto ld = parse_doc(R"(<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article",
    "name":"x","image":[{"url":"https://cdn.example/ld.png"}],"dateModified":"2020-02-02","inLanguage":"fr"}</script>)");
  Metadata j = read_json_ld(*ld.doc);
  CHECK(j.lead_image == "https://cdn.example/ld.png");
  CHECK(j.modified_time == "2020-02-02");
  CHECK(j.language == "fr");
}

TEST_CASE("metadata: author names are cleaned from bylines") {
  CHECK(clean_author("By Jane Doe") == "Jane Doe");
  CHECK(clean_author("By\n\t\t\tScott Cunningham") == "Scott Cunningham");
  CHECK(clean_author("By Nathan Willis\n                March 25, 2015") == "Nathan Willis");
  CHECK(clean_author("by Lucas Nolan | 22 Dec 2016") == "Lucas Nolan");
  CHECK(clean_author("Jane Doe, March 25, 2015") == "Jane Doe");
  CHECK(clean_author("John Mayer") == "John Mayer");
  CHECK(clean_author("Von Tim Ehlers") == "Tim Ehlers");
  CHECK(clean_author("") == "");
}
