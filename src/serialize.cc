#include "serialize.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "rules/credits.h"
#include "rules/formulas.h"
#include "rules/media.h"
#include "text.h"

namespace quietpage {

namespace {

// The presentation MathML an article keeps: MathML Core's elements, and the
// menclose and mfenced older renderers write. Not maction (scripted
// behaviour), mglyph (an image by URL), annotation-xml (may hold HTML: the
// namespace confusions of mutation XSS) nor anything unknown.
constexpr std::string_view kMathElements[] = {
    "math", "semantics", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup",
    "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "none", "mfrac", "msqrt", "mroot",
    "mstyle", "merror", "mpadded", "mphantom", "menclose", "mfenced", "mtable", "mtr", "mtd"};

// Their layout attributes: no href, xlink:href, src, style or event handler.
constexpr std::string_view kMathAttributes[] = {
    "display", "mathvariant", "displaystyle", "scriptlevel", "mathsize", "fence", "separator", "stretchy",
    "symmetric", "largeop", "movablelimits", "accent", "accentunder", "lspace", "rspace", "minsize",
    "maxsize", "form", "linethickness", "width", "height", "depth", "voffset", "notation", "columnalign",
    "rowalign", "columnspan", "rowspan", "columnlines", "rowlines", "frame", "open", "close",
    "separators", "alttext"};

using rules::formulas::is_tex_annotation;  // kept: the formula's TeX source (what Markdown writes)

Policy math_policy(const Document& doc, NodeId n) {
  if (is_tex_annotation(doc, n)) return Policy::kKeep;
  const std::string_view name = doc.tag_name(n);
  for (std::string_view kept : kMathElements)
    if (name == kept) return Policy::kKeep;
  return Policy::kDrop;
}

}  // namespace

Policy policy_for(const Document& doc, NodeId n, const rules::media::Videos& videos) {
  const Node& node = doc[n];
  if (node.ns == GUMBO_NAMESPACE_MATHML) return math_policy(doc, n);
  if (node.ns != GUMBO_NAMESPACE_HTML) return Policy::kDrop;  // svg
  switch (node.tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SPAN: case GUMBO_TAG_BR:
    case GUMBO_TAG_HR: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_LI: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_Q: case GUMBO_TAG_CITE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP:
    case GUMBO_TAG_VAR: case GUMBO_TAG_EM: case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
    case GUMBO_TAG_I: case GUMBO_TAG_U: case GUMBO_TAG_S: case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_DEL: case GUMBO_TAG_INS: case GUMBO_TAG_MARK: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_ABBR: case GUMBO_TAG_DFN:
    case GUMBO_TAG_TIME: case GUMBO_TAG_DATA: case GUMBO_TAG_A: case GUMBO_TAG_IMG:
    case kTagPicture: case GUMBO_TAG_SOURCE: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
    case GUMBO_TAG_TH: case GUMBO_TAG_TD: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_WBR: case GUMBO_TAG_RUBY:
    case GUMBO_TAG_RT: case GUMBO_TAG_RP: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_TRACK: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_BIG: case GUMBO_TAG_TT:
      return Policy::kKeep;
    case GUMBO_TAG_IFRAME:
      return videos.allows_src(doc.attr(n, "src"), doc.attr(n, "src")) ? Policy::kKeep : Policy::kDrop;
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_INPUT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_DATALIST: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_META: case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE: case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case kTagDialog:
    case GUMBO_TAG_MAP: case GUMBO_TAG_AREA: case GUMBO_TAG_PARAM: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_MENUITEM: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
      return Policy::kDrop;
    default:
      return Policy::kUnwrap;  // unknown elements, main, font, form, label...
  }
}

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

namespace {

bool is_void(Tag t) {
  switch (t) {
    case GUMBO_TAG_BR: case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_COL:
      return true;
    default:
      return false;
  }
}

// Appends `s` with `&`, `<`, `>` (and in attributes `"`) as references; the
// runs between them are appended whole.
// By byte: one escape() may write as a reference (&, <, > and ").
constexpr std::array<bool, 256> kMayEscape = [] {
  std::array<bool, 256> out{};
  out['&'] = out['<'] = out['>'] = out['"'] = true;
  return out;
}();

// The bytes of eight (as loaded, little-endian) that are one of the four,
// as the high bit of each.
uint64_t may_escape_in(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kLow = 0x7F7F7F7F7F7F7F7FULL;
  const auto zero = [](uint64_t x) { return ~(((x & kLow) + kLow) | x | kLow); };  // (exact for any byte)
  return zero(w ^ (kOnes * '&')) | zero(w ^ (kOnes * '<')) | zero(w ^ (kOnes * '>')) | zero(w ^ (kOnes * '"'));
}

void escape(std::string& out, std::string_view s, bool attribute) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // Eight bytes at a time to the next of the four.
    if (i + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      const uint64_t found = may_escape_in(w);
      if (!found) {
        i += 7;
        continue;
      }
      i += static_cast<size_t>(__builtin_ctzll(found) >> 3);
    }
#endif
    // (Most bytes are none of the four: one look-up rules them out.)
    if (!kMayEscape[static_cast<unsigned char>(s[i])]) continue;
    const char* reference;
    switch (s[i]) {
      case '&': reference = "&amp;"; break;
      case '<': reference = "&lt;"; break;
      case '>': reference = "&gt;"; break;
      case '"':
        if (!attribute) continue;
        reference = "&quot;";
        break;
      default: continue;
    }
    out.append(s.data() + run, i - run);
    out += reference;
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

void escape_text(std::string& out, std::string_view s) { escape(out, s, false); }
void escape_attr(std::string& out, std::string_view s) { escape(out, s, true); }

// srcset: "url [descriptor], url [descriptor]…" with each URL made safe.
std::string safe_srcset(std::string_view value, const url::Url* base) {
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == '\n' || value[i] == ','))
      ++i;
    size_t start = i;
    while (i < value.size() && value[i] != ' ' && value[i] != '\t' && value[i] != '\n') ++i;
    std::string_view candidate_url = value.substr(start, i - start);
    // A URL may end with a comma when no descriptor follows.
    bool trailing_comma = !candidate_url.empty() && candidate_url.back() == ',';
    if (trailing_comma) candidate_url.remove_suffix(1);
    std::string descriptor;
    if (!trailing_comma) {
      while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == '\n')) ++i;
      size_t d = i;
      while (i < value.size() && value[i] != ',') ++i;
      descriptor = std::string(text::trim(value.substr(d, i - d)));
    }
    if (candidate_url.empty()) continue;
    std::string u = safe_url(candidate_url, base, true);
    if (u.empty()) continue;
    bool ok_descriptor = true;
    for (char c : descriptor)
      if (!((c >= '0' && c <= '9') || c == '.' || c == 'w' || c == 'x' || c == 'h')) ok_descriptor = false;
    if (!out.empty()) out += ", ";
    out += u;
    if (!descriptor.empty() && ok_descriptor) {
      out += ' ';
      out += descriptor;
    }
  }
  return out;
}

