#include <doctest/doctest.h>

#include "serialize.h"
#include "test_util.h"

using namespace quietpage;
using testing::by_id;
using testing::parse_doc;

namespace {
std::string html_of(const std::string& snippet, const char* base = "https://example.com/dir/page.html") {
  auto p = parse_doc("<div id=root>" + snippet + "</div>");
  url::Url b;
  url::parse_absolute(base, b);
  Output output;
  output.base = &b;
  std::string out;
  serialize_html(*p.doc, by_id(*p.doc, "root"), output, out);
  return out;
}
std::string text_of(const std::string& snippet) {
  auto p = parse_doc("<div id=root>" + snippet + "</div>");
  std::string out;
  serialize_text(*p.doc, by_id(*p.doc, "root"), 0, true, out);
  return out;
}
}  // namespace

TEST_CASE("serialize: only allowlisted tags and attributes come out") {
  CHECK(html_of("<p class=x id=y style='color:red' onclick='evil()' title=t>Hi</p>") == "<p title=\"t\">Hi</p>");
  CHECK(html_of("<script>alert(1)</script><style>p{}</style><p>ok</p>") == "<p>ok</p>");
  CHECK(html_of("<svg onload=alert(1)><script>x</script></svg>") == "");
  CHECK(html_of("<math><maction actiontype=toggle><mi>x</mi></maction></math>") == "<math></math>");
  CHECK(html_of("<form action=/x><label>Name <input name=n></label></form>") == "Name ");
  CHECK(html_of("<custom-el>kept text</custom-el>") == "kept text");
  CHECK(html_of("<object data=x.swf>fallback</object><embed src=x>") == "");
  CHECK(html_of("<base href=https://evil.com/><meta http-equiv=refresh content=0>") == "");
}

TEST_CASE("serialize: URLs are resolved and only safe schemes survive") {
  CHECK(html_of("<a href=../x.html>x</a>") == "<a href=\"https://example.com/x.html\">x</a>");
  CHECK(html_of("<a href='javascript:alert(1)'>text stays</a>") == "text stays");
  CHECK(html_of("<a href=' JaVa&#x09;script:alert(1)'>t</a>") == "t");
  CHECK(html_of("<a href='data:text/html,<script>alert(1)</script>'>t</a>") == "t");
  CHECK(html_of("<a href='mailto:a@b.c'>m</a>") == "<a href=\"mailto:a@b.c\">m</a>");
  // An anchor that is not in the article points to the page's own.
  CHECK(html_of("<a href='#sec'>s</a>") == "<a href=\"https://example.com/dir/page.html#sec\">s</a>");
  CHECK(html_of("<img src=/i.png alt='A &quot;pic&quot;'>") ==
        "<img src=\"https://example.com/i.png\" alt=\"A &quot;pic&quot;\">");
  CHECK(html_of("<img src='data:image/png;base64,AAAA'>") == "<img src=\"data:image/png;base64,AAAA\">");
  CHECK(html_of("<img src='javascript:alert(1)'>") == "<img>");
  // Sizes in CSS pixels only: "20px" becomes 20, relative or odd values go.
  CHECK(html_of("<img width=640 height='20px' alt=a>") == "<img width=\"640\" height=\"20\" alt=\"a\">");
  CHECK(html_of("<img width='50%' height='2em' alt=a>") == "<img alt=\"a\">");
  CHECK(html_of("<img width='px' height='1e9' alt=a>") == "<img alt=\"a\">");
  CHECK(html_of("<img srcset='a.jpg 1x, javascript:x 2x, /b.jpg 2x'>") ==
        "<img srcset=\"https://example.com/dir/a.jpg 1x, https://example.com/b.jpg 2x\">");
}

TEST_CASE("serialize: iframes only from allowed video hosts, sandboxed") {
  CHECK(html_of("<iframe src=https://evil.example/x></iframe>") == "");
  CHECK(html_of("<iframe src='https://evil.example/?v=//www.youtube.com/embed/x'></iframe>") == "");
  CHECK(html_of("<iframe src=https://youtube.com.evil.example/embed/x></iframe>") == "");
  std::string video = html_of("<iframe src=https://www.youtube.com/embed/abc srcdoc='<script>x</script>'></iframe>");
  CHECK(video.find("src=\"https://www.youtube.com/embed/abc\"") != std::string::npos);
  CHECK(video.find("sandbox=") != std::string::npos);
  CHECK(video.find("srcdoc") == std::string::npos);
}

