#include <doctest/doctest.h>

#include "rules/leads.h"
#include "test_util.h"

using namespace quietpage;
using namespace quietpage::rules::leads;
namespace dates = quietpage::rules::dates;
using testing::by_id;
using testing::parse_doc;

TEST_CASE("leads: names of leads") {
  CHECK(lead_name("article-Standfirst"));
  CHECK(lead_name("c-teaser__text"));
  CHECK(lead_name("chapeau"));
  CHECK_FALSE(lead_name("article-body"));
}

TEST_CASE("leads: the lead inside a block is named, long enough, not linky, no caption, not the author's") {
  auto p = parse_doc("<header id=h><h1>Headline</h1><p id=lead class=intro>The intro sums up the story in two "
                     "sentences, before the body starts.</p></header>"
                     "<div id=short><p class=intro>Too short.</p></div>"
                     "<div id=links><p class=intro><a href=/a>A linked teaser headline of another story, long "
                     "enough</a></p></div>"
                     "<figure id=f><figcaption class=intro>A caption named like a lead, long enough to be one, "
                     "but a caption.</figcaption></figure>"
                     "<div id=pic><div class=image-description>The council chamber on Tuesday evening, before the "
                     "vote / picture agency</div></div>"
                     "<div id=box><div class=author-box><p class=description>Jane Doe covers city hall for the "
                     "Daily and has written about transport since 2015.</p></div>"
                     "<p id=after class=lead>The intro sums up the story in two sentences, after the author's "
                     "box.</p></div>");
  const Document& doc = *p.doc;
  CHECK(lead_inside(doc, by_id(doc, "h")) == by_id(doc, "lead"));
  CHECK(lead_inside(doc, by_id(doc, "lead")) == by_id(doc, "lead"));
  CHECK(lead_inside(doc, by_id(doc, "lead"), /*inside_only=*/true) == kNoNode);
  CHECK(lead_inside(doc, by_id(doc, "short")) == kNoNode);
  CHECK(lead_inside(doc, by_id(doc, "links")) == kNoNode);
  CHECK(lead_inside(doc, by_id(doc, "f")) == kNoNode);
  CHECK(lead_inside(doc, by_id(doc, "pic")) == kNoNode);
  CHECK(lead_inside(doc, by_id(doc, "box")) == by_id(doc, "after"));
}

TEST_CASE("leads: a dropped header keeps its lead only when it holds the headline") {
  auto p = parse_doc("<div id=a class=entry-header><h1>Headline</h1><p id=lead class=lead>The intro sums up the "
                     "story in two sentences, before the body starts.</p></div>"
                     "<div id=b class=graphic-header><p class=lead>Interest payments are expected to triple "
                     "over the next decade.</p></div>");
  const Document& doc = *p.doc;
  CHECK(lead_kept_from_header(doc, by_id(doc, "a"), "entry-header a", "Headline") == by_id(doc, "lead"));
  CHECK(lead_kept_from_header(doc, by_id(doc, "b"), "graphic-header b", "Headline") == kNoNode);
}

TEST_CASE("leads: the page's description shown above the article") {
  CHECK(comparable("  The intro   sums up\n the story…") == "The intro sums up the story");
  CHECK(comparable("Cut off here ...") == "Cut off here");
  auto p = parse_doc("<p id=same>The intro sums up the story in two sentences, before the body starts. Really.</p>"
                     "<p id=long>The intro sums up the story in two sentences, before the body starts. And then "
                     "a whole paragraph follows that makes this block far longer than the description.</p>"
                     "<div id=blocks><p>The intro sums up the story in two sentences, before the body starts.</p></div>"
                     "<p id=other>Something else entirely, in a sentence of about the same length here.</p>");
  const Document& doc = *p.doc;
  const std::string description = comparable("The intro sums up the story in two sentences, before the body starts…");
  const double length = static_cast<double>(text::js_length(description));
  CHECK(shows_description(doc, by_id(doc, "same"), description, length));
  CHECK_FALSE(shows_description(doc, by_id(doc, "long"), description, length));
  CHECK_FALSE(shows_description(doc, by_id(doc, "blocks"), description, length));
  CHECK_FALSE(shows_description(doc, by_id(doc, "other"), description, length));
}

