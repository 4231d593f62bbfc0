#include "warc.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cstring>

namespace quietpage::batch {
namespace {

constexpr size_t kRawChunk = 1 << 20;    // bytes read from the file at a time
constexpr size_t kLineChunk = 256 << 10; // bytes the record reader buffers
constexpr size_t kMaxHeaderLine = 64 << 10;
constexpr size_t kMaxHeaders = 1000;

unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool equals_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(lower(c));
  return out;
}

constexpr char kGzipMagic[] = "\x1f\x8b\x08";

// Inflates `in` (gzip or zlib, by its header; raw deflate when neither)
// into `out`; false when the data is corrupt or the result exceeds `limit`.
bool inflate_all(std::string_view in, std::string& out, size_t limit, bool raw_deflate = false) {
  z_stream zs{};
  if (inflateInit2(&zs, raw_deflate ? -15 : 15 + 32) != Z_OK) return false;
  out.clear();
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  int r = Z_OK;
  char chunk[64 << 10];
  while (r == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    r = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - zs.avail_out);
    if (limit && out.size() > limit) r = Z_MEM_ERROR;
    if (r == Z_BUF_ERROR && zs.avail_in == 0) r = Z_STREAM_END;  // cut short: keep what there is
  }
  inflateEnd(&zs);
  return r == Z_STREAM_END;
}

// Undoes the chunked transfer coding; false when `body` isn't chunked.
bool dechunk(std::string_view body, std::string& out) {
  out.clear();
  size_t pos = 0;
  for (;;) {
    const size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) return pos > 0;  // cut short
    size_t size = 0;
    size_t i = pos;
    int digits = 0;
    for (; i < eol && std::isxdigit(static_cast<unsigned char>(body[i])); ++i, ++digits) {
      if (digits >= 15) return false;
      const char c = static_cast<char>(lower(body[i]));
      size = size * 16 + (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    if (!digits) return false;
    pos = eol + 1;
    if (size == 0) return true;
    out.append(body.substr(pos, size));
    if (body.size() - pos <= size) return true;  // cut short
    pos += size;
    if (body.compare(pos, 2, "\r\n") == 0) pos += 2;
    else if (body.compare(pos, 1, "\n") == 0) pos += 1;
  }
}

}  // namespace

// ---------------------------------------------------------------- ByteStream

struct ByteStream::Inflater {
  z_stream zs{};
  bool in_member = false;
  uint64_t member_bytes = 0;  // output of the current member so far
  Inflater() { inflateInit2(&zs, 15 + 16); }
  ~Inflater() { inflateEnd(&zs); }
};

ByteStream::ByteStream() = default;

ByteStream::~ByteStream() {
  if (owns_file_ && file_) std::fclose(file_);
}

bool ByteStream::open(const std::string& path, std::string& error) {
  if (path == "-") {
    file_ = stdin;
  } else {
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_) {
      error = std::strerror(errno);
      return false;
    }
    owns_file_ = true;
    struct stat st;
    if (fstat(fileno(file_), &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        error = "is a directory";
        errno = EISDIR;
        return false;
      }
      file_size_ = static_cast<uint64_t>(st.st_size);
    }
  }
  fill_raw();
  gzipped_ = raw_.size() >= 3 && raw_.compare(0, 3, kGzipMagic, 3) == 0;
  if (gzipped_) inflater_ = std::make_unique<Inflater>();
  return true;
}

bool ByteStream::fill_raw() {
  if (raw_eof_) return false;
  raw_.erase(0, raw_pos_);
  raw_pos_ = 0;
  const size_t had = raw_.size();
  raw_.resize(had + kRawChunk);
  const size_t got = std::fread(raw_.data() + had, 1, kRawChunk, file_);
  raw_.resize(had + got);
  file_offset_ += got;
  if (got == 0) raw_eof_ = true;
  return got > 0;
}

size_t ByteStream::read(char* out, size_t n) {
  if (gzipped_) return inflate_into(out, n);
  size_t done = 0;
  if (raw_pos_ < raw_.size()) {
    done = std::min(n, raw_.size() - raw_pos_);
    std::memcpy(out, raw_.data() + raw_pos_, done);
    raw_pos_ += done;
  }
  while (done < n && !raw_eof_) {
    const size_t got = std::fread(out + done, 1, n - done, file_);
    file_offset_ += got;
    done += got;
    if (got == 0) raw_eof_ = true;
  }
  return done;
}

