// The pipeline, stage by stage (see quietpage.h): parse -> metadata ->
// prepare -> (prepare attempt -> score -> gather -> clean, retried with
// relaxed rules) -> judge -> serialize (-> markdown).
#include <cmath>
#include <exception>
#include <new>

#include "anchors.h"
#include "clean.h"
#include "dom.h"
#include "formulas.h"
#include "gather.h"
#include "judge.h"
#include "markdown.h"
#include "metadata.h"
#include "nfc.h"
#include "pagination.h"
#include "parse.h"
#include "pipeline.h"
#include "prepare.h"
#include "quietpage.h"
#include "rules/boilerplate.h"
#include "rules/comments.h"
#include "rules/fitted.h"
#include "rules/flags.h"
#include "rules/language.h"
#include "rules/leads.h"
#include "rules/titles.h"
#include "score.h"
#include "serialize.h"
#include "text.h"
#include "url.h"

namespace quietpage {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "OK";
    case ErrorCode::kInputTooLarge: return "INPUT_TOO_LARGE";
    case ErrorCode::kTooManyElements: return "TOO_MANY_ELEMENTS";
    case ErrorCode::kOutOfMemory: return "OUT_OF_MEMORY";
    case ErrorCode::kOutputTooLarge: return "OUTPUT_TOO_LARGE";
    case ErrorCode::kInvalidUrl: return "INVALID_URL";
    case ErrorCode::kTimeout: return "TIMEOUT";
    case ErrorCode::kInternal: return "INTERNAL";
  }
  return "INTERNAL";
}

bool NameList::contains(std::string_view name) const {
  bool found = false;
  text::for_each_token(joined, [&](std::string_view token) { found = found || token == name; });
  return found;
}