void write_attr(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  escape_attr(out, value);
  out += '"';
}

// A class name kept in the output: ASCII letters, digits, '-' and '_' (a code
// language may also have '+', '#' and '.': "language-c++").
constexpr size_t kMaxClassLength = 100;
bool is_safe_class(std::string_view token, bool language) {
  if (token.empty() || token.size() > kMaxClassLength) return false;
  for (char c : token)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
          (language && (c == '+' || c == '#' || c == '.'))))
      return false;
  return true;
}

// "language-js" or "lang-js": the language of a code block.
std::string_view language_of_class(std::string_view token) {
  for (std::string_view prefix : {"language-", "lang-"})
    if (token.size() > prefix.size() && text::istarts_with(token, prefix) &&
        is_safe_class(token, true))
      return token.substr(prefix.size());
  return {};
}

// The classes element `n` keeps: "page" on quietpage's wrapper only; on a
// <pre> or <code>, its language; the rest as the options say.
std::string output_classes(const Document& doc, NodeId n, std::string_view value, const Output& output) {
  if (n == output.page) return "page";
  const Tag tag = doc[n].tag;
  const bool code = tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_CODE;
  std::string out;
  text::for_each_token(value, [&](std::string_view token) {
    if (token == "page") return;
    const bool keep = (code && !language_of_class(token).empty()) ||
                      (is_safe_class(token, false) &&
                       (output.keep_classes ||
                        (output.classes_to_preserve && output.classes_to_preserve->contains(token))));
    if (!keep) return;
    if (!out.empty()) out += ' ';
    out += token;
  });
  return out;
}