size_t ByteStream::inflate_into(char* out, size_t n) {
  z_stream& zs = inflater_->zs;
  zs.next_out = reinterpret_cast<Bytef*>(out);
  zs.avail_out = static_cast<uInt>(n);
  while (zs.avail_out > 0) {
    if (raw_pos_ == raw_.size() && !fill_raw()) {
      if (inflater_->in_member) ++gzip_errors_;  // the file ends inside a member
      inflater_->in_member = false;
      break;
    }
    zs.next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
    zs.avail_in = static_cast<uInt>(raw_.size() - raw_pos_);
    const uInt out_before = zs.avail_out;
    const int r = inflate(&zs, Z_NO_FLUSH);
    raw_pos_ = raw_.size() - zs.avail_in;
    inflater_->member_bytes += out_before - zs.avail_out;
    if (r == Z_STREAM_END) {
      // The next member (Common Crawl: one per record) follows.
      inflateReset(&zs);
      inflater_->in_member = false;
      inflater_->member_bytes = 0;
    } else if (r == Z_OK || (r == Z_BUF_ERROR && zs.avail_in == 0)) {
      inflater_->in_member = true;
    } else {
      // Corrupt data: go on at the next gzip member, and stop this read
      // here so that the reader knows where the break is (take_break()).
      ++gzip_errors_;
      inflateReset(&zs);
      inflater_->in_member = false;
      bool found = false;
      for (;;) {
        const size_t at = raw_.find(kGzipMagic, raw_pos_ + 1, 3);
        if (at != std::string::npos) {
          raw_pos_ = at;
          found = true;
          break;
        }
        raw_pos_ = raw_.size() > 2 ? raw_.size() - 2 : raw_.size();
        if (!fill_raw()) {
          raw_pos_ = raw_.size();
          break;
        }
      }
      // A member that gave nothing before a later one: a record lost whole
      // (junk after the last member is just junk).
      break_ = found && inflater_->member_bytes == 0 ? Break::kLostMember : Break::kInside;
      inflater_->member_bytes = 0;
      break;
    }
  }
  return n - zs.avail_out;
}

ByteStream::Break ByteStream::take_break() {
  const Break b = break_;
  break_ = Break::kNone;
  return b;
}

// ---------------------------------------------------------------- WarcReader

// More bytes into the buffer; false at the end of the stream, or when a
// gzip break (see ByteStream::take_break) cuts the record being read.
bool WarcReader::fill() {
  if (eof_ || damaged_) return false;
  if (pending_break_) {
    // Everything before the break is read: a record it cut is damaged;
    // between records, reading goes on after it.
    if (in_record_ || pos_ < buf_.size()) {
      damaged_ = true;
      return false;
    }
    pending_break_ = false;
  }
  buf_.erase(0, pos_);
  dropped_ += pos_;
  pos_ = 0;
  const size_t had = buf_.size();
  buf_.resize(had + kLineChunk);
  const size_t got = in_.read(buf_.data() + had, kLineChunk);
  buf_.resize(had + got);
  const ByteStream::Break b = in_.take_break();
  if (b == ByteStream::Break::kLostMember) lost_at_.push_back(dropped_ + buf_.size());
  if (b != ByteStream::Break::kNone) {
    pending_break_ = true;
    return got > 0 || fill();
  }
  if (got == 0) eof_ = true;
  return got > 0;
}

// One line without its CR LF (or LF). A line longer than `max` is
// consumed to its end and reported as kTooLong.
WarcReader::Line WarcReader::read_line(std::string& line, size_t max) {
  line.clear();
  size_t scanned = 0;  // bytes after pos_ known to hold no line feed
  for (;;) {
    const size_t eol = buf_.find('\n', pos_ + scanned);
    if (eol != std::string::npos) {
      const bool fits = eol - pos_ <= max + 1;
      if (fits) line.assign(buf_, pos_, eol - pos_);
      pos_ = eol + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return fits ? Line::kLine : Line::kTooLong;
    }
    if (buf_.size() - pos_ > max + 1) {  // too long: drop it up to its end
      for (;;) {
        pos_ = buf_.size();
        if (!fill()) return Line::kTooLong;
        const size_t end = buf_.find('\n', pos_);
        if (end != std::string::npos) {
          pos_ = end + 1;
          return Line::kTooLong;
        }
      }
    }
    scanned = buf_.size() - pos_;
    if (!fill()) {  // the stream ends without a line feed
      if (damaged_) return Line::kEnd;
      line.assign(buf_, pos_, std::string::npos);
      pos_ = buf_.size();
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line.empty() && scanned == 0 ? Line::kEnd : Line::kLine;
    }
  }
}

