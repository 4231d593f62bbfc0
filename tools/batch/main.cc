// quietpage-batch: the native core over web archives and folders of pages,
// on every core, writing one JSON line per page in input order. See --help.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "../json_writer.h"
#include "../option_flags.h"
#include "pages.h"
#include "warc.h"

namespace fs = std::filesystem;
using namespace quietpage::batch;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitNoArticle = 2;

const char kUsage[] =
    "Usage: quietpage-batch [options] INPUT...\n"
    "\n"
    "Extracts the article of every page in web archives (WARC), folders of HTML\n"
    "files or lists of files, on several threads, and writes one JSON line per page,\n"
    "in input order.\n"
    "\n"
    "Inputs (any number, in order):\n"
    "  FILE.warc, FILE.warc.gz  a web archive (WARC 1.0/1.1; gzip per record or whole,\n"
    "                           recognised by its bytes): its response and resource\n"
    "                           records are the pages, with their HTTP charset\n"
    "  FILE.html, FILE.htm      one page\n"
    "  DIRECTORY                its .html, .htm and .xhtml files, recursively, sorted\n"
    "  --list FILE              a list of pages, one per line: URL<TAB>PATH, or PATH\n"
    "                           alone (relative paths from the list's folder)\n"
    "  -                        a web archive on standard input\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE        write the JSON lines to FILE (default: standard output)\n"
    "  -j, --threads N          worker threads (default: the number of cores)\n"
    "      --html               add the article's HTML (\"content\")\n"
    "      --markdown           add the article as Markdown (\"markdown\")\n"
    "      --articles-only      no lines for pages without an article (still counted)\n"
    "      --summary-json FILE  also write the summary as JSON to FILE\n"
    "  -q, --quiet              no progress line, no summary\n"
    "  -h, --help               show this help\n"
    "Parse options, by their JavaScript names:\n"
    " @OPTIONS@\n"
    "\n"
    "Each line: {\"url\", [\"file\"], then the article's fields as in the JavaScript API\n"
    "(title, byline, dir, lang, excerpt, siteName, publishedTime, ..., textContent)},\n"
    "or {\"url\", [\"file\"], \"error\", \"message\"} for a page without an article, with\n"
    "the error code: NO_ARTICLE, NOT_HTML, HTTP_STATUS, MALFORMED_RECORD,\n"
    "UNSUPPORTED_ENCODING, UNREADABLE, or the parser's (INPUT_TOO_LARGE, ...).\n"
    "Damaged records are counted and skipped; reading goes on.\n"
    "\n"
    "Exit status: 0 at least one article written, 2 no article found, 1 an error\n"
    "(bad arguments, an input that can't be opened, output that can't be written).\n";

struct Input {
  enum class Kind { kWarc, kPage, kDirectory, kList };
  Kind kind;
  std::string path;
};

struct Summary {
  uint64_t pages = 0;
  uint64_t articles = 0;
  uint64_t other_records = 0;  // WARC records that aren't pages (requests, metadata, ...)
  std::map<std::string, uint64_t> errors;
  uint64_t failed() const {
    uint64_t n = 0;
    for (const auto& [code, count] : errors) n += count;
    return n;
  }
};

