// quietpage._core: the Python binding's native half (pybind11). It binds the
// extraction core and the batch command's charset decoder and web archive
// reader; quietpage/__init__.py builds the public API on it (the Article
// dataclass, typed exceptions, parse()).
//
// Nothing here lists the article's fields or the parse options: they come
// from quietpage.h's QUIETPAGE_ARTICLE_FIELDS and QUIETPAGE_OPTIONS, in
// Python as the JavaScript names in snake_case (textContent -> text_content).
// Every call that does real work (decoding, parsing, reading an archive)
// releases the GIL.
#include <pybind11/pybind11.h>

#include <cerrno>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "charset.h"
#include "pages.h"
#include "quietpage.h"
#include "text.h"
#include "warc.h"

namespace py = pybind11;
namespace qb = quietpage::batch;

namespace {

// "textContent" -> "text_content": the Python name of a JavaScript name.
std::string snake_case(std::string_view js_name) {
  // A run of capitals is one word ("disableJSONLD" -> disable_jsonld).
  std::string out;
  for (size_t i = 0; i < js_name.size(); ++i) {
    const char c = js_name[i];
    const bool upper = c >= 'A' && c <= 'Z';
    const bool after_upper = i > 0 && js_name[i - 1] >= 'A' && js_name[i - 1] <= 'Z';
    if (upper && i > 0 && !after_upper) out += '_';
    out += upper ? static_cast<char>(c + 32) : c;
  }
  return out;
}

// A failure reported to quietpage/__init__.py, which raises the exception
// class of its code.
struct Failure {
  std::string code;
  std::string message;
};

Failure invalid(std::string message) { return {"INVALID_ARGUMENT", std::move(message)}; }

// The page's bytes: a str's UTF-8 (cached by Python), a bytes object as it
// is, any other buffer (bytearray, memoryview) copied. `view` stays valid
// while `keep` is alive, without the GIL.
struct Input {
  std::string_view view;
  std::string owned;
  py::object keep;
  bool is_text = false;
};

std::optional<Failure> read_input(py::handle obj, Input& in, const char* what) {
  PyObject* o = obj.ptr();
  if (PyUnicode_Check(o)) {
    in.is_text = true;
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(o, &size);
    if (data) {
      in.keep = py::reinterpret_borrow<py::object>(obj);
      in.view = std::string_view(data, static_cast<size_t>(size));
      return std::nullopt;
    }
    // Lone surrogates: U+FFFD, as TextEncoder writes them.
    PyErr_Clear();
    const Py_ssize_t length = PyUnicode_GetLength(o);
    for (Py_ssize_t i = 0; i < length; ++i) {
      const Py_UCS4 c = PyUnicode_ReadChar(o, i);
      quietpage::text::append_utf8(in.owned, c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
    }
    in.view = in.owned;
    return std::nullopt;
  }
  if (PyBytes_Check(o)) {
    in.keep = py::reinterpret_borrow<py::object>(obj);
    in.view = std::string_view(PyBytes_AS_STRING(o), static_cast<size_t>(PyBytes_GET_SIZE(o)));
    return std::nullopt;
  }
  if (PyObject_CheckBuffer(o)) {
    Py_buffer buffer;
    if (PyObject_GetBuffer(o, &buffer, PyBUF_C_CONTIGUOUS) == 0) {
      in.owned.assign(static_cast<const char*>(buffer.buf), static_cast<size_t>(buffer.len));
      PyBuffer_Release(&buffer);
      in.view = in.owned;
      return std::nullopt;
    }
    PyErr_Clear();
  }
  return invalid(std::string(what) + " must be str or bytes-like (bytes, bytearray, memoryview), not " +
                 Py_TYPE(o)->tp_name);
}

// A Python value as an option's C++ type.
template <typename T>
std::optional<Failure> convert(py::handle value, T& out, const std::string& name) {
  PyObject* o = value.ptr();
  if constexpr (std::is_same_v<T, std::string>) {
    if (o == Py_None) {
      out.clear();
      return std::nullopt;
    }
    if (!PyUnicode_Check(o)) return invalid(name + " must be a str");
    out = value.cast<std::string>();
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!PyBool_Check(o)) return invalid(name + " must be a bool");
    out = o == Py_True;
  } else if constexpr (std::is_same_v<T, quietpage::NameList>) {
    if (!PyList_Check(o) && !PyTuple_Check(o)) return invalid(name + " must be a list of str");
    std::string joined;
    for (py::handle item : value) {
      if (!PyUnicode_Check(item.ptr())) return invalid(name + " must be a list of str");
      const std::string word = item.cast<std::string>();
      if (word.empty() || word.find_first_of(" \t\n\r\f") != std::string::npos)
        return invalid(name + " must hold names without spaces");
      if (!joined.empty()) joined += ' ';
      joined += word;
    }
    out = quietpage::NameList(std::move(joined));
  } else if constexpr (std::is_same_v<T, double>) {
    if (PyBool_Check(o) || !(PyFloat_Check(o) || PyLong_Check(o))) return invalid(name + " must be a number");
    out = PyFloat_AsDouble(o);
    if (!std::isfinite(out)) return invalid(name + " must be finite");
  } else {
    if (PyBool_Check(o) || !PyLong_Check(o)) return invalid(name + " must be an int");
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow || v < 0 || static_cast<unsigned long long>(v) > std::numeric_limits<T>::max())
      return invalid(name + " must be an int from 0 to " + std::to_string(std::numeric_limits<T>::max()));
    out = static_cast<T>(v);
  }
  return std::nullopt;
}

