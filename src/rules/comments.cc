#include "rules/comments.h"

#include <string>
#include <vector>

#include "rules/dates.h"
#include "rules/names.h"
#include "text.h"

namespace quietpage::rules::comments {
namespace {

// Words of a lowercased text: runs of ASCII letters, digits and any
// non-ASCII character.
std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> out;
  text::for_each_word(s, text::is_lower_word_code_point, [&](std::string_view w) { out.push_back(w); });
  return out;
}

bool one_of(std::string_view w, std::initializer_list<std::string_view> list) {
  for (std::string_view x : list)
    if (w == x) return true;
  return false;
}

bool is_number(std::string_view w) {
  for (char c : w)
    if (c < '0' || c > '9') return false;
  return !w.empty();
}

// Counts written out before the noun ("One response to ...", "No comments").
bool is_count(std::string_view w) {
  return is_number(w) || one_of(w, {"no", "one", "two", "three", "four", "five", "ein", "eine", "un", "une"});
}

// The nouns that name a thread, in the languages the other lists cover.
bool is_thread_noun(std::string_view w) {
  return one_of(w, {"comments", "comment", "responses", "response", "replies", "reactions", "trackbacks",
                    "pingbacks", "discussion", "kommentare", "kommentar", "leserkommentare", "commentaires",
                    "commentaire", "comentarios", "comentários", "commenti", "reacties", "reacciones"});
}
// ...these only after a count: "3 thoughts on ...".
bool is_counted_thread_noun(std::string_view w) { return one_of(w, {"thoughts", "thought", "opinions"}); }
// Who wrote them: "Reader comments", "Your comments".
bool is_commenter(std::string_view w) { return one_of(w, {"reader", "readers", "user", "your", "visitor"}); }
// What may follow the noun: its object ("to “Title”", "on Title") or a count.
bool opens_object(std::string_view w) { return one_of(w, {"on", "to", "for", "zu", "zum", "sur", "a", "su"}); }

bool may_be_about_comments(std::string_view text) {
  static const Keywords kPieces(kCommentPieces);
  return kPieces.found_in(text);
}

}  // namespace

bool names_a_thread(std::string_view name) {
  size_t end = 0;
  while (end < name.size() && (text::is_ascii_alpha(name[end]) || (name[end] >= '0' && name[end] <= '9') ||
                               static_cast<unsigned char>(name[end]) >= 0x80))
    ++end;
  const std::string_view word = name.substr(0, end);
  if (text::istarts_with(word, "comment")) return !text::istarts_with(word, "commentary");
  return text::istarts_with(word, "coment") || text::istarts_with(word, "kommentar") || text::iequals(word, "disqus");
}

bool names_a_thread_in(std::initializer_list<std::string_view> attributes) {
  bool named = false;
  for (std::string_view attr : attributes)
    text::for_each_token(attr, [&](std::string_view name) { named = named || names_a_thread(name); });
  return named;
}

bool is_thread_heading(std::string_view text) {
  if (text::js_length(text) > kMaxHeadingLength || !may_be_about_comments(text)) return false;
  const std::string lower = text::lower_utf8(text);
  const std::vector<std::string_view> w = words_of(lower);
  size_t i = 0;
  bool counted = false;
  while (i < w.size() && is_count(w[i])) { ++i; counted = true; }
  if (i < w.size() && is_commenter(w[i])) ++i;
  if (i == w.size()) return false;
  if (!is_thread_noun(w[i]) && !(counted && is_counted_thread_noun(w[i]))) return false;
  ++i;
  // "Comments", "Comments (12)", "12 Responses to “Title”".
  if (i == w.size() || opens_object(w[i])) return true;
  for (; i < w.size(); ++i)
    if (!is_number(w[i])) return false;
  return true;
}

bool is_comment_prompt(std::string_view text) { return is_comment_prompt(text, may_be_about_comments(text)); }

bool is_comment_prompt(std::string_view text, bool holds_piece) {
  if (!holds_piece || text::js_length(text) > kMaxPromptLength) return false;
  // Lines that say the thread is closed, empty or elsewhere, or give its rules, whatever follows.
  static constexpr std::string_view kStates[] = {
      "no comments", "comments are closed", "comments are now closed", "comments closed", "comments (",
      "be the first to comment", "rss feed for comments", "subscribe to comments", "keine kommentare",
      "aucun commentaire", "sin comentarios", "nessun commento", "comment policy", "comments policy",
      "commenting policy"};
  // Invitations, as a label only: "Leave a comment" may open the author's own
  // sentence ("Leave a comment saying which plan you chose.").
  static constexpr std::string_view kInvitations[] = {
      "leave a comment", "leave a reply", "post a comment", "add a comment", "add comment", "write a comment",
      "have your say", "join the discussion", "join the conversation", "view comments", "show comments",
      "read comments", "jump to comments", "kommentar schreiben", "kommentare schreiben", "kommentieren",
      "laisser un commentaire", "ajouter un commentaire", "deja un comentario", "deja tu comentario",
      "lascia un commento"};
  const std::string lower = text::lower_utf8(text::trim(text));
  for (std::string_view o : kStates)
    if (lower.compare(0, o.size(), o) == 0) return true;
  if (text::js_length(lower) <= kMaxInvitationLength)
    for (std::string_view o : kInvitations)
      if (lower.compare(0, o.size(), o) == 0) return true;
  // "12 Comments", "One response": a count and the noun alone.
  const std::vector<std::string_view> w = words_of(lower);
  return w.size() == 2 && is_count(w[0]) && w[0] != "no" && is_thread_noun(w[1]) && w[1] != "discussion";
}

bool signs_a_comment(std::string_view text) {
  dates::Found found;
  if (dates::find_date(text, found)) return true;
  // A clock time: "1:11", "10:02".
  for (size_t i = 1; i + 2 < text.size(); ++i) {
    if (text[i] == ':' && text[i - 1] >= '0' && text[i - 1] <= '9' && text[i + 1] >= '0' && text[i + 1] <= '5' &&
        text[i + 2] >= '0' && text[i + 2] <= '9')
      return true;
  }
  const std::string lower = text::lower_utf8(text);
  static constexpr std::string_view kSigns[] = {"says:", "said:", "wrote:", "posted by", "sagt:", "schreibt:",
                                                "a dit", "dice:"};
  for (std::string_view sign : kSigns)
    if (lower.find(sign) != std::string::npos) return true;
  // "3 days ago".
  const std::vector<std::string_view> w = words_of(lower);
  for (size_t i = 2; i < w.size(); ++i)
    if (w[i] == "ago" && is_count(w[i - 2])) return true;
  return false;
}

}  // namespace quietpage::rules::comments
