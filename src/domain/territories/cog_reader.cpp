#include "domain/territories/cog_reader.h"

#include "core/files.h"

#include <array>
#include <cstdint>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace boussole::territories {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kFiles{"communes.json", "epci.json", "ept.json",
                                                 "departements.json", "regions.json"};


Result<json> ParseArray(std::string_view text, std::string_view name) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_array()) {
    return InvalidInput(std::string(name) + " : le fichier n'est pas un tableau JSON valide.");
  }
  return parsed;
}

std::string StringField(const json& entry, const char* key) {
  auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> IntField(const json& entry, const char* key) {
  auto it = entry.find(key);
  if (it != entry.end() && it->is_number_integer()) return it->get<std::int64_t>();
  return std::nullopt;
}

// Built field by field: GCC 12 warns (wrongly) on nested brace-initialised Links at -O2.
Link MakeLink(TerritoryId child, TerritoryId parent) {
  Link link;
  link.child = std::move(child);
  link.parent = std::move(parent);
  return link;
}

Error BadEntry(std::string_view file, std::size_t index, std::string_view why) {
  return InvalidInput(std::string(file) + ", entrée " + std::to_string(index + 1) + " : " +
                      std::string(why));
}

// Builds the snapshot; kept apart from file reading so each step stays short.
class SnapshotBuilder {
 public:
  Status AddRegions(const json& regions) {
    for (std::size_t i = 0; i < regions.size(); ++i) {
      const json& r = regions[i];
      std::string code = StringField(r, "code");
      if (code.empty()) return BadEntry("regions.json", i, "code manquant.");
      Territory t = Base(Kind::kRegion, code, r);
      regions_.insert(code);
      Add(std::move(t), {{Kind::kPays, "FR"}});
    }
    return Ok();
  }

  Status AddDepartements(const json& departements) {
    for (std::size_t i = 0; i < departements.size(); ++i) {
      const json& d = departements[i];
      std::string code = StringField(d, "code");
      std::string region = StringField(d, "region");
      if (code.empty()) return BadEntry("departements.json", i, "code manquant.");
      if (!regions_.count(region)) {
        return BadEntry("departements.json", i, "région inconnue « " + region + " ».");
      }
      departement_region_[code] = region;
      Add(Base(Kind::kDepartement, code, d), {{Kind::kRegion, region}});
    }
    return Ok();
  }

  Status AddCommunes(const json& communes) {
    for (std::size_t i = 0; i < communes.size(); ++i) {
      const json& c = communes[i];
      const std::string type = StringField(c, "type");
      if (type != "commune-actuelle" && type != "arrondissement-municipal") continue;
      std::string code = StringField(c, "code");
      std::string departement = StringField(c, "departement");
      if (code.size() != 5) return BadEntry("communes.json", i, "code INSEE invalide.");
      if (!departement_region_.count(departement)) {
        return BadEntry("communes.json", i, "département inconnu « " + departement + " ».");
      }
      const bool is_commune = type == "commune-actuelle";
      Territory t = Base(is_commune ? Kind::kCommune : Kind::kArrondissement, code, c);
      t.population = IntField(c, "population");
      t.siren = StringField(c, "siren");
      if (auto it = c.find("codesPostaux"); it != c.end() && it->is_array()) {
        for (const json& postal : *it) {
          if (postal.is_string()) t.postal_codes.push_back(postal.get<std::string>());
        }
      }
      std::vector<TerritoryId> parents{{Kind::kDepartement, departement}};
      if (is_commune) {
        commune_departement_[code] = departement;
        if (t.population) departement_population_[departement] += *t.population;
      } else {
        std::string parent = StringField(c, "commune");
        if (parent.empty()) return BadEntry("communes.json", i, "commune de rattachement manquante.");
        pending_arrondissements_.push_back(MakeLink({Kind::kArrondissement, code}, {Kind::kCommune, parent}));
      }
      Add(std::move(t), std::move(parents));
    }
    for (const Link& link : pending_arrondissements_) {
      if (!commune_departement_.count(link.parent.code)) {
        return InvalidInput("communes.json : l'arrondissement " + link.child.code +
                            " renvoie à une commune inconnue (" + link.parent.code + ").");
      }
      snapshot_.links.push_back(link);
    }
    return Ok();
  }

  Status AddGroupings(const json& groupings, Kind kind, std::string_view file) {
    for (std::size_t i = 0; i < groupings.size(); ++i) {
      const json& g = groupings[i];
      std::string code = StringField(g, "code");
      if (code.size() != 9) return BadEntry(file, i, "SIREN invalide.");
      Territory t = Base(kind, code, g);
      t.siren = code;
      t.nature = StringField(g, "type");
      t.population = IntField(g, "populationMunicipale");
      std::set<std::string> departements;
      auto members = g.find("membres");
      if (members == g.end() || !members->is_array()) {
        return BadEntry(file, i, "liste des membres manquante.");
      }
      for (const json& member : *members) {
        std::string commune = StringField(member, "code");
        auto dep = commune_departement_.find(commune);
        if (dep == commune_departement_.end()) {
          return BadEntry(file, i, "membre inconnu « " + commune + " ».");
        }
        departements.insert(dep->second);
        snapshot_.links.push_back(MakeLink({Kind::kCommune, commune}, t.id));
      }
      std::vector<TerritoryId> parents;
      for (const std::string& d : departements) parents.push_back({Kind::kDepartement, d});
      Add(std::move(t), std::move(parents));
    }
    return Ok();
  }

  Snapshot Finish() {
    std::map<std::string, std::int64_t> region_population;
    std::int64_t country = 0;
    for (Territory& t : snapshot_.territories) {
      if (t.id.kind != Kind::kDepartement) continue;
      t.population = departement_population_[t.id.code];
      region_population[departement_region_[t.id.code]] += *t.population;
      country += *t.population;
    }
    for (Territory& t : snapshot_.territories) {
      if (t.id.kind == Kind::kRegion) t.population = region_population[t.id.code];
    }
    Territory france;
    france.id = {Kind::kPays, "FR"};
    france.name = "France";
    france.population = country;
    snapshot_.territories.insert(snapshot_.territories.begin(), std::move(france));
    return std::move(snapshot_);
  }

 private:
  static Territory Base(Kind kind, const std::string& code, const json& entry) {
    Territory t;
    t.id = {kind, code};
    t.name = StringField(entry, "nom");
    t.zone = StringField(entry, "zone");
    t.chef_lieu = StringField(entry, "chefLieu");
    return t;
  }

  void Add(Territory t, std::vector<TerritoryId> parents) {
    for (TerritoryId& parent : parents) snapshot_.links.push_back(MakeLink(t.id, std::move(parent)));
    snapshot_.territories.push_back(std::move(t));
  }

  Snapshot snapshot_;
  std::set<std::string> regions_;
  std::map<std::string, std::string> departement_region_;
  std::map<std::string, std::string> commune_departement_;
  std::map<std::string, std::int64_t> departement_population_;
  std::vector<Link> pending_arrondissements_;
};

}  // namespace

