#pragma once
// A fixed-size set of document numbers as 64-bit words: what the index combines filters
// with (an AND of two filters over 100 000 offers is 1 563 word operations).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace boussole::search {

class Bitset {
 public:
  Bitset() = default;
  //! `size` documents, none set (or all with `full`).
  explicit Bitset(std::size_t size, bool full = false)
      : size_(size), words_((size + 63) / 64, full ? ~std::uint64_t{0} : 0) {
    if (full) TrimTail();
  }

  std::size_t size() const { return size_; }
  void Set(std::uint32_t i) { words_[i >> 6] |= std::uint64_t{1} << (i & 63); }
  void Reset(std::uint32_t i) { words_[i >> 6] &= ~(std::uint64_t{1} << (i & 63)); }
  bool Test(std::uint32_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  std::size_t word_count() const { return words_.size(); }

  Bitset& operator&=(const Bitset& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= other.words_[w];
    return *this;
  }
  Bitset& operator|=(const Bitset& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] |= other.words_[w];
    return *this;
  }
  //! Removes the members of `other`.
  Bitset& Subtract(const Bitset& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= ~other.words_[w];
    return *this;
  }
  void Invert() {
    for (auto& word : words_) word = ~word;
    TrimTail();
  }

  std::size_t Count() const {
    std::size_t n = 0;
    for (auto word : words_) n += static_cast<std::size_t>(std::popcount(word));
    return n;
  }
  //! |this ∩ other| without building it.
  std::size_t CountAnd(const Bitset& other) const {
    std::size_t n = 0;
    for (std::size_t w = 0; w < words_.size(); ++w) n += static_cast<std::size_t>(std::popcount(words_[w] & other.words_[w]));
    return n;
  }

  //! Calls `visit(i)` for each member, in increasing order.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      for (std::uint64_t word = words_[w]; word != 0; word &= word - 1) {
        visit(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(word))));
      }
    }
  }

 private:
  void TrimTail() {
    if (size_ % 64 != 0 && !words_.empty()) words_.back() &= (std::uint64_t{1} << (size_ % 64)) - 1;
  }

  std::size_t size_ = 0;
  std::vector<std::uint64_t> words_;
};

}  // namespace boussole::search