TEST_CASE("serialize: text and attributes are escaped") {
  CHECK(html_of("<p>&lt;script&gt; &amp; \"q\"</p>") == "<p>&lt;script&gt; &amp; \"q\"</p>");
  CHECK(html_of("<p title='\"><script>'>x</p>") == "<p title=\"&quot;&gt;&lt;script&gt;\">x</p>");
  CHECK(html_of("<pre>\n\nindented\n  code</pre>") == "<pre>\n\nindented\n  code</pre>");
}

TEST_CASE("serialize: long text is escaped wherever the characters fall (eight bytes are read at once)") {
  // Each reference at every offset of a longer text comes out as it went in.
  for (const std::string ref : {"&amp;", "&lt;", "&gt;"}) {
    for (size_t at = 0; at < 20; ++at) {
      std::string text(24, 'x');
      text.insert(at, ref);
      CHECK(html_of("<p>" + text + "</p>") == "<p>" + text + "</p>");
    }
  }
  CHECK(html_of("<p title='aaaaaaaaaaaa\"bbbbbbbbb&amp;cccccccc'>" + std::string(30, 'y') + "\"</p>") ==
        "<p title=\"aaaaaaaaaaaa&quot;bbbbbbbbb&amp;cccccccc\">" + std::string(30, 'y') + "\"</p>");
}

