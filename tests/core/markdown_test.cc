#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "anchors.h"
#include "formulas.h"
#include "markdown.h"
#include "quietpage.h"
#include "test_util.h"

using namespace quietpage;
using testing::by_id;
using testing::parse_doc;

namespace {
// The Markdown of `snippet`, with the ids the HTML output would keep
// (footnotes need them), the page at `base`.
std::string md_of(const std::string& snippet, const char* base = "https://example.com/dir/page.html") {
  auto p = parse_doc("<div id=root>" + snippet + "</div>");
  url::Url b;
  if (base) url::parse_absolute(base, b);
  const NodeId root = by_id(*p.doc, "root");
  const Anchors anchors(*p.doc, root, base ? &b : nullptr);
  std::string out;
  serialize_markdown(*p.doc, root, base ? &b : nullptr, 0, out, &anchors);
  return out;
}
// A formula with its TeX source, as KaTeX and formulas.cc leave it.
std::string formula(const std::string& tex, const char* display = "") {
  return std::string("<math") + display + "><semantics><mi>x</mi><annotation encoding='application/x-tex'>" + tex +
         "</annotation></semantics></math>";
}
bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}
}  // namespace

TEST_CASE("markdown: headings and paragraphs") {
  CHECK(md_of("<h1>One</h1><p>Para  one\nline.</p><h2>Two</h2><p>B</p>") ==
        "# One\n\nPara one line.\n\n## Two\n\nB\n");
  CHECK(md_of("<h6> Six <b>bold</b> </h6>") == "###### Six **bold**\n");
  CHECK(md_of("<h3>Lists: <ul><li>in</li></ul> headings</h3>") == "### Lists: in headings\n");
  CHECK(md_of("<h2></h2><p></p><div>  </div>") == "");
  CHECK(md_of("<div>a</div><div>b</div>text") == "a\n\nb\n\ntext\n");
  CHECK(md_of("") == "");
}

TEST_CASE("markdown: emphasis, strong, strikethrough and code spans") {
  CHECK(md_of("<p>a <em>b</em> <strong>c</strong> <i>d <b>e</b></i> <del>f</del></p>") ==
        "a *b* **c** *d **e*** ~~f~~\n");
  CHECK(md_of("<p><em>outer <em>inner</em></em></p>") == "*outer inner*\n");
  CHECK(md_of("<p>x<b> spaced </b>y</p>") == "x **spaced** y\n");
  CHECK(md_of("<p>empty<b> </b><i></i>.</p>") == "empty .\n");
  CHECK(md_of("<p>call <code>f(*x*)</code> now</p>") == "call `f(*x*)` now\n");
  CHECK(md_of("<p><code>a ` b</code></p>") == "``a ` b``\n");
  CHECK(md_of("<p><code>`tick`</code></p>") == "`` `tick` ``\n");
  CHECK(md_of("<p><kbd>Ctrl</kbd>+<kbd>C</kbd></p>") == "`Ctrl`+`C`\n");
  // Emphasis around a block break is closed before it and reopened after.
  CHECK(md_of("<b>one<p>two</p></b>") == "**one**\n\n**two**\n");
}

