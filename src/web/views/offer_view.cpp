#include "web/views/offer_view.h"

#include <cstdlib>
#include <sstream>

#include "domain/catalogue/offer_json.h"
#include "domain/catalogue/vocabulary.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

using catalogue::LabelOf;

nlohmann::json OfferLabels(const std::vector<std::string>& keys, const catalogue::Vocabulary& vocabulary) {
  nlohmann::json labels = nlohmann::json::array();
  for (const auto& key : keys) labels.push_back({{"key", key}, {"label", LabelOf(vocabulary, key)}});
  return labels;
}

std::string PerimeterName(const catalogue::Offer& offer, territories::TerritoryRepository& repo) {
  if (!offer.adhoc_perimeter.empty()) return offer.adhoc_perimeter.name;
  if (offer.perimeter.empty()) return {};
  auto id = territories::TerritoryId::Parse(offer.perimeter);
  if (!id) return offer.perimeter;
  if (auto t = repo.FindTerritory(id.value())) return t->name;
  return offer.perimeter;
}

// "Réservée aux communes de moins de 20 000 habitants", "Gratuite pour les communes…".
std::string DescribePopulationCondition(const catalogue::PopulationCondition& c) {
  std::string text = c.effect == "free" ? "Gratuite pour les " : "Réservée aux ";
  text += LabelOf(catalogue::PopulationTerritoryKinds(), c.territory_kind);
  if (c.min_population && c.max_population) {
    text += " de " + FormatFrenchNumber(*c.min_population) + " à moins de " + FormatFrenchNumber(*c.max_population);
  } else if (c.max_population) {
    text += " de moins de " + FormatFrenchNumber(*c.max_population);
  } else if (c.min_population) {
    text += " d'au moins " + FormatFrenchNumber(*c.min_population);
  }
  return text + " habitants";
}

// "2026-11-25T15:30:00Z" → "25 novembre 2026"; the text itself when it is not a date.
std::string FormatFrenchDate(const std::string& iso) {
  static const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                  "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
  const int month = std::atoi(iso.substr(5, 2).c_str());
  const int day = std::atoi(iso.substr(8, 2).c_str());
  if (month < 1 || month > 12 || day < 1 || day > 31) return iso;
  return std::to_string(day) + (day == 1 ? "er " : " ") + kMonths[month - 1] + " " + iso.substr(0, 4);
}

std::string FormatRate(double rate) {
  std::ostringstream out;
  out << rate;
  return out.str() + " %";
}

}  // namespace

nlohmann::json TextBlocks(const std::string& text) {
  nlohmann::json blocks = nlohmann::json::array();
  std::istringstream lines(text);
  std::string paragraph;
  nlohmann::json items = nlohmann::json::array();
  auto flush = [&] {
    if (!paragraph.empty()) blocks.push_back({{"paragraph", paragraph}});
    if (!items.empty()) blocks.push_back({{"items", items}, {"is_list", true}});
    paragraph.clear();
    items = nlohmann::json::array();
  };
  for (std::string line; std::getline(lines, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      flush();
    } else if (line.rfind("- ", 0) == 0) {
      if (!paragraph.empty()) {
        blocks.push_back({{"paragraph", paragraph}});
        paragraph.clear();
      }
      items.push_back(line.substr(2));
    } else {
      if (!items.empty()) flush();
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += line;
    }
  }
  flush();
  return blocks;
}

nlohmann::json OfferResource(const catalogue::Offer& offer,
                             territories::TerritoryRepository& territories) {
  nlohmann::json j = catalogue::OfferToJson(offer);
  j["url"] = "/offres/" + offer.slug;
  const std::string perimeter_name = PerimeterName(offer, territories);
  j["perimeter_name"] = perimeter_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(perimeter_name);
  j["closed_at"] = offer.closed_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(offer.closed_at);
  j["published_at"] = offer.published_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(offer.published_at);
  return j;
}

