// Projects of collectivités (issue 5, item 4): list, creation, edition, and the project page
// with the offers Boussole suggests (search/suggestions.h), the offers attached with where
// each application stands, and the history. Owners see everything; others see a public
// project's public part; a private project does not exist for them (404).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/catalogue/availability.h"
#include "domain/catalogue/vocabulary.h"
#include "domain/projects/project_rules.h"
#include "search/suggestions.h"
#include "web/form.h"
#include "web/http/url.h"
#include "web/offer_search.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using projects::Project;

constexpr std::size_t kSuggestions = 12;

std::optional<std::int64_t> IdParam(const Request& request, const char* name) {
  const std::string text = request.Param(name);
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(text);
}

// Whether the viewer may see and change the project: a member of its organisation, or a
// platform admin.
bool OwnsProject(const WebContext& context, const Project& project) {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return false;
  if (viewer.account->user.platform_admin) return true;
  return context.store.FindMembership(project.organisation_id, viewer.account->user.id).has_value();
}

json ProjectOptions(const catalogue::Vocabulary& vocabulary, const std::vector<std::string>& chosen) {
  json options = json::array();
  for (const auto& [key, label] : vocabulary) {
    const bool selected = std::find(chosen.begin(), chosen.end(), std::string(key)) != chosen.end();
    options.push_back({{"value", key}, {"label", label}, {"selected", selected}});
  }
  return options;
}

json FormView(const Project& p, const std::string& territory_input, const std::string& action) {
  json view;
  view["csrf"] = CurrentCsrfToken();
  view["action"] = action;
  view["name"] = p.name;
  view["public_description"] = p.public_description;
  view["private_description"] = p.private_description;
  view["territory"] = territory_input;
  view["stages"] = ProjectOptions(catalogue::MobilizationSteps(), {p.stage});
  view["themes"] = ProjectOptions(catalogue::Themes(), p.themes);
  view["budget"] = p.budget_euros ? std::to_string(*p.budget_euros) : "";
  view["due_date"] = p.due_date;
  view["contracts"] = ProjectOptions(projects::ProjectContracts(), {p.contract});
  view["is_public"] = p.is_public;
  return view;
}

void AddProjectFormErrors(json& view, const std::vector<Error>& errors) {
  json list = json::array();
  for (const Error& e : errors) {
    list.push_back({{"message", e.message}, {"field_id", e.field.empty() ? "" : "projet-" + e.field}});
    if (!e.field.empty()) view["error_" + e.field] = e.message;
  }
  view["errors"] = list;
  view["has_errors"] = !errors.empty();
  view["errors_title"] = "Le projet n'a pas été enregistré";
}

// Reads the project fields of a form; the territory code is resolved against the store.
std::vector<Error> ReadProjectForm(const WebContext& context, const Form& form, Project& p, std::string& territory_input) {
  std::vector<Error> errors;
  p.name = form.Get("name");
  p.public_description = form.Get("public_description");
  p.private_description = form.Get("private_description");
  p.stage = form.Get("stage");
  p.themes = form.GetAll("themes");
  p.due_date = form.Get("due_date");
  p.contract = form.Get("contract");
  p.is_public = form.Get("is_public") == "oui";
  p.budget_euros.reset();
  if (const std::string budget = form.Get("budget"); !budget.empty()) {
    if (budget.size() > 15 || budget.find_first_not_of("0123456789") != std::string::npos) {
      errors.push_back(InvalidInput("Le budget doit être un nombre entier d'euros (par exemple 250000).", "budget"));
    } else {
      p.budget_euros = std::stoll(budget);
    }
  }
  territory_input = form.Get("territory");
  p.territory.clear();
  if (auto found = ResolveTerritory(territory_input, context.store)) p.territory = found->id.ToString();
  for (Error& e : projects::ValidateProject(p)) errors.push_back(std::move(e));
  return errors;
}

json ProjectSummary(const Project& p) {
  return {{"id", p.id},
          {"url", "/projets/" + std::to_string(p.id)},
          {"name", p.name},
          {"stage", std::string(catalogue::LabelOf(catalogue::MobilizationSteps(), p.stage))},
          {"is_public", p.is_public},
          {"updated_on", p.updated_at.substr(0, 10)}};
}

// ---- an organisation's projects ------------------------------------------------------------

