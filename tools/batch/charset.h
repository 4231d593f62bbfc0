// The encoding of an HTML page's bytes, chosen the way js/decode.js chooses it
// (and a browser, nearly): byte-order mark, then the transport's hint (an
// HTTP Content-Type value or a bare label), then a <meta charset> or
// <meta http-equiv> in the first 8 KiB, then UTF-8 if the bytes are valid
// UTF-8, else windows-1252. Labels are the WHATWG Encoding standard's.
//
// Decoding is native: UTF-8, windows-1252 (ISO-8859-1 and ASCII are its
// labels), UTF-16 and x-user-defined here, every other encoding of the
// standard through glibc's iconv. Bytes a decoder can't read become U+FFFD.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quietpage::batch {

struct Encoding {
  std::string name;    // the WHATWG name, lower case: "utf-8", "windows-1252", "shift_jis", ...
  const char* source;  // what decided: "bom", "hint", "meta", "utf-8" or "default"
};

// The WHATWG name of an encoding label ("latin1" -> "windows-1252"), or ""
// for a label the standard doesn't know (or its "replacement" encoding).
// Surrounding whitespace and one pair of quotes are ignored.
std::string encoding_name(std::string_view label);

// The charset parameter of a Content-Type value ("text/html; charset=UTF-8"
// -> "UTF-8"), or "" when it has none.
std::string_view charset_from_content_type(std::string_view content_type);

// hint: a charset label or a whole Content-Type value; may be empty.
Encoding detect_encoding(std::string_view bytes, std::string_view hint = {});

// True when `bytes` is valid UTF-8 (no overlongs, surrogates or truncation).
bool is_valid_utf8(std::string_view bytes);

// The page as UTF-8 for quietpage::parse(): the bytes themselves when they
// are in UTF-8 (a byte-order mark dropped), else decoded from `encoding`.
// `out` is reused (cleared first); returns a view of the text, which is
// `bytes` itself or `out`.
std::string_view to_utf8(std::string_view bytes, const Encoding& encoding, std::string& out);

// detect_encoding() and to_utf8() in one call.
std::string_view decode_html(std::string_view bytes, std::string_view hint, std::string& out);

}  // namespace quietpage::batch