TEST_CASE("leads: a standfirst under the headline, and a headline that names the site") {
  auto p = parse_doc("<hgroup><h1 id=t>Council approves budget</h1><h2 id=dek>Spending on buses rises by twelve "
                     "percent, the largest increase in a decade</h2></hgroup>"
                     "<p id=short>Too short.</p>"
                     "<p id=date>Updated Wednesday, May 6, 2020, at 10:15 AM Eastern Time</p>"
                     "<p id=by class=byline>Jane Doe, city hall reporter for the Daily, in Springfield</p>"
                     "<p id=by2>By Jane Doe, city hall reporter for the Daily, in Springfield</p>"
                     "<p id=linky><a href=/a>A linked teaser headline of another story, long enough</a></p>"
                     "<div id=blocks><p>The intro sums up the story in two sentences, before the body.</p></div>"
                     "<h1 id=linked><a href=/>The Daily Blog</a></h1>"
                     "<div id=logo><h1 id=named>Inside the Daily</h1></div>"
                     "<header id=site-title><div><h1 id=deep>Inside the Daily</h1></div></header>");
  const Document& doc = *p.doc;
  CHECK(is_standfirst(doc, by_id(doc, "dek")));
  for (std::string id : {"short", "date", "by", "by2", "linky", "blocks"}) CHECK_FALSE_MESSAGE(is_standfirst(doc, by_id(doc, id.c_str())), id);
  CHECK_FALSE(names_the_site(doc, by_id(doc, "t")));
  for (std::string id : {"linked", "named", "deep"}) CHECK_MESSAGE(names_the_site(doc, by_id(doc, id.c_str())), id);
}

TEST_CASE("leads: bylines by rel, itemprop or name, short, with the bare name preferred") {
  auto p = parse_doc("<p id=a class=byline>By Jane Doe</p><a id=b rel=author href=/jd>Jane Doe</a>"
                     "<div id=c itemprop=author><span itemprop=name>Jane Doe</span>, Harbour desk</div>"
                     "<p id=d class=author-bio>" + std::string(120, 'x') + "</p><p id=e class=story>Jane</p>");
  const Document& doc = *p.doc;
  CHECK(is_byline(doc, by_id(doc, "a"), "byline a"));
  CHECK(is_byline(doc, by_id(doc, "b"), " b"));
  CHECK(is_byline(doc, by_id(doc, "c"), " c"));
  CHECK_FALSE(is_byline(doc, by_id(doc, "d"), "author-bio d"));  // too long
  CHECK_FALSE(is_byline(doc, by_id(doc, "e"), "story e"));
  CHECK(byline_text(doc, by_id(doc, "a")) == "By Jane Doe");
  CHECK(byline_text(doc, by_id(doc, "c")) == "Jane Doe");
  // A label alone names nothing: the name is in the next element.
  auto q = parse_doc("<span id=l class=meta-prep-author>By </span><span id=n class=author>Jane Doe</span>"
                     "<span id=m class=author>Posted on</span><span id=o class=byline>Von Jane Doe</span>");
  CHECK_FALSE(is_byline(*q.doc, by_id(*q.doc, "l"), "meta-prep-author l"));
  CHECK_FALSE(is_byline(*q.doc, by_id(*q.doc, "m"), "author m"));
  CHECK(is_byline(*q.doc, by_id(*q.doc, "n"), "author n"));
  CHECK(is_byline(*q.doc, by_id(*q.doc, "o"), "byline o"));
  auto h = parse_doc("<header id=h class=entry-header><h1>T</h1><p class=meta><span class=byline>By "
                     "<span class=author>Jane Doe</span></span></p></header><div id=d class=site-header></div>");
  CHECK(may_hold_header_byline(*h.doc, by_id(*h.doc, "h"), "entry-header h"));
  CHECK(may_hold_header_byline(*h.doc, by_id(*h.doc, "d"), "site-header d"));
  CHECK(byline_within(*h.doc, by_id(*h.doc, "h")) == "By Jane Doe");
  CHECK(byline_within(*h.doc, by_id(*h.doc, "d")).empty());
  for (const char* label : {"By", "Posted by", "Written by:", "Publié par", "Posted on", "| by"})
    CHECK_MESSAGE(is_byline_label(label), label);
  for (const char* text : {"By Jane", "Jane Doe", "Posted on May 5", ""}) CHECK_MESSAGE(!is_byline_label(text), text);
}

namespace {
std::string author_of(std::string_view byline) { return split_byline(byline).author; }
}  // namespace

