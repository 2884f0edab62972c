#include "domain/programmes/programme_rules.h"

#include <algorithm>
#include <cstdio>

namespace boussole::programmes {
namespace {

int DaysIn(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool ParseDate(const std::string& text, int& y, int& m, int& d) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  y = std::stoi(text.substr(0, 4));
  m = std::stoi(text.substr(5, 2));
  d = std::stoi(text.substr(8, 2));
  return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(y, m);
}

std::string FormatDate(int y, int m, int d) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return buffer;
}

std::string Plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n > 1 ? many : one); }

}  // namespace

bool IsDate(const std::string& text) {
  int y = 0, m = 0, d = 0;
  return ParseDate(text, y, m, d);
}

std::string AddMonths(const std::string& date, int months) {
  int y = 0, m = 0, d = 0;
  if (!ParseDate(date, y, m, d)) return "";
  int index = y * 12 + (m - 1) + months;
  y = index / 12;
  m = index % 12 + 1;
  return FormatDate(y, m, std::min(d, DaysIn(y, m)));
}

Result<std::vector<Seminar>> GenerateSeminars(const ProgrammeType& type, const Programme& programme,
                                              const std::vector<std::string>& territories) {
  if (!IsDate(programme.starts_on)) {
    return InvalidInput("Indiquez d'abord la date de début du programme : les séminaires sont datés à partir d'elle.",
                        "starts_on");
  }
  const int count = static_cast<int>(territories.size());
  if (count < type.min_territories || (type.max_territories > 0 && count > type.max_territories)) {
    return InvalidInput("Les séminaires se génèrent pour un groupe de " +
                        (type.min_territories == type.max_territories
                             ? Plural(type.min_territories, "territoire sélectionné", "territoires sélectionnés")
                             : std::to_string(type.min_territories) + " à " + std::to_string(type.max_territories) +
                                   " territoires sélectionnés") +
                        " ; ce programme en compte " + std::to_string(count) + ".");
  }
  std::vector<Seminar> out;
  auto at = [&](int months, int day_offset) {
    std::string date = AddMonths(programme.starts_on, months);
    int y = 0, m = 0, d = 0;
    ParseDate(date, y, m, d);
    d = std::min(d + day_offset, DaysIn(y, m));
    return FormatDate(y, m, d) + "T08:00:00Z";
  };
  const bool atelier = type.intersite_seminars == 0;
  for (int t = 0; t < count; ++t) {
    for (int n = 1; n <= type.local_seminars; ++n) {
      Seminar s;
      s.programme_id = programme.id;
      s.kind = "local";
      s.territory_id = territories[t];
      s.number = n;
      s.title = (atelier ? "Session de travail sur site " : "Séminaire local ") + std::to_string(n);
      const int spacing = type.max_months > 0 && type.local_seminars > 1 ? type.max_months / type.local_seminars : 1;
      s.starts_at = at((n - 1) * spacing, t);
      s.minutes = type.local_minutes;
      out.push_back(std::move(s));
    }
  }
  for (int n = 1; n <= type.intersite_seminars; ++n) {
    Seminar s;
    s.programme_id = programme.id;
    s.kind = "intersite";
    s.number = n;
    s.title = "Séminaire intersites " + std::to_string(n);
    s.starts_at = at((n - 1) * 3 + 1, 14);
    s.minutes = type.intersite_minutes;
    out.push_back(std::move(s));
  }
  if (type.follow_up_months > 0) {
    Seminar s;
    s.programme_id = programme.id;
    s.kind = "suivi";
    s.number = 1;
    s.title = "Réunion de suivi";
    s.starts_at = at(type.max_months + type.follow_up_months, 0);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Phase> InitialPhases(const ProgrammeType& type) {
  std::vector<Phase> phases;
  for (std::size_t i = 0; i < type.phases.size(); ++i) {
    Phase p;
    p.position = static_cast<int>(i) + 1;
    p.key = std::string(type.phases[i].key);
    p.active = i == 0;
    phases.push_back(std::move(p));
  }
  return phases;
}

const PhaseSpec* ActivePhase(const ProgrammeType& type, const std::vector<Phase>& phases) {
  for (const Phase& p : phases) {
    if (!p.active) continue;
    for (const PhaseSpec& spec : type.phases) {
      if (spec.key == p.key) return &spec;
    }
  }
  return nullptr;
}

Status CheckThemeSupportAllowed(const ProgrammeType& type, const std::vector<Phase>& phases) {
  const PhaseSpec* active = ActivePhase(type, phases);
  if (active && active->theme_support) return Ok();
  return Error{"phase", "Les thèmes ne se proposent et ne se soutiennent que pendant la phase « " +
                            std::string(type.phases.front().label) + " »" +
                            (active ? " ; la phase en cours est « " + std::string(active->label) + " »." : "."),
               {}};
}

Status CheckDeliverablesAllowed(const ProgrammeType& type, const std::vector<Phase>& phases) {
  const PhaseSpec* active = ActivePhase(type, phases);
  if (active && active->deliverables) return Ok();
  std::string allowed;
  for (const PhaseSpec& spec : type.phases) {
    if (spec.deliverables) allowed += (allowed.empty() ? "« " : ", « ") + std::string(spec.label) + " »";
  }
  return Error{"phase", "Les livrables se déposent pendant la phase " + allowed +
                            (active ? " ; la phase en cours est « " + std::string(active->label) + " »." : "."),
               {}};
}

std::string CohortFullMessage(const ProgrammeType& type) {
  return "Ce territoire n'a pas été retenu : une " + std::string(type.label) + " réunit " +
         std::to_string(type.min_territories) + " à " + std::to_string(type.max_territories) +
         " territoires, et " + std::to_string(type.max_territories) +
         " sont déjà sélectionnés. Retirez-en un pour en sélectionner un autre.";
}

std::string WaitlistMessage(const ProgrammeType& type) {
  return "Les " + std::to_string(type.max_territories) + " places de partie prenante sont prises (" +
         std::to_string(type.min_territories) + " à " + std::to_string(type.max_territories) +
         " collectivités par projet partagé) : votre collectivité est inscrite sur la liste d'attente, et l'ANCT "
         "arbitrera. Vous pouvez aussi suivre le projet comme observatrice, sans limite de nombre.";
}

std::optional<std::string> WorkingGroupWarning(const ProgrammeType& type, std::size_t members) {
  if (type.working_group_max == 0) return std::nullopt;
  const auto n = static_cast<int>(members);
  if (n >= type.working_group_min && n <= type.working_group_max) return std::nullopt;
  return "Le groupe de travail local compte " + Plural(n, "acteur", "acteurs") + " : une " + std::string(type.label) +
         " en prévoit " + std::to_string(type.working_group_min) + " à " + std::to_string(type.working_group_max) + ".";
}

const std::vector<std::pair<std::string, std::string>>& ActorKinds() {
  static const std::vector<std::pair<std::string, std::string>> kKinds = {
      {"association", "Association"},
      {"habitant", "Habitant"},
      {"entreprise", "Entreprise"},
      {"service_etat", "Service de l'État"},
      {"agence_urbanisme", "Agence d'urbanisme"},
      {"chambre_consulaire", "Chambre consulaire"},
      {"elu", "Élu"},
      {"agent", "Agent"},
      {"scolaire", "Scolaire"},
      {"autre", "Autre"},
  };
  return kKinds;
}

const std::vector<std::pair<std::string, std::string>>& PersonGroups() {
  static const std::vector<std::pair<std::string, std::string>> kGroups = {
      {"elu", "Élu"},
      {"agent", "Agent référent"},
      {"groupe_local", "Groupe de travail local"},
      {"groupe_enquete", "Groupe d'enquête mixte"},
  };
  return kGroups;
}

}  // namespace boussole::programmes
