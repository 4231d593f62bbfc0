#include "rules/fitted.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

#include "metadata.h"
#include "rules/boilerplate.h"
#include "rules/candidates.h"
#include "rules/credits.h"
#include "rules/features.h"
#include "rules/fitted_weights.h"
#include "rules/language.h"
#include "rules/leads.h"
#include "rules/names.h"
#include "rules/promos.h"
#include "rules/structure.h"
#include "rules/tail.h"
#include "rules/titles.h"
#include "text.h"

namespace quietpage::rules::fitted {

const char* const kBlockFeatureNames[kBlockFeatureCount] = {
#define QUIETPAGE_NAME(name) #name,
    QUIETPAGE_BLOCK_FEATURES(QUIETPAGE_NAME)
#undef QUIETPAGE_NAME
};
const char* const kPageFeatureNames[kPageFeatureCount] = {
#define QUIETPAGE_NAME(name) #name,
    QUIETPAGE_PAGE_FEATURES(QUIETPAGE_NAME)
#undef QUIETPAGE_NAME
};

namespace {

// The generated weights fit these features when their names are these, in
// this order.
template <size_t N>
bool same_names(const char* const (&fitted)[N], const char* const* names, int count) {
  if (static_cast<int>(N) != count) return false;
  for (int i = 0; i < count; ++i)
    if (std::string_view(fitted[i]) != names[i]) return false;
  return true;
}

}  // namespace

bool weights_match_features() {
  return same_names(kFittedBlockFeatures, kBlockFeatureNames, kBlockFeatureCount) &&
         same_names(kFittedPageFeatures, kPageFeatureNames, kPageFeatureCount) &&
         std::size(kBlockWeights) == std::size(kFittedBlockFeatures) &&
         std::size(kPageWeights) == std::size(kFittedPageFeatures);
}

const Models& fitted_models() {
  static const Models models = [] {
    Models m;
    m.drop_below = kDropBelow;
    m.narrow_margin = kNarrowMargin;
    m.readerable_from = kReaderableFrom;
    // Weights of other features (fitted_weights.h older than fitted.h, while
    // npm run fit makes new ones) count for nothing: every block is kept.
    if (!weights_match_features()) return m;
    m.block.bias = kBlockBias;
    std::copy(std::begin(kBlockWeights), std::end(kBlockWeights), m.block.weights);
    m.page.bias = kPageBias;
    std::copy(std::begin(kPageWeights), std::end(kPageWeights), m.page.weights);
    return m;
  }();
  return models;
}

double probability(double logit) { return 1 / (1 + std::exp(-logit)); }

bool starts_paragraph(Tag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DETAILS: case GUMBO_TAG_MAIN: case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CENTER: case GUMBO_TAG_NAV:
    case GUMBO_TAG_FORM:
      return true;
    default:
      return false;
  }
}

bool is_kept_whole(Tag t) {
  return t == GUMBO_TAG_TABLE || t == GUMBO_TAG_PRE || t == GUMBO_TAG_FIGURE || t == kTagPicture;
}

bool is_judged(const Block& b) {
  return b.length < kJudgedMaxLength || b.features[kBlock_link_density] >= kJudgedMinLinkDensity;
}

bool kept_for_reader(const Block& b) {
  return b.holds_media || b.in_figure || b.in_page_links || b.features[kBlock_tag_li] > 0 || b.features[kBlock_tag_dl] > 0;
}

