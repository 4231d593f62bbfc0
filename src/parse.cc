#include "parse.h"

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <vector>

#include "guard.h"
#include "nfc.h"
#include "rules/formulas.h"
#include "text.h"

namespace quietpage {
namespace {

// One gumbo parse. gumbo allocates through arena_alloc/arena_free:
// everything comes from the Arena and is freed with it, so gumbo's own
// (recursive) destructor is never needed, and a parse can be left halfway —
// nothing of gumbo's lives elsewhere. Each allocation also checks the time
// and memory budgets (gumbo's pass is then as interruptible as the other
// stages, and cannot take the heap past the budget or abort): once one has
// run out, or the system has no more memory, arena_alloc leaves gumbo with
// longjmp, back to run_gumbo (C frames in between, no destructors).
// It also counts the allocations of gumbo's size of a node and of an
// attribute: every node and attribute of the tree is one of them (a few
// others may have that size too, and some were freed again), so they bound
// what the Document needs room for without another walk of the tree.
struct GumboRun {
  Arena& arena;
  Deadline* deadline;
  std::jmp_buf exit;
  ErrorCode stopped = ErrorCode::kOk;
  size_t node_sized = 0;       // allocations of sizeof(GumboNode)
  size_t attribute_sized = 0;  // allocations of sizeof(GumboAttribute)
};

// Leaves gumbo for run_gumbo (kept out of arena_alloc: its path with no
// stop then saves fewer registers, once per allocation).
[[noreturn]] __attribute__((noinline)) void stop_gumbo(GumboRun* run, ErrorCode why) {
  run->stopped = why;
  std::longjmp(run->exit, 1);
}

// (The benchmark's gumbo alone, parse_html_only, counts nothing.)
template <bool kCount>
void* arena_alloc(void* userdata, size_t size) {
  static_assert(sizeof(GumboNode) != sizeof(GumboAttribute), "one count per allocation");
  auto* run = static_cast<GumboRun*>(userdata);
  if (kCount) {
    if (size == sizeof(GumboNode)) ++run->node_sized;
    else if (size == sizeof(GumboAttribute)) ++run->attribute_sized;
  }
  if (run->deadline && run->deadline->tick()) stop_gumbo(run, ErrorCode::kTimeout);
  void* p;
  if (run->arena.over_budget() || !(p = run->arena.try_allocate_reusable(size))) stop_gumbo(run, ErrorCode::kOutOfMemory);
  return p;
}

void arena_free(void* userdata, void* p) { static_cast<GumboRun*>(userdata)->arena.release(p); }

// gumbo's tree of `html`, or nullptr when run.stopped says why not. The
// only function that calls setjmp: it holds nothing a longjmp would skip.
GumboOutput* run_gumbo(std::string_view html, GumboRun& run, bool count = true) {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = count ? &arena_alloc<true> : &arena_alloc<false>;
  options.deallocator = &arena_free;
  options.userdata = &run;
  options.max_errors = 0;  // we never read parse errors; don't record them
  if (setjmp(run.exit) != 0) return nullptr;
  return gumbo_parse_with_options(&options, html.data(), html.size());
}

std::string_view unknown_tag_name(Arena& arena, const GumboElement& el) {
  std::string_view name = unknown_element_name(el);
  if (name.empty()) return "unknown";
  return arena.copy(text::to_lower(name));
}

NodeId create_unknown(Document& doc, const GumboElement& el) {
  std::string_view name = unknown_tag_name(doc.arena(), el);
  if (el.tag_namespace == GUMBO_NAMESPACE_HTML) {
    if (name == "picture") return doc.create_element(kTagPicture);
    if (name == "dialog") return doc.create_element(kTagDialog);
    if (name == "slot") return doc.create_element(kTagSlot);
  }
  return doc.create_element(GUMBO_TAG_UNKNOWN, name);
}

}  // namespace

size_t parse_html_only(std::string_view html, bool strip_scripts) {
  std::string stripped;
  if (strip_scripts) {
    GuardLimits limits;
    limits.strip_scripts = true;
    if (guard_input(html, limits, stripped).rewritten) html = stripped;
  }
  Arena arena;
  GumboRun run{arena, nullptr, {}};
  GumboOutput* output = run_gumbo(html, run, false);
  if (!output) return 0;
  size_t nodes = 0;
  std::vector<const GumboNode*> stack{output->document};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    ++nodes;
    const GumboVector* children = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children
                                  : (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
                                      ? &n->v.element.children
                                      : nullptr;
    if (children)
      for (unsigned i = 0; i < children->length; ++i)
        stack.push_back(static_cast<const GumboNode*>(children->data[i]));
  }
  return nodes;
}

std::string_view unknown_element_name(const GumboElement& el) {
  if (!el.original_tag.data) return {};
  const std::string_view tag(el.original_tag.data, el.original_tag.length);
  // The first '<' a letter follows (gumbo's own gumbo_tag_from_original_text
  // reads "</><x-a>" as an end tag named "><x-a"), to white space, '/' or '>'.
  for (size_t lt = tag.find('<'); lt != std::string_view::npos; lt = tag.find('<', lt + 1)) {
    const size_t start = lt + 1;
    if (start >= tag.size() || !text::is_ascii_alpha(tag[start])) continue;
    size_t end = start;
    while (end < tag.size() && std::string_view(" \t\n\r\f/>").find(tag[end]) == std::string_view::npos) ++end;
    return tag.substr(start, end - start);
  }
  return {};
}

bool drops_text(const GumboNode* own) {
  if (!own || (own->type != GUMBO_NODE_ELEMENT && own->type != GUMBO_NODE_TEMPLATE)) return false;
  const GumboElement& el = own->v.element;
  if (el.tag == GUMBO_TAG_STYLE) return true;
  if (el.tag != GUMBO_TAG_SCRIPT) return false;
  // JSON-LD is read for metadata, TeX for formulas (rules/formulas.h).
  const GumboAttribute* type = gumbo_get_attribute(&el.attributes, "type");
  const std::string_view type_value = type ? std::string_view(type->value) : std::string_view();
  return type_value != "application/ld+json" && !rules::formulas::is_tex_type(type_value);
}

bool is_json_ld(const Document& doc, NodeId n) {
  return doc.is(n, GUMBO_TAG_SCRIPT) && doc.attr(n, "type") == "application/ld+json";
}

namespace {

// Room in the Document for the nodes and attributes of gumbo's tree
// (elements, text, comments; the document's too), bounded by the allocations
// of their sizes (GumboRun), and a little more, so that neither the
// conversion nor the stages' few new nodes make its vectors grow (a vector
// that doubles holds up to twice what it needs, and copies itself).
Document::Room room_for(const GumboRun& run) {
  Document::Room room;
  room.nodes = run.node_sized + run.node_sized / 16 + 64;
  room.attrs = run.attribute_sized + run.attribute_sized / 16 + 64;
  return room;
}

// Copies of gumbo's strings, packed into blocks of the Document's arena
// (one allocation per block, not per string; strings need no alignment).
class Strings {
 public:
  explicit Strings(Arena& arena) : arena_(arena) {}
  std::string_view copy(const char* s) { return copy(std::string_view(s)); }
  std::string_view copy(std::string_view s) {
    const size_t n = s.size();
    if (n == 0) return {};
    if (n > left_) {
      const size_t block = std::max(n, kBlock);
      next_ = static_cast<char*>(arena_.allocate(block));
      left_ = block;
    }
    char* p = next_;
    std::memcpy(p, s.data(), n);
    next_ += n;
    left_ -= n;
    return {p, n};
  }

