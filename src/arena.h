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
  void* try_allocate(size_t size) { return bump((size + kAlign - 1) & ~(kAlign - 1), kAlign); }

  // Allocation with reuse, for gumbo: blocks are rounded up to a size class
  // (multiples of 8 bytes up to 256, then powers of two) and freed blocks go
  // to a free list of their class, so gumbo's many short-lived buffers
  // (token text, growing vectors) don't pile up. Aligned to 8 bytes (gumbo
  // keeps pointers and integers), behind an 8-byte header: gumbo's node is
  // 88 bytes in wasm32, 96 with its header (a power of two and a
  // max_align_t header made it 144). nullptr when the system has no more
  // memory (gumbo's caller leaves it then: parse.cc).
  void* try_allocate_reusable(size_t size) {
    unsigned cls = size_class(size);
    if (FreeBlock* b = free_[cls]) {
      free_[cls] = b->next;
      return b;
    }
    auto* header = static_cast<Header*>(bump(sizeof(Header) + class_size(cls), kGrain));
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
  // (Out of line: the rare path of every allocation's inlined bump.)
  __attribute__((noinline)) bool grow(size_t need) {
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

  // `size` bytes at the next multiple of `align` (a power of two; a new
  // block is max-aligned).
  void* bump(size_t size, size_t align) {
    size_t pad = (align - (reinterpret_cast<uintptr_t>(cur_) & (align - 1))) & (align - 1);
    if (size + pad > static_cast<size_t>(end_ - cur_)) {
      if (!grow(size)) return nullptr;
      pad = 0;
    }
    void* p = cur_ + pad;
    cur_ += pad + size;
    return p;
  }

  // The reusable blocks' size classes and header.
  static constexpr size_t kGrain = 8;
  static constexpr unsigned kSmallClasses = 32;  // 8, 16, ... 256 bytes
  struct alignas(kGrain) Header {
    unsigned cls;
  };
  static_assert(sizeof(Header) == kGrain, "the header keeps blocks 8-aligned");
  struct FreeBlock {
    FreeBlock* next;
  };
  static constexpr unsigned kClasses = kSmallClasses + 8 * sizeof(size_t);
  static unsigned size_class(size_t size) {
    if (size <= kSmallClasses * kGrain) return size <= kGrain ? 1 : static_cast<unsigned>((size + kGrain - 1) / kGrain);
    unsigned log = 9;  // 512: the first class past the small ones
    while ((size_t{1} << log) < size) ++log;
    return kSmallClasses + log - 8;
  }
  static size_t class_size(unsigned cls) {
    return cls <= kSmallClasses ? cls * kGrain : size_t{1} << (cls - kSmallClasses + 8);
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
