#include <doctest/doctest.h>

#include "test_util.h"
#include "text.h"

using namespace quietpage;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("dom: edits keep sibling links consistent") {
  auto p = parse_doc("<div id=a><p id=x>1</p><p id=y>2</p><p id=z>3</p></div><div id=b></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a"), b = by_id(doc, "b");
  NodeId x = by_id(doc, "x"), y = by_id(doc, "y"), z = by_id(doc, "z");
  doc.remove(y);
  CHECK(doc[x].next == z);
  CHECK(doc[z].prev == x);
  CHECK(doc[y].parent == kNoNode);
  doc.append_child(b, x);
  CHECK(doc[a].first_child == z);
  CHECK(doc[b].first_child == x);
  doc.insert_before(b, y, x);
  CHECK(doc[b].first_child == y);
  CHECK(doc.text_content(b) == "21");
  doc.unwrap(b);
  CHECK(doc.next_element_sibling(a) == y);
  doc.replace(z, x);
  CHECK(doc.text_content(a) == "1");
}

TEST_CASE("dom: attributes can be set, replaced and removed") {
  auto p = parse_doc("<p id=a class=c title=t>x</p><p id=b>y</p>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a");
  doc.set_attr(a, "class", "d");
  CHECK(doc.attr(a, "class") == "d");
  doc.set_attr(a, "data-new", "1");  // a's range is not last: it moves
  CHECK(doc.attr(a, "data-new") == "1");
  CHECK(doc.attr(a, "title") == "t");
  CHECK(doc.attr(by_id(doc, "b"), "id") == "b");
  doc.remove_attr(a, "title");
  CHECK_FALSE(doc.has_attr(a, "title"));
  CHECK(doc.attr(a, "id") == "a");
}

TEST_CASE("dom: text helpers and snapshots") {
  auto p = parse_doc("<div id=d>  Hello,\n\n <b>big</b>   world  </div>");
  Document& doc = *p.doc;
  NodeId d = by_id(doc, "d");
  CHECK(doc.inner_text(d) == "Hello, big world");
  CHECK(doc.first_text_byte(d) == 'H');
  // Soft hyphens are hints for the renderer: the rules read the word without them.
  auto h = parse_doc("<p id=h>Image illus&shy;tra\xC2\xADtive <b>: Jean</b></p>");
  CHECK(h.doc->inner_text(by_id(*h.doc, "h")) == "Image illustrative : Jean");
  CHECK(h.doc->inner_text((*h.doc)[by_id(*h.doc, "h")].first_child) == "Image illustrative");
  auto q = parse_doc("<p id=e>\xC2\xA0 <b> </b><i>\xC2\xA9 AFP</i></p><p id=f> <br> </p>");
  CHECK(q.doc->first_text_byte(by_id(*q.doc, "e")) == 0xC2);  // NBSP is space; "©" is not
  CHECK(q.doc->first_text_byte(by_id(*q.doc, "f")) == 0);
  CHECK(doc.text_stats(d).length == 16);
  CHECK(doc.text_stats(d).commas == 1);
  Document::Snapshot s = doc.snapshot();
  doc.remove(d);
  CHECK(by_id(doc, "d") == kNoNode);
  doc.restore(s);
  CHECK(by_id(doc, "d") == d);
}

TEST_CASE("dom: cached text statistics follow every kind of edit") {
  auto p = parse_doc("<div id=r><div id=a><p id=x>One, two</p> <p id=y>three</p></div>"
                     "<div id=b><span id=z> four </span></div><div id=c></div></div>");
  Document& doc = *p.doc;
  NodeId r = by_id(doc, "r"), a = by_id(doc, "a"), b = by_id(doc, "b"), c = by_id(doc, "c");
  NodeId x = by_id(doc, "x"), y = by_id(doc, "y"), z = by_id(doc, "z");
  // Each check compares the cached answer with one computed from the text.
  auto agrees = [&](NodeId n) {
    return doc.text_stats(n).length == text::js_length(text::collapse_spaces(text::trim(doc.text_content(n))));
  };
  auto all_agree = [&] {
    for (NodeId n : {r, a, b, c, x, y, z})
      if (!agrees(n)) return false;
    return true;
  };
  REQUIRE(all_agree());  // fills the caches
  doc.remove(y);
  CHECK(all_agree());
  doc.append_child(c, y);
  CHECK(all_agree());
  doc.insert_before(a, z, x);
  CHECK(all_agree());
  doc.replace(x, doc.create_text("new, text"));
  CHECK(all_agree());
  doc.move_children(a, b);
  CHECK(all_agree());
  doc.unwrap(b);
  CHECK(all_agree());
  CHECK(doc.text_stats(r).commas == 1);
  Document::Snapshot s = doc.snapshot();
  doc.remove(c);
  CHECK(all_agree());
  doc.restore(s);
  CHECK(all_agree());
}