// Options from keyword arguments named like the JavaScript options, in
// snake_case: `set(key, value, failure)` sets the one `key` names (false
// when none does).
template <typename Set>
std::optional<Failure> read_options(const py::dict& kwargs, Set&& set) {
  for (auto item : kwargs) {
    if (!PyUnicode_Check(item.first.ptr())) return invalid("option names must be str");
    const std::string key = item.first.cast<std::string>();
    std::optional<Failure> failure;
    if (!set(key, item.second, failure)) return invalid("unknown option '" + key + "'");
    if (failure) return failure;
  }
  return std::nullopt;
}

#define QUIETPAGE_PY_SET_OPTION(type, name, js_name, default_value) \
  if (key == snake_case(js_name)) {                                 \
    failure = convert(value, options.name, key);                    \
    return true;                                                    \
  }

// quietpage.h: QUIETPAGE_OPTIONS.
std::optional<Failure> to_options(const py::dict& kwargs, quietpage::Options& options) {
  return read_options(kwargs, [&](const std::string& key, py::handle value, std::optional<Failure>& failure) {
    QUIETPAGE_OPTIONS(QUIETPAGE_PY_SET_OPTION)
    return false;
  });
}

// quietpage.h: QUIETPAGE_READERABLE_OPTIONS.
std::optional<Failure> to_readerable_options(const py::dict& kwargs, quietpage::ReaderableOptions& options) {
  return read_options(kwargs, [&](const std::string& key, py::handle value, std::optional<Failure>& failure) {
    QUIETPAGE_READERABLE_OPTIONS(QUIETPAGE_PY_SET_OPTION)
    return false;
  });
}
#undef QUIETPAGE_PY_SET_OPTION

std::optional<Failure> read_hint(py::handle charset, std::string& hint) {
  if (charset.is_none()) return std::nullopt;
  if (!PyUnicode_Check(charset.ptr())) return invalid("charset must be a str");
  hint = charset.cast<std::string>();
  return std::nullopt;
}

py::str to_str(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

py::tuple failure_tuple(const Failure& f) { return py::make_tuple(f.code, f.message, py::none()); }

// Runs fn(text) on the page as UTF-8, without the GIL (bytes decoded by
// their charset: BOM, `charset`, <meta>, UTF-8, windows-1252).
template <typename Fn>
std::optional<Failure> with_page(py::handle html, py::handle charset, Fn&& fn) {
  Input input;
  std::string hint;
  if (auto f = read_input(html, input, "html")) return f;
  if (auto f = read_hint(charset, hint)) return f;
  py::gil_scoped_release unlocked;
  std::string decoded;
  fn(input.is_text ? input.view : qb::decode_html(input.view, hint, decoded));
  return std::nullopt;
}

// parse(html, charset, options) -> (code, message, values): code "" and the
// article's field values in declaration order (None for absent ones), or
// values None when there is no article; or an error code and its message.
py::tuple parse(py::handle html, py::handle charset, const py::dict& kwargs) {
  quietpage::Options options;
  if (auto f = to_options(kwargs, options)) return failure_tuple(*f);
  quietpage::Result result;
  if (auto f = with_page(html, charset, [&](std::string_view text) { result = quietpage::parse(text, options); }))
    return failure_tuple(*f);
  if (result.error != quietpage::ErrorCode::kOk)
    return py::make_tuple(quietpage::error_code_name(result.error), result.message, py::none());
  if (!result.found) return py::make_tuple("", "", py::none());
  py::list values;
  quietpage::for_each_article_field(result.article, [&](const char* name, quietpage::FieldKind kind,
                                                        quietpage::FieldGroup, const auto& value) {
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>) {
      if (qb::is_null_field(name, kind, value, options)) values.append(py::none());
      else values.append(to_str(value));
    } else {
      values.append(py::int_(value));
    }
  });
  return py::make_tuple("", "", py::tuple(values));
}

