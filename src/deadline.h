// Deadline: the time budget of one parse (Options::timeout_ms).
//
// Loops call tick() once per node or token; it reads the clock only every
// kStride calls, so it costs a counter increment. Once the time is up it
// stays expired: Document::next_in then ends every walk (see dom.h), the
// stages return early with partial work, and extract.cc turns that into
// ErrorCode::kTimeout. gumbo's own pass ticks once per allocation and is
// left at once (parse.cc).
#pragma once

#include <chrono>
#include <cstdint>

namespace quietpage {

class Deadline {
 public:
  // 0 ms: no deadline, tick() never expires.
  explicit Deadline(uint32_t ms = 0)
      : limited_(ms != 0), end_(std::chrono::steady_clock::now() + std::chrono::milliseconds(ms)) {}
  // For tests: expires at the given step instead of at a time.
  static Deadline after_steps(uint64_t steps) {
    Deadline d;
    d.limited_ = steps != 0;
    d.step_limit_ = steps;
    return d;
  }

  // One step of work.
  bool tick() {
    if (!limited_ || expired_) return expired_;
    ++steps_;
    if (step_limit_) return expired_ = steps_ >= step_limit_;
    return steps_ % kStride == 0 && check();
  }
  // Reads the clock now (between stages).
  bool check() {
    if (limited_ && !expired_ && !step_limit_ && std::chrono::steady_clock::now() >= end_) expired_ = true;
    return expired_;
  }
  bool expired() const { return expired_; }
  bool limited() const { return limited_; }
  uint64_t steps() const { return steps_; }

 private:
  static constexpr uint64_t kStride = 1024;
  bool limited_;
  bool expired_ = false;
  uint64_t steps_ = 0;
  uint64_t step_limit_ = 0;
  std::chrono::steady_clock::time_point end_;
};

}  // namespace quietpage