TEST_CASE("serialize: plain text keeps paragraph breaks") {
  CHECK(text_of("<h2>Title</h2><p>One  two\nthree.</p><p>Four <b>five</b>.</p>") ==
        "Title\n\nOne two three.\n\nFour five.");
  CHECK(text_of("<ul><li>a</li><li>b</li></ul><p>after</p>") == "a\nb\n\nafter");
  CHECK(text_of("<p>line<br>break</p>") == "line\nbreak");
  CHECK(text_of("<pre>  keep\n    this</pre>") == "  keep\n    this");
  CHECK(text_of("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == "a b\nc");
  CHECK(text_of("<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>ども</p>") == "子ども");
}

TEST_CASE("serialize: soft hyphens (hyphenation hints) are not plain text, the HTML keeps them") {
  CHECK(text_of("<p>auto&shy;nome Klima\xC2\xADwandel &shy;x&shy;</p>") == "autonome Klimawandel x");
  CHECK(text_of("<pre>a&shy;b</pre>") == "ab");
  CHECK(html_of("<p>auto&shy;nome</p>").find("auto\xC2\xADnome") != std::string::npos);
}

TEST_CASE("serialize: the text leaves figure captions out when asked to") {
  auto p = parse_doc("<div id=root><p>Before.</p><figure><img src=a.jpg><figcaption>The pier.</figcaption></figure>"
                     "<div class=wp-caption><img src=b.jpg><p class=wp-caption-text>The ferry.</p></div>"
                     "<table><caption>Rainfall</caption><tr><td>12</td></tr></table><p>After.</p></div>");
  std::string with, without;
  serialize_text(*p.doc, by_id(*p.doc, "root"), 0, true, with);
  serialize_text(*p.doc, by_id(*p.doc, "root"), 0, false, without);
  CHECK(with == "Before.\n\nThe pier.\n\nThe ferry.\n\nRainfall\n12\n\nAfter.");
  CHECK(without == "Before.\n\nRainfall\n12\n\nAfter.");  // a table's caption is its title
}

TEST_CASE("serialize: output stops at the size limit") {
  auto p = parse_doc("<div id=root><p>" + std::string(1000, 'x') + "</p><p>more</p></div>");
  std::string out;
  Output output;
  output.max_bytes = 100;
  CHECK_FALSE(serialize_html(*p.doc, by_id(*p.doc, "root"), output, out));
  CHECK_FALSE(serialize_text(*p.doc, by_id(*p.doc, "root"), 100, true, out));
  CHECK(serialize_text(*p.doc, by_id(*p.doc, "root"), 5000, true, out));
}

namespace {
std::string html_with(const std::string& snippet, const Output& settings) {
  auto p = parse_doc("<div id=root>" + snippet + "</div>");
  Output output = settings;
  url::Url b;
  url::parse_absolute("https://example.com/dir/page.html", b);
  output.base = &b;
  if (output.page == kNoNode) output.page = by_id(*p.doc, "page");
  std::string out;
  serialize_html(*p.doc, by_id(*p.doc, "root"), output, out);
  return out;
}
}  // namespace

TEST_CASE("serialize: classes as the options say, safe names only; \"page\" is quietpage's wrapper's") {
  Output none;
  Output keep;
  keep.keep_classes = true;
  const NameList preserve("caption note");
  Output some;
  some.classes_to_preserve = &preserve;
  const std::string html = "<div id=page class='page x'><p class='note big'>a</p><p class='page caption'>b</p>"
                           "<p class='ok \"><script> x&amp;y e\\u0301 caption'>c</p></div>";
  CHECK(html_with(html, none) == "<div class=\"page\"><p>a</p><p>b</p><p>c</p></div>");
  CHECK(html_with(html, keep) ==
        "<div class=\"page\"><p class=\"note big\">a</p><p class=\"caption\">b</p><p class=\"ok caption\">c</p></div>");
  CHECK(html_with(html, some) ==
        "<div class=\"page\"><p class=\"note\">a</p><p class=\"caption\">b</p><p class=\"caption\">c</p></div>");
  // Code blocks keep their language whatever the options say.
  CHECK(html_with("<pre class='language-c++ numbered'><code class='lang-cpp x'>int a;</code></pre>", none) ==
        "<pre class=\"language-c++\"><code class=\"lang-cpp\">int a;</code></pre>");
  CHECK(html_with("<p class=language-js>not code</p>", none) == "<p>not code</p>");
}

TEST_CASE("serialize: presentation MathML with its layout attributes; nothing that links, loads or runs") {
  CHECK(html_of("<p>x <math display=block alttext='x squared' href='javascript:alert(1)' onclick=alert(1) "
                "style='color:red' class=c id=i><msup><mi mathvariant=bold xlink:href='javascript:alert(1)'>x</mi>"
                "<mn>2</mn></msup></math></p>") ==
        "<p>x <math display=\"block\" alttext=\"x squared\"><msup><mi mathvariant=\"bold\">x</mi><mn>2</mn></msup>"
        "</math></p>");
  CHECK(html_of("<math><semantics><mrow><mi>y</mi></mrow><annotation encoding='application/x-tex'>y</annotation>"
                "<annotation encoding='text/plain'>why</annotation>"
                "<annotation-xml encoding='text/html'><img src=x onerror=alert(1)></annotation-xml></semantics></math>") ==
        "<math><semantics><mrow><mi>y</mi></mrow><annotation encoding=\"application/x-tex\">y</annotation>"
        "</semantics></math>");
  CHECK(html_of("<math><mglyph src='https://evil.example/x.png'></mglyph><maction actiontype=statusline>"
                "<mi>a</mi><mtext>b</mtext></maction><mo>+</mo><unknown-el>u</unknown-el></math>") ==
        "<math><mo>+</mo></math>");
  // The TeX source is not part of the text a reader sees.
  CHECK(text_of("<p>so <math><semantics><mi>y</mi><annotation encoding='application/x-tex'>\\mathit{y}</annotation>"
                "</semantics></math> holds</p>") == "so y holds");
}

TEST_CASE("serialize: a caller's video test widens the players an iframe may embed, sandboxed all the same") {
  const std::function<bool(std::string_view)> test = [](std::string_view v) {
    return v.find("videos.example.com/embed/") != std::string_view::npos;
  };
  Output known;
  Output widened;
  widened.videos = rules::media::Videos(&test);
  const std::string html = "<iframe src='https://videos.example.com/embed/1'></iframe>"
                           "<iframe src='https://www.youtube.com/embed/2'></iframe>"
                           "<iframe src='https://evil.example/embed/3'></iframe>"
                           "<iframe src='javascript:alert(\"videos.example.com/embed/\")'></iframe>";
  const std::string sandbox = " sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\""
                              " referrerpolicy=\"strict-origin-when-cross-origin\"></iframe>";
  CHECK(html_with(html, known) == "<iframe src=\"https://www.youtube.com/embed/2\"" + sandbox);
  CHECK(html_with(html, widened) == "<iframe src=\"https://videos.example.com/embed/1\"" + sandbox +
                                        "<iframe src=\"https://www.youtube.com/embed/2\"" + sandbox + "<iframe" +
                                        sandbox);
}