py::tuple is_probably_readerable(py::handle html, py::handle charset, const py::dict& kwargs) {
  quietpage::ReaderableOptions options;
  if (auto f = to_readerable_options(kwargs, options)) return failure_tuple(*f);
  bool readerable = false;
  auto check = [&](std::string_view text) { readerable = quietpage::is_probably_readerable(text, options); };
  if (auto f = with_page(html, charset, check)) return failure_tuple(*f);
  return py::make_tuple("", "", py::bool_(readerable));
}

// detect_encoding / decode_html: js/decode.js's, natively, on bytes only:
// fn(bytes, hint) runs without the GIL.
template <typename Fn>
std::optional<Failure> with_bytes(py::handle data, py::handle charset, Fn&& fn) {
  Input input;
  std::string hint;
  if (auto f = read_input(data, input, "data")) return f;
  if (input.is_text) return invalid("data must be bytes-like (bytes, bytearray, memoryview), not str");
  if (auto f = read_hint(charset, hint)) return f;
  py::gil_scoped_release unlocked;
  fn(input.view, hint);
  return std::nullopt;
}

py::tuple detect_encoding(py::handle data, py::handle charset) {
  qb::Encoding encoding;
  auto detect = [&](std::string_view bytes, const std::string& hint) { encoding = qb::detect_encoding(bytes, hint); };
  if (auto f = with_bytes(data, charset, detect)) return failure_tuple(*f);
  return py::make_tuple("", "", py::make_tuple(encoding.name, encoding.source));
}

py::tuple decode_html(py::handle data, py::handle charset) {
  std::string text;  // a copy: the view decode_html returns may be of the input, which with_bytes owns
  auto decode = [&](std::string_view bytes, const std::string& hint) {
    std::string decoded;
    text = qb::decode_html(bytes, hint, decoded);
  };
  if (auto f = with_bytes(data, charset, decode)) return failure_tuple(*f);
  return py::make_tuple("", "", to_str(text));
}

// A web archive opened for reading; OSError (FileNotFoundError, ...) when it
// can't be.
class Archive {
 public:
  explicit Archive(const std::string& path, size_t max_block) : reader_(stream_, max_block) {
    std::string error;
    if (!stream_.open(path, error)) {
      PyErr_SetFromErrnoWithFilename(PyExc_OSError, path.c_str());
      throw py::error_already_set();
    }
  }
  qb::WarcReader& reader() { return reader_; }

 private:
  qb::ByteStream stream_;
  qb::WarcReader reader_;
};

size_t block_limit(size_t max_input_bytes) { return max_input_bytes ? max_input_bytes + (1u << 20) : 0; }

// extract_warc(path, html, articles_only, options): the JSON lines
// quietpage-batch writes for the archive (without their "\n"), one by one.
class WarcLines {
 public:
  WarcLines(const std::string& path, bool html, bool articles_only, const py::dict& kwargs) {
    if (auto f = to_options(kwargs, options_.parse)) failure_ = *f;
    if (kwargs.contains("url")) failure_ = invalid("url: the pages' URLs come from the archive");
    options_.html = html;
    options_.error_lines = !articles_only;
    if (!failure_) archive_ = std::make_unique<Archive>(path, block_limit(options_.parse.max_input_bytes));
  }
  std::optional<Failure> failure() const { return failure_; }

  py::str next() {
    std::string line;
    {
      py::gil_scoped_release unlocked;
      qb::PageTask task;
      task.is_record = true;
      while (line.empty() && archive_->reader().next(task.record)) {
        line = qb::extract_page(task, options_).line;
        task = qb::PageTask();
        task.is_record = true;
      }
    }
    if (line.empty()) throw py::stop_iteration();
    line.pop_back();  // the "\n"
    return to_str(line);
  }

 private:
  qb::OutputOptions options_;
  std::optional<Failure> failure_;
  std::unique_ptr<Archive> archive_;
};

