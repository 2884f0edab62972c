#pragma once
// What the synthetic offers copy from the real catalogue (data/offers): for every list
// field, how many values an offer has and how often each value occurs; the shares of the
// optional fields; the lengths of the texts. Learnt empirically, with one extra count for
// every key of a closed vocabulary so that each facet value exists in the corpus (the
// 64 real offers leave some of them unused).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue/offer.h"
#include "random.h"

namespace boussole::bench {

//! A list field: the number of values, then distinct values drawn by frequency.
class ListModel {
 public:
  ListModel() = default;
  ListModel(const std::vector<std::vector<std::string>>& lists, const std::vector<std::string>& vocabulary);
  std::vector<std::string> Draw(Random& random) const;
  const std::vector<std::string>& values() const { return values_; }

 private:
  std::vector<std::size_t> sizes_;
  Weighted size_draw_;
  std::vector<std::string> values_;
  Weighted value_draw_;
};

//! null / false / true, with one extra count each.
class OptionalBoolModel {
 public:
  OptionalBoolModel() = default;
  explicit OptionalBoolModel(const std::vector<std::optional<bool>>& values);
  std::optional<bool> Draw(Random& random) const;

 private:
  Weighted draw_;
};

struct CatalogueModel {
  ListModel audiences, types, steps, destinations, themes, categories, programmes, porteurs;
  std::vector<std::pair<std::string, std::vector<std::string>>> roles;  //!< porteur name → roles
  std::vector<std::string> recurrences;  //!< "" (unknown) first
  Weighted recurrence_draw;
  OptionalBoolModel call_for_projects, is_charged;
  double short_title_rate = 0, initial_name_rate = 0, eligibility_rate = 0;
  //! Word counts of the real texts, drawn uniformly.
  std::vector<std::size_t> name_words, description_words, eligibility_words;

  const std::vector<std::string>& RolesOf(const std::string& porteur) const;
};

CatalogueModel LearnCatalogue(const std::vector<catalogue::Offer>& offers);

}  // namespace boussole::bench