void write_math_start_tag(std::string& out, const Document& doc, NodeId n) {
  out += '<';
  out += doc.tag_name(n);
  for (const Attr* a = doc.attrs_begin(n); a != doc.attrs_end(n); ++a) {
    const std::string_view name = a->name, value = a->value;
    if (name == "dir") {
      if (text::iequals(value, "ltr") || text::iequals(value, "rtl")) write_attr(out, name, text::to_lower(value));
    } else if (name == "encoding") {
      if (is_tex_annotation(doc, n)) write_attr(out, name, rules::formulas::kTexEncoding);
    } else {
      for (std::string_view allowed : kMathAttributes)
        if (name == allowed) write_attr(out, name, value);
    }
  }
  out += '>';
}

// `link_href`: the safe URL of an <a>'s href, as the caller already made it.
void write_start_tag(std::string& out, const Document& doc, NodeId n, const Output& output,
                     std::string_view link_href) {
  if (doc[n].ns == GUMBO_NAMESPACE_MATHML) return write_math_start_tag(out, doc, n);
  const url::Url* base = output.base;
  const Tag tag = doc[n].tag;
  out += '<';
  out += doc.tag_name(n);
  if (output.anchors) {
    const std::string id = output.anchors->id_of(doc, n);
    if (!id.empty()) write_attr(out, "id", id);
  }
  for (const Attr* a = doc.attrs_begin(n); a != doc.attrs_end(n); ++a) {
    std::string_view name = a->name, value = a->value;
    if (name == "title" || name == "lang") {
      write_attr(out, name, value);
    } else if (name == "dir") {
      if (text::iequals(value, "ltr") || text::iequals(value, "rtl") || text::iequals(value, "auto"))
        write_attr(out, name, text::to_lower(value));
    } else if (name == "class") {
      const std::string classes = output_classes(doc, n, value, output);
      if (!classes.empty()) write_attr(out, name, classes);
    } else if (name == "href" && tag == GUMBO_TAG_A) {
      std::string u = output.anchors ? output.anchors->href_for(value) : std::string();
      if (u.empty()) u = link_href;
      if (!u.empty()) write_attr(out, name, u);
    } else if ((name == "src" && (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_SOURCE ||
                                  tag == GUMBO_TAG_VIDEO || tag == GUMBO_TAG_AUDIO ||
                                  tag == GUMBO_TAG_TRACK || tag == GUMBO_TAG_IFRAME)) ||
               (name == "poster" && tag == GUMBO_TAG_VIDEO)) {
      std::string u =
          tag == GUMBO_TAG_IFRAME ? safe_video_url(value, base, output.videos) : safe_url(value, base, true);
      if (!u.empty()) write_attr(out, name, u);
    } else if (name == "srcset" && (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_SOURCE)) {
      std::string s = safe_srcset(value, base);
      if (!s.empty()) write_attr(out, name, s);
    } else if (name == "cite" && (tag == GUMBO_TAG_BLOCKQUOTE || tag == GUMBO_TAG_Q ||
                                  tag == GUMBO_TAG_DEL || tag == GUMBO_TAG_INS)) {
      std::string u = safe_url(value, base, false);
      if (!u.empty()) write_attr(out, name, u);
    } else if (name == "alt" && tag == GUMBO_TAG_IMG) {
      write_attr(out, name, value);
    } else if ((name == "width" || name == "height") &&
               (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_VIDEO || tag == GUMBO_TAG_IFRAME ||
                tag == GUMBO_TAG_SOURCE)) {
      // A number of CSS pixels; "20px" is written as 20.
      if (value.size() > 2 && text::iequals(value.substr(value.size() - 2), "px")) value.remove_suffix(2);
      if (all_digits(value)) write_attr(out, name, value);
    } else if ((name == "colspan" || name == "rowspan") && (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)) {
      if (all_digits(value)) write_attr(out, name, value);
    } else if ((name == "scope" || name == "headers" || name == "abbr") && tag == GUMBO_TAG_TH) {
      write_attr(out, name, value);
    } else if ((name == "start" && tag == GUMBO_TAG_OL) || (name == "value" && tag == GUMBO_TAG_LI)) {
      if (all_digits(value)) write_attr(out, name, value);
    } else if (name == "reversed" && tag == GUMBO_TAG_OL) {
      write_attr(out, name, "");
    } else if (name == "type" && (tag == GUMBO_TAG_OL || tag == GUMBO_TAG_SOURCE)) {
      write_attr(out, name, value);
    } else if ((name == "sizes" || name == "media") && (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_SOURCE)) {
      write_attr(out, name, value);
    } else if (name == "datetime" && (tag == GUMBO_TAG_TIME || tag == GUMBO_TAG_DEL || tag == GUMBO_TAG_INS)) {
      write_attr(out, name, value);
    } else if ((name == "open" && tag == GUMBO_TAG_DETAILS) ||
               (name == "allowfullscreen" && tag == GUMBO_TAG_IFRAME)) {
      write_attr(out, name, "");
    } else if ((name == "kind" || name == "srclang" || name == "label") && tag == GUMBO_TAG_TRACK) {
      write_attr(out, name, value);
    }
  }
  if (tag == GUMBO_TAG_VIDEO || tag == GUMBO_TAG_AUDIO) write_attr(out, "controls", "");
  if (tag == GUMBO_TAG_IFRAME) {
    // Embedded players run in their own origin, without access to the page.
    write_attr(out, "sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups");
    write_attr(out, "referrerpolicy", "strict-origin-when-cross-origin");
  }
  out += '>';
}

}  // namespace