TEST_CASE("leads: author names are cleaned from bylines") {
  CHECK(author_of("By Jane Doe") == "Jane Doe");
  CHECK(author_of("By\n\t\t\tScott Cunningham") == "Scott Cunningham");
  CHECK(author_of("By Nathan Willis\n                March 25, 2015") == "Nathan Willis");
  CHECK(author_of("by Lucas Nolan | 22 Dec 2016") == "Lucas Nolan");
  CHECK(author_of("Jane Doe, March 25, 2015") == "Jane Doe");
  CHECK(author_of("John Mayer") == "John Mayer");
  CHECK(author_of("Von Tim Ehlers") == "Tim Ehlers");
  CHECK(author_of("") == "");
}

TEST_CASE("leads: a name glued to its date, a role or a label comes apart") {
  auto parts = [](std::string_view byline, dates::Order order = dates::Order::kDayFirst) {
    BylineParts p = split_byline(byline, order);
    return p.author + " | " + p.date;
  };
  // Glued: no space between the name and what follows it.
  CHECK(parts("By Carrie ArnoldNovember 15, 2019") == "Carrie Arnold | 2019-11-15");
  CHECK(parts("Ian LYNAMOctober 8, 2012") == "Ian LYNAM | 2012-10-08");
  CHECK(parts("Nicole Collignon22. Februar 2020") == "Nicole Collignon | 2020-02-22");
  CHECK(parts("by Lucas Nolan22 Dec 2016651") == "Lucas Nolan | ");
  CHECK(parts("By Marc KatzStaff Writer") == "Marc Katz | ");
  CHECK(parts("By Richard Lam (AP)Published: 2008-01-09 02:55:03") == "Richard Lam | 2008-01-09");
  // A line break or a separator between them.
  CHECK(parts("By Nathan Willis\n     March 25, 2015") == "Nathan Willis | 2015-03-25");
  CHECK(parts("von  David  · 18. Oktober 2019") == "David | 2019-10-18");
  CHECK(parts("By Ed Silverman //  November 6th, 2012 // 6:25 pm") == "Ed Silverman | 2012-11-06");
  CHECK(parts("29. Juni 2017, 23:39 ·  von Tobi") == "Tobi | 2017-06-29");
  CHECK(parts("by Zack Whittaker     July 24, 2012 4:16 AM PDT   Follow @zw") == "Zack Whittaker | 2012-07-24");
  CHECK(parts("November 12, 2012     by\n        Sam Laird\n  0") == "Sam Laird | 2012-11-12");
  // The date introduced by a word ("on", "am") or after a weekday.
  CHECK(parts("by John Quiggin on November 6, 2012") == "John Quiggin | 2012-11-06");
  CHECK(parts("VON MORITZ GATHMANN am 21. April 2020") == "MORITZ GATHMANN | 2020-04-21");
  CHECK(parts("Von Isabella.DiBiase am Samstag, 19.  Oktober 2019 um 11:14 Uhr") == "Isabella.DiBiase | 2019-10-19");
  CHECK(parts("By Agencies on Friday, January 18, 2008") == "Agencies | 2008-01-18");
  CHECK(parts("By Eliane Fiolet\t\t\n on 11/12/2012 15:23 PST", dates::Order::kMonthFirst) ==
        "Eliane Fiolet | 2012-11-12");
  // Roles, outlets and times after the names; more names kept.
  CHECK(parts("By Jane Doe and John Roe, Staff Writers | Updated 3:15 pm") == "Jane Doe and John Roe | ");
  CHECK(parts("By Chris Foster, Los Angeles Times Staff Writer\n December 29, 2007") == "Chris Foster | 2007-12-29");
  CHECK(parts("Rob Picheta, CNN") == "Rob Picheta | ");
  CHECK(parts("By Evelyn Macairan, The Philippine Star") == "Evelyn Macairan | ");
  CHECK(parts("Posted by Tarun Jain, AdWords Product Manager") == "Tarun Jain | ");
  CHECK(parts("Par Stefan Häne, Sylvain Besson") == "Stefan Häne, Sylvain Besson | ");
  CHECK(parts("By CAROLINE PORTER                And KRISTINA PETERSON") == "CAROLINE PORTER And KRISTINA PETERSON | ");
  CHECK(parts("By Seth Roberts at 1:12 pm Thursday, Aug 9") == "Seth Roberts | ");
  CHECK(parts("By Andrew Downie | Reuters\u00a0–\u00a01 hour 0 minutes ago") == "Andrew Downie | ");
  CHECK(parts("Bruno (Henrique Zecchin) Rodrigues") == "Bruno (Henrique Zecchin) Rodrigues | ");
  CHECK(parts("By \n\t\tDavid Lassen\n\t (Contact)") == "David Lassen | ");
  CHECK(parts("Belinda Tasker in London") == "Belinda Tasker | ");
  // "by" anywhere, but not a picture's credit; a label alone points at the
  // next part; no name at all gives none.
  CHECK(parts("DESIGN | 7 Hours Ago By Richard Darell") == "Richard Darell | ");
  CHECK(parts("Jane Doe | Photos by John Roe") == "Jane Doe | ");
  CHECK(parts("About the Author - Florina Ionescu") == "Florina Ionescu | ");
  CHECK(parts("Auteur:    \n      Anna Kubišta") == "Anna Kubišta | ");
  CHECK(parts("Datum: \n\t\t19.11.2021 \n\tAutor: Fritz ImhofQuelle: Livenet") == "Fritz Imhof | 2021-11-19");
  CHECK(parts("Posted on") == " | ");
  CHECK(parts("Last Updated: January 7, 2025") == " | ");
  CHECK(parts("Donnerstag,  4. November 2021") == " | 2021-11-04");
  CHECK(parts("3 days ago") == " | ");
  CHECK(parts("View Profile\n\tEmail\n\tTwitter") == " | ");
  // An update's date is not the publication date.
  CHECK(parts("By Jane Doe | Updated March 4, 2020") == "Jane Doe | ");
  CHECK(parts("April 28, 2019 at 6:01 am Updated April 29, 2019") == " | 2019-04-28");
}