// Reads (out != nullptr) or skips `length` bytes; false when the stream
// ends first (out then holds what there was).
bool WarcReader::read_block(size_t length, std::string* out) {
  size_t done = std::min(length, buf_.size() - pos_);
  if (out) {
    out->resize(length);
    std::memcpy(out->data(), buf_.data() + pos_, done);
  }
  pos_ += done;
  std::string scratch;
  while (done < length) {
    if (eof_ || damaged_ || pending_break_) {  // the stream ends, or corrupt gzip data cut the record
      if (pending_break_) damaged_ = true;
      if (out) out->resize(done);
      return false;
    }
    char* to;
    size_t want = length - done;
    if (out) {
      to = out->data() + done;
    } else {
      scratch.resize(std::min<size_t>(want, kRawChunk));
      to = scratch.data();
      want = scratch.size();
    }
    const size_t got = in_.read(to, want);
    done += got;
    // A break cuts this record (and a member lost whole after it is part of
    // the same damage: not reported again).
    if (in_.take_break() != ByteStream::Break::kNone) damaged_ = true;
    else if (got == 0) eof_ = true;
  }
  return true;
}

// Skips to the next line that starts with "WARC/" (left unread); pos_ is
// at the start of a line.
bool WarcReader::skip_to_record_start() {
  bool line_start = true;
  for (;;) {
    if (buf_.size() - pos_ < 6 && fill()) continue;
    if (line_start && buf_.compare(pos_, 5, "WARC/") == 0) return true;
    const size_t at = buf_.find("\nWARC/", pos_);
    if (at != std::string::npos) {
      pos_ = at + 1;
      return true;
    }
    if (eof_ || damaged_) {
      pos_ = buf_.size();
      return false;
    }
    // Keep the tail: a "\nWARC/" may straddle two reads.
    if (buf_.size() - pos_ > 6) pos_ = buf_.size() - 6;
    line_start = false;
    fill();
  }
}

bool WarcReader::malformed(WarcRecord& record, std::string problem) {
  record.status = WarcRecord::Status::kMalformed;
  record.problem = damaged_ ? "corrupt gzip data" : std::move(problem);
  record.block.clear();
  if (!damaged_) skip_to_record_start();
  in_record_ = false;
  return true;
}