std::string safe_url(std::string_view value, const url::Url* base, bool media) {
  std::string_view v = text::trim(value);
  if (v.empty()) return {};
  std::string scheme = url::scheme_of(v);
  if (scheme == "data") {
    // Images may be inline data; nothing else may.
    return media && text::istarts_with(v, "data:image/") ? std::string(v) : std::string();
  }
  // An in-page anchor (one to a kept id is anchors.h's): to the page's own
  // anchor when the page's URL is known, else as it is.
  if (!media && v[0] == '#' && scheme.empty() && !base) return std::string(v);
  std::string resolved;
  if (!scheme.empty()) {
    url::Url parsed;
    if (!url::parse_absolute(v, parsed)) return {};
    resolved = parsed.href();
  } else if (base) {
    resolved = url::resolve(*base, v);
  } else {
    return {};
  }
  // (Most resolve to http: or https:, read without taking the scheme out.)
  if (resolved.compare(0, 5, "http:") == 0 || resolved.compare(0, 6, "https:") == 0) return resolved;
  std::string s = url::scheme_of(resolved);
  if (s == "http" || s == "https") return resolved;
  if (s == "mailto" && !media) return resolved;
  return {};
}

std::string safe_video_url(std::string_view value, const url::Url* base, const rules::media::Videos& videos) {
  std::string u = safe_url(value, base, true);
  if (!videos.allows_src(value, u)) u.clear();
  return u;
}