Response ProjectList(const WebContext& context, const Request& request) {
  const auto id = IdParam(request, "organisation");
  const auto organisation = id ? context.store.FindOrganisation(*id) : std::nullopt;
  if (!organisation) return RenderError(context, request, 404, "Cette organisation n'existe pas.");
  json list = json::array();
  for (const Project& p : context.store.ProjectsOf(organisation->id)) list.push_back(ProjectSummary(p));
  json view{{"organisation", organisation->name},
            {"new_url", "/organisations/" + std::to_string(organisation->id) + "/projets/nouveau"},
            {"projects", list},
            {"has_projects", !list.empty()},
            {"is_collectivite", organisation->kind == organisations::Kind::kCollectivite}};
  return RenderPage(context, 200, "projects", view, {"Projets", {{organisation->name, "/organisations/" + std::to_string(organisation->id)}}, ""});
}

Response NewProjectPage(const WebContext& context, const Request& request) {
  const auto id = IdParam(request, "organisation");
  const auto organisation = id ? context.store.FindOrganisation(*id) : std::nullopt;
  if (!organisation) return RenderError(context, request, 404, "Cette organisation n'existe pas.");
  if (organisation->kind != organisations::Kind::kCollectivite) {
    return RenderError(context, request, 400, "Seule une collectivité porte des projets dans Boussole.");
  }
  Project p;
  p.stage = "preop";
  const std::string territory = organisation->territory ? organisation->territory->ToString() : "";
  json view = FormView(p, territory, "/organisations/" + std::to_string(organisation->id) + "/projets");
  view["creating"] = true;
  return RenderPage(context, 200, "project_form", view, {"Nouveau projet", {{organisation->name, "/organisations/" + std::to_string(organisation->id)}}, ""});
}

Response CreateProject(const WebContext& context, const Request& request) {
  const auto id = IdParam(request, "organisation");
  const auto organisation = id ? context.store.FindOrganisation(*id) : std::nullopt;
  if (!organisation) return RenderError(context, request, 404, "Cette organisation n'existe pas.");
  if (organisation->kind != organisations::Kind::kCollectivite) {
    return RenderError(context, request, 400, "Seule une collectivité porte des projets dans Boussole.");
  }
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  Project p;
  p.organisation_id = organisation->id;
  p.created_by = CurrentViewer().account->user.id;
  std::string territory;
  const auto errors = ReadProjectForm(context, form.value(), p, territory);
  if (!errors.empty()) {
    json view = FormView(p, territory, "/organisations/" + std::to_string(organisation->id) + "/projets");
    view["creating"] = true;
    AddProjectFormErrors(view, errors);
    return RenderPage(context, 400, "project_form", view, {"Nouveau projet", {{organisation->name, "/organisations/" + std::to_string(organisation->id)}}, ""});
  }
  const Project created = context.store.CreateProject(p, NowUtc());
  return Response::Redirect(303, "/projets/" + std::to_string(created.id));
}

// ---- one project ---------------------------------------------------------------------------

json SuggestionsView(const WebContext& context, const Project& p, const std::vector<projects::ProjectOffer>& attached) {
  const auto index = context.search->Current();
  search::ProjectProfile profile;
  profile.territory = p.territory;
  if (auto id = territories::TerritoryId::Parse(p.territory)) {
    profile.covering = catalogue::PerimetersCovering(id.value(), context.store);
    if (auto t = context.store.FindTerritory(id.value())) profile.territory_population = t->population;
    profile.audience = id.value().kind == territories::Kind::kCommune ? "commune"
                       : id.value().kind == territories::Kind::kEpci ? "epci"
                       : id.value().kind == territories::Kind::kDepartement ? "department"
                       : id.value().kind == territories::Kind::kRegion ? "region" : "";
  }
  profile.stage = p.stage;
  profile.themes = p.themes;
  profile.words = p.name + "\n" + p.public_description + "\n" + p.private_description;
  profile.today = TodayUtc();
  json list = json::array();
  for (const auto& s : search::SuggestOffers(*index, profile, kSuggestions + attached.size())) {
    const bool known = std::any_of(attached.begin(), attached.end(), [&](const auto& a) { return a.offer_slug == s.slug; });
    if (known || list.size() == kSuggestions) continue;
    const auto& offer = index->offers()[s.offer];
    list.push_back({{"slug", s.slug}, {"name", offer.name}, {"url", "/offres/" + s.slug}, {"reasons", s.reasons}});
  }
  return list;
}

