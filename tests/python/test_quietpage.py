"""The Python binding (import quietpage): results, input types, charsets,
formats, typed exceptions, threads, web archives, and the type stub.

Run with Debian's Python and the built package on the path:
    PYTHONPATH=build/native/python /usr/bin/python3 -m unittest discover -s tests/python
(tests/batch/python.test.js does, in `npm test`).
"""

import ast
import dataclasses
import gzip
import json
import os
import tempfile
import unittest
from concurrent.futures import ThreadPoolExecutor

import quietpage
from quietpage import _core

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures")
PAGES = ["cluttered-news.html", "list-article.html", "media-article.html", "rtl-article.html",
         "short-article.html", "table-article.html"]
URL = "https://news.example/harbour.html"


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


NEWS = fixture("cluttered-news.html")
FRENCH = ("<html><head><title>Déjà vu</title></head><body><article>"
          + "<p>Déjà vu — “quoted” : la bibliothèque de l’île ouvre à vingt élèves, pour 5 € par an. " * 8
          + "</p></article></body></html>")


def warc_record(warc_type, uri, block, content_type):
    head = (f"WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n").encode("latin-1")
    return head + block + b"\r\n\r\n"


def http_response(body, content_type="text/html"):
    return f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode("latin-1") + body


class ParseTest(unittest.TestCase):
    def test_returns_the_article_with_the_javascript_fields(self):
        article = quietpage.parse(NEWS, url=URL)
        self.assertIsInstance(article, quietpage.Article)
        self.assertEqual(article.title, "Harbour town opens its first floating library")
        self.assertEqual(article.byline, "Mara Jensen")
        self.assertEqual(article.lang, "en")
        self.assertIn("library ferry", article.text_content)
        self.assertTrue(article.content.startswith("<"))
        self.assertIsNone(article.markdown)
        self.assertEqual(article.length, len(article.text_content))
        self.assertGreater(article.word_count, 100)
        self.assertIsInstance(article.reading_time, int)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            article.title = "changed"

    def test_none_without_an_article(self):
        self.assertIsNone(quietpage.parse("<html><body><img src=a.png></body></html>"))
        self.assertIsNone(quietpage.parse(b""))
        self.assertIsNone(quietpage.parse("", format="text"))

    def test_str_and_every_bytes_like_give_the_same_article(self):
        expected = quietpage.parse(NEWS, url=URL)
        for page in (NEWS.decode("utf-8"), bytearray(NEWS), memoryview(NEWS)):
            self.assertEqual(quietpage.parse(page, url=URL), expected)

    def test_bytes_are_decoded_by_their_charset(self):
        cp1252 = FRENCH.encode("cp1252")
        self.assertEqual(quietpage.detect_encoding(cp1252), ("windows-1252", "default"))
        self.assertEqual(quietpage.detect_encoding(cp1252, "text/html; charset=ISO-8859-1"), ("windows-1252", "hint"))
        self.assertEqual(quietpage.decode_html(cp1252), FRENCH)
        self.assertEqual(quietpage.parse(cp1252).text_content, quietpage.parse(FRENCH).text_content)
        koi8 = "<meta charset=koi8-r><p>Привет, мир</p>".encode("koi8-r")
        self.assertEqual(quietpage.decode_html(koi8), "<meta charset=koi8-r><p>Привет, мир</p>")
        self.assertEqual(quietpage.decode_html("<p>Привет</p>".encode("cp1251"), charset="windows-1251"), "<p>Привет</p>")

    def test_lone_surrogates_become_replacement_characters(self):
        article = quietpage.parse("<title>A\ud800B</title><p>" + "x \udfff y " * 100 + "</p>")
        self.assertEqual(article.title, "A\ufffdB")

    def test_formats_and_options(self):
        article = quietpage.parse(NEWS, url=URL, markdown=True)
        self.assertEqual(quietpage.parse(NEWS, url=URL, format="text"), article.text_content)
        self.assertEqual(quietpage.parse(NEWS, url=URL, format="html"), article.content)
        self.assertEqual(quietpage.parse(NEWS, url=URL, format="markdown"), article.markdown)
        self.assertIn("library ferry", article.markdown)
        tuned = quietpage.parse(NEWS, URL, format="article", max_depth=64, char_threshold=100, nb_top_candidates=3)
        self.assertEqual(tuned.title, article.title)
        self.assertTrue(quietpage.is_probably_readerable(NEWS))
        self.assertFalse(quietpage.is_probably_readerable("<p>short</p>"))
        self.assertFalse(quietpage.is_probably_readerable(NEWS, min_content_length=100000))

    def test_threads_extract_in_parallel_with_the_same_results(self):
        pages = [fixture(name) for name in PAGES] * 8
        sequential = [quietpage.parse(page, url=URL) for page in pages]
        with ThreadPoolExecutor(max_workers=4) as pool:
            self.assertEqual(list(pool.map(lambda page: quietpage.parse(page, url=URL), pages)), sequential)


