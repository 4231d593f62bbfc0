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

TEST_CASE("metadata: only JSON-LD blocks of article types are read") {
  auto read = [](const std::string& type) {
    auto p = parse_doc("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":" + type +
                       ",\"headline\":\"Read\"}</script>");
    return read_json_ld(*p.doc).title;
  };
  CHECK(read("\"NewsArticle\"") == "Read");
  CHECK(read("\"BlogPosting\"") == "Read");
  CHECK(read("[\"Thing\", \"ReportageNewsArticle\"]") == "Read");
  CHECK(read("\"Organization\"") == "");
  CHECK(read("\"WebPage\"") == "");
}

TEST_CASE("metadata: a <time datetime> or a block named as a date, where no meta date exists") {
  // Any <time> whose datetime is a day, not one marked as an update.
  auto time = parse_doc(R"(<body><time class="entry-date updated" datetime="2021-02-02">2 Feb</time>
    <time datetime="2021-01-05T10:00:00+01:00">5 Jan</time><time datetime="P2D">two days</time></body>)");
  CHECK(read_metadata(*time.doc, Metadata{}).published_time == "2021-01-05T10:00:00+01:00");
  auto not_a_day = parse_doc(R"(<body><time datetime="10:00">ten</time></body>)");
  CHECK(read_metadata(*not_a_day.doc, Metadata{}).published_time.empty());
  // A meta date wins over both.
  auto meta = parse_doc(R"(<head><meta property="article:published_time" content="2020-12-24"></head>
    <body><time datetime="2021-01-05">5 Jan</time></body>)");
  CHECK(read_metadata(*meta.doc, Metadata{}).published_time == "2020-12-24");
  // The first short block named as a date with a date in it, read in the
  // page's language; long blocks, updates and other names don't count.
  auto line = parse_doc(R"(<html lang="de"><body><div class="date">Heute</div>
    <p class="update-date">Aktualisiert: 03.02.2021</p><p class=teaser>Am 01.01.2020 fing es an.</p>
    <span class="news_datum">04.02.2021 12:46</span><span class=date>05.02.2021</span></body></html>)");
  Metadata m = read_metadata(*line.doc, Metadata{});
  CHECK(m.published_time.empty());  // not a publication date source of its own
  CHECK(m.dated_line == "2021-02-04");
  auto us = parse_doc(R"(<html lang="en"><body><div id="post-date">Posted 11/12/2012</div></body></html>)");
  CHECK(read_metadata(*us.doc, Metadata{}).dated_line == "2012-11-12");
  auto long_block = parse_doc("<body><div class=date>" + std::string(120, 'x') + " 04.02.2021</div></body>");
  CHECK(read_metadata(*long_block.doc, Metadata{}).dated_line.empty());
  // A line that opens with the date's label, the date after it or in the next element.
  auto labelled = parse_doc(R"(<html lang="de"><body><ul><li>Ort: Bonn</li><li><span>Datum:</span>26. Januar 2022</li>
    </ul></body></html>)");
  CHECK(read_metadata(*labelled.doc, Metadata{}).dated_line == "2022-01-26");
  auto inline_label = parse_doc(R"(<body><p>Erschienen am: 01.11.2023</p></body>)");
  CHECK(read_metadata(*inline_label.doc, Metadata{}).dated_line == "2023-11-01");
  auto update = parse_doc(R"(<body><p>Aktualisiert am: 01.11.2023</p><p>Datumsangabe 02.11.2023</p></body>)");
  CHECK(read_metadata(*update.doc, Metadata{}).dated_line.empty());
}

TEST_CASE("metadata: the author as declared where Readability doesn't look, beside the byline") {
  // A JSON-LD author by reference to a node of the graph: the declared author, not the byline.
  auto graph = parse_doc(R"(<script type="application/ld+json">
    {"@context":"https://schema.org","@graph":[{"@type":"Article","headline":"H",
      "author":{"@id":"https://daily.example/#/person/1"}},
     {"@type":"Person","@id":"https://daily.example/#/person/1","name":" Jane Doe "}]}</script>)");
  Metadata ld = read_json_ld(*graph.doc);
  CHECK(ld.byline.empty());
  CHECK(ld.declared_author == "Jane Doe");
  CHECK(read_metadata(*graph.doc, ld).declared_author == "Jane Doe");
  // A card's "Written by" label and its value; <meta itemprop="author">, but not a profile's URL.
  auto card = parse_doc(R"(<head><meta name="twitter:label1" content="Est. reading time">
    <meta name="twitter:data1" content="4 minutes"><meta name="twitter:label2" content="Written by">
    <meta name="twitter:data2" content="Kay Roe"></head>)");
  CHECK(read_metadata(*card.doc, Metadata{}).declared_author == "Kay Roe");
  auto itemprop = parse_doc(R"(<head><meta itemprop="author" content="Markus Reuter"></head>)");
  CHECK(read_metadata(*itemprop.doc, Metadata{}).declared_author == "Markus Reuter");
  auto profile = parse_doc(R"(<head><meta itemprop="author" content="https://daily.example/jd"></head>)");
  CHECK(read_metadata(*profile.doc, Metadata{}).declared_author.empty());
}
