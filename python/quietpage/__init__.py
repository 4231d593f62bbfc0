"""quietpage for Python: the article (title, byline, main text) of web pages.

The same C++ core as quietpage's JavaScript API, natively::

    import quietpage
    article = quietpage.parse(html_bytes, url="https://example.com/a")
    if article:
        print(article.title, article.text_content)

``parse`` takes a ``str`` or bytes (decoded like a browser would: byte-order
mark, then ``charset``, then ``<meta charset>``, then UTF-8 if valid, else
windows-1252) and returns an :class:`Article` with the JavaScript Article's
fields in snake_case, or ``None`` when the page has no article. It releases
the GIL while it works, so threads extract in parallel. Failures raise a
:class:`QuietpageError` subclass with the JavaScript API's ``code``.

Web archives: :func:`extract_warc` yields the JSON lines quietpage-batch
writes; :func:`read_warc` yields the pages for your own processing. For many
files on many machines see the ``quietpage_dask`` module.
"""

from __future__ import annotations

import dataclasses
import os
import re
from typing import Any, Iterator, NamedTuple, Optional

from . import _core

__all__ = [
    "Article", "WarcPage", "parse", "is_probably_readerable", "detect_encoding", "decode_html",
    "extract_warc", "read_warc", "QuietpageError", "InvalidArgumentError", "InvalidUrlError",
    "InputTooLargeError", "TooManyElementsError", "OutOfMemoryError", "OutputTooLargeError", "InternalError",
]


class QuietpageError(Exception):
    """Every failure quietpage reports; ``code`` is stable (the JavaScript API's)."""

    code: str

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class InvalidArgumentError(QuietpageError, TypeError, ValueError):
    """INVALID_ARGUMENT: an argument of the wrong type or value, or an unknown option."""


class InvalidUrlError(QuietpageError, ValueError):
    """INVALID_URL: ``url`` is not an absolute URL."""


class InputTooLargeError(QuietpageError):
    """INPUT_TOO_LARGE: the page exceeds ``max_input_bytes``."""


class TooManyElementsError(QuietpageError):
    """TOO_MANY_ELEMENTS: the document exceeds ``max_elements``."""


class OutOfMemoryError(QuietpageError):
    """OUT_OF_MEMORY: the parse needed more than ``max_memory_bytes``."""


class OutputTooLargeError(QuietpageError):
    """OUTPUT_TOO_LARGE: the article would exceed ``max_output_bytes``."""


class InternalError(QuietpageError):
    """INTERNAL: a bug in quietpage; please report it."""


_ERRORS = {
    "INVALID_ARGUMENT": InvalidArgumentError,
    "INVALID_URL": InvalidUrlError,
    "INPUT_TOO_LARGE": InputTooLargeError,
    "TOO_MANY_ELEMENTS": TooManyElementsError,
    "OUT_OF_MEMORY": OutOfMemoryError,
    "OUTPUT_TOO_LARGE": OutputTooLargeError,
    "INTERNAL": InternalError,
}


def _check(code: str, message: str) -> None:
    if code:
        raise _ERRORS.get(code, QuietpageError)(code, message)


# The Article's fields come from the core's single list (quietpage.h:
# QUIETPAGE_ARTICLE_FIELDS); __init__.pyi documents them for type checkers
# (tests/python/test_quietpage.py checks that it lists them all).
_FIELDS = _core.article_fields()
_TYPES = {"text": Optional[str], "longText": str, "html": str, "count": int}


def _field_type(name: str, kind: str) -> Any:
    if name == "title":
        return str
    if name == "markdown":
        return Optional[str]
    return _TYPES[kind]


Article = dataclasses.make_dataclass(
    "Article",
    [(name, _field_type(name, kind)) for name, kind in _FIELDS],
    frozen=True,
    slots=True,
    namespace={
        "length": property(lambda self: len(self.text_content), doc="len(text_content)"),
        "__doc__": "The extracted article: the JavaScript Article's fields in snake_case "
        "(absent texts are None, except the title; markdown is None unless asked for).",
    },
)
Article.__module__ = __name__