TEST_CASE("leads: update lines and byline openings") {
  for (const char* line : {"Updated at 3:15 pm", "Published: July 24, 2012", "Posted Nov. 6, 2012 at 5:32 PM",
                           "Mis à jour le 4 mars 2024 à 10h12", "Aktualisiert am 06.12.2022", "Date: 2022-04-28",
                           "Release Date:", "Updated:", "Datum:"})
    CHECK_MESSAGE(is_update_line(line), std::string(line));
  for (const char* text : {"Updated guidance arrives next week", "Published research shows the sea rising faster",
                           "The city published its plan in 2015 and updated it twice since then, the council said.",
                           "Posted by Ann Roe, Tom Lee on 2019-02-15", "Date night in 10 steps", "Posted", "Release"})
    CHECK_MESSAGE(!is_update_line(text), std::string(text));
  CHECK(is_entry_meta("This entry was posted on Saturday, August 25th, 2012 at 12:23 am and is filed under Videos. "
                      "You can follow any responses to this entry through the RSS 2.0 feed."));
  CHECK(is_entry_meta("You can follow any responses to this entry through the RSS 2.0 feed."));
  CHECK_FALSE(is_entry_meta("This entry was hard to write: my father died in August."));
  CHECK(may_open_entry_meta('T'));
  CHECK_FALSE(may_open_entry_meta('B'));
  CHECK(opens_like_byline("By Ines Marlow"));
  CHECK(opens_like_byline("von Jan Roe"));
  CHECK_FALSE(opens_like_byline("Bystanders said"));
  CHECK(is_date_word("March"));
  CHECK(is_date_word("2024,"));
  CHECK_FALSE(is_date_word("harbour"));
}

TEST_CASE("leads: an author's note") {
  CHECK(is_author_note("Jane Doe is the founder and principal consultant at Ignite, a marketing and public relations "
                       "consultancy that helps businesses stand out and say the right thing to the right people at "
                       "the right time through strategy, marketing, media services and design. She lives in "
                       "Kingstown with her family."));
  for (const char* note : {"Candice Sealey is the Founder & Principal Consultant at Ignite! a marketing firm.",
                           "Inga Buller ist Head of Social & Community bei CHIP.",
                           "Jane Doe is a freelance writer based in Berlin."})
    CHECK_MESSAGE(is_author_note(note), note);
  for (const char* prose : {"New York is the lead market for the new phone.", "NASA is the agency's head office.",
                            "Jane Doe is a nurse in Leeds.", "She is a freelance writer based in Berlin."})
    CHECK_MESSAGE(!is_author_note(prose), prose);
}

TEST_CASE("leads: a date line") {
  for (const char* line : {"Tuesday, May 5, 2020 5:32 PM", "May 5, 2020", "Thursday, October 25, 2012 | 11:36 AM",
                           "28.05.2010 | 14:30 Uhr", "5 May 2020 at 17:32 GMT"})
    CHECK_MESSAGE(is_date_line(line), line);
  for (const char* text : {"On May 5, 2020 the council voted.", "May 5, 2020: the vote", "Tuesday", "5:32 PM",
                           "Published May 5, 2020"})
    CHECK_MESSAGE(!is_date_line(text), text);
}
