#include <doctest/doctest.h>

#include "clean.h"
#include "rules/features.h"
#include "rules/flags.h"
#include "test_util.h"

using namespace quietpage;
using testing::by_id;
using testing::find;
using testing::parse_doc;

namespace {
constexpr unsigned kAll = rules::kAllFlags;
}  // namespace

using testing::prose;

TEST_CASE("clean: share widgets, forms, embeds and asides are removed") {
  auto p = parse_doc("<div id=a><div id=top><p>" + prose(5) +
                     "</p><div class=share-bar><a href=/s>Share</a></div>"
                     "<form><input name=q><button>Go</button></form>"
                     "<iframe src=https://ads.example/frame></iframe>"
                     "<iframe src=https://www.youtube.com/embed/abc></iframe>"
                     "<aside>Aside text</aside><footer>Foot</footer></div></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.text_content(a);
  CHECK(text.find("Share") == std::string::npos);
  CHECK(text.find("Aside text") == std::string::npos);
  CHECK(text.find("Foot") == std::string::npos);
  CHECK(find(doc, GUMBO_TAG_FORM) == kNoNode);
  std::vector<NodeId> frames = doc.elements_by_tag(a, GUMBO_TAG_IFRAME);
  REQUIRE(frames.size() == 1);  // the video stays
  CHECK(doc.attr(frames[0], "src") == "https://www.youtube.com/embed/abc");
}

TEST_CASE("clean: an <aside> or <footer> wrapping the article itself stays") {
  auto p = parse_doc("<div id=a><aside class=direct-content><article><p>" + prose(8) +
                     "</p></article><aside>Related aside</aside></aside><footer>Foot</footer></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.text_content(a);
  CHECK(text.find("Words, words") != std::string::npos);
  CHECK(text.find("Related aside") == std::string::npos);  // the small one inside still goes
  CHECK(text.find("Foot") == std::string::npos);
}

TEST_CASE("clean: link blocks are dropped, data tables kept, layout tables unwrapped") {
  auto p = parse_doc("<div id=a><p>" + prose(5) + "</p>"
                     "<div id=links><a href=/1>One link</a> | <a href=/2>Two link</a></div>"
                     "<table id=data><thead><tr><th>Year</th><th>Count</th></tr></thead>"
                     "<tr><td>2020</td><td>1</td></tr></table>"
                     "<table id=layout><tr><td>" + prose(2) + "</td></tr></table></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  CHECK(by_id(doc, "links") == kNoNode);
  CHECK(by_id(doc, "data") != kNoNode);
  CHECK(by_id(doc, "layout") == kNoNode);  // single cell: replaced by its content
  CHECK(doc.text_content(a).find(prose(2)) != std::string::npos);
}

TEST_CASE("clean: lazy images get their real source; h1 becomes h2; empty paragraphs go") {
  auto p = parse_doc("<div id=a><h1>Head</h1><p></p><p><img id=i class=lazy-load data-original=/pic.jpg></p>"
                     "<figure id=f data-src=/fig.png></figure></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  CHECK(find(doc, GUMBO_TAG_H1) == kNoNode);
  CHECK(find(doc, GUMBO_TAG_H2) != kNoNode);
  CHECK(doc.attr(by_id(doc, "i"), "src") == "/pic.jpg");
  NodeId fig_img = doc.first_element_child(by_id(doc, "f"));
  REQUIRE(fig_img != kNoNode);
  CHECK(doc.attr(fig_img, "src") == "/fig.png");
  CHECK(doc.count_tag(a, GUMBO_TAG_P) == 1);  // the one holding the image
}

TEST_CASE("clean: finish_article wraps in a page div and unnests wrappers") {
  auto p = parse_doc("<div id=a><div><div><section><p>text</p></section></div></div><div> </div></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  NodeId page = finish_article(doc, a);
  CHECK(doc.attr(page, "class") == "page");
  CHECK(doc[page].parent == a);
  NodeId only = doc.first_element_child(page);
  CHECK(doc.element_child_count(page) == 1);  // empty div removed
  CHECK(doc.next_element_sibling(only) == kNoNode);
  CHECK(doc.is(doc.first_element_child(only), GUMBO_TAG_P));  // wrappers collapsed
}

TEST_CASE("clean: boilerplate inside the article goes, whatever else its name says") {
  auto p = parse_doc("<div id=a><p>" + prose(20) + "</p>"
                     "<div class='related-content'><a href=/1>Other story</a></div>"
                     "<div class='c-article__share-bar'>Share this</div>"
                     "<section id=comments><p>A reader's comment, quite long, about the story.</p></section>"
                     "<div class='newsletter-signup'>Get our newsletter every morning</div>"
                     "<section class='report__section--ads'><p>" + prose(3) + "</p></section>"
                     "<section id='sharing-with-a-single-developer'><p>" + prose(3) + "</p></section>"
                     "<p>Foto: dpa/Someone</p><figure><img src=x.jpg><figcaption>A ferry"
                     "<span class=credit>Photo: Jane Roe</span></figcaption></figure>"
                     "<p>Link to <a class=popup href=/x>a popup</a> stays.</p></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.inner_text(a);
  for (const char* gone : {"Other story", "Share this", "reader's comment", "newsletter", "Foto: dpa", "Jane Roe"})
    CHECK_MESSAGE(text.find(gone) == std::string::npos, std::string(gone));
  CHECK(text.find("A ferry") != std::string::npos);
  CHECK(text.find("a popup stays") != std::string::npos);
  CHECK(doc.count_tag(a, GUMBO_TAG_SECTION) == 2);  // the "--ads" modifier and the slug id stay
}

TEST_CASE("clean: credits at the end of captions go, the description stays") {
  auto p = parse_doc("<div id=a><p>" + prose(20) + "</p>"
                     "<figure><img src=1.jpg><figcaption>The old town at dawn. Foto: dpa</figcaption></figure>"
                     "<figure><img src=2.jpg><figcaption>A <b>ferry</b> leaves (Photo: <a href=/p>Jane "
                     "Roe</a>)</figcaption></figure>"
                     "<div class=wp-caption><img src=3.jpg><p class=wp-caption-text>Imagen: Télam</p></div>"
                     "<figure><img src=4.jpg><figcaption>Backstage, Bild <a href=/v>via</a></figcaption></figure>"
                     "<p>The photo: a sentence in the text is no caption, and stays.</p></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, 0);  // on every attempt, retries included
  std::string text = doc.inner_text(a);
  for (const char* gone : {"dpa", "Jane Roe", "Photo:", "Imagen", "Télam", "via"})
    CHECK_MESSAGE(text.find(gone) == std::string::npos, std::string(gone));
  CHECK(text.find("The old town at dawn.") != std::string::npos);
  CHECK(text.find("A ferry leaves") != std::string::npos);
  CHECK(text.find("The photo: a sentence") != std::string::npos);
  CHECK(text.find("Backstage") != std::string::npos);
  CHECK(doc.count_tag(a, GUMBO_TAG_IMG) == 4);
  // A long text after the marker is a caption that mentions a photo, not a credit.
  auto q = parse_doc("<div id=b><p>" + prose(20) + "</p><figure><img src=1.jpg><figcaption>Seen here, photo: " +
                     prose(4) + "</figcaption></figure></div>");
  NodeId b = by_id(*q.doc, "b");
  clean_article(*q.doc, b, kAll);
  CHECK(q.doc->inner_text(b).find("Seen here, photo:") != std::string::npos);
}

TEST_CASE("clean: a caption written twice goes; figures of a series sharing a caption keep theirs") {
  auto p = parse_doc("<div id=a><p>" + prose(20) + "</p>"
                     "<figure><img src=1.jpg><figcaption>The harbour seen from the old lighthouse</figcaption></figure>"
                     "<p>The harbour seen from the old lighthouse</p>"
                     "<div class=gallery><span class=caption>The harbour seen from the old lighthouse</span></div>"
                     "<figure><img src=2.jpg><figcaption>The harbour seen from the old lighthouse</figcaption></figure>"
                     "<p>" + prose(5) + "</p></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.inner_text(a);
  size_t count = 0;
  for (size_t at = text.find("The harbour seen"); at != std::string::npos; at = text.find("The harbour seen", at + 1))
    ++count;
  CHECK(count == 2);  // one per figure: the paragraph and the gallery's copy went
  CHECK(doc.count_tag(a, GUMBO_TAG_FIGCAPTION) == 2);
}

TEST_CASE("clean: calls to follow the site or get its app, and paywall prompts, go; prose about social networks stays") {
  auto p = parse_doc("<div id=a><p>" + prose(20) + "</p>"
                     "<p><strong>Follow The Daily on Twitter and Instagram @TheDaily.</strong></p>"
                     "<p>For breaking news, download the Daily apps for iOS and Android.</p>"
                     "<p><b>Get the latest news straight to your phone with the Daily app.</b></p>"
                     "<p>¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.</p>"
                     "<p>To view the full story, please subscribe to The Daily.</p>"
                     "<p>The minister said on Twitter that she would follow the advice.</p>"
                     "<p>Two days after you submit your application, follow up with everyone.</p></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.inner_text(a);
  for (const char* gone : {"Follow The Daily", "download the Daily", "to your phone", "Telegram", "full story"})
    CHECK_MESSAGE(text.find(gone) == std::string::npos, std::string(gone));
  CHECK(text.find("The minister said on Twitter") != std::string::npos);
  CHECK(text.find("submit your application") != std::string::npos);  // "application" names no app
}

TEST_CASE("clean: blocks the page hides in print, or shows only in print, go") {
  auto p = parse_doc("<div id=a><p>" + prose(20) + "</p>"
                     "<div class='comments noprint'>Write a comment</div>"
                     "<ul class='d-print-none'><li>Serves 12</li></ul>"
                     "<p class=print-only><a href=/>More articles on example.com!</a></p>"
                     "<p class=blueprint>Blueprints are content.</p></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.inner_text(a);
  for (const char* gone : {"Write a comment", "Serves 12", "More articles"})
    CHECK_MESSAGE(text.find(gone) == std::string::npos, std::string(gone));
  CHECK(text.find("Blueprints are content.") != std::string::npos);
}

TEST_CASE("clean: disclaimers, author boxes, comment modules and teaser lists go by name") {
  auto p = parse_doc("<div id=a><p>" + prose(20) + "</p>"
                     "<p class=aawp-disclaimer>Links on this page are affiliate links.</p>"
                     "<section class=editorial-disclosure><p>This post contains references to products.</p></section>"
                     "<div class=saboxplugin-wrap><p>I like every kind of photography.</p></div>"
                     "<div id=kommentarModul><p>Sie sind aktuell nicht eingeloggt.</p></div>"
                     "<section class=relatedPosts><p>Another story</p></section>"
                     "<div class=Teasers><h2>More on climate</h2></div>"
                     "<div class=community-notice>This is a community blog.</div></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.inner_text(a);
  for (const char* gone : {"affiliate", "references to products", "photography", "eingeloggt", "Another story",
                           "More on climate", "community blog"})
    CHECK_MESSAGE(text.find(gone) == std::string::npos, std::string(gone));
  CHECK(text.find("Words, words") != std::string::npos);
}

TEST_CASE("clean: prose with many inline links stays, a teaser list with summaries goes") {
  std::string linked_prose;
  for (int i = 0; i < 6; ++i)
    linked_prose += "<p>The parties <a href=/p" + std::to_string(i) + ">Die Partei and the Others</a> stand "
                    "in only a few states, so we kept to the largest ones here.</p>";
  std::string teasers;
  for (int i = 0; i < 4; ++i)
    teasers += "<h3><a href=/t" + std::to_string(i) + ">Another story from the same newsroom</a></h3>"
               "<p>A summary of that other story in a single sentence of modest length.</p>";
  auto p = parse_doc("<div id=a><p>" + prose(20) + "</p><div id=cited>" + linked_prose +
                     "</div><div id=teasers>" + teasers + "</div></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  REQUIRE(rules::features::link_density(doc, by_id(doc, "cited")) > 0.2);
  clean_article(doc, a, kAll);
  std::string text = doc.inner_text(a);
  CHECK(text.find("we kept to the largest ones") != std::string::npos);
  CHECK(text.find("Another story") == std::string::npos);
}

TEST_CASE("clean: 'related' headings go with the links that follow them") {
  auto p = parse_doc("<div id=a><p>" + prose(20) + "</p>"
                     "<h3>Mehr zum Thema</h3><ul><li><a href=/1>Eins</a></li><li><a href=/2>Zwei</a></li></ul>"
                     "<p><strong>À lire aussi</strong></p><p><a href=/3>Trois</a></p>"
                     "<h4>Artikel gefallen? Vergiss nicht zu teilen!</h4><h2>Entdecke weitere Homestorys</h2>"
                     "<ul><li><a href=/4>Vier</a></li></ul>"
                     "<h2>Related reading is a heading</h2><p>" + prose(5) + "</p></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.inner_text(a);
  for (const char* gone : {"Mehr zum Thema", "Eins", "Zwei", "lire aussi", "Trois", "gefallen", "Homestorys", "Vier"})
    CHECK_MESSAGE(text.find(gone) == std::string::npos, std::string(gone));
  CHECK(text.find(prose(5).substr(0, 40)) != std::string::npos);  // prose after a heading stays
}

TEST_CASE("clean: trailing labels and headings after the article's prose go, sentences and lists stay") {
  auto p = parse_doc("<div id=a><div><p>" + prose(6) + "</p><p>Last sentence of the story.</p></div>"
                     "<div class=x><h3>More on this topic</h3></div><p>Keine Kommentare</p><p>Kontakt:</p></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.text_content(a);
  CHECK(text.find("Last sentence of the story.") != std::string::npos);
  CHECK(text.find("More on this topic") == std::string::npos);
  CHECK(text.find("Keine Kommentare") == std::string::npos);
  CHECK(text.find("Kontakt") == std::string::npos);

  // An article may end with a list, a table, a quote, code or a picture.
  auto l = parse_doc("<div id=a><p>" + prose(6) + "</p><ul><li>200 g Mehl</li><li>3 Eier</li></ul></div>");
  clean_article(*l.doc, by_id(*l.doc, "a"), kAll);
  CHECK(l.doc->text_content(by_id(*l.doc, "a")).find("3 Eier") != std::string::npos);
  auto h = parse_doc("<div id=a><p>" + prose(6) + "</p><h2>The harbour at night</h2><p><img src=/n.jpg></p></div>");
  clean_article(*h.doc, by_id(*h.doc, "a"), kAll);
  CHECK(h.doc->text_content(by_id(*h.doc, "a")).find("The harbour at night") != std::string::npos);

  // With no prose before it, a short line is the article, not its tail.
  auto s = parse_doc("<div id=a><h2>Note</h2><p>\u65e5\u672c</p></div>");
  clean_article(*s.doc, by_id(*s.doc, "a"), kAll);
  CHECK(s.doc->text_content(by_id(*s.doc, "a")) == "Note\u65e5\u672c");
}

TEST_CASE("clean: tracking pixels, spacers and icons go; data tables keep theirs; emoji images become text") {
  std::string text;
  for (int i = 0; i < 6; ++i)
    text += "<p>The harbour wall was rebuilt this spring, stone by stone, by a crew of eight masons.</p>";
  auto p = testing::parse_doc(
      "<div id=a>" + text +
      "<p>Before <img id=pixel src=https://vg.example/na/1 width=1 height=1 alt=''> after.</p>"
      "<img id=beacon src=/t.gif width='0' height='1px'>"
      "<p><img id=icon src=/icons/share.svg width=16 alt=share> Share</p>"
      "<p>Great <img id=emoji class=emoji src=/e/1f600.png alt='\xF0\x9F\x98\x80' width=18 height=18> news</p>"
      "<img id=spacer src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>"
      "<img id=photo src=/photos/wall.jpg width=800 height=0 alt='The wall'>"
      "<img id=svg src='data:image/svg+xml;base64,PHN2Zy8+' alt=chart>"
      "<table id=t><caption>Status</caption><tr><th>Task</th><th>Done</th></tr>"
      "<tr><td>Wall</td><td><img id=mark src=/done.png width=20px alt=done></td></tr></table></div>");
  Document& doc = *p.doc;
  NodeId a = testing::by_id(doc, "a");
  clean_article(doc, a, kAll);
  for (const char* gone : {"pixel", "beacon", "icon", "emoji", "spacer"})
    CHECK_MESSAGE(testing::by_id(doc, gone) == kNoNode, gone);
  for (const char* kept : {"photo", "svg", "mark"}) CHECK_MESSAGE(testing::by_id(doc, kept) != kNoNode, kept);
  CHECK(doc.text_content(a).find("Great \xF0\x9F\x98\x80 news") != std::string::npos);
}

TEST_CASE("clean: a comment thread after the article goes with its heading") {
  const std::string thread =
      "<h2>Comments</h2><p>Great post, thanks for writing it.</p><p class=posted>Posted by: Ann | Apr 6, 2007 1:11 PM</p>"
      "<p>I disagree with the second point.</p><p class=posted>Posted by: Bo | Apr 6, 2007 2:30 PM</p>";
  auto p = parse_doc("<div id=a><p>" + prose(5) + "</p><p>" + prose(4) + "</p>" + thread + "</div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.text_content(a);
  CHECK(text.find(prose(4)) != std::string::npos);
  CHECK(text.find("Comments") == std::string::npos);
  CHECK(text.find("Great post") == std::string::npos);
  CHECK(text.find("disagree") == std::string::npos);

  // Without a signed comment after it, a "Comments" heading is a section of the article
  // (a tutorial's, here) and what follows stays.
  auto doc2 = parse_doc("<div id=a><p>" + prose(5) + "</p><h2>Comments</h2><p>" + prose(3) +
                        "</p><p>Lines that start with a hash are ignored.</p></div>");
  NodeId a2 = by_id(*doc2.doc, "a");
  clean_article(*doc2.doc, a2, kAll);
  CHECK(doc2.doc->text_content(a2).find("start with a hash") != std::string::npos);

  // A link to the thread ("2 Comments" under the title) is not its heading.
  auto doc4 = parse_doc("<div id=a><p>" + prose(5) + "</p><div><a href=#comments>2 Comments</a></div><p>" +
                        prose(3) + "</p><p>Updated Apr 6, 2007 1:11 PM</p></div>");
  NodeId a4 = by_id(*doc4.doc, "a");
  clean_article(*doc4.doc, a4, kAll);
  CHECK(doc4.doc->text_content(a4).find(prose(3)) != std::string::npos);

  // Nor does a thread heading at the top of what was chosen: then the thread is the article.
  auto doc3 = parse_doc("<div id=a>" + thread + "<p>" + prose(5) + "</p></div>");
  NodeId a3 = by_id(*doc3.doc, "a");
  clean_article(*doc3.doc, a3, kAll);
  CHECK(doc3.doc->text_content(a3).find("Great post") != std::string::npos);
}

TEST_CASE("clean: before an article is chosen, a thread goes when its container holds text before it") {
  auto p = parse_doc("<body><div id=post><p>" + prose(5) +
                     "</p><h2 id=comments>Comments</h2><div><p>Great post, thanks.</p></div>"
                     "<p>Posted by: Ann | Apr 6, 2007 1:11 PM</p></div></body>");
  Document& doc = *p.doc;
  NodeId body = find(doc, GUMBO_TAG_BODY);
  cut_comment_threads(doc, body, ThreadScope::kContainer);
  std::string text = doc.text_content(by_id(doc, "post"));
  CHECK(text.find("Great post") == std::string::npos);
  CHECK(text.find(prose(5)) != std::string::npos);
  // A thread that opens its container (a forum's posts, a comments page) stays.
  auto p2 = parse_doc("<body><div id=thread><h2>Comments</h2><p>" + prose(5) +
                      "</p><p>Posted by: Ann | Apr 6, 2007 1:11 PM</p></div></body>");
  cut_comment_threads(*p2.doc, find(*p2.doc, GUMBO_TAG_BODY), ThreadScope::kContainer);
  CHECK(p2.doc->text_content(by_id(*p2.doc, "thread")).find("Posted by") != std::string::npos);
}

TEST_CASE("clean: an empty link the page names for its thread starts the thread, signed or not") {
  auto p = parse_doc("<body><div id=post><p>" + prose(5) +
                     "</p><hr><a name=commentSection></a><b>Comments are now closed</b><br><b>Stephen B</b><br>"
                     "The time has come to cut the fat.<hr><b>Lina</b><br>Agreed.</div></body>");
  cut_comment_threads(*p.doc, find(*p.doc, GUMBO_TAG_BODY), ThreadScope::kContainer);
  const std::string text = p.doc->text_content(by_id(*p.doc, "post"));
  CHECK(text.find(prose(5)) != std::string::npos);
  CHECK(text.find("cut the fat") == std::string::npos);
  // A link to the thread, or one with text, is no mark of where it starts.
  auto p2 = parse_doc("<body><div id=post><p>" + prose(5) + "</p><a href=#comments name=comments></a><p>" +
                      "The rest of the story.</p><a name=comments>Comments</a><p>More of it.</p></div></body>");
  cut_comment_threads(*p2.doc, find(*p2.doc, GUMBO_TAG_BODY), ThreadScope::kContainer);
  const std::string text2 = p2.doc->text_content(by_id(*p2.doc, "post"));
  CHECK(text2.find("rest of the story") != std::string::npos);
  CHECK(text2.find("More of it") != std::string::npos);
}

TEST_CASE("clean: many thread headings are weighed in one walk") {
  // 3,000 unsigned "Comments" headings in one container: none cuts (no
  // signature follows), and the text before each is not counted again.
  std::string html = "<body><div id=post><p>" + prose(5) + "</p>";
  for (int i = 0; i < 3000; ++i) html += "<h3>Comments</h3><p>Item " + std::to_string(i) + "</p>";
  html += "<h3>Comments</h3><p>Posted by: Ann | Apr 6, 2007 1:11 PM</p></div></body>";
  auto p = parse_doc(html);
  cut_comment_threads(*p.doc, find(*p.doc, GUMBO_TAG_BODY), ThreadScope::kContainer);
  const std::string text = p.doc->text_content(by_id(*p.doc, "post"));
  CHECK(text.find("Item 2999") != std::string::npos);
  CHECK(text.find("Posted by") == std::string::npos);
}

TEST_CASE("clean: a list of one or two headline links between paragraphs goes; one a paragraph introduces stays") {
  auto p = parse_doc("<div id=a><p>" + prose(20) + "</p>"
                     "<ul><li><a href=/n><strong>The latest news about the outbreak in the city</strong></a></li></ul>"
                     "<p>" + prose(20) + "</p>"
                     "<p>I wrote about this before, for those who want a longer read:</p>"
                     "<ul><li><a href=/r>A review of the ten thousand hour concept</a></li>"
                     "<li><a href=/g>Some of the evidence for genes</a></li></ul>"
                     "<p>" + prose(20) + "</p>"
                     "<ul><li><a href=/x>Home</a></li></ul>"
                     "<p>" + prose(20) + "</p>"
                     "<ul><li><a href=/e>The last list ends the article here</a></li></ul></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  std::string text = doc.inner_text(a);
  CHECK(text.find("The latest news") == std::string::npos);
  CHECK(text.find("ten thousand hour") != std::string::npos);  // introduced by its paragraph
  CHECK(text.find("Home") != std::string::npos);                // no headline
  CHECK(text.find("ends the article") != std::string::npos);    // no paragraph after it
}

TEST_CASE("clean: a run of teaser cards after the article's prose goes; a post of links with notes stays") {
  const std::string card = "<p><a href=/other>Another story on the same site</a><br>"
                           "A short summary of that other story, to make you click.</p>";
  auto p = parse_doc("<div id=a><p>" + prose(30) + "</p><p>" + prose(30) + "</p>" + card + card + card + "</div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  CHECK(doc.inner_text(a).find("Another story") == std::string::npos);
  CHECK(doc.inner_text(a).find(prose(30).substr(0, 40)) != std::string::npos);

  // Two cards are no run; a headline that goes on in its line is no card.
  auto q = parse_doc("<div id=a><p>" + prose(30) + "</p>" + card + card +
                     "<p>" + prose(3) + "</p>"
                     "<p><a href=/b>A book worth reading</a>, its author on why it matters to us all.</p>"
                     "<p><a href=/b>A book worth reading</a>, its author on why it matters to us all.</p>"
                     "<p><a href=/b>A book worth reading</a>, its author on why it matters to us all.</p></div>");
  NodeId qa = by_id(*q.doc, "a");
  clean_article(*q.doc, qa, kAll);
  CHECK(q.doc->inner_text(qa).find("Another story") != std::string::npos);
  CHECK(q.doc->inner_text(qa).find("A book worth reading") != std::string::npos);

  // A post that is mostly cards (a round-up with a short intro) keeps them.
  auto r = parse_doc("<div id=a><p>Check out these posts I've compiled for you this week.</p>" + card + card + card +
                     "<h3>Elsewhere</h3>" + card + card + card + "</div>");
  NodeId ra = by_id(*r.doc, "a");
  clean_article(*r.doc, ra, kAll);
  CHECK(r.doc->inner_text(ra).find("Another story") != std::string::npos);
}

TEST_CASE("clean: date lines that open the article's text go; dates in and after its prose stay") {
  auto p = parse_doc("<div id=a><p>Tuesday, May 5, 2020 5:32 PM</p><p>" + prose(10) +
                     "</p><p>May 6, 2020</p><p>" + prose(10) + "</p></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  const std::string text = doc.inner_text(a);
  CHECK(text.find("May 5, 2020") == std::string::npos);
  CHECK(text.find("May 6, 2020") != std::string::npos);
}

TEST_CASE("clean: a related-posts list goes before blocks are weighed, so a short post above it stays") {
  std::string related;
  for (int i = 0; i < 6; ++i)
    related += "<li><a href=/r" + std::to_string(i) + ">More sample images taken with another lens, part " +
               std::to_string(i) + "</a></li>";
  auto p = parse_doc("<div id=a><div class=entry-content><p><a href=/1.jpg><img src=/1.jpg width=550 height=365></a></p>"
                     "<p>In addition to the first set of sample images from the new lens, here are a few more "
                     "pictures found on <a href=/f>the photo site</a>:</p><p>Related posts:</p><ol>" +
                     related + "</ol></div></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  clean_article(doc, a, kAll);
  const std::string text = doc.inner_text(a);
  CHECK(text.find("In addition to the first set") != std::string::npos);
  CHECK(text.find("another lens") == std::string::npos);
}