// The pipeline: the main thread reads inputs into tasks, workers extract,
// and whichever worker finishes the next task in input order writes the
// lines that are ready. At most `window` tasks (and about `max_bytes`
// bytes) are read and not yet written, so memory stays bounded whatever
// the input's size.
class Pipeline {
 public:
  Pipeline(const OutputOptions& options, std::FILE* out, unsigned threads)
      : options_(options), out_(out), window_(std::max(4u, threads * 8)) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }

  // Queues a task; waits while the window is full. False when writing failed.
  bool push(PageTask&& task, const std::function<void()>& on_wait) {
    const size_t bytes = task.body.size() + task.record.block.size();
    std::unique_lock<std::mutex> lock(mutex_);
    while (!write_failed_ && (read_ - written_ >= window_ ||
                              (read_ > written_ && in_flight_bytes_ + bytes > kMaxBytesInFlight))) {
      space_.wait_for(lock, std::chrono::milliseconds(200));
      lock.unlock();
      on_wait();
      lock.lock();
    }
    if (write_failed_) return false;
    in_flight_bytes_ += bytes;
    queue_.push_back({read_++, bytes, std::move(task)});
    work_.notify_one();
    return true;
  }

  // Waits for every queued task to be written, then stops the workers.
  void finish(const std::function<void()>& on_wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (written_ < read_ && !write_failed_) {
      space_.wait_for(lock, std::chrono::milliseconds(200));
      lock.unlock();
      on_wait();
      lock.lock();
    }
    done_ = true;
    work_.notify_all();
    lock.unlock();
    for (std::thread& t : workers_) t.join();
  }

  Summary summary() {
    std::lock_guard<std::mutex> lock(mutex_);
    return summary_;
  }
  bool write_failed() {
    std::lock_guard<std::mutex> lock(mutex_);
    return write_failed_;
  }

 private:
  static constexpr size_t kMaxBytesInFlight = 512u << 20;

  struct Queued {
    uint64_t seq;
    size_t bytes;
    PageTask task;
  };
  struct Finished {
    size_t bytes;
    PageResult result;
  };

  void work() {
    for (;;) {
      std::unique_lock<std::mutex> lock(mutex_);
      work_.wait(lock, [this] { return done_ || !queue_.empty(); });
      if (queue_.empty()) return;
      Queued q = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();

      PageResult result = extract_page(q.task, options_);
      q.task = PageTask();

      lock.lock();
      finished_.emplace(q.seq, Finished{q.bytes, std::move(result)});
      // Write whatever is next in input order.
      for (auto it = finished_.find(written_); it != finished_.end(); it = finished_.find(written_)) {
        const PageResult& r = it->second.result;
        if (r.kind == PageResult::Kind::kNotPage) {
          ++summary_.other_records;
        } else {
          ++summary_.pages;
          if (r.kind == PageResult::Kind::kArticle) ++summary_.articles;
          else ++summary_.errors[r.code];
        }
        if (!r.line.empty() && !write_failed_ && std::fwrite(r.line.data(), 1, r.line.size(), out_) != r.line.size())
          write_failed_ = true;
        in_flight_bytes_ -= it->second.bytes;
        finished_.erase(it);
        ++written_;
      }
      space_.notify_all();
    }
  }

  const OutputOptions& options_;
  std::FILE* out_;
  const uint64_t window_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable work_, space_;
  std::deque<Queued> queue_;
  std::map<uint64_t, Finished> finished_;
  uint64_t read_ = 0, written_ = 0;
  size_t in_flight_bytes_ = 0;
  bool done_ = false;
  bool write_failed_ = false;
  Summary summary_;
};

std::string with_commas(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The progress line on a terminal: a bar by input bytes when their total is
// known, pages, articles, errors and speed.
class Progress {
 public:
  Progress(bool enabled, uint64_t total_bytes) : enabled_(enabled), total_(total_bytes) {}

  void update(Pipeline& pipeline, uint64_t bytes_read, bool force = false) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    const Summary s = pipeline.summary();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    char line[256];
    int n = 0;
    if (total_) {
      const double done = std::min(1.0, static_cast<double>(bytes_read) / total_);
      char bar[21];
      for (int i = 0; i < 20; ++i) bar[i] = i < static_cast<int>(done * 20) ? '#' : '.';
      bar[20] = 0;
      n = std::snprintf(line, sizeof line, "[%s] %3.0f%%  ", bar, done * 100);
    }
    std::snprintf(line + n, sizeof line - n, "%s pages  %s articles  %s errors  %.0f pages/s",
                  with_commas(s.pages).c_str(), with_commas(s.articles).c_str(), with_commas(s.failed()).c_str(),
                  seconds > 0 ? s.pages / seconds : 0.0);
    std::fprintf(stderr, "\r%s\033[K", line);
    std::fflush(stderr);
    shown_ = true;
  }

  void clear() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  uint64_t total_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

bool has_page_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".html" || ext == ".htm" || ext == ".xhtml";
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot read ") + path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  out = std::move(buf).str();
  return true;
}

