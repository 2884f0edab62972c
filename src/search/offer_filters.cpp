#include "search/offer_filters.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "domain/catalogue/vocabulary.h"

namespace boussole::search {

std::string_view FacetKey(Facet facet) {
  switch (facet) {
    case Facet::kAudience: return "audience";
    case Facet::kType: return "type";
    case Facet::kTypeGroup: return "type_group";
    case Facet::kStage: return "stage";
    case Facet::kDestination: return "destination";
    case Facet::kTheme: return "theme";
    case Facet::kCategory: return "category";
    case Facet::kBacker: return "backer";
    case Facet::kProgramme: return "programme";
    case Facet::kRecurrence: return "recurrence";
    case Facet::kStatus: return "status";
    case Facet::kCallForProjects: return "call_for_projects";
    case Facet::kFree: return "free";
  }
  return "";
}

std::string_view TypeGroupKey(std::string_view type) {
  const std::string_view group = catalogue::TypeGroupOf(type);
  if (group == "Aide financière") return "financial";
  if (group == "Ingénierie") return "engineering";
  return "support";
}

std::vector<std::string> StaticFacetValues(const catalogue::Offer& offer, Facet facet) {
  switch (facet) {
    case Facet::kAudience: return offer.audiences;
    case Facet::kType: return offer.types;
    case Facet::kTypeGroup: {
      std::vector<std::string> groups;
      for (const std::string& type : offer.types) {
        std::string group(TypeGroupKey(type));
        if (std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(group);
      }
      return groups;
    }
    case Facet::kStage: return offer.mobilization_steps;
    case Facet::kDestination: return offer.destinations;
    case Facet::kTheme: return offer.themes;
    case Facet::kCategory: return offer.categories;
    case Facet::kBacker: {
      std::vector<std::string> names;
      for (const auto& porteur : offer.porteurs) names.push_back(porteur.name);
      return names;
    }
    case Facet::kProgramme: return offer.programmes;
    case Facet::kRecurrence:
      return offer.recurrence.empty() ? std::vector<std::string>{} : std::vector{offer.recurrence};
    case Facet::kCallForProjects:
      return offer.is_call_for_projects.value_or(false) ? std::vector<std::string>{"true"}
                                                        : std::vector<std::string>{};
    case Facet::kFree:
      return offer.is_charged.has_value() && !*offer.is_charged ? std::vector<std::string>{"true"}
                                                                 : std::vector<std::string>{};
    case Facet::kStatus: return {};
  }
  return {};
}

std::string AddDays(std::string_view date, int days) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (date.size() != 10 || std::sscanf(std::string(date).c_str(), "%d-%u-%u", &y, &m, &d) != 3) {
    return std::string(date);
  }
  const std::chrono::year_month_day start{std::chrono::year{y}, std::chrono::month{m},
                                          std::chrono::day{d}};
  if (!start.ok()) return std::string(date);
  const std::chrono::year_month_day end{std::chrono::sys_days{start} + std::chrono::days{days}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(end.year()),
                static_cast<unsigned>(end.month()), static_cast<unsigned>(end.day()));
  return buffer;
}

std::vector<std::string> StatusValues(const catalogue::Offer& offer, std::string_view today,
                                      std::string_view closing_limit) {
  const std::string& deadline = offer.submission_deadline;
  if (!offer.closed_at.empty() || (!deadline.empty() && deadline < today)) return {"closed"};
  if (!deadline.empty() && deadline <= closing_limit) return {"open", "closing"};
  return {"open"};
}

int PerimeterWidth(std::string_view typed_id) {
  const std::string_view kind = typed_id.substr(0, typed_id.find(':'));
  if (typed_id.empty()) return 5;
  if (kind == "commune" || kind == "arrondissement") return 0;
  if (kind == "epci" || kind == "ept") return 1;
  if (kind == "departement") return 2;
  if (kind == "region") return 3;
  return 4;
}

}  // namespace boussole::search