namespace {

// Page chrome that can sit inside a chosen article.
bool is_chrome(Tag t) {
  return t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FOOTER || t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_NAV ||
         t == GUMBO_TAG_FORM;
}

// --- Words only these features read (lowercase text) --------------------------

// Short function words: prose is full of them, menus, headlines and labels
// are not.
// (`end`: where the readable bytes after `w` end; `w` is read 8 bytes at
// once when there are that many.)
bool is_stopword(std::string_view w, const char* end) {
  static constexpr std::string_view kStopwords[] = {
      "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "was", "on", "with", "as", "be",
      "at", "this", "have", "from", "are", "not", "but", "had", "his", "they", "you", "were",
      "their", "an", "has", "which", "we", "been", "would", "will", "there", "who", "its", "or",
      "le", "la", "les", "des", "du", "et", "un", "une", "est", "que", "qui", "dans", "pour",
      "pas", "sur", "au", "il", "elle", "der", "die", "das", "und", "ist", "nicht", "den", "mit",
      "zu", "sich", "ein", "eine", "auf", "dem", "el", "los", "las", "y", "en", "del",
      "con", "una", "se", "di", "che", "e", "per", "non", "della", "o", "do", "da",
      "em", "um", "uma", "het", "een", "van", "op", "niet", "och", "att", "det", "som"};
  // Each word as its length and bytes packed in a number (none is longer
  // than 7 bytes), in a table of 256 slots by a hash of that number (open
  // addressing): a word is compared with one or two of them.
  static constexpr size_t kPacked = 7;
  static constexpr unsigned kSlots = 256;
  static const auto pack = [](std::string_view s, const char* readable_end) {
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (readable_end - s.data() >= 8) {
      std::memcpy(&v, s.data(), 8);
      v &= (uint64_t{1} << (8 * s.size())) - 1;
      return v | uint64_t{s.size()} << 56;
    }
#endif
    for (size_t i = 0; i < s.size(); ++i) v |= uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
    return v | uint64_t{s.size()} << 56;
  };
  static const auto slot = [](uint64_t packed) {
    return static_cast<unsigned>((packed * 0x9E3779B97F4A7C15ULL) >> 56);
  };
  static const std::array<uint64_t, kSlots> kTable = [] {
    std::array<uint64_t, kSlots> out{};
    for (std::string_view s : kStopwords) {
      if (s.size() > kPacked) std::abort();  // (a longer one would need another comparison)
      const uint64_t packed = pack(s, s.data());
      unsigned k = slot(packed);
      while (out[k] != 0 && out[k] != packed) k = (k + 1) % kSlots;
      out[k] = packed;
    }
    return out;
  }();
  if (w.empty() || w.size() > kPacked) return false;
  const uint64_t packed = pack(w, end);
  for (unsigned k = slot(packed);; k = (k + 1) % kSlots) {
    if (kTable[k] == packed) return true;
    if (kTable[k] == 0) return false;
  }
}

// What the stopword share of prose is, about (measured on the corpora's
// paragraphs of prose): the value given to text written without spaces.
constexpr double kUnspacedStopwordShare = 0.31;

// What a block's lowercase text says, read in one pass (Keywords ignores ASCII
// case: the same as exact matching on lowercase text).
enum Says : uint32_t {
  kSaysUpdated = 1, kSaysCitation = 2, kSaysContact = 4, kSaysGallery = 8, kSaysArrows = 16, kSaysRights = 32,
  kSaysPromoPiece = 64
};
const Keywords kSays({
    // A line that says when the page changed: "Updated 3:15 pm", "Publié le...".
    {"updated", "published", "posted", "last modified", "mis à jour", "publié", "aktualisiert", "veröffentlicht",
     "actualizado", "publicado", "aggiornato", "pubblicato"},
    // Footers of reprinted and scholarly articles: where it came from, how to cite it.
    {"citation:", "retrieved", "doi:", "doi.org", "provided by", "more information:", "journal reference",
     "originally appeared", "originally published", "this story was", "this article was"},
    // Addresses and ways to get in touch (and "@": says_contact).
    {"tel:", "tel.", "phone", "fax", "e-mail", "email", "www.", "http"},
    // The controls of a photo gallery or slideshow.
    {"image 1", "photo 1", " of 1", "enlarge", "expand", "fullscreen", "full screen", "close", "previous", "next",
     "slideshow", "gallery", "caption"},
    // Arrows of menus and teasers (no ASCII letters: the same in any case).
    {"»", "›", "→", "▶", "►", ">>"},
  },
  // Who holds the rights, and the pieces of calls to action (the words of those concepts).
  {credits::kRightsWords, promos::kPromoPieces});

// Addresses and ways to get in touch: a word of kSaysContact, "@", or a phone
// number (ten digits in a short line).
// (`digits`: the ASCII digits of `t`, counted by the caller.)
bool says_contact(std::string_view t, uint32_t says, size_t digits) {
  if ((says & kSaysContact) || t.find('@') != std::string_view::npos) return true;
  if (t.size() >= 80) return false;
  return digits >= 10;
}

// A clock time: 12:30, 9:05, 14h30.
bool mentions_time(std::string_view t) {
  for (size_t i = 1; i + 2 < t.size(); ++i)
    if ((t[i] == ':' || t[i] == 'h') && t[i - 1] >= '0' && t[i - 1] <= '9' && t[i + 1] >= '0' &&
        t[i + 1] <= '5' && t[i + 2] >= '0' && t[i + 2] <= '9')
      return true;
  return false;
}

// A date: a month name beside a number, or digit groups like 2019-11-15,
// 15.11.2019 or 11/15/19. Read word by word (the lowercase words of a text,
// in order), with the other per-word features.
// (Whether a word is a month name, or opens with a digit, is asked only
// beside a number: after one, or when a short one follows. The words are
// views of the block's lowercase text, which outlives the pass.)
struct DateWords {
  bool found = false;
  bool prev_number = false;
  std::string_view prev_word;  // the word before, when it was no number
  void add(std::string_view w);
};
void DateWords::add(std::string_view w) {
  if (found) return;
  while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.remove_suffix(1);
  if (!w.empty() && !(w[0] >= '0' && w[0] <= '9')) {  // most words: no number, no digit groups
    if (prev_number && leads::is_date_word(w)) found = true;
    prev_number = false;
    prev_word = w;
    return;
  }
  const bool number = !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  if ((!number && prev_number && leads::is_date_word(w)) ||
      (number && w.size() <= 4 && prev_word.data() && leads::is_date_word(prev_word)))
    found = true;
  int groups = 0, digits = 0, four = 0;
  bool ok = !w.empty();
  for (size_t i = 0; i <= w.size() && ok; ++i) {
    if (i == w.size() || w[i] == '-' || w[i] == '.' || w[i] == '/') {
      ok = digits > 0 && digits <= 4;
      ++groups;
      four += digits == 4;
      digits = 0;
    } else if (w[i] >= '0' && w[i] <= '9') {
      ++digits;
    } else {
      ok = false;
    }
  }
  if (ok && groups == 3 && four <= 1) found = true;
  prev_number = number;
  prev_word = number ? std::string_view() : w;
}

// What a block's character pass counts of an ASCII byte.
enum AsciiKind : uint8_t { kOtherByte, kLowerLetter, kUpperLetter, kDigit, kComma, kSeparator, kSentenceEnd };
constexpr std::array<uint8_t, 128> kAsciiKinds = [] {
  std::array<uint8_t, 128> out{};
  for (int c = 'a'; c <= 'z'; ++c) out[c] = kLowerLetter;
  for (int c = 'A'; c <= 'Z'; ++c) out[c] = kUpperLetter;
  for (int c = '0'; c <= '9'; ++c) out[c] = kDigit;
  out[','] = kComma;
  out['|'] = kSeparator;
  out['.'] = out['!'] = out['?'] = kSentenceEnd;
  return out;
}();

// The same counts of eight bytes (as loaded, little-endian) when all are
// ASCII; a sentence end's next byte is read here for the first seven
// (`end_last`: the eighth is one). (Below 0x80, adding up to 0x80 to a byte
// carries into no other.)
struct AsciiCounts {
  bool ascii = false, end_last = false;
  unsigned letters = 0, upper = 0, digits = 0, commas = 0, separators = 0, sentences = 0;
};
AsciiCounts count_ascii(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  AsciiCounts out;
  if (w & kHigh) return out;
  out.ascii = true;
  const auto at_least = [&](unsigned char c) { return (w + kOnes * (0x80 - c)) & kHigh; };
  const auto is = [&](unsigned char c) { return ~((w ^ (kOnes * c)) + kOnes * 0x7F) & kHigh; };
  const auto count = [](uint64_t m) { return static_cast<unsigned>((((m >> 7) * kOnes) >> 56) & 0xFF); };
  const uint64_t upper = at_least('A') & ~at_least('Z' + 1), lower = at_least('a') & ~at_least('z' + 1);
  const uint64_t ends = is('.') | is('!') | is('?');
  out.letters = count(upper | lower);
  out.upper = count(upper);
  out.digits = count(at_least('0') & ~at_least('9' + 1));
  out.commas = count(is(','));
  out.separators = count(is('|'));
  out.sentences = count(ends & (is(' ') >> 8));
  out.end_last = (ends >> 63) != 0;
  return out;
}

// log1p(x); most features are the log1p of a small count or length: those
// are std::log1p's own values, computed once.
constexpr unsigned kSmallLogs = 1024;
const std::array<double, kSmallLogs> kLog1pOfSmall = [] {
  std::array<double, kSmallLogs> out{};
  for (unsigned k = 0; k < kSmallLogs; ++k) out[k] = std::log1p(static_cast<double>(k));
  return out;
}();
double log1(double x) {
  if (x >= 0 && x < kSmallLogs && !std::signbit(x)) {  // (log1p(-0) is -0)
    const auto k = static_cast<unsigned>(x);
    if (static_cast<double>(k) == x) return kLog1pOfSmall[k];
  }
  return std::log1p(x);
}

// Word trigrams of lowercased text, for the overlap with the page's own
// statement of its article body (JSON-LD articleBody).
std::vector<std::string> words_of(std::string_view lower) {
  return text::split_words(lower, [](uint32_t cp) {
    return cp >= 0x80 ? !text::is_space(cp) && !(cp >= 0x2000 && cp <= 0x206F) && !(cp >= 0x3000 && cp <= 0x303F)
                      : (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
  });
}
std::string trigram(const std::vector<std::string>& w, size_t i) { return w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]; }

struct Body {
  bool present = false;
  std::unordered_set<std::string> trigrams, words;
};

double share_in_body(const std::vector<std::string>& words, const Body& body) {
  if (words.empty()) return 0;
  size_t hit = 0, all = 0;
  if (words.size() < 3) {
    for (const std::string& w : words) hit += body.words.count(w);
    return static_cast<double>(hit) / static_cast<double>(words.size());
  }
  for (size_t i = 0; i + 3 <= words.size(); ++i, ++all) hit += body.trigrams.count(trigram(words, i));
  return static_cast<double>(hit) / static_cast<double>(all);
}

// A paragraph of prose: long enough, few links, ends like a sentence.
constexpr size_t kProseMinLength = 150;
constexpr double kProseMaxLinkDensity = 0.35;
bool is_prose(double link_density, size_t length, std::string_view text) {
  return length >= kProseMinLength && link_density < kProseMaxLinkDensity && tail::ends_like_sentence(text);
}

}  // namespace