 private:
  static constexpr size_t kBlock = 64 * 1024;
  Arena& arena_;
  char* next_ = nullptr;
  size_t left_ = 0;
};

// What an earlier pass learned about the guard's edits (guard.h).
struct GuardFeedback {
  explicit GuardFeedback(bool strip_scripts) : strip(strip_scripts) {}
  bool strip;                 // leave script and style text out
  bool limit = true;          // drop attributes and tags past the limits
  std::vector<size_t> keep;   // edits not to make (GuardCheck::misplaced)
  std::vector<size_t> deep;   // start tags to open past the depth limit (GuardCheck::too_shallow)
  bool confirmed = true;      // this pass's edits all held
  bool depth_unsure = false;  // tags dropped too early again after `deep` was applied
};

// One pass: guard, gumbo, conversion into `doc`, and the guard's edits
// checked against gumbo's tree (feedback.confirmed, feedback.keep).
ErrorCode parse_once(std::string_view html, const ParseLimits& limits, GuardFeedback& feedback, Document& doc) {
  // gumbo's tree lives in an arena of its own (`scratch`), freed as soon as
  // the Document is built: the nodes view copies of its text and attribute
  // strings in the Document's arena. (Kept, gumbo's tree would be most of
  // the memory of the rest of the parse, and the wasm memory grows with it.)
  // Both count towards the memory budget, gumbo's until the end (as when its
  // tree lived in the Document's arena: Arena::count).
  Arena& arena = doc.arena();

  std::string guarded;
  const GuardLimits guard_limits = GuardLimits()
                                       .with_max_attributes(feedback.limit ? limits.max_attributes : 0)
                                       .with_max_depth(feedback.limit ? limits.max_depth * kGuardDepthFactor : 0)
                                       .with_max_elements(limits.max_elements)
                                       .with_strip_scripts(feedback.strip)
                                       .with_deadline(doc.deadline());
  const std::string_view input = html;
  GuardResult guard = guard_input(html, guard_limits, guarded, feedback.keep, feedback.deep);
  if (guard.too_many_elements) return ErrorCode::kTooManyElements;
  if (guard.timed_out || doc.timed_out()) return ErrorCode::kTimeout;
  if (guard.rewritten) html = guarded;

  Arena scratch;
  if (arena.budget()) scratch.set_budget(arena.reserved() < arena.budget() ? arena.budget() - arena.reserved() : 1);
  GumboRun run{scratch, doc.deadline(), {}};
  GumboOutput* output = run_gumbo(html, run);
  if (!output) return run.stopped;
  if (scratch.over_budget()) return ErrorCode::kOutOfMemory;

  GuardCheck check(html, guard, guard_limits.max_depth);
  doc.reserve(room_for(run));
  Strings strings(arena);
  doc.create_document();
  size_t elements = 0;

  // Iterative conversion: a stack of (gumbo node, our parent, depth).
  struct Frame {
    const GumboNode* node;
    NodeId parent;
    uint32_t depth;
  };
  std::vector<Frame> stack;
  const GumboVector& top = output->document->v.document.children;
  for (unsigned i = top.length; i-- > 0;)
    stack.push_back({static_cast<const GumboNode*>(top.data[i]), doc.root(), 1});

  while (!stack.empty()) {
    if (doc.tick()) return ErrorCode::kTimeout;
    Frame f = stack.back();
    stack.pop_back();
    const GumboNode* g = f.node;
    check.visit(g);
    switch (g->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        // The text's own element decides, not the one a text deeper than
        // max_depth is flattened into.
        if (!limits.script_text && drops_text(g->parent)) break;
        // Text in Normalization Form C (nfc.h): a page written decomposed
        // reads as one written precomposed.
        const std::string_view t = g->v.text.text ? std::string_view(g->v.text.text) : std::string_view();
        NodeId id = doc.create_text(nfc::may_change(t) ? strings.copy(nfc::to_nfc(t)) : strings.copy(t));
        doc.append_child(f.parent, id);
        break;
      }
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& el = g->v.element;
        NodeId parent = f.parent;
        uint32_t depth = f.depth;
        bool flatten = limits.max_depth && f.depth > limits.max_depth;
        if (!flatten) {
          if (limits.max_elements && ++elements > limits.max_elements)
            return ErrorCode::kTooManyElements;
          NodeId id = el.tag == GUMBO_TAG_UNKNOWN ? create_unknown(doc, el)
                                                  : doc.create_element(el.tag);
          doc[id].ns = static_cast<uint8_t>(el.tag_namespace);
          for (unsigned a = 0; a < el.attributes.length; ++a) {
            const auto* attr = static_cast<const GumboAttribute*>(el.attributes.data[a]);
            // gumbo lowercases HTML attribute names; foreign ones keep case.
            std::string_view name =
                attr->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE ||
                        el.tag_namespace != GUMBO_NAMESPACE_HTML
                    ? arena.copy(text::to_lower(attr->name))
                    : strings.copy(attr->name);
            doc.add_parsed_attr(id, name, strings.copy(attr->value));
          }
          doc.append_child(parent, id);
          parent = id;
          depth = f.depth + 1;
        }
        const GumboVector& children = el.children;
        for (unsigned i = children.length; i-- > 0;)
          stack.push_back({static_cast<const GumboNode*>(children.data[i]), parent, depth});
        break;
      }
      case GUMBO_NODE_COMMENT:
      case GUMBO_NODE_DOCUMENT:
        break;
    }
  }
  const std::vector<size_t> misplaced = check.misplaced(), shallow = check.too_shallow();
  feedback.confirmed = check.strip_confirmed() && misplaced.empty() && shallow.empty();
  if (!check.strip_confirmed()) feedback.strip = false;
  auto add = [](std::vector<size_t>& to, const std::vector<size_t>& more) {
    std::vector<size_t> merged;
    std::merge(to.begin(), to.end(), more.begin(), more.end(), std::back_inserter(merged));
    to = std::move(merged);
  };
  // An over-long reference left as it is (kept) is safe only in the raw text
  // it was found in: when tags are kept or opened after all, the text around
  // it may become text gumbo decodes (a <style> inside a kept <svg>), so
  // references are kept only in a pass that changes nothing else.
  // (A reference edit's source is its first digit, after "&#" or "&#x"; the
  // other edits' sources are a tag's '<', an attribute or its value.)
  const auto is_reference = [&](size_t source) {
    if (source >= input.size() || !std::isxdigit(static_cast<unsigned char>(input[source]))) return false;
    return (source >= 2 && input.substr(source - 2, 2) == "&#") ||
           (source >= 3 && (input.substr(source - 3, 3) == "&#x" || input.substr(source - 3, 3) == "&#X"));
  };
  const auto drop_references = [&](std::vector<size_t>& sources) {
    sources.erase(std::remove_if(sources.begin(), sources.end(), is_reference), sources.end());
  };
  if (!shallow.empty()) {
    if (!feedback.deep.empty()) feedback.depth_unsure = true;
    add(feedback.deep, shallow);
    drop_references(feedback.keep);
  } else if (std::all_of(misplaced.begin(), misplaced.end(), is_reference)) {
    add(feedback.keep, misplaced);
  } else {
    std::vector<size_t> structural = misplaced;
    drop_references(structural);
    add(feedback.keep, structural);
    drop_references(feedback.keep);
  }
  arena.count(scratch.reserved());
  return arena.over_budget() ? ErrorCode::kOutOfMemory : ErrorCode::kOk;
}