namespace {

Result fail(ErrorCode code, std::string message) {
  Result r;
  r.error = code;
  r.message = std::move(message);
  return r;
}

// The page URL, overridden by the first <base href> (resolved against it).
// The day named in the path of `href`, an absolute URL.
bool find_date_in_url(const std::string& href, rules::dates::Date& out) {
  url::Url u;
  return !href.empty() && url::parse_absolute(href, u) && rules::dates::find_date_in_path(u.path, out);
}

bool base_url(const Document& doc, const url::Url* page, url::Url& out) {
  const NodeId root = doc.may_hold(GUMBO_TAG_BASE) ? doc.root() : kNoNode;  // (no walk without a <base>)
  for (NodeId n = root == kNoNode ? kNoNode : doc.next_in(root, root); n != kNoNode; n = doc.next_in(n, root)) {
    if (!doc.is(n, GUMBO_TAG_BASE) || !doc.has_attr(n, "href")) continue;
    std::string_view href = doc.attr(n, "href");
    std::string resolved;
    if (!url::scheme_of(href).empty()) {
      url::Url u;
      if (url::parse_absolute(href, u)) resolved = u.href();
    } else if (page) {
      resolved = url::resolve(*page, href);
    }
    if (!resolved.empty() && url::parse_absolute(resolved, out)) return true;
    break;
  }
  if (!page) return false;
  out = *page;
  return true;
}

// The first image of the article with an allowed URL.
std::string first_image(const Document& doc, NodeId root, const url::Url* base) {
  if (!doc.may_hold(GUMBO_TAG_IMG)) return {};
  for (NodeId n = doc.next_in(root, root); n != kNoNode; n = doc.next_in(n, root)) {
    if (!doc.is(n, GUMBO_TAG_IMG)) continue;
    std::string src = safe_url(doc.attr(n, "src"), base, true);
    if (!src.empty() && !text::istarts_with(src, "data:")) return src;
  }
  return {};
}


// What an output may still take: nothing past max_output_bytes, nor past
// what is left of max_memory_bytes once the arena and the outputs written
// so far are counted (0: unlimited). `memory_bound` says which limit binds.
size_t output_limit(const Options& options, const Arena& arena, const Article& a, bool& memory_bound) {
  size_t limit = options.max_output_bytes;
  memory_bound = false;
  if (const size_t budget = arena.budget()) {
    const size_t used = arena.reserved() + a.content.size() + a.text_content.size() + a.markdown.size();
    const size_t left = used < budget ? budget - used : 1;  // 1 byte: nothing is left
    if (!limit || left < limit) {
      limit = left;
      memory_bound = true;
    }
  }
  return limit;
}

Result timeout(const Options& options) {
  return fail(ErrorCode::kTimeout, "the parse took longer than " + std::to_string(options.timeout_ms) + " ms");
}

Result run(std::string_view html, const Options& options, const Internals& internals, Deadline& deadline,
           ParseStats& parse_stats) {
  if (options.max_input_bytes && html.size() > options.max_input_bytes)
    return fail(ErrorCode::kInputTooLarge, "input is " + std::to_string(html.size()) +
                                               " bytes; the limit is " +
                                               std::to_string(options.max_input_bytes));
  url::Url page_url;
  bool has_page_url = false;
  if (!options.url.empty()) {
    if (!url::parse_absolute(options.url, page_url))
      return fail(ErrorCode::kInvalidUrl, "url is not an absolute URL: " + options.url);
    has_page_url = true;
  }

  Arena arena;
  arena.set_budget(options.max_memory_bytes);
  Document doc(arena);
  doc.set_deadline(&deadline);
  ErrorCode code = parse_html(close_open_title(html, arena), ParseLimits::from(options), doc, &parse_stats);
  if (code == ErrorCode::kTooManyElements)
    return fail(code, "document has more than " + std::to_string(options.max_elements) + " elements");
  if (code == ErrorCode::kTimeout || doc.timed_out()) return timeout(options);
  if (code != ErrorCode::kOk) return fail(code, "document needs more memory than the limit");
  if (options.max_elems_to_parse) {
    // Readability's check: every element of the parsed document counts, but
    // not what <template>s hold (a DOM keeps that in a fragment of its own).
    size_t elements = 0;
    const NodeId root = doc.root();
    for (NodeId n = doc.next_in(root, root); n != kNoNode;
         n = doc.next_in(n, root, doc.is(n, GUMBO_TAG_TEMPLATE)))
      elements += doc.is_element(n);
    if (elements > options.max_elems_to_parse)
      return fail(ErrorCode::kTooManyElements, "document has " + std::to_string(elements) +
                                                   " elements; maxElemsToParse is " +
                                                   std::to_string(options.max_elems_to_parse));
  }

  url::Url base;
  const bool has_base = base_url(doc, has_page_url ? &page_url : nullptr, base);

  Result result;
  // Before extraction: the pager is boilerplate it removes.
  std::string next_page;
  if (has_page_url || has_base) next_page = find_next_page(doc, has_page_url ? page_url : base, base);
  Reading reading;
  const ReaderableOptions readerable;
  const bool found =
      read_article(doc, options, internals, readerable.min_content_length, readerable.min_score, false, reading);
  if (doc.timed_out()) return timeout(options);
  if (!found) return result;
  const Extraction& extraction = reading.extraction;
  const Metadata& metadata = extraction.metadata;
  NodeId page = finish_article(doc, extraction.content);

  Article& a = result.article;
  const url::Url* resolve_base = has_base ? &base : nullptr;
  const Anchors anchors(doc, extraction.content, has_page_url ? &page_url : nullptr);
  Output output;
  output.base = resolve_base;
  output.page = page;
  output.keep_classes = options.keep_classes;
  output.classes_to_preserve = &options.classes_to_preserve;
  output.videos = rules::media::Videos(&options.allowed_video);
  output.anchors = &anchors;
  // Each output within what is left of both limits (output_limit).
  auto write = [&](auto&& serialize, std::string& out) {
    bool memory_bound = false;
    const size_t limit = output_limit(options, arena, a, memory_bound);
    if (serialize(limit, out)) return ErrorCode::kOk;
    if (doc.timed_out()) return ErrorCode::kTimeout;
    return memory_bound ? ErrorCode::kOutOfMemory : ErrorCode::kOutputTooLarge;
  };
  code = write([&](size_t limit, std::string& out) {
    output.max_bytes = limit;
    return serialize_html(doc, extraction.content, output, out);
  }, a.content);
  if (code == ErrorCode::kOk)
    code = write([&](size_t limit, std::string& out) {
      return serialize_text(doc, page, limit, options.text_captions, out);
    }, a.text_content);
  if (code == ErrorCode::kOk && options.markdown)
    code = write([&](size_t limit, std::string& out) {
      return serialize_markdown(doc, extraction.content, resolve_base, limit, out, &anchors);
    }, a.markdown);
  if (code == ErrorCode::kTimeout) return timeout(options);
  if (code == ErrorCode::kOutOfMemory) return fail(code, "the article needs more memory than the limit");
  if (code != ErrorCode::kOk)
    return fail(ErrorCode::kOutputTooLarge,
                "the article exceeds " + std::to_string(options.max_output_bytes) + " bytes");
  a.title = metadata.title;
  a.byline = !metadata.byline.empty() ? metadata.byline : extraction.byline;
  a.dir = extraction.dir;
  a.lang = extraction.lang;
  a.excerpt = !metadata.excerpt.empty() ? metadata.excerpt : reading.first_paragraph;
  a.site_name = metadata.site_name;
  a.published_time = metadata.published_time;
  a.modified_time = metadata.modified_time;
  a.lead_image = safe_url(metadata.lead_image, resolve_base, true);
  if (a.lead_image.empty()) a.lead_image = first_image(doc, page, resolve_base);
  a.canonical_url = safe_url(metadata.canonical_url, resolve_base, false);
  a.next_page_url = std::move(next_page);
  if (a.lang.empty()) a.lang = metadata.language;
  if (a.lang.empty()) a.lang = rules::language::detect(a.text_content);
  // The byline taken apart: its name is the author, its date the
  // publication date where the page declares none (JSON-LD, <meta>, <time>).
  const rules::dates::Order order = rules::dates::order_for(a.lang);
  const rules::leads::BylineParts byline = rules::leads::split_byline(a.byline, order);
  // Without one, the name the page declares elsewhere, then a byline in the
  // article header that the walk dropped as unlikely.
  a.author = byline.author;
  if (a.author.empty()) a.author = metadata.declared_author;
  if (a.author.empty() && a.byline.empty())
    a.author = rules::leads::split_byline(extraction.header_byline, order).author;
  // The page's own strings in the form its text takes (nfc.h; the text
  // nodes were normalized as the document was built).
  for (std::string* s : {&a.title, &a.byline, &a.author, &a.excerpt, &a.site_name})
    if (nfc::may_change(*s)) *s = nfc::to_nfc(*s);
  if (a.published_time.empty()) a.published_time = byline.date;
  if (a.published_time.empty()) a.published_time = metadata.dated_line;
  // Then a date line that opened the article's text (removed by the cleaning).
  rules::dates::Found line_date;
  if (a.published_time.empty() && !extraction.date_line.empty() &&
      rules::dates::find_date(extraction.date_line, line_date, order))
    a.published_time = rules::dates::iso(line_date.date);
  // Then the day the article's address names (the page's, else its canonical
  // one), and last a day declared by names Readability doesn't read.
  rules::dates::Date url_date;
  if (a.published_time.empty() && ((has_page_url && rules::dates::find_date_in_path(page_url.path, url_date)) ||
                                   find_date_in_url(a.canonical_url, url_date)))
    a.published_time = rules::dates::iso(url_date);
  if (a.published_time.empty()) a.published_time = metadata.declared_date;
  rules::language::WordCount words = rules::language::count_words(a.text_content);
  a.word_count = words.words + words.cjk_chars;
  a.reading_minutes = rules::language::reading_minutes(words);
  result.found = true;
  if (arena.over_budget()) return fail(ErrorCode::kOutOfMemory, "extraction needs more memory than the limit");
  if (doc.timed_out()) return timeout(options);
  return result;
}

}  // namespace