std::vector<Block> article_blocks(const Document& doc, NodeId article, const Metadata& metadata, bool* too_many) {
  std::vector<Block> blocks;
  std::vector<NodeId> starts_at;
  // Elements whose subtree holds a paragraph-starting element with text (by node).
  std::vector<bool> holds_paragraph(doc.size(), false);
  doc.walk(
      article,
      [&](NodeId n) {
        if (!doc.is_element(n)) return false;
        if (is_kept_whole(doc[n].tag)) {
          if (doc.has_text(n) && doc[n].parent != kNoNode) holds_paragraph[doc[n].parent] = true;
          return false;
        }
        return true;
      },
      [&](NodeId n) {
        const bool inside = holds_paragraph[n];
        const bool starts = starts_paragraph(doc[n].tag) && doc.has_text(n);
        if (starts && !inside) starts_at.push_back(n);
        if ((starts || inside) && doc[n].parent != kNoNode) holds_paragraph[doc[n].parent] = true;
      });
  if (too_many) *too_many = starts_at.size() > kMaxJudgedBlocks;
  if (starts_at.size() > kMaxJudgedBlocks) return blocks;
  blocks.reserve(starts_at.size());
  for (NodeId n : starts_at) {
    Block b;
    b.node = n;
    b.text = doc.inner_text(n);
    b.length = doc.text_stats(n).length;  // (the length of inner_text, cached)
    b.holds_media = structure::has_image_or_embed(doc, n) || doc.has_descendant(n, GUMBO_TAG_VIDEO) ||
                    doc.has_descendant(n, GUMBO_TAG_AUDIO);
    const Document::LinkText links = doc.link_text(n);
    b.in_page_links = links.all > 0 && links.fragment == links.all;
    blocks.push_back(std::move(b));
  }

  const size_t count = blocks.size();
  size_t total = 0;
  std::vector<double> link_density(count);
  std::vector<bool> prose(count);
  size_t first_prose = count, last_prose = 0;
  for (size_t i = 0; i < count; ++i) {
    total += blocks[i].length;
    link_density[i] = features::link_density(doc, blocks[i].node);
    prose[i] = is_prose(link_density[i], blocks[i].length, blocks[i].text);
    if (prose[i]) {
      first_prose = std::min(first_prose, i);
      last_prose = i;
    }
  }
  // Whether another block has the same text: the blocks ordered by their
  // texts' length, first eight bytes, then the rest (most differ before
  // that), equal texts side by side.
  std::vector<bool> duplicate(count, false);
  {
    struct Key {
      size_t length;
      uint64_t head;
      uint32_t block;
    };
    std::vector<Key> keys(count);
    for (size_t i = 0; i < count; ++i) {
      const std::string& t = blocks[i].text;
      keys[i] = {t.size(), 0, static_cast<uint32_t>(i)};
      std::memcpy(&keys[i].head, t.data(), std::min<size_t>(t.size(), sizeof(uint64_t)));
    }
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
      if (a.length != b.length) return a.length < b.length;
      if (a.head != b.head) return a.head < b.head;
      return blocks[a.block].text < blocks[b.block].text;
    });
    for (size_t k = 1; k < count; ++k)
      if (keys[k].length == keys[k - 1].length && keys[k].head == keys[k - 1].head &&
          blocks[keys[k].block].text == blocks[keys[k - 1].block].text)
        duplicate[keys[k].block] = duplicate[keys[k - 1].block] = true;
  }
  std::vector<double> log_chars(count);  // log1 of each block's length (read for it and its neighbours)
  for (size_t i = 0; i < count; ++i) log_chars[i] = log1(static_cast<double>(blocks[i].length));
  std::vector<size_t> length_upto(count + 1, 0);
  for (size_t i = 0; i < count; ++i) length_upto[i + 1] = length_upto[i] + blocks[i].length;

  // A block's group: its nearest ancestor holding another block too.
  std::vector<uint32_t> blocks_under(doc.size(), 0);  // by node
  for (const Block& b : blocks)
    for (NodeId p = doc[b.node].parent; p != kNoNode && p != article; p = doc[p].parent) ++blocks_under[p];
  struct Group {
    size_t blocks = 0, length = 0;
    double log_lengths = 0;
  };
  std::vector<Group> groups;
  std::vector<uint32_t> group_place(doc.size(), 0);  // by node: 1 + its Group's place in `groups` (0: none)
  std::vector<NodeId> group_of(count, article);
  for (size_t i = 0; i < count; ++i) {
    for (NodeId p = doc[blocks[i].node].parent; p != kNoNode && p != article; p = doc[p].parent)
      if (blocks_under[p] >= 2) {
        group_of[i] = p;
        break;
      }
    uint32_t& place = group_place[group_of[i]];
    if (place == 0) {
      groups.emplace_back();
      place = static_cast<uint32_t>(groups.size());
    }
    Group& g = groups[place - 1];
    ++g.blocks;
    g.length += blocks[i].length;
    g.log_lengths += log_chars[i];
  }

  Body body;
  if (!metadata.article_body.empty()) {
    const std::vector<std::string> words = words_of(text::collapse_spaces(text::lower_utf8(metadata.article_body)));
    body.present = true;
    for (size_t i = 0; i + 3 <= words.size(); ++i) body.trigrams.insert(trigram(words, i));
    body.words.insert(words.begin(), words.end());
  }

  // What the ancestors of an element say, up to the article (not included):
  // a chain per element, from its parent's (chain_above() computes the
  // chains of an element and of its ancestors that have none yet, nearest
  // last; chains[0] is the article's, empty).
  struct Chain {
    int depth = 0;
    NodeId list = kNoNode;  // the nearest <ul> or <ol>
    double list_items = 0, list_link_density = 0;  // (its features, when there is one)
    bool in_figure = false, in_table = false, in_chrome = false, caption = false;
    bool boilerplate_word = false, credit_word = false, ad = false;
    std::string names;  // " " and the class and id of each, nearest first
    // The name features (name_features()) of " " and `names`: those of every
    // block under it without a class or an id, read for the first one.
    bool bare_read = false;
    std::array<bool, 4> bare{};
  };
  // negative, positive, unlikely and byline, of a block's class, id and chain.
  const auto name_features = [](std::string_view names) {
    return std::array<bool, 4>{boilerplate::negative(names), candidates::positive(names),
                               boilerplate::is_unlikely_name(names), leads::byline_name(names)};
  };
  auto read_names = [&](NodeId m, bool& boilerplate_word, bool& credit_word, bool& ad) {
    boilerplate::for_each_name_word(doc, m, [&](std::string_view w) {
      boilerplate_word = boilerplate_word || boilerplate::is_boilerplate_word(w);
      credit_word = credit_word || credits::is_credit_word(w);
      ad = ad || w == "advert";
    });
  };
  std::vector<Chain> chains(1);
  std::vector<uint32_t> chain_place(doc.size(), 0);  // by element: 1 + its place in `chains` (0: none yet)
  std::vector<NodeId> without_chain;
  auto chain_above = [&](NodeId p) -> size_t {
    without_chain.clear();
    for (; p != kNoNode && p != article && chain_place[p] == 0; p = doc[p].parent) without_chain.push_back(p);
    size_t above = p == kNoNode || p == article ? 0 : chain_place[p] - 1;
    for (size_t k = without_chain.size(); k-- > 0;) {
      const NodeId m = without_chain[k];
      Chain c = chains[above];
      c.bare_read = false;  // (its names differ)
      ++c.depth;
      const Tag t = doc[m].tag;
      if (t == GUMBO_TAG_UL || t == GUMBO_TAG_OL) {
        c.list = m;
        size_t items = 0;
        for (NodeId li = doc.first_element_child(m); li != kNoNode; li = doc.next_element_sibling(li))
          items += doc.is(li, GUMBO_TAG_LI);
        c.list_items = log1(static_cast<double>(items));
        c.list_link_density = features::link_density(doc, m);
      }
      c.in_figure = c.in_figure || t == GUMBO_TAG_FIGURE;
      c.in_table = c.in_table || t == GUMBO_TAG_TD || t == GUMBO_TAG_TH;
      c.in_chrome = c.in_chrome || is_chrome(t);
      c.caption = c.caption || credits::is_caption(doc, m);
      c.names = ' ' + class_and_id(doc, m) + chains[above].names;
      read_names(m, c.boilerplate_word, c.credit_word, c.ad);
      chains.push_back(std::move(c));
      above = chains.size() - 1;
      chain_place[m] = static_cast<uint32_t>(chains.size());
    }
    return above;
  };

  const bool has_prose = first_prose < count;
  // The title and the description, read once for every block.
  const titles::SimilarityTokens title_tokens = titles::similarity_token_set(metadata.title);
  const titles::SimilarityTokens excerpt_tokens = titles::similarity_token_set(metadata.excerpt);
  std::string lower;  // each block's lowercase text, in one buffer (no allocation per block)
  for (size_t i = 0; i < count; ++i) {
    Block& b = blocks[i];
    double* f = b.features;
    const NodeId n = b.node;
    const Tag tag = doc[n].tag;
    // inner_text is collapsed, and lowercasing maps letters to letters of the
    // same length: collapse_spaces() would give the same string.
    text::lower_utf8_into(lower, b.text);
    const size_t length = b.length;
    const double dlength = static_cast<double>(length);
    const double dtotal = static_cast<double>(std::max<size_t>(1, total));

    f[kBlock_tag_p] = tag == GUMBO_TAG_P;
    f[kBlock_tag_heading_major] = tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3;
    f[kBlock_tag_heading_minor] = tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
    f[kBlock_tag_li] = tag == GUMBO_TAG_LI;
    f[kBlock_tag_div] = tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_ARTICLE ||
                        tag == GUMBO_TAG_CENTER || tag == GUMBO_TAG_MAIN;
    f[kBlock_tag_blockquote] = tag == GUMBO_TAG_BLOCKQUOTE;
    f[kBlock_tag_caption] = tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION;
    f[kBlock_tag_dl] = tag == GUMBO_TAG_DT || tag == GUMBO_TAG_DD;

    // Text: length, links, punctuation, case.
    // One pass over the words: lowercasing keeps every byte where it was and
    // makes no space, so a word of `lower` opens where its original does.
    size_t words = 0, capitalized = 0, stopwords = 0;
    DateWords dates;
    text::for_each_token(lower, [&](std::string_view w) {
      ++words;
      const char opening = b.text[static_cast<size_t>(w.data() - lower.data())];
      capitalized += opening >= 'A' && opening <= 'Z';
      dates.add(w);
      while (!w.empty() && (w.back() == ',' || w.back() == '.' || w.back() == ';' || w.back() == ':')) w.remove_suffix(1);
      stopwords += is_stopword(w, lower.data() + lower.size());
    });
    size_t sentences = 0, commas = 0, digits = 0, upper = 0, letters = 0, separators = 0;
    bool ascii = true;
    for (size_t k = 0; k < b.text.size();) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      if (k + 8 <= b.text.size()) {  // eight ASCII bytes at once, counted as below
        uint64_t w;
        std::memcpy(&w, b.text.data() + k, 8);
        if (const AsciiCounts chunk = count_ascii(w); chunk.ascii) {
          letters += chunk.letters, upper += chunk.upper, digits += chunk.digits, commas += chunk.commas;
          separators += chunk.separators, sentences += chunk.sentences;
          k += 8;
          // (A sentence end last in the eight: counted when the next byte is a space or there is none.)
          if (chunk.end_last) sentences += k >= b.text.size() || b.text[k] == ' ';
          continue;
        }
      }
#endif
      const auto c = static_cast<unsigned char>(b.text[k]);
      if (c < 0x80) {  // ASCII: the code point's own byte, counted by its kind
        ++k;
        switch (kAsciiKinds[c]) {
          case kLowerLetter: ++letters; break;
          case kUpperLetter: ++upper, ++letters; break;
          case kDigit: ++digits; break;
          case kComma: ++commas; break;
          case kSeparator: ++separators; break;
          case kSentenceEnd: sentences += k >= b.text.size() || b.text[k] == ' '; break;
          default: break;
        }
        continue;
      }
      ascii = false;
      const uint32_t cp = text::next_code_point(b.text, k);
      const bool at_end = k >= b.text.size() || b.text[k] == ' ';
      if ((cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) && at_end) ++sentences;
      commas += text::is_comma(cp);
      separators += cp == 0x2022 || cp == 0xB7 || cp == 0xBB || cp == 0x203A || cp == 0x25BA || cp == 0x25B6;
    }
    // Text without spaces between words (CJK) counts a word per character and
    // has no function words to find: it reads as typical prose there.
    // (ASCII text has no CJK: counted only when a byte is not ASCII.)
    const language::WordCount counted = ascii ? language::WordCount{} : language::count_words(b.text);
    const bool unspaced = counted.cjk_chars > counted.words;
    if (unspaced) words = counted.words + counted.cjk_chars;
    const double dwords = static_cast<double>(std::max<size_t>(1, words));
    f[kBlock_log_chars] = log_chars[i];
    f[kBlock_log_words] = log1(static_cast<double>(words));
    f[kBlock_link_density] = link_density[i];
    f[kBlock_links] = log1(static_cast<double>(doc.count_tag(n, GUMBO_TAG_A)));
    f[kBlock_images] = log1(static_cast<double>(doc.count_tag(n, GUMBO_TAG_IMG)));
    f[kBlock_ends_like_sentence] = tail::ends_like_sentence(b.text);
    f[kBlock_sentences] = log1(static_cast<double>(sentences));
    f[kBlock_comma_rate] = static_cast<double>(commas) / dwords;
    f[kBlock_digit_share] = length ? static_cast<double>(digits) / dlength : 0;
    f[kBlock_upper_share] = letters ? static_cast<double>(upper) / static_cast<double>(letters) : 0;
    f[kBlock_all_caps] = letters >= 4 && upper * 10 >= letters * 8;
    f[kBlock_mean_word_length] = std::min(20.0, dlength / dwords);
    f[kBlock_separators] = log1(static_cast<double>(separators));
    f[kBlock_ends_with_colon] = !b.text.empty() && b.text.back() == ':';
    f[kBlock_title_case_share] = static_cast<double>(capitalized) / dwords;
    f[kBlock_stopword_share] = unspaced ? kUnspacedStopwordShare : static_cast<double>(stopwords) / dwords;
    NodeId first = doc[n].first_child;
    while (first != kNoNode && doc.is_text(first) && text::is_blank(doc[first].text)) first = doc[first].next;
    f[kBlock_starts_with_link] = first != kNoNode && doc.is(first, GUMBO_TAG_A);

    // Position, and the run of prose from the first paragraph to the last.
    f[kBlock_position] = count > 1 ? static_cast<double>(i) / static_cast<double>(count - 1) : 0;
    f[kBlock_chars_before] = static_cast<double>(length_upto[i]) / dtotal;
    f[kBlock_chars_after] = static_cast<double>(total - length_upto[i + 1]) / dtotal;
    f[kBlock_is_first] = i == 0;
    f[kBlock_is_last] = i + 1 == count;
    f[kBlock_share_of_article] = dlength / dtotal;
    f[kBlock_is_prose] = prose[i];
    f[kBlock_before_prose] = has_prose && i < first_prose;
    f[kBlock_after_prose] = has_prose && i > last_prose;
    const size_t blocks_away = !has_prose ? count : i < first_prose ? first_prose - i : i > last_prose ? i - last_prose : 0;
    const size_t chars_away = !has_prose               ? total
                              : i < first_prose        ? length_upto[first_prose] - length_upto[i + 1]
                              : i > last_prose         ? length_upto[i] - length_upto[last_prose + 1]
                                                       : 0;
    f[kBlock_log_blocks_from_prose] = log1(static_cast<double>(blocks_away));
    f[kBlock_log_chars_from_prose] = log1(static_cast<double>(chars_away));

    // Neighbours.
    auto heading = [&](size_t k) { return structure::is_heading(doc[blocks[k].node].tag) ? 1.0 : 0.0; };
    auto same_shape = [&](size_t k) {
      const NodeId m = blocks[k].node;
      return doc[m].tag == tag && doc.attr(m, "class") == doc.attr(n, "class");
    };
    f[kBlock_prev_log_chars] = i ? log_chars[i - 1] : -1;
    f[kBlock_prev_link_density] = i ? link_density[i - 1] : -1;
    f[kBlock_prev_heading] = i ? heading(i - 1) : -1;
    f[kBlock_next_log_chars] = i + 1 < count ? log_chars[i + 1] : -1;
    f[kBlock_next_link_density] = i + 1 < count ? link_density[i + 1] : -1;
    f[kBlock_next_heading] = i + 1 < count ? heading(i + 1) : -1;
    f[kBlock_same_shape_neighbours] = (i && same_shape(i - 1)) + (i + 1 < count && same_shape(i + 1));

    // Ancestors up to the article: lists, figures, tables, chrome, names
    // (what the parent's say, read once for all the blocks under it).
    Chain& up = chains[chain_above(doc[n].parent)];
    std::array<bool, 4> named;
    if (doc.attr(n, "class").empty() && doc.attr(n, "id").empty()) {  // (its class_and_id() is " ")
      if (!up.bare_read) up.bare = name_features(" " + up.names);
      up.bare_read = true;
      named = up.bare;
    } else {
      named = name_features(class_and_id(doc, n) + up.names);
    }
    const int depth = up.depth;
    const NodeId list = up.list;
    const bool in_figure = up.in_figure, in_table = up.in_table, in_chrome = is_chrome(tag) || up.in_chrome;
    const bool caption = credits::is_caption(doc, n) || up.caption;
    bool boilerplate_word = up.boilerplate_word, credit_word = up.credit_word, ad = up.ad;
    read_names(n, boilerplate_word, credit_word, ad);
    f[kBlock_in_list] = list != kNoNode || tag == GUMBO_TAG_LI;
    if (list != kNoNode) {
      f[kBlock_list_items] = up.list_items;
      f[kBlock_list_link_density] = up.list_link_density;
    }
    f[kBlock_in_figure] = in_figure;
    b.in_figure = in_figure || caption || tag == GUMBO_TAG_FIGCAPTION;
    f[kBlock_in_table] = in_table;
    f[kBlock_in_chrome] = in_chrome;
    f[kBlock_depth] = std::min(depth, 20);
    const Group& g = groups[group_place[group_of[i]] - 1];
    f[kBlock_group_log_blocks] = log1(static_cast<double>(g.blocks));
    f[kBlock_group_share] = static_cast<double>(g.length) / dtotal;
    f[kBlock_group_link_density] = features::link_density(doc, group_of[i]);
    f[kBlock_group_mean_log_chars] = g.log_lengths / static_cast<double>(std::max<size_t>(1, g.blocks));
    f[kBlock_name_negative] = named[0];
    f[kBlock_name_positive] = named[1];
    f[kBlock_name_unlikely] = named[2];
    f[kBlock_name_byline] = named[3];
    f[kBlock_name_boilerplate] = boilerplate_word;
    f[kBlock_name_credit] = credit_word;
    f[kBlock_name_ad] = ad;
    f[kBlock_name_caption] = caption;

    // The words of the other concepts, and this one's.
    f[kBlock_text_related] = length <= boilerplate::kMaxLabelLength * 2 && boilerplate::is_related_heading(b.text);
    // (The arrows hold no letter, so lowercasing keeps them: read in the same pass. A
    // call to action holds a piece of kPromoPieces: is_promo_line() is asked only then.)
    const bool may_be_promo = length <= promos::kMaxPromoLength;
    const uint32_t for_short = (length < 100 ? uint32_t{kSaysGallery} : 0) |
                               (length < 200 ? uint32_t{kSaysArrows} : 0) |
                               (may_be_promo ? uint32_t{kSaysPromoPiece} : 0);
    const uint32_t says = kSays.groups_in(lower, kSaysUpdated | kSaysCitation | kSaysContact | kSaysRights | for_short);
    f[kBlock_text_promo] = may_be_promo && (says & kSaysPromoPiece) && promos::is_promo_line(b.text, true);
    f[kBlock_text_credit] = length <= credits::kMaxCreditLength && credits::starts_like_credit(b.text);
    f[kBlock_text_ad] = boilerplate::ad_words(text::trim(b.text));
    f[kBlock_text_byline] = length <= leads::kMaxBylineLength && leads::opens_like_byline(lower);
    f[kBlock_text_date] = dates.found;
    // (A clock time holds a digit; lowercasing keeps the ASCII digits the
    // character pass counted, where they were.)
    f[kBlock_text_time] = digits > 0 && mentions_time(lower);
    f[kBlock_arrows] = (says & kSaysArrows) != 0;
    f[kBlock_text_updated] = (says & kSaysUpdated) != 0;
    f[kBlock_text_copyright] = (says & kSaysRights) != 0;
    f[kBlock_text_citation] = (says & kSaysCitation) != 0;
    f[kBlock_text_contact] = says_contact(lower, says, digits);
    f[kBlock_text_gallery] = (says & kSaysGallery) != 0;

    // The page's own statements of its title, description and body.
    const bool to_title = !metadata.title.empty() && length < 400;
    const bool to_excerpt = !metadata.excerpt.empty() && length < 1000;
    const std::array<double, 2> similarity = titles::similarity_to_lower(
        to_title ? &title_tokens : nullptr, to_excerpt ? &excerpt_tokens : nullptr, lower);
    f[kBlock_title_similarity] = to_title ? similarity[0] : 0;
    f[kBlock_duplicate] = duplicate[i];
    f[kBlock_in_json_ld_body] = body.present ? share_in_body(words_of(lower), body) : -1;
    f[kBlock_in_description] = to_excerpt ? similarity[1] : -1;
  }
  return blocks;
}

