#include "domain/programmes/history.h"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/programmes/programme_types.h"
#include "domain/territories/territory.h"

namespace boussole::programmes {

using nlohmann::json;

namespace {

// A year (0: all years) read as a whole number: a JSON float such as 2020.5 or 1e300 is
// refused, never cast (casting an out-of-range double to int is undefined behaviour).
int Year(const json& value, const std::string& where, std::vector<std::string>& errors) {
  if (value.is_number_integer()) {
    const auto year = value.get<std::int64_t>();
    if (year >= 0 && year <= 9999) return static_cast<int>(year);
  }
  errors.push_back(where + " : l'année doit être un nombre entier de 0 à 9999");
  return 0;
}

}  // namespace

History ReadHistory(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    History history;
    history.errors.push_back("fichier illisible : " + file.string());
    return history;
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return ParseHistory(text, file.filename().string());
}

History ParseHistory(std::string_view text, std::string_view name) {
  History history;
  json doc;
  try {
    doc = json::parse(text);
    for (const auto& f : doc.at("figures")) {
      const std::string label = f.at("label").get<std::string>();
      history.figures.push_back({label, Year(f.at("year"), "chiffre « " + label + " »", history.errors),
                                 f.at("published").get<std::string>(),
                                 {f.at("seed").get<std::string>(), f.at("quote").get<std::string>()}});
    }
    std::set<std::string> slugs;
    for (const auto& p : doc.at("programmes")) {
      Programme programme;
      programme.slug = p.at("slug").get<std::string>();
      programme.type = p.at("type").get<std::string>();
      programme.year = Year(p.at("year"), "programme « " + programme.slug + " »", history.errors);
      programme.title = p.at("title").get<std::string>();
      programme.historic = true;
      if (p.contains("title_2020_report")) {
        programme.description = "Intitulé dans le rapport d'activité 2020 de l'ANCT : « " +
                                p.at("title_2020_report").get<std::string>() + " ».";
      }
      const std::string where = "programme « " + programme.slug + " »";
      if (!slugs.insert(programme.slug).second) history.errors.push_back(where + " : identifiant en double");
      if (!FindProgrammeType(programme.type)) history.errors.push_back(where + " : type inconnu " + programme.type);
      for (const auto& partner : p.at("partners")) {
        programme.partners.push_back({partner.at("verbatim").get<std::string>(), partner.value("normalised", ""),
                                      partner.value("note", "")});
      }
      for (const auto& source : p.at("sources")) {
        programme.sources.push_back({source.at("seed").get<std::string>(), source.at("quote").get<std::string>()});
      }
      if (programme.sources.empty()) history.errors.push_back(where + " : aucune source");
      std::vector<CohortTerritory> cohort;
      for (const auto& t : p.at("territories")) {
        CohortTerritory territory;
        territory.territory_id = t.at("id").get<std::string>();
        territory.verbatim = t.at("verbatim").get<std::string>();
        territory.status = "selected";
        territory.origin = "seed";
        if (!territories::TerritoryId::Parse(territory.territory_id)) {
          history.errors.push_back(where + " : territoire mal formé « " + territory.territory_id + " »");
        }
        cohort.push_back(std::move(territory));
      }
      history.programmes.push_back(std::move(programme));
      history.cohorts.push_back(std::move(cohort));
    }
  } catch (const json::exception& e) {
    history.errors.push_back(std::string(name) + " : " + e.what());
  }
  return history;
}

}  // namespace boussole::programmes
