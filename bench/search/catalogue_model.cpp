#include "catalogue_model.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "domain/catalogue/vocabulary.h"

namespace boussole::bench {
namespace {

std::vector<std::string> Keys(const catalogue::Vocabulary& vocabulary) {
  std::vector<std::string> keys;
  for (const auto& [key, label] : vocabulary) keys.emplace_back(key);
  return keys;
}

std::size_t WordCount(const std::string& text) {
  std::istringstream in(text);
  std::size_t count = 0;
  for (std::string word; in >> word;) ++count;
  return count;
}

template <typename Get>
std::vector<std::vector<std::string>> Lists(const std::vector<catalogue::Offer>& offers, Get get) {
  std::vector<std::vector<std::string>> lists;
  for (const auto& offer : offers) lists.push_back(get(offer));
  return lists;
}

}  // namespace

ListModel::ListModel(const std::vector<std::vector<std::string>>& lists, const std::vector<std::string>& vocabulary) {
  // std::map: a deterministic order of values, whatever the order of the files.
  std::map<std::size_t, double> size_counts;
  std::map<std::string, double> value_counts;
  for (const std::string& key : vocabulary) value_counts[key] += 1;
  for (const auto& list : lists) {
    size_counts[list.size()] += 1;
    for (const std::string& value : list) value_counts[value] += 1;
  }
  std::vector<double> weights;
  for (const auto& [size, count] : size_counts) {
    sizes_.push_back(size);
    weights.push_back(count);
  }
  size_draw_ = Weighted(weights);
  weights.clear();
  for (const auto& [value, count] : value_counts) {
    values_.push_back(value);
    weights.push_back(count);
  }
  value_draw_ = Weighted(weights);
}

std::vector<std::string> ListModel::Draw(Random& random) const {
  std::vector<std::string> drawn;
  if (values_.empty()) return drawn;
  const std::size_t size = std::min(sizes_[size_draw_.Draw(random)], values_.size());
  // Distinct values by frequency: redraw duplicates, a bounded number of times.
  for (std::size_t tries = 0; drawn.size() < size && tries < 20 * size; ++tries) {
    const std::string& value = values_[value_draw_.Draw(random)];
    if (std::find(drawn.begin(), drawn.end(), value) == drawn.end()) drawn.push_back(value);
  }
  return drawn;
}

OptionalBoolModel::OptionalBoolModel(const std::vector<std::optional<bool>>& values) {
  std::vector<double> counts{1, 1, 1};  // null, false, true
  for (const auto& value : values) counts[value ? (*value ? 2 : 1) : 0] += 1;
  draw_ = Weighted(counts);
}

std::optional<bool> OptionalBoolModel::Draw(Random& random) const {
  switch (draw_.Draw(random)) {
    case 1: return false;
    case 2: return true;
    default: return std::nullopt;
  }
}

const std::vector<std::string>& CatalogueModel::RolesOf(const std::string& porteur) const {
  static const std::vector<std::string> kFinancer{"financer"};
  for (const auto& [name, list] : roles) {
    if (name == porteur) return list;
  }
  return kFinancer;
}

CatalogueModel LearnCatalogue(const std::vector<catalogue::Offer>& offers) {
  using catalogue::Offer;
  CatalogueModel model;
  model.audiences = ListModel(Lists(offers, [](const Offer& o) { return o.audiences; }), Keys(catalogue::Audiences()));
  model.types = ListModel(Lists(offers, [](const Offer& o) { return o.types; }), Keys(catalogue::OfferTypes()));
  model.steps = ListModel(Lists(offers, [](const Offer& o) { return o.mobilization_steps; }),
                          Keys(catalogue::MobilizationSteps()));
  model.destinations = ListModel(Lists(offers, [](const Offer& o) { return o.destinations; }),
                                 Keys(catalogue::Destinations()));
  model.themes = ListModel(Lists(offers, [](const Offer& o) { return o.themes; }), Keys(catalogue::Themes()));
  model.categories = ListModel(Lists(offers, [](const Offer& o) { return o.categories; }), {});
  model.programmes = ListModel(Lists(offers, [](const Offer& o) { return o.programmes; }), {});
  model.porteurs = ListModel(Lists(offers,
                                   [](const Offer& o) {
                                     std::vector<std::string> names;
                                     for (const auto& p : o.porteurs) names.push_back(p.name);
                                     return names;
                                   }),
                             {});
  std::map<std::string, std::vector<std::string>> roles;
  for (const auto& offer : offers) {
    for (const auto& porteur : offer.porteurs) {
      if (!porteur.roles.empty()) roles.emplace(porteur.name, porteur.roles);
    }
  }
  model.roles.assign(roles.begin(), roles.end());

  std::map<std::string, double> recurrences{{"", 1}};
  for (const auto& key : Keys(catalogue::Recurrences())) recurrences[key] = 1;
  std::vector<std::optional<bool>> cfp, charged;
  double short_titles = 0, initial_names = 0, eligibilities = 0;
  for (const auto& offer : offers) {
    recurrences[offer.recurrence] += 1;
    cfp.push_back(offer.is_call_for_projects);
    charged.push_back(offer.is_charged);
    short_titles += offer.short_title.empty() ? 0 : 1;
    initial_names += offer.initial_name.empty() ? 0 : 1;
    model.name_words.push_back(std::max<std::size_t>(2, WordCount(offer.name)));
    model.description_words.push_back(std::max<std::size_t>(10, WordCount(offer.description)));
    if (!offer.eligibility.empty()) {
      eligibilities += 1;
      model.eligibility_words.push_back(WordCount(offer.eligibility));
    }
  }
  std::vector<double> weights;
  for (const auto& [key, count] : recurrences) {
    model.recurrences.push_back(key);
    weights.push_back(count);
  }
  model.recurrence_draw = Weighted(weights);
  model.call_for_projects = OptionalBoolModel(cfp);
  model.is_charged = OptionalBoolModel(charged);
  const double n = std::max<double>(1, static_cast<double>(offers.size()));
  model.short_title_rate = short_titles / n;
  model.initial_name_rate = initial_names / n;
  model.eligibility_rate = eligibilities / n;
  if (model.eligibility_words.empty()) model.eligibility_words.push_back(20);
  return model;
}

}  // namespace boussole::bench