Response ProjectPage(const WebContext& context, const Request& request) {
  const auto id = IdParam(request, "project");
  const auto project = id ? context.store.FindProject(*id) : std::nullopt;
  const bool owner = project && OwnsProject(context, *project);
  if (!project || (!owner && !project->is_public)) return RenderError(context, request, 404, "Ce projet n'existe pas.");
  const auto organisation = context.store.FindOrganisation(project->organisation_id);
  json view = ProjectSummary(*project);
  view["owner"] = owner;
  view["organisation"] = organisation ? organisation->name : "";
  view["public_description"] = project->public_description;
  view["territory"] = project->territory;
  if (auto tid = territories::TerritoryId::Parse(project->territory)) {
    if (auto t = context.store.FindTerritory(tid.value())) view["territory_name"] = t->name;
  }
  json themes = json::array();
  for (const auto& theme : project->themes) themes.push_back(std::string(catalogue::LabelOf(catalogue::Themes(), theme)));
  view["has_themes"] = !themes.empty();
  view["themes"] = themes;
  view["contract"] = project->contract.empty() ? "" : std::string(catalogue::LabelOf(projects::ProjectContracts(), project->contract));
  view["due_date"] = project->due_date;
  const auto attached = context.store.OffersOf(project->id);
  json offers = json::array();
  for (const auto& a : attached) {
    auto offer = context.store.FindOffer(a.offer_slug);
    offers.push_back({{"slug", a.offer_slug},
                      {"name", offer ? offer->name : a.offer_slug},
                      {"url", "/offres/" + a.offer_slug},
                      {"status_label", std::string(catalogue::LabelOf(projects::OfferApplicationStatuses(), a.status))},
                      {"statuses", ProjectOptions(projects::OfferApplicationStatuses(), {a.status})},
                      {"status_date", a.status_date},
                      {"comment", a.comment}});
  }
  view["offers"] = offers;
  view["has_offers"] = !offers.empty();
  if (owner) {
    view["csrf"] = CurrentCsrfToken();
    view["private_description"] = project->private_description;
    view["budget"] = project->budget_euros ? FormatFrenchNumber(*project->budget_euros) + " €" : "";
    view["edit_url"] = "/projets/" + std::to_string(project->id) + "/modifier";
    view["published"] = !project->published_at.empty();
    view["sheet_url"] = "/projetotheque/" + std::to_string(project->id);
    view["suggestions"] = SuggestionsView(context, *project, attached);
    json history = json::array();
    for (const auto& e : context.store.HistoryOf(project->id)) {
      history.push_back({{"at", e.at.substr(0, 16)}, {"detail", e.detail}});
    }
    view["history"] = history;
    json pending = json::array();
    for (const auto& suggestion : context.store.PendingSuggestions(project->id)) {
      auto offer = context.store.FindOffer(suggestion.offer_slug);
      pending.push_back({{"suggestion", suggestion.id},
                         {"slug", suggestion.offer_slug},
                         {"offer_name", offer ? offer->name : suggestion.offer_slug},
                         {"author", suggestion.author.empty() ? "Un compte supprimé" : suggestion.author},
                         {"message", suggestion.message}});
    }
    view["pending"] = pending;
    view["has_pending"] = !pending.empty();
  } else if (CurrentViewer().signed_in()) {
    // Anyone signed in may suggest an offer for a public project.
    view["csrf"] = CurrentCsrfToken();
    json choices = json::array();
    for (const auto& offer : context.search->Current()->offers()) {
      choices.push_back({{"slug", offer.slug}, {"name", offer.name}});
    }
    view["suggest"] = {{"offers", choices}};
  }
  return RenderPage(context, 200, "project", view, {project->name, {{"Projets", ""}}, ""});
}

Response EditProjectPage(const WebContext& context, const Request& request) {
  const auto id = IdParam(request, "project");
  const auto project = id ? context.store.FindProject(*id) : std::nullopt;
  if (!project) return RenderError(context, request, 404, "Ce projet n'existe pas.");
  json view = FormView(*project, project->territory, "/projets/" + std::to_string(project->id));
  return RenderPage(context, 200, "project_form", view, {"Modifier le projet", {{project->name, "/projets/" + std::to_string(project->id)}}, ""});
}

