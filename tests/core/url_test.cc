#include <doctest/doctest.h>

#include "url.h"

using namespace quietpage;

static std::string resolve(const char* base, const char* ref) {
  url::Url b;
  REQUIRE(url::parse_absolute(base, b));
  return url::resolve(b, ref);
}

TEST_CASE("url: parse and normalize absolute URLs") {
  url::Url u;
  REQUIRE(url::parse_absolute("HTTP://Example.COM:80/a/./b/../c?q=1#f", u));
  CHECK(u.href() == "http://example.com/a/c?q=1#f");
  REQUIRE(url::parse_absolute("https://example.com", u));
  CHECK(u.href() == "https://example.com/");
  CHECK_FALSE(url::parse_absolute("/relative/path", u));
  CHECK_FALSE(url::parse_absolute("nope", u));
}

TEST_CASE("url: relative references resolve like the WHATWG URL parser") {
  const char* base = "http://fakehost/test/page.html";
  CHECK(resolve(base, "foo.jpg") == "http://fakehost/test/foo.jpg");
  CHECK(resolve(base, "/root.png") == "http://fakehost/root.png");
  CHECK(resolve(base, "../up.html") == "http://fakehost/up.html");
  CHECK(resolve(base, "//cdn.example.com/x.js") == "http://cdn.example.com/x.js");
  CHECK(resolve(base, "?q=2") == "http://fakehost/test/page.html?q=2");
  CHECK(resolve(base, "#top") == "http://fakehost/test/page.html#top");
  CHECK(resolve(base, "a b.png") == "http://fakehost/test/a%20b.png");
  CHECK(resolve(base, "caf\xC3\xA9.png") == "http://fakehost/test/caf%C3%A9.png");
  CHECK(resolve(base, " \n/x\t.png ") == "http://fakehost/x.png");
  CHECK(resolve(base, "https://other.org/p") == "https://other.org/p");
  CHECK(resolve(base, "\\\\evil.com\\x") == "http://evil.com/x");
  CHECK(resolve(base, "http:rel.html") == "http://fakehost/test/rel.html");
  // Dot segments open with '.' or "%2e"; other segments may hold dots.
  CHECK(resolve(base, "/a.b/c.d/e.html") == "http://fakehost/a.b/c.d/e.html");
  CHECK(resolve(base, "/a/.b/../c.d") == "http://fakehost/a/c.d");
  CHECK(resolve(base, "/a/b./%2E%2e/c") == "http://fakehost/a/c");
  CHECK(resolve(base, "x.y/.") == "http://fakehost/test/x.y/");
}

TEST_CASE("url: scheme detection") {
  CHECK(url::scheme_of("JavaScript:alert(1)") == "javascript");
  CHECK(url::scheme_of(" java\nscript:alert(1)") == "javascript");
  CHECK(url::scheme_of("/path:with:colons") == "");
  CHECK(url::scheme_of("mailto:a@b.c") == "mailto");
}

TEST_CASE("url: plain absolute paths resolve to the base's scheme and host") {
  CHECK(resolve("http://fakehost/test/page.html", "/item/5-3") == "http://fakehost/item/5-3");
  CHECK(resolve("http://fakehost/test/page.html", "/") == "http://fakehost/");
  CHECK(resolve("https://Ex.COM:443/a/", "/a/b/") == "https://ex.com/a/b/");
  CHECK(resolve("https://u@ex.com:0080/", "/p") == "https://u@ex.com:80/p");
  CHECK(resolve("http://[::1]:80/x", "/A/B") == "http://[::1]/A/B");
  CHECK(resolve("http://fakehost/", "/a:b@c") == "http://fakehost/a:b@c");
}

TEST_CASE("url: resolve_and_parse is parse_absolute of resolve") {
  for (const char* base : {"http://fakehost/test/page.html", "https://Ex.COM:443/a/", "https://u@ex.com:0080/",
                           "http://[::1]:80/x", "file:///tmp/a.html", "mailto:a@b.c"}) {
    url::Url b;
    REQUIRE(url::parse_absolute(base, b));
    for (const char* ref : {"/", "/item/5-3", "/a/b/", "/x.html", "/a?b", "/a#b", "//h/p", "/a%2eb", "/a\\b",
                            "/a b", "/caf\xC3\xA9", "/a{b}", "rel/x", "/a/../b", "/A/B", "/a:b@c", "",
                            // Absolute (plain ones are read once: url.cc is_plain_absolute).
                            "https://example.com/2024/05/a-b.html?c=d&e=f", "http://ex.com", "https://ex.com?x=1",
                            "https://EX.com/a", "https://ex.com:443/a", "https://ex.com:0080/a", "https://u@ex.com/a",
                            "https://ex.com/a/../b", "https://ex.com/./a", "https://ex.com/a/.", "https://ex.com/a'b?c'd",
                            "https://ex.com/a?b#c", "https://ex.com/a b", "https:///ex.com/a", "https://ex.com/a?b/./c",
                            "https://ex.com/a.b/c.d?e.f", "http://ex.com/[x]|^~", "https://ex.com/a?b?c", "HTTPS://ex.com/a",
                            "https://ex.com/caf\xC3\xA9", "https://ex.com/a%2e", "https://-.com/x", "https://ex.com//a", "https://ex.com/a?b=%20c#d%20?e",
                            "https://ex.com/a%20b", "https://ex.com#x", "https://ex.com/a#b#c", "https://ex.com/a?b'c",
                            "https://ex.com:8080/a", "https://u@x.com/a", "https://ex.com/a?b#c'd", "https://ex.com/a#/./b"}) {
      CAPTURE(base);
      CAPTURE(ref);
      url::Url fast, slow;
      // (resolve() takes the same short way: parse_absolute(resolve()) is checked against it.)
      const bool parsed = url::parse_absolute(url::resolve(b, ref), slow);
      REQUIRE(url::resolve_and_parse(b, ref, fast) == parsed);
      if (!parsed) continue;
      CHECK(fast.href() == slow.href());
      CHECK(fast.scheme == slow.scheme);
      CHECK(fast.authority == slow.authority);
      CHECK(fast.has_authority == slow.has_authority);
      CHECK(fast.path == slow.path);
      CHECK(fast.query == slow.query);
      CHECK(fast.has_query == slow.has_query);
      CHECK(fast.fragment == slow.fragment);
      CHECK(fast.has_fragment == slow.has_fragment);
    }
  }
}