PageTask file_task(const std::string& url, const std::string& path, size_t max_bytes) {
  PageTask task;
  task.url = url;
  task.file = path;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    task.error = "UNREADABLE";
    task.message = "cannot read " + path + ": " + ec.message();
  } else if (max_bytes && size > max_bytes) {
    task.error = "INPUT_TOO_LARGE";
    task.message = "file of " + std::to_string(size) + " bytes (limit " + std::to_string(max_bytes) + ")";
  } else if (!read_file(path, task.body, task.message)) {
    task.error = "UNREADABLE";
  }
  return task;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  OutputOptions options;
  std::vector<Input> inputs;
  std::string output_path, summary_path;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  bool quiet = false;

  auto usage_error = [](const std::string& message) {
    std::fprintf(stderr, "quietpage-batch: %s (--help for usage)\n", message.c_str());
    return kExitError;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "-h" || arg == "--help") {
      std::string usage = kUsage, flags = quietpage::tools::option_flags_help();
      // Pages have their own URLs; --markdown is listed above.
      for (const std::string_view own : {" --url TEXT", " --markdown"}) {
        if (const size_t at = flags.find(own); at != std::string::npos) flags.erase(at, own.size());
      }
      usage.replace(usage.find("@OPTIONS@"), 9, flags.substr(1));
      std::fputs(usage.c_str(), stdout);
      return kExitOk;
    }
    if (arg == "-o" || arg == "--output" || arg == "--summary-json" || arg == "--list" || arg == "-j" ||
        arg == "--threads") {
      const char* v = value();
      if (!v) return usage_error(arg + " needs a value");
      if (arg == "-o" || arg == "--output") output_path = v;
      else if (arg == "--summary-json") summary_path = v;
      else if (arg == "--list") inputs.push_back({Input::Kind::kList, v});
      else if (!quietpage::tools::read_value(v, threads) || threads == 0 || threads > 1024)
        return usage_error("--threads needs a number from 1 to 1024");
      continue;
    }
    if (arg.size() > 2 && arg.compare(0, 2, "-j") == 0) {  // -j4
      if (!quietpage::tools::read_value(argv[i] + 2, threads) || threads == 0 || threads > 1024)
        return usage_error("-j needs a number from 1 to 1024");
      continue;
    }
    if (arg == "--html") {
      options.html = true;
      continue;
    }
    if (arg == "--articles-only") {
      options.error_lines = false;
      continue;
    }
    if (arg == "-q" || arg == "--quiet") {
      quiet = true;
      continue;
    }
    if (arg == "--url") return usage_error("--url: pages take their URLs from the archive or a --list file");
    const int used = quietpage::tools::set_option(options.parse, arg, i, argc, argv);
    if (used < 0) return usage_error(arg + " needs a number");
    if (used > 0) {
      i += used - 1;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') return usage_error("unknown option " + arg);
    std::error_code ec;
    if (arg != "-" && fs::is_directory(arg, ec)) inputs.push_back({Input::Kind::kDirectory, arg});
    else if (has_page_extension(arg)) inputs.push_back({Input::Kind::kPage, arg});
    else inputs.push_back({Input::Kind::kWarc, arg});
  }
  if (inputs.empty()) return usage_error("no input");

  std::FILE* out = stdout;
  if (!output_path.empty() && output_path != "-") {
    out = std::fopen(output_path.c_str(), "wb");
    if (!out) return usage_error("cannot write " + output_path + ": " + std::strerror(errno));
  }
  static char out_buffer[1 << 16];
  std::setvbuf(out, out_buffer, _IOFBF, sizeof out_buffer);

  // Input bytes in all, for the progress bar (when every input is a file
  // whose size is known: archives and single pages).
  uint64_t total_bytes = 0;
  for (const Input& input : inputs) {
    std::error_code ec;
    const bool sized = (input.kind == Input::Kind::kWarc || input.kind == Input::Kind::kPage) && input.path != "-";
    const auto size = sized ? fs::file_size(input.path, ec) : 0;
    if (!sized || ec) {
      total_bytes = 0;
      break;
    }
    total_bytes += size;
  }
  const bool tty = !quiet && isatty(STDERR_FILENO);
  Progress progress(tty, total_bytes);
  uint64_t bytes_done = 0;

  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_seconds();
  bool input_error = false;
  Pipeline pipeline(options, out, threads);
  auto tick = [&]() { progress.update(pipeline, bytes_done); };
  auto input_failed = [&](const std::string& message) {
    progress.clear();
    std::fprintf(stderr, "quietpage-batch: %s\n", message.c_str());
    input_error = true;
  };
  // Room for a page's HTTP headers on top of the largest page.
  const size_t max_block = options.parse.max_input_bytes ? options.parse.max_input_bytes + (1u << 20) : 0;

  for (const Input& input : inputs) {
    if (pipeline.write_failed()) break;
    switch (input.kind) {
      case Input::Kind::kWarc: {
        ByteStream stream;
        std::string error;
        if (!stream.open(input.path, error)) {
          input_failed("cannot read " + input.path + ": " + error);
          break;
        }
        WarcReader reader(stream, max_block);
        const uint64_t before = bytes_done;
        PageTask task;
        task.is_record = true;
        while (reader.next(task.record)) {
          bytes_done = before + stream.file_offset();
          if (!pipeline.push(std::move(task), tick)) break;
          task = PageTask();
          task.is_record = true;
          tick();
        }
        bytes_done = before + stream.file_offset();
        break;
      }
      case Input::Kind::kPage: {
        std::error_code ec;
        if (!fs::is_regular_file(input.path, ec)) {
          input_failed("cannot read " + input.path + ": no such file");
          break;
        }
        PageTask task = file_task("", input.path, options.parse.max_input_bytes);
        bytes_done += task.body.size();
        pipeline.push(std::move(task), tick);
        break;
      }
      case Input::Kind::kDirectory: {
        std::vector<std::string> files;
        std::error_code ec;
        for (fs::recursive_directory_iterator it(input.path, fs::directory_options::skip_permission_denied, ec), end;
             !ec && it != end; it.increment(ec)) {
          if (it->is_regular_file(ec) && has_page_extension(it->path())) files.push_back(it->path().string());
        }
        if (ec) input_failed("cannot read all of " + input.path + ": " + ec.message());
        std::sort(files.begin(), files.end());
        for (const std::string& file : files)
          if (!pipeline.push(file_task("", file, options.parse.max_input_bytes), tick)) break;
        break;
      }
      case Input::Kind::kList: {
        std::ifstream list(input.path);
        if (!list) {
          input_failed("cannot read " + input.path + ": " + std::strerror(errno));
          break;
        }
        const fs::path base = fs::path(input.path).parent_path();
        std::string line;
        while (std::getline(list, line)) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          if (line.empty() || line[0] == '#') continue;
          const size_t tab = line.find('\t');
          const std::string url = tab == std::string::npos ? "" : line.substr(0, tab);
          const fs::path path = tab == std::string::npos ? line : line.substr(tab + 1);
          const std::string file = path.is_absolute() ? path.string() : (base / path).string();
          if (!pipeline.push(file_task(url, file, options.parse.max_input_bytes), tick)) break;
        }
        break;
      }
    }
  }
  pipeline.finish(tick);
  std::fflush(out);
  const bool write_failed = pipeline.write_failed() || std::ferror(out) || (out != stdout && std::fclose(out) != 0);
  progress.clear();

  const Summary s = pipeline.summary();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu_start;
  const double rate = seconds > 0 ? s.pages / seconds : 0;
  if (!quiet) {
    std::string errors;
    for (const auto& [code, count] : s.errors)
      errors += (errors.empty() ? "" : ", ") + code + " " + with_commas(count);
    std::fprintf(stderr, "quietpage-batch: %s pages, %s articles, %s without an article (%s); %.2f s, %.0f pages/s, %u thread%s, %.2f s CPU\n",
                 with_commas(s.pages).c_str(), with_commas(s.articles).c_str(), with_commas(s.failed()).c_str(),
                 errors.empty() ? "no errors" : errors.c_str(), seconds, rate, threads, threads == 1 ? "" : "s", cpu);
  }
  if (!summary_path.empty()) {
    std::string json = "{\"pages\":" + std::to_string(s.pages) + ",\"articles\":" + std::to_string(s.articles) +
                       ",\"otherRecords\":" + std::to_string(s.other_records) + ",\"errors\":{";
    bool first = true;
    for (const auto& [code, count] : s.errors) {
      if (!first) json += ',';
      first = false;
      quietpage::tools::json_string(json, code);
      json += ':' + std::to_string(count);
    }
    char tail[160];
    std::snprintf(tail, sizeof tail, "},\"seconds\":%.4f,\"cpuSeconds\":%.4f,\"pagesPerSecond\":%.2f,\"threads\":%u}\n",
                  seconds, cpu, rate, threads);
    json += tail;
    std::ofstream summary(summary_path, std::ios::binary);
    summary << json;
    if (!summary) input_failed("cannot write " + summary_path);
  }
  if (write_failed) {
    std::fprintf(stderr, "quietpage-batch: cannot write the output: %s\n", std::strerror(errno));
    return kExitError;
  }
  if (input_error) return kExitError;
  return s.articles ? kExitOk : kExitNoArticle;
}