TEST_CASE("markdown: text is escaped so it never turns into markup") {
  CHECK(md_of("<p>a*b*c _d_ `e` [f](g) &lt;h&gt; \\ | ~x~</p>") ==
        "a\\*b\\*c \\_d\\_ \\`e\\` \\[f\\](g) &lt;h\\> \\\\ \\| \\~x\\~\n");
  CHECK(md_of("<p># not a heading</p>") == "\\# not a heading\n");
  CHECK(md_of("<p>C# and #tag</p>") == "C# and #tag\n");
  CHECK(md_of("<p>- not a list</p><p>+ nor this</p><p>1984. A year</p><p>2) two</p>") ==
        "\\- not a list\n\n\\+ nor this\n\n1984\\. A year\n\n2\\) two\n");
  CHECK(md_of("<p>---</p><p>===</p><p>&gt; quote</p>") == "\\---\n\n\\===\n\n\\> quote\n");
  CHECK(md_of("<p>line<br># after break<br>- and list</p>") ==
        "line\\\n\\# after break\\\n\\- and list\n");
  CHECK(md_of("<p>AT&amp;T &amp;amp; &amp;#65; a &amp; b</p>") == "AT&T \\&amp; \\&#65; a & b\n");
  CHECK(md_of("<p>1.5 is fine, 3 - 2 too</p>") == "1.5 is fine, 3 - 2 too\n");
  CHECK(md_of("<h2>Issue #</h2>") == "## Issue \\#\n");
  CHECK(md_of("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == "&lt;script\\>alert(1)&lt;/script\\>\n");
}

TEST_CASE("markdown: adjacent code spans become one, never one backtick run (issue 19, finding 1)") {
  // Two spans side by side used to read as one run of backticks that ended
  // neither: the first span's text was live Markdown (raw HTML, links).
  CHECK(md_of("<p><code>&lt;img src=x onerror=\"alert(1)\"&gt;</code><code>a``b</code></p>") ==
        "```<img src=x onerror=\"alert(1)\">a``b```\n");
  CHECK(md_of("<h2><kbd>&lt;img src=x onerror=alert(1)&gt;</kbd><samp>a``b</samp></h2>") ==
        "## ```<img src=x onerror=alert(1)>a``b```\n");
  CHECK(md_of("<ul><li><tt>&lt;b&gt;</tt><code>`[x](javascript:alert(1))</code></li></ul>") ==
        "- ``<b>`[x](javascript:alert(1))``\n");
  CHECK(md_of("<table><tr><th><code>&lt;i&gt;</code><kbd>``</kbd></th></tr></table>") == "| ``` <i>`` ``` |\n| --- |\n");
  // Markup between them keeps them apart; markup left out does not.
  CHECK(md_of("<p><code>a</code><b><code>b</code></b>, <code>a</code><em><code>b</code></em>c</p>") ==
        "`a`**`b`**, `ab`c\n");
  // Padding when the content starts or ends with a backtick.
  CHECK(md_of("<p><code>`</code> <code>``a</code> <code>b`</code></p>") == "`` ` `` ``` ``a ``` `` b` ``\n");
}

TEST_CASE("markdown: no code span right after what marked takes for a bare URL") {
  // marked (GFM autolinks) takes everything up to whitespace or '<' into a
  // link: a backtick or the backslash of "\<" right after a URL went with it.
  CHECK(md_of("<p>See https://x.example/<code>&lt;img src=x onerror=alert(1)&gt;</code>, "
              "<a href=/p>p</a><code>[x](javascript:alert(1)) b</code> and www.x.example&lt;img src=x&gt;</p>") ==
        "See https://x.example/ `<img src=x onerror=alert(1)>`, [p](https://example.com/p) "
        "`[x](javascript:alert(1)) b` and www.x.example&lt;img src=x\\>\n");
  CHECK(md_of("<p>x <b><code>a</code></b></p>") == "x **`a`**\n");  // no URL before it: no space
  // Inside link text, code holding backticks or brackets is written as text.
  CHECK(md_of("<p><a href=/a><code>a`b</code> and <code>[c]</code> <code>d</code></a></p>") ==
        "[a\\`b and &#91;c&#93; `d`](https://example.com/a)\n");
}

TEST_CASE("markdown: brackets in link text are entities (marked read \"[!\\[x\\](u)](v)\" as an image)") {
  CHECK(md_of("<p><a href=/g>![x](javascript:alert(1))</a> [a] <a href=/h>x]</a></p>") ==
        "[!&#91;x&#93;(javascript:alert(1))](https://example.com/g) \\[a\\] [x&#93;](https://example.com/h)\n");
}

TEST_CASE("markdown: an escaped pipe in a table cell's code stays escaped (issue 19, finding 2)") {
  // GFM splits the row on a pipe after an even number of backslashes.
  CHECK(md_of("<table><tr><th>h</th></tr><tr><td><code>a\\|&lt;img src=x onerror=alert(1)&gt;</code></td></tr></table>") ==
        "| h |\n| --- |\n| `a\\\\\\|<img src=x onerror=alert(1)>` |\n");
  CHECK(md_of("<table><tr><td><code>a\\\\|b|c</code> t\\|x</td></tr></table>") ==
        "| `a\\\\\\\\\\|b\\|c` t\\\\\\|x |\n| --- |\n");
}

TEST_CASE("markdown: a '!' right before a link stays text (issue 19, finding 7)") {
  CHECK(md_of("<p>Look!<a href=\"https://x.example/i.png\">pic</a> and \\!<a href=/y>y</a></p>") ==
        "Look\\![pic](https://x.example/i.png) and \\\\\\![y](https://example.com/y)\n");
  // An image after a '!' stays an image; a '!' before markup needs nothing.
  CHECK(md_of("<p>!<img src=/i.png alt=i> wow!<b><a href=/b>b</a></b></p>") ==
        "!![i](https://example.com/i.png) wow!**[b](https://example.com/b)**\n");
  // Nor when the markup between them is left out.
  CHECK(md_of("<p>x!<em><a href=/b>b</a></em>y</p>") == "x\\![b](https://example.com/b)y\n");
}

TEST_CASE("markdown: emphasis runs are valid CommonMark (issue 16)") {
  // A closer followed by the same opener cancels out.
  CHECK(md_of("<p><b>a</b><b>b</b> <i>c</i> <i>d</i></p>") == "**ab** *c* *d*\n");
  // Adjacent and nested emphasis and strong, inside words too.
  CHECK(md_of("<p><em>a</em><strong>b</strong> <strong>c</strong><em>d</em></p>") == "*a***b** **c***d*\n");
  CHECK(md_of("<p>foo<em>bar</em>baz <em>a<strong>b</strong>c</em> <b>x<i>y</i>z</b></p>") ==
        "foo*bar*baz *a**b**c* **x*y*z**\n");
  CHECK(md_of("<p><i>(<b>b</b>)</i> <b>(<i>b</i>)</b> <b><i>both</i></b></p>") == "*(**b**)* **(*b*)** ***both***\n");
  // Delimiters that could not open or close where they stand: the text stays.
  CHECK(md_of("<p>x<em>(a)</em>y text<em>“quoted”</em> <em>“quoted”</em>, x<b>.</b></p>") ==
        "x(a)y text“quoted” *“quoted”*, x.\n");
  // Emoji count as letters for commonmark.js and as symbols elsewhere: both must work.
  CHECK(md_of("<p>😀<i>?</i> a<i>😀</i>b <i>😀</i> b</p>") == "😀? a😀b *😀* b\n");
  CHECK(md_of("<p><del>gone</del> <s>a</s><del>b</del></p>") == "~~gone~~ ~~ab~~\n");
}

TEST_CASE("markdown: footnotes as [^n] references and definitions at the end (issue 18)") {
  // Wikipedia-like: references in <sup>, notes in a list with links back.
  const std::string wiki =
      "<p>Tides lock moons.<sup id=cite_ref-1><a href='#cite_note-1'>[1]</a></sup> Again"
      "<sup id=cite_ref-2><a href='#cite_note-B-2'>[2]</a></sup> and again<sup id=cite_ref-3>"
      "<a href='#cite_note-1'>[1]</a></sup>.</p><h2>References</h2><ol class=references>"
      "<li id=cite_note-1><b><a href='#cite_ref-1'>^</a></b> Barnes, Rory (2010). <i>Exoplanets</i>.</li>"
      "<li id=cite_note-B-2><span>^ <a href='#cite_ref-2'><sup>a</sup></a> <a href='#cite_ref-3'>b</a></span> "
      "Lewis, John. p. 242.</li></ol>";
  CHECK(md_of(wiki) ==
        "Tides lock moons.[^1] Again[^2] and again[^1].\n\n## References\n\n"
        "[^1]: Barnes, Rory (2010). *Exoplanets*.\n\n[^2]: Lewis, John. p. 242.\n");
  // Marks beside links back go with them, words stay.
  CHECK(md_of("<p>a<sup id=r><a href=#n>1</a></sup></p><ol><li id=n><span>↑ <a href=#r>back</a></span> Note. "
              "<span>see <a href=#r>back</a></span></li></ol>") ==
        "a[^1]\n\n[^1]: Note. see\n");
  // Labels are numbers in the order of first reference, whatever the ids.
  CHECK(md_of("<p>a<a href='#z]b'>*</a> b<a href='#y%20c'>†</a></p><div id='y c'>Second note here.</div>"
              "<aside id='z]b'>First note here.</aside>") ==
        "a[^1] b[^2]\n\n[^1]: First note here.\n\n[^2]: Second note here.\n");
  // A note of several paragraphs: the next ones indented.
  CHECK(md_of("<p>x<sup><a href=#n>1</a></sup></p><ol><li id=n><p>One para.</p><p>Two para.</p>"
              "<pre>code\nblock</pre></li></ol>") ==
        "x[^1]\n\n[^1]: One para.\n\n    Two para.\n\n    ```\n    code\n    block\n    ```\n");
  // Links that are not footnote references stay links: to a heading, back
  // up the page, with a long text, or to an id the article does not have.
  CHECK(md_of("<p><a href=#m>Methods</a> <a href=#r>2 Results</a></p><div id=m>M.</div><section id=r>R.</section>") ==
        "[Methods](https://example.com/dir/page.html#m) [2 Results](https://example.com/dir/page.html#r)\n\nM.\n\nR.\n");
  CHECK(md_of("<h2 id=h>Intro</h2><p id=p1>Top.</p><p><a href=#h>1</a> <a href=#p1>2</a> "
              "<a href=#p2>see the paragraph below</a> <a href=#gone>[3]</a></p><p id=p2>Below.</p>") ==
        "## Intro\n\nTop.\n\n[1](https://example.com/dir/page.html#h) [2](https://example.com/dir/page.html#p1) "
        "[see the paragraph below](https://example.com/dir/page.html#p2) "
        "[&#91;3&#93;](https://example.com/dir/page.html#gone)\n\nBelow.\n");
  // A link to a whole list of notes: the list is no note, its items are.
  CHECK(md_of("<p>a<a href=#list>[n]</a> b<a href=#n1>1</a></p><ol id=list><li id=n1>The note text.</li></ol>") ==
        "a[&#91;n&#93;](https://example.com/dir/page.html#list) b[^1]\n\n[^1]: The note text.\n");
  // Nested candidates: only the innermost, which holds no other, is a note.
  std::string links, nested;
  for (int i = 0; i < 500; ++i) {
    links += "<a href=#n" + std::to_string(i) + ">" + std::to_string(i) + "</a> ";
    nested += "<div id=n" + std::to_string(i) + ">";
  }
  const std::string deep = md_of("<p>" + links + "</p>" + nested + "Innermost note.");
  CHECK(has(deep, "[0](https://example.com/dir/page.html#n0) "));
  const std::string end = " [^1]\n\n[^1]: Innermost note.\n";
  CHECK(deep.compare(deep.size() - std::min(deep.size(), end.size()), end.size(), end) == 0);
  // An empty note still has its definition.
  CHECK(md_of("<p>a<a href=#n1>1</a></p><p id=n1> </p>") == "a[^1]\n\n[^1]:\n");
}

TEST_CASE("markdown: a footnote definition is never a link reference definition") {
  // "[^1]: x" with a one-word x (or a title after it) is a link reference
  // definition to renderers without footnotes, and "[^1]" a link to x: such
  // a note starts on the next line but one, a paragraph and indented code there.
  const std::string ref = "<p>a<sup><a href=#n>1</a></sup></p>";
  CHECK(md_of(ref + "<ol><li id=n>Ibid.</li></ol>") == "a[^1]\n\n[^1]:\n\n    Ibid.\n");
  CHECK(md_of(ref + "<ol><li id=n>javascript:alert(1)</li></ol>") == "a[^1]\n\n[^1]:\n\n    javascript:alert(1)\n");
  CHECK(md_of(ref + "<ol><li id=n>javascript:alert(1) \"title\"</li></ol>") ==
        "a[^1]\n\n[^1]:\n\n    javascript:alert(1) \"title\"\n");
  CHECK(md_of(ref + "<ol><li id=n>x (t) more</li></ol>") == "a[^1]\n\n[^1]:\n\n    x (t) more\n");
  CHECK(md_of(ref + "<ol><li id=n><a href=/u>u</a></li></ol>") ==
        "a[^1]\n\n[^1]:\n\n    [u](https://example.com/u)\n");
  CHECK(md_of(ref + "<ol><li id=n><pre>&lt;img src=x onerror=alert(1)&gt;</pre></li></ol>") ==
        "a[^1]\n\n[^1]:\n\n    ```\n    <img src=x onerror=alert(1)>\n    ```\n");
  // Two words, the second no title: the note stays on the first line.
  CHECK(md_of(ref + "<ol><li id=n>javascript:alert(1) and more</li></ol>") ==
        "a[^1]\n\n[^1]: javascript:alert(1) and more\n");
  // Text after a reference that would make it a link or a definition.
  CHECK(md_of("<p><a href=#n>1</a>: x <a href=#n>1</a>(javascript:alert(1))</p><p id=n>The note text.</p>") ==
        "[^1]\\: x [^1]\\(javascript:alert(1))\n\n[^1]: The note text.\n");
  CHECK(md_of("<p>Look!<a href=#n>1</a></p><p id=n>The note text.</p>") == "Look\\![^1]\n\n[^1]: The note text.\n");
}

TEST_CASE("markdown: formulas as $TeX$ and $$TeX$$ (issue 18)") {
  const auto tex = [](const std::string& source, const char* display = "") { return formula(source, display); };
  CHECK(md_of("<p>Area " + tex("\\pi r^2") + " here.</p>") == "Area $\\pi r^2$ here.\n");
  CHECK(md_of("<p>So " + tex("x = \\frac{1}{2}", " display=block") + " holds.</p>") ==
        "So\n\n$$x = \\frac{1}{2}$$\n\nholds.\n");
  // One line: comments end there.
  CHECK(md_of("<p>" + tex("a % note\n + b\n") + "</p>") == "$a + b$\n");
  // Inline where a line is all there is; text in link text.
  CHECK(md_of("<h2>On " + tex("x^2", " display=block") + "</h2>") == "## On $x^2$\n");
  CHECK(md_of("<p><a href=/f>" + tex("[0,1)") + "</a></p>") == "[&#91;0,1)](https://example.com/f)\n");
  // Dollars in text are text.
  CHECK(md_of("<p>It costs $5, not $6.</p>") == "It costs \\$5, not \\$6.\n");
  // MathJax 2's script, as formulas.cc leaves it.
  auto p = parse_doc("<div id=root><p>Roots <script type='math/tex'>x_1 x_2 = c/a</script>.</p></div>");
  reduce_rendered_math(*p.doc);
  std::string out;
  serialize_markdown(*p.doc, by_id(*p.doc, "root"), nullptr, 0, out);
  CHECK(out == "Roots $x_1 x_2 = c/a$.\n");
}

TEST_CASE("markdown: TeX is inert for renderers without math") {
  const auto tex = [](const std::string& source) { return md_of("<p>" + formula(source) + "</p>"); };
  // No raw HTML, links, images, entities, emphasis or strikethrough.
  CHECK(tex("a &lt; b &gt; c") == "$a \\lt b \\gt c$\n");
  CHECK(tex("&lt;img src=x onerror=alert(1)&gt;") == "$\\lt img src=x onerror=alert(1)\\gt$\n");
  CHECK(tex("[x](javascript:alert(1)) ![y](javascript:alert(1))") ==
        "$[x] (javascript:alert(1)) ![y] (javascript:alert(1))$\n");
  CHECK(tex("\\left[ a \\right](b)") == "$\\left[ a \\right] (b)$\n");
  CHECK(tex("a &amp;lt; b &amp; c &amp;#60;") == "$a & lt; b & c & #60;$\n");
  CHECK(tex("a*b*c ~~d~~ \\* e") == "$a\\ast b\\ast c \\nobreakspace\\nobreakspace d\\nobreakspace\\nobreakspace \\* e$\n");
  // Refused: written as code.
  CHECK(tex("a`b`&lt;img src=x onerror=alert(1)&gt;") == "``a`b`<img src=x onerror=alert(1)>``\n");
  CHECK(tex("a $ b") == "`a $ b`\n");
  CHECK(tex("\\href{javascript:alert(1)}{x}") == "`\\href{javascript:alert(1)}{x}`\n");
  CHECK(tex("a\\") == "`a\\`\n");
  // Table cells: pipes escaped, and the backslashes before them doubled.
  CHECK(md_of("<table><tr><td>" + formula("|x| + \\|y\\|") + "</td></tr></table>") ==
        "| $\\|x\\| + \\\\\\|y\\\\\\|$ |\n| --- |\n");
}

TEST_CASE("markdown: MathML without TeX is read as TeX") {
  CHECK(md_of("<p><math><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mfrac><mi>a</mi><mi>b</mi></mfrac>"
              "<mo>&lt;</mo><msqrt><mn>2</mn></msqrt><mo>−</mo><mroot><mi>y</mi><mn>3</mn></mroot></math></p>") ==
        "${x}^{2}+\\frac{a}{b}\\lt\\sqrt{2}−{y}^{1/3}$\n");
  CHECK(md_of("<p><math><msubsup><mo>∑</mo><mi>i</mi><mi>n</mi></msubsup><mi>sin</mi><mi>x</mi>"
              "<mtext>if {x}</mtext><mo>_</mo></math></p>") ==
        "${∑}_{i}^{n}sin x\\text{if \\{x\\}}\\_$\n");
  // maction is gone (formulas.cc); what is left out stays out.
  CHECK(md_of("<p><math><mi>a</mi><mglyph src=x></mglyph><annotation-xml>&lt;b&gt;</annotation-xml></math></p>") ==
        "$a$\n");
}

TEST_CASE("markdown: links with safe schemes only") {
  CHECK(md_of("<p>see <a href=../x.html title='The \"X\"'>the x</a>.</p>") ==
        "see [the x](https://example.com/x.html \"The \\\"X\\\"\").\n");
  CHECK(md_of("<a href='mailto:a@b.c'>mail</a>") == "[mail](mailto:a@b.c)\n");
  CHECK(md_of("<a href='https://example.com/a_(b)'>w</a>") == "[w](https://example.com/a_\\(b\\))\n");
  CHECK(md_of("<a href='#sec'>s</a>") == "[s](https://example.com/dir/page.html#sec)\n");
  CHECK(md_of("<a href='#sec'>s</a>", nullptr) == "s\n");
  CHECK(md_of("<a>no href</a>") == "no href\n");
  CHECK(md_of("<a href=/x> </a>") == "");
  for (const char* evil : {"javascript:alert(1)", " JaVa&#x09;script:alert(1)", "data:text/html,<script>alert(1)</script>",
                           "vbscript:x", "file:///etc/passwd"}) {
    std::string md = md_of(std::string("<p><a href='") + evil + "'>text stays</a></p>");
    CHECK_MESSAGE(md == "text stays\n", evil);
  }
  std::string md = md_of("<a href='javascript:alert(1)'><img src='javascript:alert(2)' alt=x>t</a>"
                         "<img src='data:image/png;base64,AAAA' alt=inline>");
  CHECK(!has(md, "javascript"));
  CHECK(!has(md, "data:"));
  CHECK(md == "t\n");
  // A link around blocks becomes one link per paragraph.
  CHECK(md_of("<a href=/p><p>one</p><p>two</p></a>") ==
        "[one](https://example.com/p)\n\n[two](https://example.com/p)\n");
}

TEST_CASE("markdown: images and figures") {
  CHECK(md_of("<p><img src=/i.png alt='A [pic]' title=T></p>") ==
        "![A &#91;pic&#93;](https://example.com/i.png \"T\")\n");
  CHECK(md_of("<a href=/big><img src=small.png alt=''></a>") ==
        "[![](https://example.com/dir/small.png)](https://example.com/big)\n");
  CHECK(md_of("<figure><img src=/f.jpg alt=Ferry><figcaption>The <em>ferry</em>.</figcaption></figure><p>after</p>") ==
        "![Ferry](https://example.com/f.jpg)\n\n*The ferry.*\n\nafter\n");
  // The caption comes after the image even when the page puts it first.
  CHECK(md_of("<figure><figcaption>Cap</figcaption><img src=/f.jpg alt=F></figure>") ==
        "![F](https://example.com/f.jpg)\n\n*Cap*\n");
  CHECK(md_of("<img src=/i.png>", nullptr) == "");
}

TEST_CASE("markdown: hard breaks and thematic breaks") {
  CHECK(md_of("<p>one<br>two<br></p>") == "one\\\ntwo\n");
  CHECK(md_of("<p><br>lead</p>") == "lead\n");
  CHECK(md_of("<p>a<br><br>b</p>") == "a\n\nb\n");
  CHECK(md_of("<p>a</p><hr><p>b</p>") == "a\n\n---\n\nb\n");
  CHECK(md_of("<ul><li><hr>x</li></ul>") == "- ***\n\n  x\n");
}

TEST_CASE("markdown: lists, nested, indented by marker width") {
  CHECK(md_of("<ul><li>a</li><li>b</li></ul><p>after</p>") == "- a\n- b\n\nafter\n");
  CHECK(md_of("<ol><li>a</li><li>b</li></ol>") == "1. a\n2. b\n");
  CHECK(md_of("<ol start=9><li>nine</li><li>ten<ul><li>sub</li></ul></li><li value=20>twenty</li></ol>") ==
        "9. nine\n10. ten\n    - sub\n20. twenty\n");
  CHECK(md_of("<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li><li>d</li></ul>") ==
        "- a\n  - b\n    1. c\n- d\n");
  CHECK(md_of("<ul><li><p>para one</p><p>para two</p></li><li>next</li></ul>") ==
        "- para one\n\n  para two\n- next\n");
  CHECK(md_of("<ul><li>a<ul><li>b</li></ul>tail</li></ul>") == "- a\n  - b\n\n  tail\n");
  CHECK(md_of("<ul><li></li><li>only</li></ul>") == "- only\n");
  CHECK(md_of("<ul><li>- dash</li><li>1. one</li></ul>") == "- \\- dash\n- 1\\. one\n");
  // An ordered list not starting at 1 cannot interrupt a paragraph.
  CHECK(md_of("<ul><li>a<ol start=3><li>c</li></ol></li></ul>") == "- a\n\n  3. c\n");
}

TEST_CASE("markdown: blockquotes, nested, with > on every line") {
  CHECK(md_of("<blockquote><p>one</p><p>two</p></blockquote>") == "> one\n>\n> two\n");
  CHECK(md_of("<blockquote>outer<blockquote>inner<br>line</blockquote>back</blockquote>") ==
        "> outer\n>\n> > inner\\\n> > line\n>\n> back\n");
  CHECK(md_of("<ul><li>item<blockquote>q1<p>q2</p></blockquote></li></ul>") ==
        "- item\n\n  > q1\n  >\n  > q2\n");
  CHECK(md_of("<blockquote><ul><li>a</li><li>b</li></ul></blockquote>") == "> - a\n> - b\n");
  CHECK(md_of("<blockquote> </blockquote><p>x</p>") == "x\n");
}

TEST_CASE("markdown: fenced code keeps <pre> exactly") {
  CHECK(md_of("<pre>  keep\n    this\n\n  too</pre>") == "```\n  keep\n    this\n\n  too\n```\n");
  CHECK(md_of("<pre><code class='language-cpp'>int x = 1;\n</code></pre>") == "```cpp\nint x = 1;\n```\n");
  CHECK(md_of("<pre class='lang-js'>f()</pre>") == "```js\nf()\n```\n");
  CHECK(md_of("<pre class='language-a`b'>x</pre>") == "```\nx\n```\n");
  // The language: a safe info string or none; the first class that names one.
  CHECK(md_of("<pre><code class='hljs language-c++'>x</code></pre>") == "```c++\nx\n```\n");
  CHECK(md_of("<pre class='language-c#'><code class='language-x'>x</code></pre>") == "```c#\nx\n```\n");
  CHECK(md_of("<pre class='language-&lt;img language-js'>x</pre>") == "```js\nx\n```\n");
  CHECK(md_of("<pre class='language-a~b lang-'>x</pre>") == "```\nx\n```\n");
  CHECK(md_of("<pre class='language-" + std::string(40, 'a') + "'>x</pre>") == "```\nx\n```\n");
  CHECK(md_of("<pre class='language-js'>~~~\n```</pre>") == "````js\n~~~\n```\n````\n");
  CHECK(md_of("<pre>a ``` b\n````\n*not* [markup]</pre>") == "`````\na ``` b\n````\n*not* [markup]\n`````\n");
  CHECK(md_of("<pre>line<br>next<span> span</span></pre>") == "```\nline\nnext span\n```\n");
  CHECK(md_of("<blockquote><pre>a\n\nb</pre></blockquote>") == "> ```\n> a\n>\n> b\n> ```\n");
  CHECK(md_of("<ol><li><pre>x\ny</pre></li></ol>") == "1. ```\n   x\n   y\n   ```\n");
  CHECK(md_of("<pre>   </pre><p>x</p>") == "x\n");
}

TEST_CASE("markdown: GFM tables") {
  CHECK(md_of("<table><tr><th>Name</th><th>Value</th></tr><tr><td>a|b</td><td><code>x|y</code></td></tr>"
              "<tr><td>only</td></tr></table>") ==
        "| Name | Value |\n| --- | --- |\n| a\\|b | `x\\|y` |\n| only |\n");
  CHECK(md_of("<table><tr><td><p>para one</p><ul><li>item</li></ul><br>x</td><td colspan=2>wide</td></tr>"
              "<tr><td>1</td><td>2</td><td>3</td></tr></table><p>after</p>") ==
        "| para one item x | wide |  |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n\nafter\n");
  CHECK(md_of("<table><caption>Cap</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td><a href=/l>link</a></td></tr></tbody></table>") ==
        "Cap\n\n| h |\n| --- |\n| [link](https://example.com/l) |\n");
  CHECK(md_of("<table><tr><td>out<table><tr><td>in1</td><td>in2</td></tr></table></td></tr></table>") ==
        "| out in1 in2 |\n| --- |\n");
  CHECK(md_of("<table><tr><td> </td></tr></table><p>x</p>") == "x\n");
  CHECK(md_of("<blockquote><table><tr><td>a</td></tr></table></blockquote>") == "> | a |\n> | --- |\n");
  CHECK(md_of("<b>bold <table><tr><td>a</td></tr></table> end</b>") == "**bold**\n\n| a |\n| --- |\n\n**end**\n");
}

TEST_CASE("markdown: colspan cannot multiply a table's size (issue 19, finding 4)") {
  std::string one_row = "<table><tr>";
  for (int i = 0; i < 2000; ++i) one_row += "<td colspan=1000>c</td>";
  one_row += "</tr><tr><td>x</td></tr></table>";
  std::string md = md_of(one_row);
  // 64 columns at most; the cells past them go into the last one.
  CHECK(md.substr(0, md.find('\n')).size() < 64 * 5 + 2000 * 2);
  CHECK(md.size() < 5 * one_row.size());
  std::string many_rows = "<table>";
  for (int i = 0; i < 2000; ++i) many_rows += "<tr><td colspan=1000>c</td></tr>";
  many_rows += "</table>";
  CHECK(md_of(many_rows).size() < many_rows.size());
  CHECK(md_of("<table><tr><td colspan=3>a</td><td>b</td></tr><tr><td>c</td><td colspan=2>d</td></tr></table>") ==
        "| a |  |  | b |\n| --- | --- | --- | --- |\n| c | d |\n");
  // The budget is checked at every line of a table, not after it.
  auto p = parse_doc("<div id=root>" + many_rows + "</div>");
  std::string out;
  CHECK_FALSE(serialize_markdown(*p.doc, by_id(*p.doc, "root"), nullptr, 1000, out));
  CHECK(out.size() < 2000);
}

TEST_CASE("markdown: embedded videos become links; other frames vanish") {
  CHECK(md_of("<p><iframe src=https://www.youtube.com/embed/abc></iframe></p>") ==
        "[Video](https://www.youtube.com/embed/abc)\n");
  CHECK(md_of("<iframe src=//player.vimeo.com/video/1 title='A [film]'></iframe>") ==
        "[A &#91;film&#93;](https://player.vimeo.com/video/1)\n");
  CHECK(md_of("<iframe src=https://evil.example/x>fallback</iframe>") == "");
  CHECK(md_of("<iframe src='javascript:alert(1)//youtube.com/'></iframe>") == "");
  CHECK(md_of("<iframe src='https://web.archive.org/web/2024id_/https://evil.example/'></iframe>") == "");
  CHECK(md_of("<video src=/v.mp4>Your browser</video>") == "[Video](https://example.com/v.mp4)\n");
  CHECK(md_of("<script>alert(1)</script><style>p{}</style><svg><text>x</text></svg><form>f<input></form>") ==
        "f\n");
  CHECK(md_of("<p><ruby>子<rt>こ</rt></ruby>ども</p>") == "子ども\n");
}

TEST_CASE("markdown: output shape") {
  std::string md = md_of("<p>a</p><p></p><div><div><p>b</p></div></div><br><br><br><ul><li>c</li></ul>");
  CHECK(md == "a\n\nb\n\n- c\n");
  CHECK(!has(md_of("<p>a</p><blockquote><p>b</p></blockquote><p>c</p>\n\n\n"), "\n\n\n"));
  // Deterministic.
  const char* page = "<h1>t</h1><ul><li>a<blockquote>b</blockquote></li></ul><table><tr><td>c</td></tr></table>";
  CHECK(md_of(page) == md_of(page));
}

TEST_CASE("markdown: stops at the size limit") {
  auto p = parse_doc("<div id=root><p>" + std::string(1000, 'x') + "</p><p>more</p></div>");
  std::string out;
  CHECK_FALSE(serialize_markdown(*p.doc, by_id(*p.doc, "root"), nullptr, 100, out));
  CHECK(serialize_markdown(*p.doc, by_id(*p.doc, "root"), nullptr, 5000, out));
  auto t = parse_doc("<div id=root><table><tr><td>" + std::string(1000, 'x') + "</td><td>y</td></tr></table></div>");
  CHECK_FALSE(serialize_markdown(*t.doc, by_id(*t.doc, "root"), nullptr, 100, out));
}

TEST_CASE("markdown: 100,000 levels of nesting do not crash") {
  // Built with the DOM API: gumbo itself takes minutes over such input.
  const int depth = 100000;
  const std::vector<std::vector<Tag>> chains = {
      {GUMBO_TAG_BLOCKQUOTE}, {GUMBO_TAG_UL, GUMBO_TAG_LI}, {GUMBO_TAG_OL, GUMBO_TAG_LI},
      {GUMBO_TAG_B}, {GUMBO_TAG_EM}, {GUMBO_TAG_A}, {GUMBO_TAG_SPAN}, {GUMBO_TAG_DIV},
      {GUMBO_TAG_FIGURE}, {GUMBO_TAG_PRE}, {GUMBO_TAG_H2}, {GUMBO_TAG_TABLE, GUMBO_TAG_TR, GUMBO_TAG_TD},
      {GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_UL, GUMBO_TAG_LI, GUMBO_TAG_P}};
  for (const auto& chain : chains) {
    auto p = parse_doc("<div id=root></div>");
    Document& doc = *p.doc;
    NodeId parent = by_id(doc, "root");
    for (int i = 0; i < depth; ++i) {
      NodeId el = doc.create_element(chain[static_cast<size_t>(i) % chain.size()]);
      if (doc[el].tag == GUMBO_TAG_A) doc.set_attr(el, "href", "https://host.test/");
      doc.append_child(parent, el);
      if (i % 1000 == 0) doc.append_child(el, doc.create_text("x "));  // text on the way down
      parent = el;
    }
    doc.append_child(parent, doc.create_text("deep"));
    std::string out;
    CHECK(serialize_markdown(doc, by_id(doc, "root"), nullptr, 0, out));
    std::string first = std::string(doc.tag_name(doc[by_id(doc, "root")].first_child));
    CHECK_MESSAGE(has(out, "deep"), first);
    CHECK_MESSAGE(std::count(out.begin(), out.end(), 'x') == depth / 1000, first);  // no text lost
    CHECK(out.back() == '\n');
    // Container prefixes stop at a fixed depth, so the output stays linear.
    CHECK(out.size() < 20000);
  }
}

TEST_CASE("markdown: parse() fills Article::markdown only when asked") {
  Options options;
  options.url = "https://ledger.example/news/floating-library.html";
  std::string page = testing::fixture("cluttered-news.html");
  Result plain = parse(page, options);
  REQUIRE(plain.found);
  CHECK(plain.article.markdown.empty());
  options.markdown = true;
  Result r = parse(page, options);
  REQUIRE(r.error == ErrorCode::kOk);
  REQUIRE(r.found);
  const std::string& md = r.article.markdown;
  CHECK(has(md, "The old ferry that carried cars"));
  CHECK(has(md, "\n\n## Eleven thousand books\n\n"));
  CHECK(has(md, "![The library ferry at the north pier](https://ledger.example/images/ferry.jpg)\n\n"
                "*The library ferry at the north pier.*"));
  CHECK(!has(md, "Share on Twitter"));
  CHECK(!has(md, "onerror"));
  CHECK(md.back() == '\n');
  CHECK(!has(md, "\n\n\n"));
  CHECK(r.article.content == plain.article.content);

  options.max_output_bytes = 50;
  CHECK(parse(page, options).error == ErrorCode::kOutputTooLarge);
}

TEST_CASE("markdown: the output limit applies to the Markdown too") {
  // Escaping makes this article's Markdown much longer than its HTML or text.
  std::string words;
  for (int i = 0; i < 80; ++i) words += "star*_[x]`y` and more words, ";
  std::string page = "<html><body><article><p>" + words + "</p><p>" + words + "</p></article></body></html>";
  Options options;
  options.markdown = true;
  Result r = parse(page, options);
  REQUIRE(r.found);
  size_t limit = std::max(r.article.content.size(), r.article.text_content.size());
  REQUIRE(r.article.markdown.size() > limit);
  options.max_output_bytes = limit;
  Result over = parse(page, options);
  CHECK(over.error == ErrorCode::kOutputTooLarge);
  options.markdown = false;
  CHECK(parse(page, options).error == ErrorCode::kOk);
}