Result<Snapshot> ReadCogSnapshot(const std::filesystem::path& data_dir) {
  std::map<std::string_view, std::string> texts;
  for (std::string_view name : kFiles) {
    auto text = ReadWholeFile(data_dir / name);
    if (!text) return text.error();
    texts[name] = std::move(text).value();
  }
  return ParseCogSnapshot({texts["communes.json"], texts["epci.json"], texts["ept.json"],
                           texts["departements.json"], texts["regions.json"]});
}

Result<Snapshot> ParseCogSnapshot(const CogTexts& texts) {
  std::map<std::string_view, json> files;
  const std::map<std::string_view, std::string_view> by_name{{"communes.json", texts.communes},
                                                             {"epci.json", texts.epci},
                                                             {"ept.json", texts.ept},
                                                             {"departements.json", texts.departements},
                                                             {"regions.json", texts.regions}};
  for (std::string_view name : kFiles) {
    auto parsed = ParseArray(by_name.at(name), name);
    if (!parsed) return parsed.error();
    files[name] = std::move(parsed).value();
  }
  SnapshotBuilder builder;
  if (auto s = builder.AddRegions(files["regions.json"]); !s) return s.error();
  if (auto s = builder.AddDepartements(files["departements.json"]); !s) return s.error();
  if (auto s = builder.AddCommunes(files["communes.json"]); !s) return s.error();
  if (auto s = builder.AddGroupings(files["epci.json"], Kind::kEpci, "epci.json"); !s) {
    return s.error();
  }
  if (auto s = builder.AddGroupings(files["ept.json"], Kind::kEpt, "ept.json"); !s) {
    return s.error();
  }
  return builder.Finish();
}

Result<std::string> FingerprintCogFiles(const std::filesystem::path& data_dir) {
  // FNV-1a: stable across runs and platforms, enough to notice a changed file.
  std::uint64_t hash = 1469598103934665603ULL;
  for (std::string_view name : kFiles) {
    auto text = ReadWholeFile(data_dir / name);
    if (!text) return text.error();
    for (unsigned char c : text.value()) {
      hash ^= c;
      hash *= 1099511628211ULL;
    }
  }
  std::ostringstream out;
  out << std::hex << hash;
  return out.str();
}

}  // namespace boussole::territories
