#include "domain/territories/labels.h"

namespace boussole::territories {

std::string_view KindLabel(Kind kind) {
  switch (kind) {
    case Kind::kCommune: return "Commune";
    case Kind::kArrondissement: return "Arrondissement municipal";
    case Kind::kEpci: return "Intercommunalité (EPCI)";
    case Kind::kEpt: return "Établissement public territorial (EPT)";
    case Kind::kDepartement: return "Département";
    case Kind::kRegion: return "Région";
    case Kind::kPays: return "Pays";
  }
  return "Territoire";
}

std::string_view KindPluralLabel(Kind kind) {
  switch (kind) {
    case Kind::kCommune: return "Communes";
    case Kind::kArrondissement: return "Arrondissements municipaux";
    case Kind::kEpci: return "Intercommunalités (EPCI)";
    case Kind::kEpt: return "Établissements publics territoriaux";
    case Kind::kDepartement: return "Départements";
    case Kind::kRegion: return "Régions";
    case Kind::kPays: return "Pays";
  }
  return "Territoires";
}

std::string_view NatureLabel(std::string_view nature) {
  if (nature == "CC") return "Communauté de communes";
  if (nature == "CA") return "Communauté d'agglomération";
  if (nature == "CU") return "Communauté urbaine";
  if (nature == "METRO") return "Métropole";
  if (nature == "MET69") return "Métropole de Lyon";
  if (nature == "EPT") return "Établissement public territorial";
  return nature;
}

}  // namespace boussole::territories