// Where close_open_title puts "</title>": before the first tag after the
// title's start tag; npos when the title is closed (or there is none, or
// only an <svg>'s, or no tag follows it).
size_t unclosed_title_end(std::string_view html) {
  auto starts_tag = [&](size_t at, std::string_view name) {
    if (at + 1 + name.size() >= html.size() || !text::istarts_with(html.substr(at + 1), name)) return false;
    const char after = html[at + 1 + name.size()];
    return after == '>' || after == '/' || after == ' ' || after == '\t' || after == '\n' || after == '\r' ||
           after == '\f';
  };
  size_t title = std::string_view::npos;
  for (size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    if (starts_tag(lt, "svg") || starts_tag(lt, "math") || starts_tag(lt, "body")) return std::string_view::npos;
    if (starts_tag(lt, "title")) {
      title = lt;
      break;
    }
  }
  if (title == std::string_view::npos) return title;
  const size_t gt = html.find('>', title);
  if (gt == std::string_view::npos || text::ifind(html, "</title", gt) != std::string_view::npos)
    return std::string_view::npos;
  for (size_t lt = html.find('<', gt); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    const char next = lt + 1 < html.size() ? html[lt + 1] : 0;
    if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '!' || next == '/') return lt;
  }
  return std::string_view::npos;
}

}  // namespace

