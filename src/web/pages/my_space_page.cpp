// "Mon espace" (issue 8, item 2): for a signed-in member of a collectivité, everything that
// concerns it on one page — its projects with the status of each attached offer, its
// requests and their states, its collective programmes with the next seminars, the offers
// new for its territory since the previous visit, and the deadlines of the next 30 days.
#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/catalogue/availability.h"
#include "domain/programmes/programme_types.h"
#include "domain/projects/project_rules.h"
#include "domain/requests/workflow.h"
#include "web/offer_search.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;

constexpr int kHorizonDays = 30;
constexpr std::size_t kSeminarsShown = 3;

std::string DayAfter(const std::string& now, int days) {
  const auto t = ParseUtc(now);
  return t ? FormatUtc(*t + days * 24 * 3600).substr(0, 10) : now.substr(0, 10);
}

json ProjectsOf(const WebContext& context, std::int64_t organisation_id, json& deadlines, const std::string& today,
                const std::string& horizon) {
  json projects = json::array();
  for (const auto& p : context.store.ProjectsOf(organisation_id)) {
    json offers = json::array();
    for (const auto& a : context.store.OffersOf(p.id)) {
      const auto offer = context.store.FindOffer(a.offer_slug);
      offers.push_back({{"name", offer ? offer->name : a.offer_slug},
                        {"url", "/offres/" + a.offer_slug},
                        {"status", std::string(catalogue::LabelOf(projects::OfferApplicationStatuses(), a.status))},
                        {"status_date", a.status_date}});
    }
    if (!p.due_date.empty() && p.due_date >= today && p.due_date <= horizon) {
      deadlines.push_back({{"date", p.due_date}, {"what", "Échéance du projet « " + p.name + " »"},
                           {"url", "/projets/" + std::to_string(p.id)}});
    }
    projects.push_back({{"name", p.name}, {"url", "/projets/" + std::to_string(p.id)}, {"offers", offers},
                        {"has_offers", !offers.empty()}});
  }
  return projects;
}

json RequestsOf(const WebContext& context, std::int64_t organisation_id) {
  json requests = json::array();
  for (const auto& r : context.store.ListRequests()) {
    if (r.organisation_id != organisation_id) continue;
    const auto* workflow = requests::FindWorkflow(r.workflow);
    const auto* state = workflow ? requests::FindState(*workflow, r.state) : nullptr;
    requests.push_back({{"title", r.title},
                        {"url", "/demandes/" + std::to_string(r.id)},
                        {"workflow", workflow ? std::string(workflow->label) : r.workflow},
                        {"state", state ? std::string(state->label) : r.state},
                        {"since", r.state_since.substr(0, 10)}});
  }
  return requests;
}

// The programmes the organisation takes part in: registered (projet partagé) or with its
// territory in the cohort (Fabrique, Atelier).
json ProgrammesOf(const WebContext& context, const organisations::Organisation& org, json& deadlines,
                  const std::string& now, const std::string& horizon) {
  json programmes = json::array();
  const std::string territory = org.territory ? org.territory->ToString() : "";
  for (const auto& p : context.store.ListProgrammes()) {
    if (p.historic) continue;
    std::string role;
    for (const auto& participant : context.store.ParticipantsOf(p.id)) {
      if (participant.organisation_id == org.id) role = participant.role == "observer" ? "Observateur"
                                                       : participant.role == "waitlist" ? "En liste d'attente"
                                                                                         : "Partie prenante";
    }
    for (const auto& t : context.store.CohortOf(p.id)) {
      if (!territory.empty() && t.territory_id == territory) role = t.status == "selected" ? "Territoire retenu" : "Territoire proposé";
    }
    if (role.empty()) continue;
    std::vector<programmes::Seminar> next;
    for (const auto& s : context.store.SeminarsOf(p.id)) {
      if (s.starts_at.empty() || s.starts_at < now) continue;
      if (!s.territory_id.empty() && s.territory_id != territory) continue;  // another territory's local seminar
      next.push_back(s);
    }
    std::sort(next.begin(), next.end(), [](const auto& a, const auto& b) { return a.starts_at < b.starts_at; });
    json seminars = json::array();
    for (const auto& s : next) {
      const std::string url = "/programmes/" + std::to_string(p.id) + "/seminaires/" + std::to_string(s.id);
      if (s.starts_at.substr(0, 10) <= horizon) {
        deadlines.push_back({{"date", s.starts_at.substr(0, 10)}, {"what", "Séminaire « " + s.title + " » (" + p.title + ")"},
                             {"url", url}});
      }
      if (seminars.size() < kSeminarsShown) {
        seminars.push_back({{"title", s.title}, {"date", s.starts_at.substr(0, 10)}, {"url", url}});
      }
    }
    const auto* type = programmes::FindProgrammeType(p.type);
    programmes.push_back({{"title", p.title},
                          {"url", "/programmes/" + std::to_string(p.id)},
                          {"type", type ? std::string(type->label) : p.type},
                          {"role", role},
                          {"seminars", seminars},
                          {"has_seminars", !seminars.empty()}});
  }
  return programmes;
}