bool WarcReader::next(WarcRecord& record) {
  record = WarcRecord();
  in_record_ = false;
  if (damaged_) {  // the rest of a record a gzip break cut: dropped
    damaged_ = false;
    pending_break_ = false;
    pos_ = buf_.size();
  }
  std::string line;
  // Blank lines end the previous record; anything else before a header line
  // is junk (a wrong Content-Length before it, a damaged record).
  for (;;) {
    if (!lost_at_.empty() && dropped_ + pos_ >= lost_at_.front()) {
      lost_at_.pop_front();
      return malformed(record, "corrupt gzip member (a record lost)");
    }
    const uint64_t line_start = dropped_ + pos_;
    const Line got = read_line(line, kMaxHeaderLine);
    if (!lost_at_.empty() && lost_at_.front() <= line_start && line_start >= dropped_) {
      pos_ = line_start - dropped_;  // a member was lost before this line: report it first
      continue;
    }
    if (got == Line::kEnd) return damaged_ ? malformed(record, "") : false;
    if (got == Line::kLine && line.empty()) continue;
    if (got == Line::kLine && line.compare(0, 5, "WARC/") == 0) break;
    const bool first = first_;
    first_ = false;
    return malformed(record, first ? "not a WARC file (no WARC/1.x header)" : "junk between records");
  }
  first_ = false;
  in_record_ = true;

  long long length = -1;
  size_t headers = 0;
  std::string* last_value = nullptr;
  std::string other;
  for (;;) {
    const Line got = read_line(line, kMaxHeaderLine);
    if (got != Line::kLine || (eof_ && pos_ == buf_.size() && !line.empty()))
      return malformed(record, got == Line::kTooLong ? "record header line too long" : "truncated record header");
    if (line.empty()) break;
    if (++headers > kMaxHeaders) return malformed(record, "too many header lines");
    if ((line[0] == ' ' || line[0] == '\t') && last_value) {  // folded line
      *last_value += ' ';
      *last_value += trim(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) {
      last_value = nullptr;
      continue;
    }
    const std::string_view name = trim(std::string_view(line).substr(0, colon));
    const std::string_view value = trim(std::string_view(line).substr(colon + 1));
    last_value = &other;
    if (equals_nocase(name, "WARC-Type")) {
      record.type = to_lower(value);
      last_value = &record.type;
    } else if (equals_nocase(name, "WARC-Target-URI")) {
      // WARC 1.0's grammar showed the URI in angle brackets; some writers do.
      std::string_view uri = value;
      if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
      record.target_uri = uri;
      last_value = &record.target_uri;
    } else if (equals_nocase(name, "Content-Type")) {
      record.content_type = value;
      last_value = &record.content_type;
    } else if (equals_nocase(name, "Content-Length")) {
      length = 0;
      for (char c : value) {
        if (c < '0' || c > '9' || length > (1ll << 50)) {
          length = -1;
          break;
        }
        length = length * 10 + (c - '0');
      }
      if (value.empty()) length = -1;
    }
  }
  if (length < 0) return malformed(record, "no valid Content-Length");
  const auto size = static_cast<size_t>(length);
  const bool too_large = max_block_ && size > max_block_;
  if (!read_block(size, too_large ? nullptr : &record.block) || damaged_) {
    in_record_ = false;
    record.status = WarcRecord::Status::kMalformed;
    record.problem = damaged_ ? "corrupt gzip data" : "truncated record (the file ends inside its content)";
    record.block.clear();
    return true;
  }
  in_record_ = false;
  if (too_large) {
    record.status = WarcRecord::Status::kTooLarge;
    record.problem = "record of " + std::to_string(size) + " bytes (limit " + std::to_string(max_block_) + ")";
  }
  return true;
}

// ---------------------------------------------------------------- payloads

HttpPayload payload_of(WarcRecord& record, size_t max_body_bytes) {
  HttpPayload p;
  if (record.type == "resource") {
    p.content_type = record.content_type;
    p.body = std::move(record.block);
  } else if (record.type != "response") {
    p.status = HttpPayload::Status::kNotPage;
    return p;
  } else {
    // Status line and headers of the HTTP response, then its body.
    const std::string& block = record.block;
    if (block.compare(0, 5, "HTTP/") != 0) {
      p.status = HttpPayload::Status::kMalformed;
      p.problem = "response record without an HTTP status line";
      return p;
    }
    size_t end = block.find("\r\n\r\n");
    size_t body_at = end == std::string::npos ? end : end + 4;
    const size_t lf = block.find("\n\n");
    if (lf != std::string::npos && (end == std::string::npos || lf < end)) {
      end = lf;
      body_at = lf + 2;
    }
    if (end == std::string::npos) {
      p.status = HttpPayload::Status::kMalformed;
      p.problem = "HTTP headers without an end";
      return p;
    }
    const std::string_view head(block.data(), end);
    const size_t space = head.find(' ');
    if (space == std::string_view::npos || head.size() < space + 4 ||
        !std::all_of(head.begin() + space + 1, head.begin() + space + 4, [](char c) { return c >= '0' && c <= '9'; })) {
      p.status = HttpPayload::Status::kMalformed;
      p.problem = "bad HTTP status line";
      return p;
    }
    p.http_status = std::stoi(std::string(head.substr(space + 1, 3)));
    std::string transfer_encoding, content_encoding;
    bool have_type = false;
    for (size_t pos = head.find('\n'); pos != std::string_view::npos && pos < head.size();) {
      const size_t eol = std::min(head.find('\n', pos + 1), head.size());
      const std::string_view line = head.substr(pos + 1, eol - pos - 1);
      pos = eol;
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view name = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
      if (equals_nocase(name, "Content-Type") && !have_type) {
        p.content_type = value;
        have_type = true;
      } else if (equals_nocase(name, "Transfer-Encoding")) {
        transfer_encoding = to_lower(value);
      } else if (equals_nocase(name, "Content-Encoding")) {
        content_encoding = to_lower(value);
      }
    }
    if (p.http_status < 200 || p.http_status > 299) {
      p.status = HttpPayload::Status::kHttpStatus;
      p.problem = "HTTP status " + std::to_string(p.http_status);
      return p;
    }
    p.body = std::move(record.block);
    p.body.erase(0, body_at);
    std::string scratch;
    if (transfer_encoding.find("chunked") != std::string::npos && dechunk(p.body, scratch)) p.body.swap(scratch);
    if (content_encoding == "gzip" || content_encoding == "x-gzip" || content_encoding == "deflate") {
      const bool ok = inflate_all(p.body, scratch, max_body_bytes) ||
                      (content_encoding == "deflate" && inflate_all(p.body, scratch, max_body_bytes, true));
      if (!ok) {
        p.status = max_body_bytes && scratch.size() > max_body_bytes ? HttpPayload::Status::kTooLarge
                                                                    : HttpPayload::Status::kMalformed;
        p.problem = p.status == HttpPayload::Status::kTooLarge ? "decoded content over the size limit"
                                                               : "bad " + content_encoding + " content";
        p.body.clear();
        return p;
      }
      p.body.swap(scratch);
    } else if (!content_encoding.empty() && content_encoding != "identity") {
      p.status = HttpPayload::Status::kUnsupportedEncoding;
      p.problem = "Content-Encoding: " + content_encoding;
      p.body.clear();
      return p;
    }
  }
  if (max_body_bytes && p.body.size() > max_body_bytes) {
    p.status = HttpPayload::Status::kTooLarge;
    p.problem = "content of " + std::to_string(p.body.size()) + " bytes (limit " + std::to_string(max_body_bytes) + ")";
    p.body.clear();
  }
  return p;
}

}  // namespace quietpage::batch