ParseLimits ParseLimits::from(const Options& options) {
  return ParseLimits()
      .with_max_elements(options.max_elements)
      .with_max_depth(options.max_depth)
      .with_max_attributes(options.max_attributes);
}

ErrorCode parse_html(std::string_view html, const ParseLimits& limits, Document& doc, ParseStats* stats) {
  // Where the guard was wrong (guard.h), its edits there are undone in
  // another pass, and script and style text is kept; edits never change what
  // gumbo makes of the markup around them, so a second pass normally
  // settles it. Tags dropped too early are opened in the next pass; when
  // that drops others too early again, and in the last pass, the limits are
  // left to gumbo. An edit is kept (not made) only where the next pass reads
  // the markup before it as this one did: not after tags it opens that this
  // one dropped or keeps (an over-long reference kept in an HTML <style>
  // would be decoded in an <svg> one: gumbo's int overflow), nor without the
  // limits.
  // Earlier trees stay in the arena until the end.
  //
  // When gumbo did not read the script or style text left out as such, the
  // passes start over as for the whole input (once): what the passes found
  // with that text left out would otherwise decide the later ones, and the
  // tree could differ from the whole input's (a tag dropped in one, kept in
  // the other's last pass).
  // (Five: a pass that keeps tags shortens its references again, and the
  // one after it may keep those: that round fits before the last pass.)
  constexpr int kPasses = 5;
  GuardFeedback feedback(limits.strip_scripts && !limits.script_text);
  ErrorCode error = ErrorCode::kOk;
  for (int run = 0, pass = 0; pass < kPasses; ++run, ++pass) {
    if (run > 0) {
      doc.clear();
      if (stats) ++stats->whole_input_reparses;
    }
    if (feedback.limit && (feedback.depth_unsure || pass == kPasses - 1)) {
      feedback.limit = false;  // no tag is dropped now: edits are judged afresh
      feedback.keep.clear();
      feedback.deep.clear();
    }
    if (pass == kPasses - 1) feedback.strip = false;
    const bool stripping = feedback.strip;
    error = parse_once(html, limits, feedback, doc);
    doc.finish_build();  // (gumbo's tree is freed: parse_once's scratch)
    if (error != ErrorCode::kOk || feedback.confirmed) break;
    if (stripping && !feedback.strip) {
      feedback = GuardFeedback(false);
      pass = -1;
    }
  }
  return error;
}

std::string_view close_open_title(std::string_view html, Arena& arena) {
  const size_t end = unclosed_title_end(html);
  if (end == std::string_view::npos) return html;
  constexpr std::string_view kClose = "</title>";
  char* copy = static_cast<char*>(arena.try_allocate(html.size() + kClose.size()));
  if (!copy) return html;  // the parse meets the memory budget anyway
  std::memcpy(copy, html.data(), end);
  std::memcpy(copy + end, kClose.data(), kClose.size());
  std::memcpy(copy + end + kClose.size(), html.data() + end, html.size() - end);
  return std::string_view(copy, html.size() + kClose.size());
}

}  // namespace quietpage
