#include <doctest/doctest.h>

#include <string>

#include "rules/comments.h"

using namespace quietpage::rules::comments;

TEST_CASE("comments: headings that open a thread") {
  for (const char* heading : {"Comments", "comments", "12 Comments", "Comments (12)", "No Comments",
                              "One Response to “Micromorts”", "3 thoughts on “A day at the fair”",
                              "Reader comments", "Kommentare (4)", "Commentaires", "Discussion", "Trackbacks"})
    CHECK_MESSAGE(is_thread_heading(heading), heading);
  for (const char* other : {"Comments are closed", "Thoughts on the budget", "Commentary",
                            "How to write comments in Python code", "Responses from the ministry",
                            "#1 Kommentar von Naru-chan", ""})
    CHECK_MESSAGE(!is_thread_heading(other), other);
  // A heading is a line, not a paragraph.
  CHECK(!is_thread_heading("Comments " + std::string(kMaxHeadingLength, '1')));
}

TEST_CASE("comments: lines that sign or time a comment") {
  for (const char* sign : {"Posted by: Reed Hedges | Apr 6, 2007 1:11:01 PM", "Ann says:", "12 March 2019 at 10:02",
                           "jonathan at October 28, 2012 04:59 PM", "3 days ago", "Anna schreibt:"})
    CHECK_MESSAGE(signs_a_comment(sign), sign);
  for (const char* prose : {"The council met on Tuesday to discuss the budget.", "Chapter 3 of 12",
                            "It costs 10 dollars."})
    CHECK_MESSAGE(!signs_a_comment(prose), prose);
}

TEST_CASE("comments: what a thread leaves behind") {
  for (const char* prompt : {"No comments yet.", "Comments (0)", "Comments are now closed for this story",
                             "Leave a Reply", "Have your say", "RSS feed for comments on this post. TrackBack URI",
                             "12 Comments", "One response", "Keine Kommentare"})
    CHECK_MESSAGE(is_comment_prompt(prompt), prompt);
  for (const char* other : {"Comments", "Discussion", "3 discussion", "No comment from the ministry came.",
                            "Leave a comment specifying which plan you have and why you chose it.",
                            "Commentators were divided on the plan."})
    CHECK_MESSAGE(!is_comment_prompt(other), other);
}

TEST_CASE("comments: class and id names of a thread") {
  for (const char* name : {"comments", "commentlist", "comment", "Comments", "comment-text", "comments_area",
                           "comentarios", "kommentare", "disqus_thread"})
    CHECK_MESSAGE(names_a_thread(name), name);
  for (const char* other : {"commentary", "Commentary-box", "content", "discussion", "dsq", "category-der-kommentar",
                            "widget_get_recent_comments", "get-recent-comments", ""})
    CHECK_MESSAGE(!names_a_thread(other), other);
}
