// Credits and captions: image credits ("Foto: dpa", "(Photo: Getty)",
// "© AFP") are not the article. They go as blocks named for them, as short
// lines that open like one, and at the end of a caption, whose description
// stays. "Source: ..." under a table names where its data comes from: that
// belongs to the article.
#pragma once

#include <cstddef>
#include <string_view>

#include "dom.h"

namespace quietpage::rules::credits {

// Credits are short: a credit line, or the credit ending a caption, is
// shorter than this (UTF-16 units).
constexpr size_t kMaxCreditLength = 150;

// A word of class/id names (boilerplate::for_each_name_word) of credits.
bool is_credit_word(std::string_view word);
// A block named for credits that holds a picture (an image bigger than an
// icon, media.h) wraps the article's figure with its credit
// ("credit-image-wrap"): the credit inside goes, the picture stays.
bool holds_picture(const Document& doc, NodeId n);
// Text that opens like an image credit.
bool starts_like_credit(std::string_view text);
// Whether a text whose first byte is `first` may start like a credit (a
// test before reading the whole text).
bool may_start_like_credit(unsigned char first);
// Words that state who holds the rights ("©", "all rights reserved"), any of
// them anywhere in lowercase text: a Keywords list (the judge's features read
// it in one pass with their other words).
inline constexpr std::string_view kRightsWords[] = {"©", "(c) ", "copyright", "all rights reserved", "tous droits",
                                                    "alle rechte", "todos los derechos", "tutti i diritti",
                                                    "direitos reservados"};
// A footer line of rights or of how to cite the article ("© 2024 The
// Courier. All rights reserved.", "Citation: ... retrieved ..."): short, and
// opening with the sign or the word, or saying the rights are reserved (or
// that the text "may not be published, broadcast, rewritten or redistributed").
constexpr size_t kMaxRightsLineLength = 200;
// What follows the word "Copyright" opening a line makes it a notice: a
// sign, a year or a name ("Copyright 2020 The Daily", "Copyright: AP"), not
// the rest of a sentence about copyright ("Copyright law was...").
bool notice_after_copyright(std::string_view rest);
bool is_rights_line(std::string_view text);
// Every way of saying the rights are reserved holds one of these ASCII pieces
// (ASCII case ignored). A Keywords list: a caller that has read them in
// `text` already says whether one is there (`holds_piece`).
inline constexpr std::string_view kReservedPieces[] = {"rights reserved", "droits r", "rechte vorbehalten",
                                                       "derechos reservados", "diritti riservati", "may not be"};
bool is_rights_line(std::string_view text, bool holds_piece);
// "Source:", "Quelle:", "Fuente:"... (also a credit's opening).
bool is_source_line(std::string_view text);
// A source named by its web address alone as a line ("NEWSWIRE.COM" after a
// wire story): the whole text one host name, letters before a dot and a
// top-level domain of letters after it. (Not linked: a link to a site alone
// as a line is a post's pointer to it.)
bool is_source_address(std::string_view trimmed_text);
constexpr size_t kMaxSourceAddressLength = 40;
// A short text-only block whose text `inner` reads like a credit line: it
// opens like a credit and is not the source line of a table just before it.
bool is_credit_line(const Document& doc, NodeId n, std::string_view inner);

// A <figcaption>, or an element whose class says it is a caption.
bool is_caption(const Document& doc, NodeId n);
// (quietpage) Pages often write a caption twice (under the picture and in
// the gallery's own markup, or as a paragraph after the figure). A text
// block repeating an earlier caption word for word goes, when the caption
// is at least this long (short ones, "Photo", may repeat legitimately).
constexpr size_t kMinRepeatedCaptionLength = 20;
// A caption beside its own picture (in a figure, or a wrapper, holding an
// image or a video) captions that picture, even in the words of another:
// figures of one series often share a caption.
bool captions_own_picture(const Document& doc, NodeId caption);
// A figure's caption, as the text leaves it out when asked to (the
// textCaptions option): a <figcaption>, or an element named a caption with
// no more text than this (UTF-16 units) — a long block with such a name
// ("captioned-story") is no caption. A table's <caption> titles its data
// and is none.
constexpr size_t kMaxNamedCaptionLength = 1000;
bool is_figure_caption(const Document& doc, NodeId n);
// Where a credit that runs to the end of a caption's text starts ("Die
// Altstadt. Foto: dpa"), or npos. It starts a word.
size_t credit_start(std::string_view text);
// The description before a credit, without the separator before the credit
// (" | ", " - ", " (", " / ").
std::string_view without_separator(std::string_view description);

}  // namespace quietpage::rules::credits