nlohmann::json OfferViewModel(const catalogue::Offer& offer,
                              territories::TerritoryRepository& territories) {
  nlohmann::json v;
  v["slug"] = offer.slug;
  v["url"] = "/offres/" + offer.slug;
  v["name"] = offer.name;
  v["short_title"] = offer.short_title;
  v["initial_name"] = offer.initial_name;
  nlohmann::json porteurs = nlohmann::json::array();
  for (const auto& p : offer.porteurs) {
    nlohmann::json roles = nlohmann::json::array();
    for (const auto& r : p.roles) roles.push_back(LabelOf(catalogue::PorteurRoles(), r));
    porteurs.push_back({{"name", p.name}, {"roles", roles}});
  }
  v["porteurs"] = porteurs;
  v["programmes"] = offer.programmes;
  v["audiences"] = OfferLabels(offer.audiences, catalogue::Audiences());
  v["types"] = OfferLabels(offer.types, catalogue::OfferTypes());
  v["steps"] = OfferLabels(offer.mobilization_steps, catalogue::MobilizationSteps());
  v["destinations"] = OfferLabels(offer.destinations, catalogue::Destinations());
  v["themes"] = OfferLabels(offer.themes, catalogue::Themes());
  v["categories"] = offer.categories;
  v["recurrence"] = offer.recurrence.empty() ? "" : std::string(LabelOf(catalogue::Recurrences(), offer.recurrence));
  v["submission_deadline"] = offer.submission_deadline;
  v["closed"] = !offer.closed_at.empty();
  v["start_date"] = offer.start_date;
  v["call_for_projects"] = offer.is_call_for_projects.value_or(false);
  v["perimeter"] = offer.perimeter;
  v["perimeter_name"] = PerimeterName(offer, territories);
  if (!offer.perimeter.empty()) v["perimeter_url"] = "/territoires/" + offer.perimeter;
  if (!offer.adhoc_perimeter.empty()) {
    nlohmann::json members = nlohmann::json::array();
    for (const std::string& member : offer.adhoc_perimeter.territories) {
      catalogue::Offer single;
      single.perimeter = member;
      members.push_back({{"name", PerimeterName(single, territories)}, {"url", "/territoires/" + member}});
    }
    v["adhoc_perimeter"] = {{"name", offer.adhoc_perimeter.name}, {"territories", members},
                            {"count", offer.adhoc_perimeter.territories.size()}};
  }
  nlohmann::json conditions = nlohmann::json::array();
  for (const auto& condition : offer.population_conditions) conditions.push_back(DescribePopulationCondition(condition));
  v["population_conditions"] = conditions;
  v["has_population_conditions"] = !conditions.empty();
  v["published_on"] = offer.published_at.empty() ? "" : FormatFrenchDate(offer.published_at);
  v["description"] = TextBlocks(offer.description);
  v["eligibility"] = TextBlocks(offer.eligibility);
  v["project_examples"] = TextBlocks(offer.project_examples);
  v["contact"] = TextBlocks(offer.contact);
  nlohmann::json figures = nlohmann::json::array();
  for (const auto& f : offer.key_figures) figures.push_back({{"label", f.label}, {"value", f.value}});
  v["key_figures"] = figures;
  nlohmann::json amounts = nlohmann::json::array();
  if (offer.amounts.subsidy_rate_min) {
    amounts.push_back({{"label", "Taux de subvention minimum"}, {"value", FormatRate(*offer.amounts.subsidy_rate_min)}});
  }
  if (offer.amounts.subsidy_rate_max) {
    amounts.push_back({{"label", "Taux de subvention maximum"}, {"value", FormatRate(*offer.amounts.subsidy_rate_max)}});
  }
  if (offer.amounts.loan_amount) {
    amounts.push_back({{"label", "Montant du prêt"},
                       {"value", FormatFrenchNumber(static_cast<std::int64_t>(*offer.amounts.loan_amount)) + " €"}});
  }
  if (!offer.amounts.comment.empty()) amounts.push_back({{"label", "Précisions"}, {"value", offer.amounts.comment}});
  v["amounts"] = amounts;
  if (offer.is_charged) v["charged"] = *offer.is_charged ? "Payant" : "Gratuit";
  v["origin_url"] = offer.origin_url;
  v["application_url"] = offer.application_url;
  nlohmann::json sources = nlohmann::json::array();
  for (std::size_t i = 0; i < offer.sources.size(); ++i) {
    sources.push_back({{"number", i + 1}, {"seed", offer.sources[i].seed}, {"quote", offer.sources[i].quote}});
  }
  v["sources"] = sources;
  v["has_key_figures"] = !offer.key_figures.empty();
  v["has_amounts"] = !amounts.empty();
  v["has_programmes"] = !offer.programmes.empty();
  for (const char* list : {"steps", "destinations", "audiences", "themes"}) {
    v[std::string("has_") + list] = !v[list].empty();
  }
  v["has_project_examples"] = !offer.project_examples.empty();
  const bool has_criteria = !offer.mobilization_steps.empty() || !offer.destinations.empty() ||
                            !offer.audiences.empty() || !offer.eligibility.empty() ||
                            !offer.perimeter.empty() || !offer.adhoc_perimeter.empty() ||
                            !offer.population_conditions.empty();
  v["has_criteria"] = has_criteria;
  return v;
}

}  // namespace boussole::web
