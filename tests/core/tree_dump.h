// A canonical text form of a Document (one line per node, indented by
// depth), for tests and fuzzers that compare two trees.
#pragma once

#include <string>

#include "dom.h"

namespace quietpage::testing {

inline std::string dump_tree(const Document& doc) {
  std::string out;
  size_t depth = 0;
  doc.walk(
      doc.root(),
      [&](NodeId n) {
        out.append(depth * 2, ' ');
        if (doc.is_text(n)) {
          out += '"';
          out += doc[n].text;
          out += "\"\n";
          return false;
        }
        out += '<';
        out += std::to_string(doc[n].ns);
        out += ':';
        out += doc.tag_name(n);
        for (const Attr* a = doc.attrs_begin(n); a != doc.attrs_end(n); ++a) {
          out += ' ';
          out += a->name;
          out += "=\"";
          out += a->value;
          out += '"';
        }
        out += ">\n";
        ++depth;
        return true;
      },
      [&](NodeId) { --depth; });
  return out;
}

}  // namespace quietpage::testing