// The page around the article, measured before extraction takes it apart,
// for the readerable model (rules/fitted.h: page features).
namespace {

std::string first_paragraph_text(const Document& doc, NodeId root) {
  for (NodeId n = doc.next_in(root, root); n != kNoNode; n = doc.next_in(n, root))
    if (doc.is(n, GUMBO_TAG_P)) return std::string(text::trim(doc.text_content(n)));
  return {};
}

struct PageStats {
  double chars = 0, classic_score = 0;
  size_t links = 0;
};
PageStats measure_page(const Document& doc, uint32_t min_content_length) {
  PageStats s;
  const NodeId body = doc.body();
  if (body == kNoNode) return s;
  s.chars = static_cast<double>(doc.text_stats(body).length);
  s.links = doc.count_tag(body, GUMBO_TAG_A);
  s.classic_score = paragraph_score(doc, min_content_length, rules::fitted::kClassicScoreCap);
  return s;
}

// Whether the article root `top` is where the title heading was: it holds the
// heading's parent, or that parent or its own parent holds it.
bool near_title(const Document& doc, NodeId top, NodeId title_parent) {
  if (title_parent == kNoNode || top == kNoNode) return false;
  if (doc.contains(top, title_parent) || doc.contains(title_parent, top)) return true;
  const NodeId up = doc[title_parent].parent;
  return up != kNoNode && doc.contains(up, top);
}

// Whether `n` is inside (or is) an element of `scope` that the page names as
// its comment thread, its footer or its sidebar (a class or id:
// rules/comments.h, rules/boilerplate.h; or a <footer>).
bool in_page_margin(const Document& doc, NodeId n, NodeId scope) {
  for (; n != kNoNode && n != scope; n = doc[n].parent) {
    if (doc.is(n, GUMBO_TAG_FOOTER)) return true;
    const std::string_view class_name = doc.attr(n, "class"), id = doc.attr(n, "id");
    if (rules::comments::names_a_thread_in({class_name, id}) ||
        rules::boilerplate::names_page_margin_in({class_name, id}))
      return true;
  }
  return false;
}

}  // namespace