bool serialize_html(const Document& doc, NodeId root, const Output& output, std::string& out) {
  const url::Url* base = output.base;
  const size_t max_bytes = output.max_bytes;
  out.clear();
  bool overflow = false;
  // The policy of each entered element, to close exactly what was opened.
  std::vector<Policy> open;
  doc.walk(
      root,
      [&](NodeId n) {
        if (max_bytes && out.size() > max_bytes) {
          overflow = true;
          return false;
        }
        const Node& node = doc[n];
        if (node.kind == NodeKind::kText) {
          NodeId parent = node.parent;
          // The parser drops a newline right after <pre>; keep the text's own.
          if (doc.is(parent, GUMBO_TAG_PRE) && doc[parent].first_child == n && !node.text.empty() &&
              node.text[0] == '\n')
            out += '\n';
          escape_text(out, node.text);
          return false;
        }
        if (node.kind != NodeKind::kElement) return false;
        Policy p = policy_for(doc, n, output.videos);
        if (p == Policy::kDrop) return false;
        // A link whose URL is not allowed (javascript:, data:) keeps its text.
        std::string link_href;
        if (p == Policy::kKeep && node.tag == GUMBO_TAG_A) {
          std::string_view href = doc.attr(n, "href");
          if (!href.empty()) {
            link_href = safe_url(href, base, false);
            if (link_href.empty() && node.ns == GUMBO_NAMESPACE_HTML) p = Policy::kUnwrap;
          }
        }
        if (p == Policy::kKeep) write_start_tag(out, doc, n, output, link_href);
        open.push_back(p);
        return true;
      },
      [&](NodeId n) {
        Policy p = open.back();
        open.pop_back();
        if (p != Policy::kKeep || is_void(doc[n].tag)) return;
        out += "</";
        out += doc.tag_name(n);
        out += '>';
      });
  return !overflow && !(max_bytes && out.size() > max_bytes);
}

namespace {

// How much separation an element asks for around itself in plain text.
int break_level(const Document& doc, NodeId n) {
  switch (doc[n].tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_FIGURE: case GUMBO_TAG_HR: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DETAILS: case GUMBO_TAG_MAIN:
      return 2;
    case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_TR: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CENTER:
      return 1;
    default:
      return 0;
  }
}

constexpr uint32_t kSoftHyphen = 0xAD;

class TextWriter {
 public:
  void request_break(int level) {
    if (level > pending_break_) pending_break_ = level;
  }
  void line_break() {
    // <br>: one newline each, so <br><br> gives an empty line.
    if (out_.empty()) return;
    ++pending_newlines_;
    pending_space_ = false;
  }
  void space() { pending_space_ = !out_.empty(); }
  // Text goes out in runs: everything up to the next whitespace (in <pre>,
  // up to the next newline) is appended at once.
  void text(std::string_view s, bool preformatted) {
    size_t i = 0;
    while (i < s.size()) {
      size_t start = i;
      size_t boundary = i;
      while (boundary < s.size()) {
        const auto byte = static_cast<unsigned char>(s[boundary]);
        if (byte < 0x80) {  // ASCII: a space (or in <pre> a newline) ends the run
          if (preformatted ? byte == '\n' : text::is_ascii_space(byte)) {
            i = boundary + 1;
            break;
          }
          ++boundary;
          continue;
        }
        size_t next = boundary;
        const uint32_t cp = text::next_code_point(s, next);
        if (preformatted ? cp == '\n' : text::is_space(cp)) {
          i = next;
          break;
        }
        if (cp == kSoftHyphen) {  // a hyphenation hint, invisible: not text
          if (boundary > start) {
            flush_pending();
            out_.append(s.data() + start, boundary - start);
          }
          start = next;
        }
        boundary = next;
      }
      // Outside <pre>, ASCII words after it with one space before each go out
      // in the same run: each space would be the pending space before its word.
      if (!preformatted && boundary > start && i == boundary + 1 && s[boundary] == ' ') {
        for (;;) {
          size_t end = boundary + 1;
          while (end < s.size() && static_cast<unsigned char>(s[end]) < 0x80 && !text::is_ascii_space(s[end])) ++end;
          // An empty word, or one that goes on beyond ASCII: the general path's.
          if (end == boundary + 1 || (end < s.size() && static_cast<unsigned char>(s[end]) >= 0x80)) break;
          boundary = end;
          i = end + 1;
          if (end == s.size() || s[end] != ' ') break;
        }
      }
      if (boundary > start) {
        flush_pending();
        out_.append(s.data() + start, boundary - start);
      }
      if (boundary == s.size()) break;
      if (preformatted) {
        flush_pending();
        out_ += '\n';
      } else if (!out_.empty()) {
        pending_space_ = true;
      }
    }
  }
  // text(s, false) of a piece whose summary says it is collapsed already
  // (TextSummary::collapsed_ascii): its words go out in one run.
  void collapsed_text(std::string_view s) {
    const std::string_view core = text::strip_ascii_space(s);
    if (core.data() != s.data() && !out_.empty()) pending_space_ = true;
    flush_pending();
    out_ += core;
    if (core.data() + core.size() != s.data() + s.size()) pending_space_ = true;
  }
  std::string take() { return std::move(out_); }
  size_t size() const { return out_.size(); }

