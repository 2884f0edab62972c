#pragma once
// The benchmark's only source of randomness. std::mt19937_64's output sequence is fixed by
// the standard, but std::uniform_int_distribution and friends are not (libstdc++ and libc++
// draw differently), so the distributions are written here: the same seed gives the same
// corpus and queries with any standard library.
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace boussole::bench {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  //! Uniform in [0, n), n > 0: rejection sampling, no modulo bias.
  std::uint64_t Below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x = engine_();
    while (x >= limit) x = engine_();
    return x % n;
  }
  //! Uniform in [0, 1) with 53 random bits.
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

  template <typename T>
  const T& Pick(const std::vector<T>& values) { return values[Below(values.size())]; }

 private:
  std::mt19937_64 engine_;
};

//! A discrete distribution over indexes 0..n-1, proportional to the weights given.
class Weighted {
 public:
  Weighted() = default;
  explicit Weighted(const std::vector<double>& weights);
  std::size_t Draw(Random& random) const;
  bool empty() const { return cumulative_.empty(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace boussole::bench