Response UpdateProject(const WebContext& context, const Request& request) {
  const auto id = IdParam(request, "project");
  auto project = id ? context.store.FindProject(*id) : std::nullopt;
  if (!project) return RenderError(context, request, 404, "Ce projet n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  std::string territory;
  const auto errors = ReadProjectForm(context, form.value(), *project, territory);
  if (!errors.empty()) {
    json view = FormView(*project, territory, "/projets/" + std::to_string(project->id));
    AddProjectFormErrors(view, errors);
    return RenderPage(context, 400, "project_form", view, {"Modifier le projet", {{project->name, "/projets/" + std::to_string(project->id)}}, ""});
  }
  auto saved = context.store.UpdateProject(*project, CurrentViewer().account->user.id, NowUtc());
  if (!saved) return RenderError(context, request, 404, saved.error().message);
  return Response::Redirect(303, "/projets/" + std::to_string(project->id));
}

Response SaveProjectOffer(const WebContext& context, const Request& request) {
  const auto id = IdParam(request, "project");
  const auto project = id ? context.store.FindProject(*id) : std::nullopt;
  if (!project) return RenderError(context, request, 404, "Ce projet n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  projects::ProjectOffer attachment;
  attachment.project_id = project->id;
  attachment.offer_slug = form.value().Get("offer");
  attachment.status = form.value().Get("status").empty() ? "a_etudier" : form.value().Get("status");
  attachment.status_date = form.value().Get("status_date");
  attachment.comment = form.value().Get("comment");
  if (!context.store.FindOffer(attachment.offer_slug)) {
    return RenderError(context, request, 400, "L'offre « " + attachment.offer_slug + " » n'existe pas dans le catalogue.");
  }
  if (!catalogue::Contains(projects::OfferApplicationStatuses(), attachment.status)) {
    return RenderError(context, request, 400, "Statut inconnu : « " + attachment.status + " ».");
  }
  if (!attachment.status_date.empty() && (attachment.status_date.size() != 10 || attachment.status_date[4] != '-')) {
    return RenderError(context, request, 400, "La date doit être au format AAAA-MM-JJ.");
  }
  if (attachment.comment.size() > 5000) return RenderError(context, request, 400, "Le commentaire est trop long (5 000 caractères au plus).");
  context.store.SaveProjectOffer(attachment, CurrentViewer().account->user.id, NowUtc());
  return Response::Redirect(303, "/projets/" + std::to_string(project->id) + "#offres");
}

Response SuggestOffer(const WebContext& context, const Request& request) {
  const auto id = IdParam(request, "project");
  const auto project = id ? context.store.FindProject(*id) : std::nullopt;
  if (!project || (!project->is_public && !OwnsProject(context, *project))) {
    return RenderError(context, request, 404, "Ce projet n'existe pas.");
  }
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  projects::ProjectSuggestion suggestion;
  suggestion.project_id = project->id;
  suggestion.offer_slug = form.value().Get("offer");
  suggestion.message = form.value().Get("message");
  suggestion.user_id = CurrentViewer().account->user.id;
  if (!context.store.FindOffer(suggestion.offer_slug)) {
    return RenderError(context, request, 400, "L'offre « " + suggestion.offer_slug + " » n'existe pas dans le catalogue.");
  }
  if (suggestion.message.size() > 2000) return RenderError(context, request, 400, "Le message est trop long (2 000 caractères au plus).");
  auto saved = context.store.SuggestOffer(suggestion, NowUtc());
  if (!saved) return RenderError(context, request, 409, saved.error().message);
  return Response::Redirect(303, "/projets/" + std::to_string(project->id) + "?suggestion=envoyee");
}

Response DecideSuggestion(const WebContext& context, const Request& request) {
  const auto id = IdParam(request, "project");
  const auto suggestion = IdParam(request, "suggestion");
  const auto project = id ? context.store.FindProject(*id) : std::nullopt;
  if (!project || !suggestion) return RenderError(context, request, 404, "Cette suggestion n'existe pas.");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string decision = form.value().Get("decision");
  if (decision != "accepter" && decision != "refuser") {
    return RenderError(context, request, 400, "Décision inconnue : « " + decision + " » (accepter ou refuser).");
  }
  auto decided = context.store.DecideSuggestion(project->id, *suggestion, decision == "accepter",
                                                CurrentViewer().account->user.id, NowUtc());
  if (!decided) return RenderError(context, request, 404, decided.error().message);
  return Response::Redirect(303, "/projets/" + std::to_string(project->id) + "#offres");
}

}  // namespace

void RegisterProjectPages(Router& router, const WebContext& context) {
  auto add = [&](const char* method, const char* pattern, const char* name, PageHandler page) {
    AddPage(router, context, method, pattern, name, page);
  };
  add("GET", "/organisations/{organisation}/projets", "project_list", ProjectList);
  add("GET", "/organisations/{organisation}/projets/nouveau", "project_new_page", NewProjectPage);
  add("POST", "/organisations/{organisation}/projets", "project_create", CreateProject);
  add("GET", "/projets/{project}", "project_page", ProjectPage);
  add("GET", "/projets/{project}/modifier", "project_edit_page", EditProjectPage);
  add("POST", "/projets/{project}", "project_update", UpdateProject);
  add("POST", "/projets/{project}/offres", "project_offer_save", SaveProjectOffer);
  add("POST", "/projets/{project}/suggestions", "project_suggest_offer", SuggestOffer);
  add("POST", "/projets/{project}/suggestions/{suggestion}", "project_decide_suggestion", DecideSuggestion);
}

}  // namespace boussole::web