_FORMATS = {"article": None, "text": "text_content", "html": "content", "markdown": "markdown"}
_INDEX = {name: i for i, (name, _) in enumerate(_FIELDS)}


def parse(html: Any, url: Optional[str] = None, *, charset: Optional[str] = None, format: str = "article",
          **options: Any) -> Any:
    """Extracts the article of a page.

    html: the page, as ``str`` or bytes-like (decoded by its charset).
    url: the page's URL; relative links and images are made absolute against it.
    charset: for bytes, the transport's charset (a label or a whole Content-Type value).
    format: ``"article"`` (an :class:`Article`), or ``"text"``, ``"html"`` or
        ``"markdown"`` for that rendering of the article alone (a ``str``).
    options: the JavaScript API's parse options in snake_case: char_threshold,
        nb_top_candidates, max_input_bytes, max_elements, max_depth,
        max_attributes, max_memory_bytes, max_output_bytes, markdown.

    Returns None when the page has no article. Raises a QuietpageError subclass.
    """
    field = _FORMATS.get(format, "") if isinstance(format, str) else ""
    if field == "":
        raise InvalidArgumentError("INVALID_ARGUMENT", f"format must be one of {', '.join(_FORMATS)}, not {format!r}")
    if url is not None:
        options["url"] = url
    if format == "markdown":
        options["markdown"] = True
    code, message, values = _core.parse(html, charset, options)
    _check(code, message)
    if values is None:
        return None
    return Article(*values) if field is None else values[_INDEX[field]]


def is_probably_readerable(html: Any, *, charset: Optional[str] = None, **options: Any) -> bool:
    """Whether parse() finds an article worth a reader view: the same
    extraction, then a small fitted page model (options: url, min_content_length,
    min_score)."""
    code, message, value = _core.is_probably_readerable(html, charset, options)
    _check(code, message)
    return value


def detect_encoding(data: Any, charset: Optional[str] = None) -> tuple[str, str]:
    """The encoding of a page's bytes (its WHATWG name) and what decided it:
    ``"bom"``, ``"hint"`` (charset), ``"meta"``, ``"utf-8"`` or ``"default"``."""
    code, message, value = _core.detect_encoding(data, charset)
    _check(code, message)
    return value


def decode_html(data: Any, charset: Optional[str] = None) -> str:
    """A page's bytes as text, in the encoding detect_encoding() picks."""
    code, message, value = _core.decode_html(data, charset)
    _check(code, message)
    return value


class WarcPage(NamedTuple):
    """A page in a web archive: a response record's HTTP payload (its
    transfer and content codings undone) or a resource record's content."""

    url: Optional[str]
    content_type: str
    body: bytes
    error: Optional[str]  # MALFORMED_RECORD, HTTP_STATUS, ... (body is then empty)
    message: Optional[str]


def read_warc(path: str | os.PathLike[str], *, max_bytes: int = 64 * 1024 * 1024) -> Iterator[WarcPage]:
    """The pages of a WARC file (plain or gzipped), streamed. Records that
    aren't pages (requests, metadata) are skipped; damaged ones come with an
    ``error``. Pages larger than max_bytes come as INPUT_TOO_LARGE."""
    pages = _core.WarcPages(os.fspath(path), max_bytes)  # OSError now, not at the first page
    return (WarcPage._make(page) for page in pages)


def extract_warc(path: str | os.PathLike[str], *, html: bool = False, articles_only: bool = False,
                 **options: Any) -> Iterator[str]:
    """The JSON lines quietpage-batch writes for a WARC file (without their
    newline), in record order: one per page, with the article's fields (the
    JavaScript names) or an ``error`` code. ``html`` adds the article's HTML;
    ``markdown=True`` its Markdown; ``articles_only`` leaves out the pages
    without an article. Options as for parse()."""
    lines = _core.WarcLines(os.fspath(path), html, articles_only, options)
    failure = lines.failure()
    if failure:
        _check(*failure)
    return lines
