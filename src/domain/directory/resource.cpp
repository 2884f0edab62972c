#include "domain/directory/resource.h"

#include <algorithm>

namespace boussole::directory {

const catalogue::Vocabulary& ResourceKinds() {
  static const catalogue::Vocabulary kKinds = {
      {"agence_technique", "Agence technique départementale"},
      {"caue", "CAUE"},
      {"agence_urbanisme", "Agence d'urbanisme"},
      {"epf", "Établissement public foncier"},
      {"ddt", "DDT(M)"},
      {"operateur", "Opérateur partenaire"},
      {"pole_anct", "Pôle de l'ANCT"},
      {"marche_anct", "Marché d'ingénierie de l'ANCT"},
      {"autre", "Autre structure"},
  };
  return kKinds;
}

const std::vector<Resource>& SeededResources() {
  static const std::vector<Resource> kSeeded = [] {
    const std::string conventions =
        "Seed 002 : « le Conseil d’administration de l’ANCT a adopté sa feuille de route et a permis d’approuver les "
        "cinq conventions partenariales avec l’Ademe, l’Anru, le Cerema, l’Anah et la Banque des Territoires. »";
    std::vector<Resource> list;
    auto add = [&](std::string name, std::string kind, std::string source) {
      Resource r;
      r.name = std::move(name);
      r.kind = std::move(kind);
      r.national = true;
      r.source = std::move(source);
      list.push_back(std::move(r));
    };
    add("Cerema", "operateur",
        conventions + " Seed 003 : « les collectivités peuvent nous saisir directement et venir chercher au Cerema "
                      "l'expertise qui leur manque. »");
    add("Ademe", "operateur", conventions);
    add("Anah", "operateur", conventions);
    add("Anru", "operateur", conventions);
    add("Banque des territoires", "operateur", conventions);
    add("ANCT – pôle Analyse et diagnostics territoriaux", "pole_anct",
        "Seed 003 : « l'ANCT dispose de deux observatoires […] et d'une équipe dédiée à la cartographie, rattachés au "
        "pôle Analyse et diagnostics territoriaux. »");
    add("ANCT – marchés d'ingénierie foncière", "marche_anct",
        "Seed 003 : « les marchés d'ingénierie foncière permettent d'accompagner les collectivités dans la définition "
        "de leurs projets – requalification de friches, revitalisation des centres anciens. »");
    return list;
  }();
  return kSeeded;
}

bool Covers(const Resource& resource, const std::set<std::string>& place) {
  if (resource.national) return true;
  return std::any_of(resource.territories.begin(), resource.territories.end(),
                     [&](const std::string& id) { return place.count(id) > 0; });
}

std::vector<Resource> Suggestions(const std::vector<Resource>& all, const std::set<std::string>& place,
                                  std::string_view theme) {
  std::vector<Resource> out;
  for (const auto& r : all) {
    if (Covers(r, place)) out.push_back(r);
  }
  auto score = [&](const Resource& r) {
    const bool themed = !theme.empty() && std::find(r.themes.begin(), r.themes.end(), theme) != r.themes.end();
    return (themed ? 2 : 0) + (r.national ? 0 : 1);
  };
  std::stable_sort(out.begin(), out.end(), [&](const Resource& a, const Resource& b) {
    if (score(a) != score(b)) return score(a) > score(b);
    return a.name < b.name;
  });
  return out;
}

}  // namespace boussole::directory