TEST_CASE("dom: cached link text follows edits and href changes") {
  auto p = parse_doc("<div id=r><p id=a>Text <a id=l1 href=/x>one link</a> and <a id=l2 href=#top>top</a></p>"
                     "<p id=b><a id=l3 href=/y>other <a href=/z>nested</a></a></p></div>");
  Document& doc = *p.doc;
  NodeId r = by_id(doc, "r"), a = by_id(doc, "a"), b = by_id(doc, "b");
  auto fresh = [&](NodeId n) {
    Document::LinkText t;
    for (NodeId c = doc.next_in(n, n); c != kNoNode; c = doc.next_in(c, n)) {
      if (!doc.is(c, GUMBO_TAG_A)) continue;
      std::string_view href = doc.attr(c, "href");
      t.all += doc.text_stats(c).length;
      if (href.size() > 1 && href[0] == '#') t.fragment += doc.text_stats(c).length;
    }
    return t;
  };
  auto agrees = [&] {
    for (NodeId n : {r, a, b}) {
      Document::LinkText cached = doc.link_text(n), want = fresh(n);
      if (cached.all != want.all || cached.fragment != want.fragment) return false;
    }
    return true;
  };
  REQUIRE(agrees());
  CHECK(doc.link_text(a).fragment == 3);
  doc.set_attr(by_id(doc, "l1"), "href", "#one");
  CHECK(agrees());
  doc.remove_attr(by_id(doc, "l2"), "href");
  CHECK(agrees());
  doc.remove(by_id(doc, "l3"));
  CHECK(agrees());
  doc.append_child(b, by_id(doc, "l1"));
  CHECK(agrees());
  CHECK(doc.link_text(a).all == 3);  // "top": an <a> without href still counts, as in Readability
}

TEST_CASE("dom: walk visits deep trees without recursion") {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<span>";
  html += "deep";
  auto p = parse_doc(html);
  const Document& doc = *p.doc;
  size_t entered = 0, left = 0;
  doc.walk(doc.root(), [&](NodeId) { ++entered; return true; }, [&](NodeId) { ++left; });
  CHECK(entered == 100004);  // html, head, body, the spans and the text
  CHECK(left == entered);
  CHECK(doc.text_content(doc.root()) == "deep");
}

TEST_CASE("dom: tag queries skip tags no element had, and see retagged elements") {
  auto p = parse_doc("<div id=a><p id=x>1</p><span id=y>2</span></div>");
  Document& doc = *p.doc;
  NodeId a = by_id(doc, "a"), y = by_id(doc, "y");
  CHECK(doc.may_hold(GUMBO_TAG_P));
  CHECK_FALSE(doc.may_hold(GUMBO_TAG_TABLE));
  CHECK(doc.elements_by_tag(a, GUMBO_TAG_TABLE).empty());
  CHECK_FALSE(doc.has_descendant(a, GUMBO_TAG_TABLE));
  doc.set_tag(y, GUMBO_TAG_TABLE);
  CHECK(doc.may_hold(GUMBO_TAG_TABLE));
  CHECK(doc.elements_by_tag(a, GUMBO_TAG_TABLE) == std::vector<NodeId>{y});
  CHECK(doc.count_tag(a, GUMBO_TAG_TABLE) == 1);
  NodeId img = doc.create_element(GUMBO_TAG_IMG);
  CHECK_FALSE(doc.has_descendant(a, GUMBO_TAG_IMG));
  doc.append_child(a, img);
  CHECK(doc.has_descendant(a, GUMBO_TAG_IMG));
  CHECK(doc.may_hold_any({GUMBO_TAG_FORM, GUMBO_TAG_IMG}));
  CHECK_FALSE(doc.may_hold_any({GUMBO_TAG_FORM, GUMBO_TAG_FIELDSET}));
}
