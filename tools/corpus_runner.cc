// corpus_runner: runs the native core over HTML files and prints one JSON
// object per file. Used for debugging, and under ASan/UBSan over whole
// corpora (a file that crashes, hangs or leaks fails the run).
//
//   corpus_runner [--url URL] [OPTION VALUE...] [--html] [--full] [--stats] FILE...
//
// Every parse option is a flag by its JavaScript name (--charThreshold 250,
// --maxDepth 64, --markdown), read from quietpage.h's QUIETPAGE_OPTIONS; like
// --url, an option applies to the files after it.
// --html adds the article's HTML; --full adds every other field too (the
// Markdown, the fields beyond Readability's, isProbablyReaderable): what a
// speed change must leave byte-identical. --stats adds what the parse did
// (Result::diagnostics: "wholeInputReparses", the guard's fallback) to each
// line and a count over all files to stderr.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>

#include "json.h"
#include "json_writer.h"
#include "option_flags.h"
#include "pipeline.h"
#include "quietpage.h"
#include "rules/fitted.h"

using quietpage::FieldGroup;
using quietpage::FieldKind;
using quietpage::tools::json_string;
using quietpage::tools::set_option;

namespace {

void json_number(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", std::isfinite(v) ? v : 0.0);
  out += buf;
}

// --weights FILE:KEY — a model pair from scripts/quality/loco-weights.json
// ({"KEY": {"block": {"bias", "weights"}, "page": {...}}}).
template <typename Model>
bool read_model(const quietpage::json::Value& v, Model& model) {
  const quietpage::json::Value& weights = v["weights"];
  if (v["bias"].type != quietpage::json::Value::Type::kNumber || !weights.is_array()) return false;
  if (weights.array.size() != sizeof(model.weights) / sizeof(model.weights[0])) return false;
  model.bias = v["bias"].number;
  for (size_t i = 0; i < weights.array.size(); ++i) model.weights[i] = weights.array[i].number;
  return true;
}
bool read_models(const std::string& spec, quietpage::rules::fitted::Models& models) {
  const size_t colon = spec.rfind(':');
  if (colon == std::string::npos) return false;
  std::ifstream in(spec.substr(0, colon), std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  quietpage::json::Value root;
  if (!in || !quietpage::json::parse(buf.str(), root)) return false;
  const quietpage::json::Value& pair = root[spec.substr(colon + 1)];
  for (auto [key, field] : {std::pair<const char*, double*>{"drop_below", &models.drop_below},
                            {"narrow_margin", &models.narrow_margin}, {"readerable_from", &models.readerable_from}})
    if (pair[key].type == quietpage::json::Value::Type::kNumber) *field = pair[key].number;
  return read_model(pair["block"], models.block) && read_model(pair["page"], models.page);
}

// isProbablyReaderable's options for a page parsed with `options`: its URL.
quietpage::ReaderableOptions readerable_options(const quietpage::Options& options) {
  quietpage::ReaderableOptions out;
  out.url = options.url;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  quietpage::Options options;
  bool with_html = false;
  bool full = false;
  bool stats = false;
  bool features = false;
  bool jsonl = false;
  quietpage::rules::fitted::Models models = quietpage::rules::fitted::fitted_models();
  int files = 0;
  unsigned reparses = 0;
  // One page: its line of JSON on standard output.
  auto run_page = [&](const std::string& head, const std::string& html, const quietpage::Options& options) {
  quietpage::Internals internals;
  internals.models = &models;
  std::string observed;
  if (features) {
    internals.observe = [&](const quietpage::Judgement& judged, const quietpage::rules::fitted::PageFeatures& page) {
      observed = ",\"blocks\":[";
      for (size_t b = 0; b < judged.blocks.size(); ++b) {
        if (b) observed += ',';
        observed += "{\"text\":";
        json_string(observed, judged.blocks[b].text);
        observed += ",\"p\":";
        json_number(observed, judged.probabilities[b]);
        observed += ",\"f\":[";
        for (int k = 0; k < quietpage::rules::fitted::kBlockFeatureCount; ++k) {
          if (k) observed += ',';
          json_number(observed, judged.blocks[b].features[k]);
        }
        observed += "]}";
      }
      observed += "],\"page\":[";
      for (int k = 0; k < quietpage::rules::fitted::kPageFeatureCount; ++k) {
        if (k) observed += ',';
        json_number(observed, page.values[k]);
      }
      observed += ']';
    };
  }
  quietpage::Result r = quietpage::parse(html, options, internals);
  std::string out = head;
  out += ",\"error\":";
  json_string(out, r.error == quietpage::ErrorCode::kOk ? "" : quietpage::error_code_name(r.error));
  out += ",\"found\":";
  out += r.found ? "true" : "false";
  // The article's fields (quietpage.h: QUIETPAGE_ARTICLE_FIELDS), in a
  // fixed order: Readability's short texts, its text; with --html the
  // HTML; with --full quietpage's own texts, the Markdown, the counts.
  auto fields = [&](FieldKind kind, FieldGroup group, bool any_group = false) {
    quietpage::for_each_article_field(r.article, [&](const char* name, FieldKind k, FieldGroup g,
                                                     const auto& value) {
      if (k != kind || (g != group && !any_group)) return;
      out += ",\"";
      out += name;
      out += "\":";
      if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>) {
        json_string(out, value);
      } else {
        out += std::to_string(value);
      }
    });
  };
  fields(FieldKind::kText, FieldGroup::kReadability);
  fields(FieldKind::kLongText, FieldGroup::kReadability);
  if (with_html) fields(FieldKind::kHtml, FieldGroup::kReadability, true);
  if (full) {
    fields(FieldKind::kText, FieldGroup::kBeyond);
    fields(FieldKind::kLongText, FieldGroup::kBeyond);
    fields(FieldKind::kCount, FieldGroup::kBeyond, true);
    out += ",\"readerable\":";
    out += quietpage::is_probably_readerable(html, readerable_options(options), internals) ? "true" : "false";
  }
  if (features) {
    out += observed;
    out += ",\"readerable\":";
    quietpage::Internals plain;
    plain.models = &models;
    out += quietpage::is_probably_readerable(html, readerable_options(options), plain) ? "true" : "false";
  }
  if (stats) out += ",\"wholeInputReparses\":" + std::to_string(r.diagnostics.whole_input_reparses);
  reparses += r.diagnostics.whole_input_reparses;
  out += "}\n";
  std::cout << out;
    ++files;
  };

  for (int i = 1; i < argc; ++i) {
    const int used = set_option(options, argv[i], i, argc, argv);
    if (used < 0) {
      std::cerr << "corpus_runner: " << argv[i] << " needs a value (--help)\n";
      return 1;
    }
    if (used > 0) {
      i += used - 1;
      continue;
    }
    if (!std::strcmp(argv[i], "--html")) {
      with_html = true;
      continue;
    }
    if (!std::strcmp(argv[i], "--full")) {
      with_html = full = true;
      options.markdown = true;
      continue;
    }
    if (!std::strcmp(argv[i], "--stats")) {
      stats = true;
      continue;
    }
    if (!std::strcmp(argv[i], "--features")) {
      features = true;
      continue;
    }
    if (!std::strcmp(argv[i], "--jsonl")) {
      jsonl = true;
      continue;
    }
    if (!std::strcmp(argv[i], "--weights") && i + 1 < argc) {
      if (!read_models(argv[++i], models)) {
        std::cerr << "corpus_runner: cannot read the weights " << argv[i] << " (FILE:KEY)\n";
        return 1;
      }
      continue;
    }
    if (!std::strcmp(argv[i], "--help")) {
      std::cout << "usage: corpus_runner [--url URL] [OPTION VALUE...] [--html] [--full] [--stats] [--features]\n"
                   "                     [--weights FILE:KEY] FILE... | --jsonl\n"
                   "  --url URL  the page's URL for the files that follow (relative links resolve against it)\n"
                   "  --html     add the article's HTML (\"content\")\n"
                   "  --full     add every field: the HTML, the Markdown, the fields beyond Readability's,\n"
                   "             isProbablyReaderable\n"
                   "  --stats    add \"wholeInputReparses\" (passes the guard's fallback added, 0-4) to each line and\n"
                   "             print the count over all files to stderr\n"
                   "  --features the fitted judgements' inputs: each block of the article with its features,\n"
                   "             the page's features and isProbablyReaderable (scripts/quality/fit.py reads\n"
                   "             them; the first line names the features)\n"
                   "  --weights FILE:KEY  the fitted models KEY of FILE instead of the built-in ones\n"
                   "             (scripts/quality/loco-weights.json: without_textgold...)\n"
                   "  --jsonl    read pages from standard input, one JSON object a line: {\"html\", \"url\",\n"
                   "             \"corpus\", \"name\"} (scripts/quality/pages.mjs); corpus and name are echoed\n"
                   "Options apply to the files that follow; every parse option, by its JavaScript name\n"
                   "(NAMES: space-separated, e.g. --classesToPreserve \"caption note\"):\n "
                << quietpage::tools::option_flags_help() << "\n";
      return 0;
    }
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << "cannot read " << argv[i] << "\n";
      return 1;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    std::string head = "{\"file\":";
    json_string(head, argv[i]);
    run_page(head, buf.str(), options);
  }
  if (jsonl) {
    if (features) {
      std::string names = "{\"block_features\":[";
      for (int k = 0; k < quietpage::rules::fitted::kBlockFeatureCount; ++k) {
        if (k) names += ',';
        json_string(names, quietpage::rules::fitted::kBlockFeatureNames[k]);
      }
      names += "],\"page_features\":[";
      for (int k = 0; k < quietpage::rules::fitted::kPageFeatureCount; ++k) {
        if (k) names += ',';
        json_string(names, quietpage::rules::fitted::kPageFeatureNames[k]);
      }
      std::cout << names << "]}\n";
    }
    std::string line;
    while (std::getline(std::cin, line)) {
      quietpage::json::Value page;
      if (!quietpage::json::parse(line, page) || !page["html"].is_string()) {
        std::cerr << "corpus_runner: a line of standard input is not {\"html\": ...}\n";
        return 1;
      }
      quietpage::Options page_options = options;
      if (page["url"].is_string()) page_options.url = page["url"].string;
      std::string head = "{\"corpus\":";
      json_string(head, page["corpus"].is_string() ? page["corpus"].string : "");
      head += ",\"name\":";
      json_string(head, page["name"].is_string() ? page["name"].string : "");
      run_page(head, page["html"].string, page_options);
    }
  }
  if (stats)
    std::cerr << "corpus_runner: " << files << " files, " << reparses
              << " parsed twice (the guard's whole-input fallback)\n";
  return files ? 0 : 2;
}
