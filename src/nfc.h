// Unicode Normalization Form C for UTF-8 text (UAX #15): canonical
// decomposition, canonical ordering, canonical composition. Pages written
// decomposed ("u" + U+0308 for "ü", as some editors and systems save text)
// read the same as precomposed ones, but search, comparison and copying want
// one form; the web's is NFC. The tables are generated (nfc_tables.h).
#pragma once

#include <string>
#include <string_view>

namespace quietpage::nfc {

// Whether `s` may not be in NFC. No for any text whose code points are all
// below U+0300 (no byte from 0xCC), and for text whose quick check says Yes;
// yes otherwise (then to_nfc() tells).
bool may_change(std::string_view s);

// `s` in NFC. Bytes that are not UTF-8 come out as U+FFFD (as
// text::next_code_point reads them).
std::string to_nfc(std::string_view s);

}  // namespace quietpage::nfc