bool read_article(Document& doc, const Options& options, const Internals& internals, uint32_t min_content_length,
                  double min_score, bool want_page, Reading& out) {
  const rules::fitted::Models& models = internals.models ? *internals.models : rules::fitted::fitted_models();
  want_page = want_page || internals.observe;
  PageStats stats;
  if (want_page) stats = measure_page(doc, min_content_length);
  if (!extract_article(doc, options, out.extraction)) return false;
  out.first_paragraph = first_paragraph_text(doc, out.extraction.content);
  out.judgement = judge_article(doc, out.extraction.content, out.extraction.metadata, models);
  if (want_page) {
    const std::vector<rules::fitted::Block> blocks =
        rules::fitted::article_blocks(doc, out.extraction.content, out.extraction.metadata);
    out.page = rules::fitted::page_features(doc, out.extraction.content, blocks, out.extraction.metadata,
                                            stats.chars, stats.links,
                                            std::log1p(stats.classic_score) - std::log1p(min_score));
  }
  if (internals.observe) internals.observe(out.judgement, out.page);
  return true;
}

bool extract_article(Document& doc, const Options& options, Extraction& out) {
  unwrap_noscript_images(doc);
  const Metadata json_ld = options.disable_json_ld ? Metadata() : read_json_ld(doc);
  reduce_rendered_math(doc);
  remove_scripts(doc);
  prepare_document(doc);
  if (doc.timed_out()) return false;
  out.metadata = read_metadata(doc, json_ld);
  const Metadata& metadata = out.metadata;
  if (doc.body() == kNoNode) return false;
  // Comment threads would weigh as prose: they go before anything is scored
  // (once: every attempt starts from what is left).
  cut_comment_threads(doc, doc.body(), ThreadScope::kContainer);

  // Each attempt starts from this document; of the attempts that found too
  // little text, only the longest matters (the earliest among equals). Its
  // text and link measures are cached first, so that every attempt starts
  // with them (the edits of an attempt forget those they change).
  doc.text_stats(doc.body());
  doc.link_text(doc.body());
  const Document::Snapshot pristine = doc.snapshot();
  // An attempt whose article root is in the page's comment thread, footer or
  // sidebar (a relaxed one, next to a short article) ranks below any that
  // found text elsewhere;
  // one that found a sentence where the title heading was ranks above those
  // found elsewhere, and keeps a later one elsewhere from ending the search
  // (rules/titles.h kMinTextNearTitle).
  struct Attempt {
    Document::Snapshot state;
    NodeId content = kNoNode;
    size_t length = 0;
    size_t rank = 0;
    std::string dir;
    std::string date_line;
  };
  Attempt best;
  bool have_best = false;
  bool near_seen = false;  // an attempt found a sentence where the title heading was
  const rules::conditional::Settings cleaning{options.link_density_modifier,
                                              rules::media::Videos(&options.allowed_video)};
  // The rules an attempt relaxes after another, one at a time.
  auto relaxed = [](unsigned f) {
    if (f & rules::kStripUnlikelys) return f & ~rules::kStripUnlikelys;
    if (f & rules::kWeightClasses) return f & ~rules::kWeightClasses;
    return f & ~rules::kCleanConditionally;
  };
  unsigned flags = rules::kAllFlags;
  while (true) {
    const NodeId body = doc.body();
    const std::string byline_before = out.byline;
    const Prepared prepared = prepare_attempt(doc, body, flags, metadata, out.byline, out.header_byline, out.lang);
    Scores scores(doc.size());
    const NodeId top = choose_article_root(doc, body, prepared, flags, options.top_candidates, scores);
    // (Before gathering, which moves the root out of its container.)
    const bool margin = in_page_margin(doc, top, body);
    const bool near = near_title(doc, top, prepared.title_parent);
    const Gathered gathered = gather_article(doc, body, top, scores, metadata, prepared.after_title);
    CleanReport cleaned;
    cleaned.weighed = scores.weighed;
    clean_article(doc, gathered.article, flags, cleaning, &cleaned);
    const bool weighed = cleaned.weighed;
    if (doc.timed_out()) return false;

    const size_t length = doc.text_stats(gathered.article).length;
    const bool short_near = near && length >= rules::titles::kMinTextNearTitle;
    if (length >= options.char_threshold && !margin && (near || !near_seen)) {
      const NodeId from_json_ld = article_from_json_ld(doc, metadata, options.char_threshold, length);
      out.content = from_json_ld != kNoNode ? from_json_ld : gathered.article;
      out.dir = gathered.dir;
      out.date_line = cleaned.date_line;
      return true;
    }
    const size_t rank = margin || length == 0 ? 0 : short_near ? 2 : 1;
    near_seen = near_seen || short_near;
    if (!have_best || rank > best.rank || (rank == best.rank && length > best.length)) {
      best = {doc.snapshot(), gathered.article, length, rank, gathered.dir, cleaned.date_line};
      have_best = true;
    }
    if (flags == 0) break;
    // Relax one rule and try again on the untouched document.
    doc.restore(pristine);
    const unsigned tried = flags;
    flags = relaxed(flags);
    // An attempt that only stops weighing classes repeats, step by step, one
    // whose class weights changed nothing (and which found no byline, which
    // the next would not look for): its text is as short, it is skipped.
    if (flags == (tried & ~rules::kWeightClasses) && !weighed && out.byline == byline_before) {
      if (flags == 0) break;
      flags = relaxed(flags);
    }
  }
  doc.restore(best.state);
  const NodeId from_json_ld = article_from_json_ld(doc, metadata, options.char_threshold, best.length);
  out.content = from_json_ld != kNoNode ? from_json_ld : best.content;
  out.dir = best.dir;
  out.date_line = best.date_line;
  return from_json_ld != kNoNode || best.length > 0;
}

Result parse(std::string_view html, const Options& options) { return parse(html, options, Internals{}); }

Result parse(std::string_view html, const Options& options, const Internals& internals) {
  Deadline own(options.timeout_ms);
  Deadline& deadline = internals.deadline ? *internals.deadline : own;
  ParseStats parse_stats;
  Result result;
  try {
    result = run(html, options, internals, deadline, parse_stats);
  } catch (const std::bad_alloc&) {
    result = fail(ErrorCode::kOutOfMemory, "out of memory");
  } catch (const std::exception& e) {
    result = fail(ErrorCode::kInternal, e.what());
  }
  result.diagnostics.whole_input_reparses = parse_stats.whole_input_reparses;
  return result;
}

}  // namespace quietpage
