// Arena: a bump allocator that frees everything at once.
//
// One parse allocates many small objects (gumbo's nodes, vectors and strings,
// our decoded and rewritten strings) that all die together when the call
// returns. A bump allocator makes those allocations nearly free and makes
// leaks impossible by construction: destroying the Arena releases every block.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

namespace quietpage {

class Arena {
 public:
  // Blocks grow geometrically from kFirstBlock up to kMaxBlock bytes so small
  // pages stay small and large ones do not make thousands of blocks.
  static constexpr size_t kFirstBlock = 64 * 1024;
  static constexpr size_t kMaxBlock = 8 * 1024 * 1024;
  static constexpr size_t kAlign = alignof(std::max_align_t);

  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (void* b : blocks_) std::free(b);
  }

  // Never returns nullptr: out of system memory, it aborts like operator
  // new. Budgets are enforced by the caller through over_budget().
  void* allocate(size_t size) {
    void* p = try_allocate(size);
    if (!p) std::abort();
    return p;
  }
  // nullptr when the system has no more memory.
  void* try_allocate(size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size > static_cast<size_t>(end_ - cur_) && !grow(size)) return nullptr;
    void* p = cur_;
    cur_ += size;
    return p;
  }

  // Allocation with reuse, for gumbo: blocks are rounded up to a power of
  // two and freed blocks go to a free list of their size, so gumbo's many
  // short-lived buffers (token text, growing vectors) don't pile up.
  // nullptr when the system has no more memory (gumbo's caller leaves it
  // then: parse.cc).
  void* try_allocate_reusable(size_t size) {
    unsigned cls = size_class(size);
    if (FreeBlock* b = free_[cls]) {
      free_[cls] = b->next;
      return b;
    }
    auto* header = static_cast<Header*>(try_allocate(sizeof(Header) + (size_t{1} << cls)));
    if (!header) return nullptr;
    header->cls = cls;
    return header + 1;
  }
  void release(void* p) {
    if (!p) return;
    auto* header = static_cast<Header*>(p) - 1;
    auto* b = static_cast<FreeBlock*>(p);
    b->next = free_[header->cls];
    free_[header->cls] = b;
  }

  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size()));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  // Total bytes reserved from the system (for limits and tests).
  size_t reserved() const { return reserved_; }
  // Counts `bytes` held elsewhere for this arena's user (gumbo's tree, in an
  // arena of its own freed once the Document is built) in reserved(), as if
  // this arena still held them: the budget bounds the parse's memory as
  // when that tree lived here.
  void count(size_t bytes) { reserved_ += bytes; }
  // A soft budget on reserved(): checked between stages, 0 = unlimited.
  void set_budget(size_t bytes) { budget_ = bytes; }
  bool over_budget() const { return budget_ && reserved_ > budget_; }
  size_t budget() const { return budget_; }

 private:
  bool grow(size_t need) {
    size_t size = next_block_;
    if (next_block_ < kMaxBlock) next_block_ *= 2;
    if (size < need) size = need;
    void* b = std::malloc(size);
    if (!b) return false;
    blocks_.push_back(b);
    reserved_ += size;
    cur_ = static_cast<char*>(b);
    end_ = cur_ + size;
    return true;
  }

  // Size-class header, padded to keep blocks max-aligned.
  struct alignas(kAlign) Header {
    unsigned cls;
  };
  struct FreeBlock {
    FreeBlock* next;
  };
  static constexpr unsigned kMinClass = 4;  // 16 bytes
  static constexpr unsigned kClasses = 48;
  static unsigned size_class(size_t size) {
    unsigned cls = kMinClass;
    while ((size_t{1} << cls) < size) ++cls;
    return cls;
  }

  FreeBlock* free_[kClasses] = {};
  std::vector<void*> blocks_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t next_block_ = kFirstBlock;
  size_t reserved_ = 0;
  size_t budget_ = 0;
};

}  // namespace quietpage