// read_warc(path, max_bytes): (url, content_type, body, error, message) of
// every page record, its payload decoded from its transfer and content
// codings; error and message None, or a code (MALFORMED_RECORD, ...) with
// an empty body.
class WarcPages {
 public:
  WarcPages(const std::string& path, size_t max_bytes) : max_bytes_(max_bytes), archive_(path, block_limit(max_bytes)) {}

  py::tuple next() {
    qb::RecordPage page;
    qb::WarcRecord record;
    bool found = false;
    {
      py::gil_scoped_release unlocked;
      while (!found && archive_.reader().next(record)) {
        page = qb::RecordPage();
        found = qb::record_page(record, max_bytes_, page);
      }
    }
    if (!found) throw py::stop_iteration();
    py::object url = record.target_uri.empty() ? py::object(py::none()) : py::object(to_str(record.target_uri));
    if (page.error) return py::make_tuple(url, to_str(page.payload.content_type), py::bytes(), page.error, to_str(page.message));
    return py::make_tuple(url, to_str(page.payload.content_type),
                          py::bytes(page.payload.body.data(), page.payload.body.size()), py::none(), py::none());
  }

 private:
  size_t max_bytes_;
  Archive archive_;
};

const char* kind_name(quietpage::FieldKind kind) {
  switch (kind) {
    case quietpage::FieldKind::kText: return "text";
    case quietpage::FieldKind::kLongText: return "longText";
    case quietpage::FieldKind::kHtml: return "html";
    case quietpage::FieldKind::kCount: return "count";
  }
  return "text";
}

template <typename T>
const char* type_name() {
  if constexpr (std::is_same_v<T, std::string>) return "str";
  else if constexpr (std::is_same_v<T, bool>) return "bool";
  else if constexpr (std::is_same_v<T, double>) return "float";
  else if constexpr (std::is_same_v<T, quietpage::NameList>) return "list[str]";
  else return "int";
}

// An option's default as a Python value (a NameList as a list of str).
template <typename T>
py::object python_default(const T& value) {
  if constexpr (std::is_same_v<T, quietpage::NameList>) {
    py::list names;
    std::string_view rest = value.joined;
    while (!rest.empty()) {
      const size_t space = rest.find(' ');
      names.append(std::string(rest.substr(0, space)));
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    return std::move(names);
  } else {
    return py::cast(value);
  }
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "quietpage's native core (use the quietpage package, not this module)";
  m.def("parse", &parse, py::arg("html"), py::arg("charset"), py::arg("options"));
  m.def("is_probably_readerable", &is_probably_readerable, py::arg("html"), py::arg("charset"), py::arg("options"));
  m.def("detect_encoding", &detect_encoding, py::arg("data"), py::arg("charset"));
  m.def("decode_html", &decode_html, py::arg("data"), py::arg("charset"));

  // [(python_name, kind)] of the article's fields, in declaration order.
  m.def("article_fields", [] {
    py::list fields;
    quietpage::Article article;
    quietpage::for_each_article_field(article, [&](const char* name, quietpage::FieldKind kind, quietpage::FieldGroup,
                                                   const auto&) {
      fields.append(py::make_tuple(snake_case(name), kind_name(kind)));
    });
    return fields;
  });
  // [(python_name, type, default)] of the parse options (readerable: of
  // is_probably_readerable's).
  m.def("option_fields", [](bool readerable) {
    py::list fields;
    if (readerable) {
      const quietpage::ReaderableOptions defaults;
#define QUIETPAGE_PY_FIELD(type, name, js_name, default_value) \
  fields.append(py::make_tuple(snake_case(js_name), type_name<type>(), python_default(defaults.name)));
      QUIETPAGE_READERABLE_OPTIONS(QUIETPAGE_PY_FIELD)
    } else {
      const quietpage::Options defaults;
      QUIETPAGE_OPTIONS(QUIETPAGE_PY_FIELD)
#undef QUIETPAGE_PY_FIELD
    }
    return fields;
  }, py::arg("readerable") = false);

  py::class_<WarcLines>(m, "WarcLines")
      .def(py::init<const std::string&, bool, bool, const py::dict&>(), py::arg("path"), py::arg("html"),
           py::arg("articles_only"), py::arg("options"))
      .def("failure", [](const WarcLines& self) -> py::object {
        const auto f = self.failure();
        return f ? py::object(py::make_tuple(f->code, f->message)) : py::object(py::none());
      })
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &WarcLines::next);
  py::class_<WarcPages>(m, "WarcPages")
      .def(py::init<const std::string&, size_t>(), py::arg("path"), py::arg("max_bytes"))
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &WarcPages::next);
}
