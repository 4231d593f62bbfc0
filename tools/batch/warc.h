// Reading web archives: WARC 1.0 and 1.1 files (ISO 28500), plain or
// gzipped — one gzip member per record as Common Crawl writes them, or the
// whole file in one — streamed record by record, so a multi-gigabyte file
// never sits in memory (one record at a time, up to a size limit).
//
// A record's block is read by its Content-Length. A truncated or garbled
// record is reported (kMalformed) and reading goes on at the next line that
// starts a record ("WARC/1."); corrupt gzip data is skipped to the next
// gzip member. Nothing in a file stops the reading but its end.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace quietpage::batch {

// A file's bytes, decompressed when they start like gzip.
class ByteStream {
 public:
  ByteStream();
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // path "-" reads standard input. False (and `error`) when it can't be opened.
  bool open(const std::string& path, std::string& error);
  // Up to n bytes; 0 at the end.
  size_t read(char* out, size_t n);
  // Progress: bytes of the file read so far, and its size (0 when unknown).
  uint64_t file_offset() const { return file_offset_; }
  uint64_t file_size() const { return file_size_; }
  // gzip members that were corrupt or cut short (their rest was skipped).
  unsigned gzip_errors() const { return gzip_errors_; }
  bool gzipped() const { return gzipped_; }
  // Whether corrupt gzip data was skipped since the last call: the bytes
  // read before it and after it don't belong together. kLostMember: a whole
  // member gave nothing.
  enum class Break { kNone, kInside, kLostMember };
  Break take_break();

 private:
  bool fill_raw();
  size_t inflate_into(char* out, size_t n);

  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  bool gzipped_ = false;
  bool raw_eof_ = false;
  std::string raw_;
  size_t raw_pos_ = 0;
  uint64_t file_offset_ = 0;
  uint64_t file_size_ = 0;
  unsigned gzip_errors_ = 0;
  Break break_ = Break::kNone;
  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
};

struct WarcRecord {
  enum class Status { kOk, kMalformed, kTooLarge };
  Status status = Status::kOk;
  std::string problem;      // why, when not kOk
  std::string type;         // WARC-Type, lower case: "response", "resource", "request", ...
  std::string target_uri;   // WARC-Target-URI
  std::string content_type; // the record's Content-Type header
  std::string block;        // the record's content (empty unless kOk)
};

class WarcReader {
 public:
  // Blocks larger than max_block_bytes are skipped (kTooLarge); 0: no limit.
  explicit WarcReader(ByteStream& in, size_t max_block_bytes = 0) : in_(in), max_block_(max_block_bytes) {}
  // The next record, or false at the end of the stream.
  bool next(WarcRecord& record);

 private:
  enum class Line { kLine, kEnd, kTooLong };
  bool fill();
  Line read_line(std::string& line, size_t max);
  bool read_block(size_t length, std::string* out);
  bool skip_to_record_start();
  bool malformed(WarcRecord& record, std::string problem);

  ByteStream& in_;
  size_t max_block_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool first_ = true;
  bool in_record_ = false;      // between a record's "WARC/" line and its block's end
  bool pending_break_ = false;  // the buffer ends where corrupt gzip data was skipped
  bool damaged_ = false;        // the record being read was cut by that break
  uint64_t dropped_ = 0;        // stream bytes dropped from the front of buf_
  std::deque<uint64_t> lost_at_;  // where gzip members were lost whole (stream offsets)
};

// What a web page record holds for extraction: the HTTP payload of a
// response record (chunked transfer coding undone, gzip or deflate content
// coding decoded), or a resource record's block.
struct HttpPayload {
  enum class Status { kOk, kNotPage, kMalformed, kHttpStatus, kUnsupportedEncoding, kTooLarge };
  Status status = Status::kOk;
  std::string problem;
  int http_status = 0;        // 0 for resource records
  std::string content_type;   // the payload's Content-Type
  std::string body;
};

// A response or resource record as a page; kNotPage for other record types.
// Decoded payloads larger than max_body_bytes are kTooLarge (0: no limit).
HttpPayload payload_of(WarcRecord& record, size_t max_body_bytes = 0);

}  // namespace quietpage::batch
