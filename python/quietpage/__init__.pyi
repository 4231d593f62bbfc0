# Types for the quietpage Python package. The Article's fields are the
# JavaScript Article's (js/index.d.ts) in snake_case; tests/python checks
# that this stub lists every field and option the native core has.
import os
from typing import Iterator, Literal, NamedTuple, Optional, Union, overload

Html = Union[str, bytes, bytearray, memoryview]
PathLike = Union[str, os.PathLike[str]]

class Article:
    """The extracted article (frozen). Absent texts are None, except the title."""
    title: str
    byline: Optional[str]
    dir: Optional[str]
    """"ltr", "rtl" or None."""
    lang: Optional[str]
    content: str
    """Sanitized HTML: allowlisted tags, attributes and URL schemes only."""
    text_content: str
    """Plain text; paragraphs are separated by a blank line."""
    excerpt: Optional[str]
    site_name: Optional[str]
    published_time: Optional[str]
    author: Optional[str]
    """The byline cleaned of "By", dates and roles."""
    modified_time: Optional[str]
    lead_image: Optional[str]
    """Absolute URL of the main image."""
    canonical_url: Optional[str]
    next_page_url: Optional[str]
    """The article's next page when it is split over pages, or None."""
    word_count: int
    """Words, plus CJK characters."""
    reading_time: int
    """Minutes at 230 words or 500 CJK characters per minute."""
    markdown: Optional[str]
    """The article as Markdown; None unless markdown=True (or format="markdown")."""
    @property
    def length(self) -> int:
        """len(text_content)"""
    def __init__(self, title: str, byline: Optional[str], dir: Optional[str], lang: Optional[str], content: str,
                 text_content: str, excerpt: Optional[str], site_name: Optional[str], published_time: Optional[str],
                 author: Optional[str], modified_time: Optional[str], lead_image: Optional[str],
                 canonical_url: Optional[str], word_count: int, reading_time: int, markdown: Optional[str]) -> None: ...

class QuietpageError(Exception):
    code: str
    message: str
    def __init__(self, code: str, message: str) -> None: ...

class InvalidArgumentError(QuietpageError, TypeError, ValueError): ...
class InvalidUrlError(QuietpageError, ValueError): ...
class InputTooLargeError(QuietpageError): ...
class TooManyElementsError(QuietpageError): ...
class OutOfMemoryError(QuietpageError): ...
class OutputTooLargeError(QuietpageError): ...
class InternalError(QuietpageError): ...

@overload
def parse(html: Html, url: Optional[str] = None, *, charset: Optional[str] = None,
          format: Literal["article"] = "article", char_threshold: int = 500, nb_top_candidates: int = 5,
          max_input_bytes: int = ..., max_elements: int = 2_000_000, max_depth: int = 512,
          max_attributes: int = 1000, max_memory_bytes: int = ..., max_output_bytes: int = ...,
          markdown: bool = False, text_captions: bool = True, max_elems_to_parse: int = 0,
          keep_classes: bool = False, classes_to_preserve: list[str] = ..., disable_jsonld: bool = False,
          link_density_modifier: float = 0) -> Optional[Article]: ...
@overload
def parse(html: Html, url: Optional[str] = None, *, charset: Optional[str] = None,
          format: Literal["text", "html", "markdown"], char_threshold: int = 500, nb_top_candidates: int = 5,
          max_input_bytes: int = ..., max_elements: int = 2_000_000, max_depth: int = 512,
          max_attributes: int = 1000, max_memory_bytes: int = ..., max_output_bytes: int = ...,
          markdown: bool = False, text_captions: bool = True, max_elems_to_parse: int = 0,
          keep_classes: bool = False, classes_to_preserve: list[str] = ..., disable_jsonld: bool = False,
          link_density_modifier: float = 0) -> Optional[str]: ...

def is_probably_readerable(html: Html, *, charset: Optional[str] = None, url: Optional[str] = None,
                           min_content_length: int = 140, min_score: float = 20) -> bool: ...

def detect_encoding(data: Union[bytes, bytearray, memoryview], charset: Optional[str] = None) -> tuple[
    str, Literal["bom", "hint", "meta", "utf-8", "default"]]: ...
def decode_html(data: Union[bytes, bytearray, memoryview], charset: Optional[str] = None) -> str: ...

class WarcPage(NamedTuple):
    url: Optional[str]
    content_type: str
    body: bytes
    error: Optional[str]
    message: Optional[str]

def read_warc(path: PathLike, *, max_bytes: int = 67108864) -> Iterator[WarcPage]: ...
def extract_warc(path: PathLike, *, html: bool = False, articles_only: bool = False, char_threshold: int = 500,
                 nb_top_candidates: int = 5, max_input_bytes: int = ..., max_elements: int = 2_000_000,
                 max_depth: int = 512, max_attributes: int = 1000, max_memory_bytes: int = ...,
                 max_output_bytes: int = ..., markdown: bool = False,
                 text_captions: bool = True, max_elems_to_parse: int = 0, keep_classes: bool = False,
                 classes_to_preserve: list[str] = ..., disable_jsonld: bool = False,
                 link_density_modifier: float = 0) -> Iterator[str]: ...