PageFeatures page_features(const Document& doc, NodeId article, const std::vector<Block>& blocks,
                           const Metadata& metadata, double page_chars,
                           size_t page_links, double classic_score) {
  PageFeatures out;
  double* f = out.values;
  size_t total = 0, prose_blocks = 0, prose_length = 0, longest = 0, list_length = 0, headings = 0;
  size_t words = 0, stopwords = 0, commas = 0;
  for (const Block& b : blocks) {
    total += b.length;
    longest = std::max(longest, b.length);
    if (b.features[kBlock_is_prose] > 0) {
      ++prose_blocks;
      prose_length += b.length;
    }
    if (b.features[kBlock_in_list] > 0) list_length += b.length;
    headings += b.features[kBlock_tag_heading_major] > 0 || b.features[kBlock_tag_heading_minor] > 0;
    const double w = std::expm1(b.features[kBlock_log_words]);
    words += static_cast<size_t>(std::lround(w));
    stopwords += static_cast<size_t>(std::lround(b.features[kBlock_stopword_share] * std::max(1.0, w)));
    commas += static_cast<size_t>(std::lround(b.features[kBlock_comma_rate] * std::max(1.0, w)));
  }
  const Document::TextStats article_stats = doc.text_stats(article);
  const double length = static_cast<double>(std::max(article_stats.length, total));
  const double dlength = std::max(1.0, length);
  size_t table_length = 0;
  for (NodeId t : doc.elements_by_tag(article, GUMBO_TAG_TABLE)) table_length += doc.text_stats(t).length;
  f[kPage_log_chars] = log1(length);
  f[kPage_log_blocks] = log1(static_cast<double>(blocks.size()));
  f[kPage_log_prose_blocks] = log1(static_cast<double>(prose_blocks));
  f[kPage_log_longest_block] = log1(static_cast<double>(longest));
  f[kPage_prose_share] = static_cast<double>(prose_length) / dlength;
  f[kPage_link_density] = features::link_density(doc, article);
  f[kPage_list_share] = static_cast<double>(list_length) / dlength;
  f[kPage_table_share] = std::min(1.0, static_cast<double>(table_length) / dlength);
  f[kPage_log_headings] = log1(static_cast<double>(headings));
  f[kPage_stopword_share] = words ? static_cast<double>(stopwords) / static_cast<double>(words) : 0;
  f[kPage_comma_rate] = words ? static_cast<double>(commas) / static_cast<double>(words) : 0;
  f[kPage_share_of_page] = page_chars > 0 ? std::min(1.0, length / page_chars) : 0;
  f[kPage_log_page_links] = log1(static_cast<double>(page_links));
  f[kPage_json_ld_article] = metadata.json_ld_article;
  f[kPage_has_article_body] = !metadata.article_body.empty();
  f[kPage_has_byline] = !metadata.byline.empty();
  f[kPage_has_published_time] = !metadata.published_time.empty();
  f[kPage_classic_score] = classic_score;
  return out;
}

}  // namespace quietpage::rules::fitted
