// Comment threads (quietpage): what a page's readers wrote under the
// article. Blogs put the thread in the article's own container, after a
// heading — "Comments", "12 Responses to “Title”", "3 thoughts on …",
// "Kommentare (4)" — with each comment signed and timed ("Posted by: Ann |
// Apr 6, 2007 1:11 PM", "Ann says: 12 March 2019 at 10:02"). The thread is
// not the article: from such a heading on, the container's rest goes, when
// the article comes before it and the rest reads like a thread.
// (Containers named for comments go by name: boilerplate.h.)
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>

namespace quietpage::rules::comments {

// A comments heading is a short line (UTF-16 units; longer is prose).
constexpr size_t kMaxHeadingLength = 80;
bool is_thread_heading(std::string_view text);
// A heading this linky is a link to the thread ("12 Comments" under the
// title, leading to #comments), not its start.
constexpr double kMaxHeadingLinkDensity = 0.5;

// A line that signs or times a comment: a date, a clock time, "N days ago",
// "says:", "Posted by". A thread shows one within this many text nodes of
// its heading (its first comment's).
constexpr size_t kMaxTextsToFirstSignature = 60;
// ...and within this many nodes (elements without text between).
constexpr size_t kMaxNodesToFirstSignature = 1000;
bool signs_a_comment(std::string_view text);

// What a thread leaves behind in the article when it is loaded later or
// closed: a line about the comments ("No comments yet.", "Comments (0)",
// "Comments are closed.", "Leave a reply", "Have your say", "RSS feed for
// comments on this post"). Such a line is short.
constexpr size_t kMaxPromptLength = 100;
// An invitation ("Leave a comment") is a label no longer than this; longer,
// it is the author's own sentence.
constexpr size_t kMaxInvitationLength = 40;
bool is_comment_prompt(std::string_view text);
// Every noun, opening and invitation above holds one of these ASCII pieces
// (ASCII case ignored). A Keywords list: a caller that has read them in
// `text` already says whether one is there (`holds_piece`).
inline constexpr std::string_view kCommentPieces[] = {
    "comment", "coment", "kommentar", "kommentier", "repl", "your say", "discussion", "conversation",
    "respons", "reaction", "reacti", "reacci", "trackback", "pingback", "thought", "opinion"};
bool is_comment_prompt(std::string_view text, bool holds_piece);

// A class or id (one token) that names a comment thread or a comment: its
// first word does ("comments", "commentlist", "comment-text",
// "disqus_thread", "kommentare", "comentarios"; not "commentary"). Later
// words say something else: "category-der-kommentar" is a post's topic,
// "recent-comments" a list of the site's latest comments. A page's thread is
// never its article, however long it is next to a short article.
bool names_a_thread(std::string_view name);
// Whether a token of any of these attribute values (class, id, name...)
// names a thread.
bool names_a_thread_in(std::initializer_list<std::string_view> attributes);

// The article's text before the heading (UTF-16 units): at least this much,
// or the "thread" is what was chosen as the article.
constexpr size_t kMinArticleBefore = 160;

}  // namespace quietpage::rules::comments