class ErrorTest(unittest.TestCase):
    def assert_error(self, cls, code, fn, *args, **kwargs):
        with self.assertRaises(cls) as caught:
            fn(*args, **kwargs)
        self.assertIsInstance(caught.exception, quietpage.QuietpageError)
        self.assertEqual(caught.exception.code, code)
        self.assertTrue(str(caught.exception))
        return caught.exception

    def test_bad_arguments_raise_invalid_argument(self):
        invalid = quietpage.InvalidArgumentError
        self.assertTrue(issubclass(invalid, TypeError) and issubclass(invalid, ValueError))
        for args, kwargs in [((42,), {}), ((None,), {}), ((NEWS,), {"url": 5}), ((NEWS,), {"bogus": 1}),
                             ((NEWS,), {"max_depth": -1}), ((NEWS,), {"max_depth": 2 ** 40}),
                             ((NEWS,), {"char_threshold": True}), ((NEWS,), {"markdown": 1}),
                             ((NEWS,), {"format": "pdf"}), ((NEWS,), {"charset": 1252})]:
            self.assert_error(invalid, "INVALID_ARGUMENT", quietpage.parse, *args, **kwargs)
        self.assert_error(invalid, "INVALID_ARGUMENT", quietpage.decode_html, "already text")
        self.assert_error(invalid, "INVALID_ARGUMENT", quietpage.is_probably_readerable, NEWS, min_score="high")
        self.assert_error(invalid, "INVALID_ARGUMENT", quietpage.extract_warc, "missing.warc", bogus=True)

    def test_limits_and_urls_raise_their_own_class(self):
        self.assert_error(quietpage.InvalidUrlError, "INVALID_URL", quietpage.parse, NEWS, url="not a url")
        self.assert_error(quietpage.InputTooLargeError, "INPUT_TOO_LARGE", quietpage.parse, NEWS, max_input_bytes=100)
        self.assert_error(quietpage.TooManyElementsError, "TOO_MANY_ELEMENTS", quietpage.parse, NEWS, max_elements=5)
        self.assert_error(quietpage.OutputTooLargeError, "OUTPUT_TOO_LARGE", quietpage.parse, NEWS, max_output_bytes=50)
        self.assertTrue(issubclass(quietpage.InvalidUrlError, ValueError))

    def test_a_missing_archive_raises_os_error_at_once(self):
        with self.assertRaises(FileNotFoundError):
            quietpage.read_warc("/no/such/file.warc.gz")
        with self.assertRaises(FileNotFoundError):
            quietpage.extract_warc("/no/such/file.warc.gz")


class WarcTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        records = [
            warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
            warc_record("response", URL, http_response(NEWS), "application/http; msgtype=response"),
            warc_record("response", "https://journal.example/fr", http_response(FRENCH.encode("cp1252"), "text/html; charset=windows-1252"),
                        "application/http; msgtype=response"),
            warc_record("response", "https://news.example/logo.png", http_response(b"\x89PNG\r\n\x1a\n....", "image/png"),
                        "application/http; msgtype=response"),
        ]
        self.path = os.path.join(self.dir.name, "pages.warc.gz")
        with open(self.path, "wb") as f:
            for record in records:
                f.write(gzip.compress(record))
            f.write(gzip.compress(records[1])[:500])  # cut short

    def tearDown(self):
        self.dir.cleanup()

    def test_read_warc_yields_the_pages(self):
        pages = list(quietpage.read_warc(self.path))
        self.assertEqual([p.url for p in pages], [URL, "https://journal.example/fr", "https://news.example/logo.png", URL])
        self.assertEqual(pages[0].body, NEWS)
        self.assertEqual(pages[1].content_type, "text/html; charset=windows-1252")
        self.assertEqual(pages[3].error, "MALFORMED_RECORD")
        french = quietpage.parse(pages[1].body, url=pages[1].url, charset=pages[1].content_type)
        self.assertIn("Déjà vu — “quoted”", french.text_content)

    def test_extract_warc_gives_quietpage_batch_lines(self):
        lines = [json.loads(line) for line in quietpage.extract_warc(self.path)]
        self.assertEqual([line.get("error") for line in lines], [None, None, "NOT_HTML", "MALFORMED_RECORD"])
        article = quietpage.parse(NEWS, url=URL)
        self.assertEqual(lines[0]["textContent"], article.text_content)
        self.assertEqual(lines[0]["publishedTime"], article.published_time)
        self.assertNotIn("content", lines[0])
        with_html = next(iter(quietpage.extract_warc(self.path, html=True, markdown=True)))
        self.assertEqual(json.loads(with_html)["markdown"], quietpage.parse(NEWS, url=URL, format="markdown"))
        self.assertEqual(len(list(quietpage.extract_warc(self.path, articles_only=True))), 2)


class StubTest(unittest.TestCase):
    """__init__.pyi lists every field and option the native core has."""

    @classmethod
    def setUpClass(cls):
        with open(os.path.join(os.path.dirname(quietpage.__file__), "__init__.pyi")) as f:
            cls.stub = ast.parse(f.read())

    def function_args(self, name):
        found = [node for node in self.stub.body if isinstance(node, ast.FunctionDef) and node.name == name]
        self.assertTrue(found, name)
        return [[a.arg for a in node.args.args + node.args.kwonlyargs] for node in found]

    def test_article_fields(self):
        article = next(node for node in self.stub.body if isinstance(node, ast.ClassDef) and node.name == "Article")
        annotated = [node.target.id for node in article.body if isinstance(node, ast.AnnAssign)]
        self.assertEqual(annotated, [field.name for field in dataclasses.fields(quietpage.Article)])
        self.assertEqual(annotated, [name for name, _ in _core.article_fields()])

    def test_options(self):
        options = [name for name, _, _ in _core.option_fields()]
        self.assertIn("url", options)
        for args in self.function_args("parse") + self.function_args("extract_warc"):
            self.assertEqual([name for name in options if name != "url" and name not in args], [])
        readerable = [name for name, _, _ in _core.option_fields(True)]
        for args in self.function_args("is_probably_readerable"):
            self.assertEqual([name for name in readerable if name not in args], [])


if __name__ == "__main__":
    unittest.main()
