#include "domain/projects/project_rules.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "domain/territories/territory.h"

namespace boussole::projects {
namespace {

bool IsDate(const std::string& text) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return false;
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
}

}  // namespace

const catalogue::Vocabulary& ProjectContracts() {
  static const catalogue::Vocabulary kItems{
      {"acv", "Action cœur de ville"},
      {"pvd", "Petites Villes de demain"},
      {"crte", "Contrat de relance et de transition écologique"},
      {"pcaet", "Plan climat-air-énergie territorial"},
      {"ami", "Appel à manifestation d'intérêt"},
  };
  return kItems;
}

const catalogue::Vocabulary& OfferApplicationStatuses() {
  static const catalogue::Vocabulary kItems{
      {"a_etudier", "À étudier"}, {"demandee", "Demandée"}, {"obtenue", "Obtenue"},
      {"refusee", "Refusée"},     {"versee", "Versée"},
  };
  return kItems;
}

std::vector<Error> ValidateProject(const Project& p) {
  std::vector<Error> errors;
  if (p.name.empty()) errors.push_back(InvalidInput("Donnez un nom au projet.", "name"));
  if (p.name.size() > kMaxNameLength) {
    errors.push_back(InvalidInput("Le nom est trop long (" + std::to_string(kMaxNameLength) + " caractères au plus).", "name"));
  }
  for (const auto& [text, field] : {std::pair{&p.public_description, "public_description"},
                                    std::pair{&p.private_description, "private_description"}}) {
    if (text->size() > kMaxDescriptionLength) {
      errors.push_back(InvalidInput("Le texte est trop long (" + std::to_string(kMaxDescriptionLength) + " caractères au plus).", field));
    }
  }
  if (p.territory.empty() || !territories::TerritoryId::Parse(p.territory)) {
    errors.push_back(InvalidInput("Choisissez le territoire du projet (code INSEE, SIREN, code de département ou de région).", "territory"));
  }
  if (!catalogue::Contains(catalogue::MobilizationSteps(), p.stage)) {
    errors.push_back(InvalidInput("Choisissez l'étape du projet.", "stage"));
  }
  for (const std::string& theme : p.themes) {
    if (!catalogue::Contains(catalogue::Themes(), theme)) {
      errors.push_back(InvalidInput("Thématique inconnue : « " + theme + " ».", "themes"));
    }
  }
  if (p.budget_euros && (*p.budget_euros < 0 || *p.budget_euros > 100'000'000'000)) {
    errors.push_back(InvalidInput("Le budget doit être un montant en euros, positif.", "budget"));
  }
  if (!p.due_date.empty() && !IsDate(p.due_date)) {
    errors.push_back(InvalidInput("L'échéance doit être une date valide (AAAA-MM-JJ).", "due_date"));
  }
  if (!p.contract.empty() && !catalogue::Contains(ProjectContracts(), p.contract)) {
    errors.push_back(InvalidInput("Contrat inconnu : « " + p.contract + " ».", "contract"));
  }
  return errors;
}

std::vector<Error> ValidateCaseSheet(const CaseSheet& sheet) {
  std::vector<Error> errors;
  for (const auto& [text, field] : {std::pair{&sheet.context, "context"}, std::pair{&sheet.actions, "actions"},
                                    std::pair{&sheet.results, "results"}, std::pair{&sheet.testimony, "testimony"},
                                    std::pair{&sheet.partners, "partners"}}) {
    if (text->size() > kMaxDescriptionLength) {
      errors.push_back(InvalidInput("Le texte est trop long (" + std::to_string(kMaxDescriptionLength) + " caractères au plus).", field));
    }
  }
  return errors;
}

Status CheckPublishable(const Project& project) {
  if (!project.is_public) {
    return InvalidInput("Rendez d'abord le projet public : seule la fiche d'un projet public entre dans la projetothèque.");
  }
  if (project.sheet.context.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidInput("Décrivez d'abord le contexte du projet dans sa fiche.", "context");
  }
  return Ok();
}

}  // namespace boussole::projects