// Offers available at the territory: published since `since`, and closing by `horizon`.
void OffersFor(const WebContext& context, const territories::Territory& t, const std::string& since,
               const std::string& today, const std::string& horizon, json& fresh, json& deadlines) {
  const auto index = context.search->Current();
  search::SearchQuery query;
  query.today = today;
  query.territory = t.id.ToString();
  query.covering = catalogue::PerimetersCovering(t.id, context.store);
  query.territory_population = t.population;
  query.Selected(search::Facet::kStatus) = {"open"};
  query.sort = search::Sort::kNewest;
  query.per_page = std::max<std::size_t>(1, index->offers().size());
  for (const auto& hit : index->Search(query).hits) {
    const auto& offer = index->offers().at(hit.offer);
    if (offer.published_at > since) {
      fresh.push_back({{"name", offer.name}, {"url", "/offres/" + offer.slug}, {"published_on", offer.published_at.substr(0, 10)}});
    }
    if (!offer.submission_deadline.empty() && offer.submission_deadline >= today && offer.submission_deadline <= horizon) {
      deadlines.push_back({{"date", offer.submission_deadline}, {"what", "Date limite : " + offer.name},
                           {"url", "/offres/" + offer.slug}});
    }
  }
}

Response MySpacePage(const WebContext& context, const Request&) {
  const accounts::User& user = CurrentViewer().account->user;
  const std::string now = NowUtc();
  const std::string today = now.substr(0, 10);
  const std::string horizon = DayAfter(now, kHorizonDays);
  const std::string previous = context.store.SwapMySpaceVisit(user.id, now);
  // A first visit shows the last 30 days.
  const std::string since = previous.empty() ? FormatUtc(*ParseUtc(now) - kHorizonDays * 24 * 3600) : previous;
  json spaces = json::array();
  bool other_kinds = false;
  for (const auto& membership : context.store.ListMemberships(user.id)) {
    const auto& org = membership.organisation;
    if (org.kind != organisations::Kind::kCollectivite) {
      other_kinds = true;
      continue;
    }
    json deadlines = json::array();
    json fresh = json::array();
    json space{{"name", org.name}, {"url", "/organisations/" + std::to_string(org.id)}};
    std::optional<territories::Territory> territory;
    if (org.territory) territory = context.store.FindTerritory(*org.territory);
    if (territory) {
      space["territory"] = territory->name;
      space["territory_url"] = "/territoires/" + territory->id.ToString();
      OffersFor(context, *territory, since, today, horizon, fresh, deadlines);
    }
    space["projects"] = ProjectsOf(context, org.id, deadlines, today, horizon);
    space["requests"] = RequestsOf(context, org.id);
    space["programmes"] = ProgrammesOf(context, org, deadlines, now, horizon);
    std::sort(deadlines.begin(), deadlines.end(), [](const json& a, const json& b) { return a["date"] < b["date"]; });
    space["deadlines"] = deadlines;
    space["fresh"] = fresh;
    for (const char* list : {"projects", "requests", "programmes", "deadlines", "fresh"}) {
      space[std::string("has_") + list] = !space[list].empty();
    }
    space["new_project_url"] = "/organisations/" + std::to_string(org.id) + "/projets/nouveau";
    space["new_request_url"] = "/organisations/" + std::to_string(org.id) + "/demandes/nouvelle";
    spaces.push_back(std::move(space));
  }
  json view{{"spaces", spaces},
            {"has_spaces", !spaces.empty()},
            {"other_kinds", other_kinds},
            {"since", previous.empty() ? "les 30 derniers jours" : "votre visite du " + previous.substr(0, 10)},
            {"horizon", horizon}};
  return RenderPage(context, 200, "my_space", view, {"Mon espace", {}, "mon_espace"});
}

}  // namespace

void RegisterMySpacePage(Router& router, const WebContext& context) {
  if (context.search == nullptr) return;
  AddPage(router, context, "GET", "/mon-espace", "my_space_page", MySpacePage);
}

}  // namespace boussole::web