 private:
  void flush_pending() {
    if (!out_.empty()) {
      int newlines = pending_break_ > pending_newlines_ ? pending_break_ : pending_newlines_;
      if (newlines > 0) {
        while (!out_.empty() && out_.back() == ' ') out_.pop_back();
        // Count newlines already at the end to avoid stacking blank lines.
        int have = 0;
        for (size_t k = out_.size(); k-- > 0 && out_[k] == '\n';) ++have;
        for (int k = have; k < newlines; ++k) out_ += '\n';
      } else if (pending_space_ && out_.back() != '\n' && out_.back() != ' ') {
        out_ += ' ';
      }
    }
    pending_break_ = 0;
    pending_newlines_ = 0;
    pending_space_ = false;
  }

  std::string out_;
  int pending_break_ = 0;
  int pending_newlines_ = 0;
  bool pending_space_ = false;
};

}  // namespace

bool serialize_text(const Document& doc, NodeId root, size_t max_bytes, bool captions, std::string& out) {
  TextWriter w;
  int pre_depth = 0;
  bool overflow = false;
  doc.walk(
      root,
      [&](NodeId n) {
        if (max_bytes && w.size() > max_bytes) {
          overflow = true;
          return false;
        }
        const Node& node = doc[n];
        if (node.kind == NodeKind::kText) {
          const text::TextSummary* summary = doc.cached_summary(n);
          if (pre_depth == 0 && summary && summary->collapsed_ascii) w.collapsed_text(node.text);
          else w.text(node.text, pre_depth > 0);
          return false;
        }
        if (node.kind != NodeKind::kElement) return false;
        if (policy_for(doc, n) == Policy::kDrop && node.tag != GUMBO_TAG_IFRAME) return false;
        // A formula's TeX source is not what a reader sees.
        if (node.ns == GUMBO_NAMESPACE_MATHML && is_tex_annotation(doc, n)) return false;
        // Ruby annotations (furigana) sit above the text, not in it.
        if (node.tag == GUMBO_TAG_RT || node.tag == GUMBO_TAG_RP) return false;
        if (!captions && rules::credits::is_figure_caption(doc, n)) return false;
        if (node.tag == GUMBO_TAG_BR) {
          w.line_break();
          return false;
        }
        if (node.tag == GUMBO_TAG_TD || node.tag == GUMBO_TAG_TH) w.space();
        if (node.tag == GUMBO_TAG_PRE) ++pre_depth;
        w.request_break(break_level(doc, n));
        return true;
      },
      [&](NodeId n) {
        if (doc[n].tag == GUMBO_TAG_PRE) --pre_depth;
        if (doc[n].tag == GUMBO_TAG_TD || doc[n].tag == GUMBO_TAG_TH) w.space();
        w.request_break(break_level(doc, n));
      });
  out = w.take();
  return !overflow && !(max_bytes && out.size() > max_bytes);
}

}  // namespace quietpage
