#include "web/views/request_view.h"

#include <algorithm>

#include "domain/catalogue/vocabulary.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;

std::string FieldValueLabel(const requests::Field& field, const std::string& value, const WebContext& context) {
  if (field.kind == requests::FieldKind::kChoice || field.kind == requests::FieldKind::kChoices) {
    std::string out;
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      const std::string key = value.substr(start, comma - start);
      for (const auto& choice : field.choices) {
        if (choice.key == key) out += (out.empty() ? "" : " ; ") + std::string(choice.label);
      }
      start = comma + 1;
    }
    return out;
  }
  if (field.kind == requests::FieldKind::kOrganisation) {
    const auto organisation = context.store.FindOrganisation(std::stoll(value));
    return organisation ? organisation->name : value;
  }
  if (field.kind == requests::FieldKind::kEuros) return value + " €";
  return value;
}

json FieldsJson(const WebContext& context, const requests::FieldValues& values) {
  json out = json::array();
  for (const auto& field : requests::Fields()) {
    const auto it = values.find(std::string(field.name));
    if (it == values.end() || it->second.empty()) continue;
    out.push_back({{"name", field.name}, {"label", field.label}, {"value", it->second},
                   {"text", FieldValueLabel(field, it->second, context)}});
  }
  return out;
}

}  // namespace

std::set<requests::Party> ViewerParties(const WebContext& context, const requests::Request& request) {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return {};
  return requests::PartiesOf(request, context.store.ListMemberships(viewer.account->user.id));
}

bool ViewerMaySee(const WebContext& context, const requests::Request& request) {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return false;
  return viewer.account->user.platform_admin || !ViewerParties(context, request).empty();
}

std::vector<requests::Request> VisibleRequests(const WebContext& context) {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return {};
  const auto memberships = context.store.ListMemberships(viewer.account->user.id);
  std::vector<requests::Request> out;
  for (auto& r : context.store.ListRequests()) {
    if (viewer.account->user.platform_admin || !requests::PartiesOf(r, memberships).empty()) out.push_back(std::move(r));
  }
  return out;
}

std::optional<std::int64_t> PopulationOf(const WebContext& context, const requests::Request& request) {
  auto id = territories::TerritoryId::Parse(request.territory);
  if (!id) return std::nullopt;
  const auto territory = context.store.FindTerritory(id.value());
  return territory ? territory->population : std::nullopt;
}

std::optional<RequestScope> ViewerRequestScope(const WebContext& context) {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return std::nullopt;
  RequestScope scope;
  scope.national = viewer.account->user.platform_admin;
  for (const auto& m : context.store.ListMemberships(viewer.account->user.id)) {
    if (m.organisation.kind == organisations::Kind::kAnct) scope.national = true;
    if (m.organisation.kind == organisations::Kind::kDelegationTerritoriale && m.organisation.territory) {
      scope.departements.insert(m.organisation.territory->ToString());
    }
  }
  if (!scope.national && scope.departements.empty()) return std::nullopt;
  return scope;
}

requests::Dashboard DashboardOf(const WebContext& context, const RequestScope& scope) {
  std::vector<requests::DashboardInput> inputs;
  for (auto& r : context.store.ListRequests()) {
    if (!scope.national && !scope.departements.count(r.departement)) continue;
    requests::DashboardInput in;
    in.trail = context.store.TrailOf(r.id);
    in.population = PopulationOf(context, r);
    in.request = std::move(r);
    inputs.push_back(std::move(in));
  }
  return requests::ComputeDashboard(inputs, Rules(context));
}

std::map<int, requests::Envelope> EnvelopesOf(const WebContext& context) {
  return requests::MergeEnvelopes(Rules(context).envelopes, context.store.ListEngineeringBudgets());
}

const requests::MoneyRules& Rules(const WebContext& context) {
  static const requests::MoneyRules kDefaults;
  return context.money ? *context.money : kDefaults;
}

json RequestSummary(const WebContext& context, const requests::Request& r) {
  const requests::Workflow* workflow = requests::FindWorkflow(r.workflow);
  const auto organisation = context.store.FindOrganisation(r.organisation_id);
  return {{"id", r.id},
          {"url", "/demandes/" + std::to_string(r.id)},
          {"title", r.title},
          {"workflow", r.workflow},
          {"workflow_label", workflow ? std::string(workflow->label) : r.workflow},
          {"state", r.state},
          {"state_label", workflow ? requests::StateLabel(*workflow, r.state) : r.state},
          {"organisation_id", r.organisation_id},
          {"organisation", organisation ? organisation->name : ""},
          {"territory", r.territory},
          {"departement", r.departement},
          {"theme", r.theme},
          {"theme_label", std::string(catalogue::LabelOf(catalogue::Themes(), r.theme))},
          {"version", r.version},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"state_since", r.state_since}};
}

json RequestDetail(const WebContext& context, const requests::Request& r) {
  json view = RequestSummary(context, r);
  const requests::Workflow* workflow = requests::FindWorkflow(r.workflow);
  view["fields"] = FieldsJson(context, r.fields);
  if (r.project_id) {
    const auto project = context.store.FindProject(*r.project_id);
    view["project"] = {{"id", *r.project_id}, {"name", project ? project->name : ""},
                       {"url", "/projets/" + std::to_string(*r.project_id)}};
  }
  if (r.assignee_id) {
    const auto assignee = context.store.FindOrganisation(*r.assignee_id);
    view["assignee"] = {{"id", *r.assignee_id}, {"name", assignee ? assignee->name : ""}};
  }
  const auto population = PopulationOf(context, r);
  if (population) view["population"] = *population;
  if (const auto split = requests::SplitCost(r, population, Rules(context))) {
    view["cost"] = {{"total_euros", split->total},
                    {"collectivite_euros", split->collectivite},
                    {"anct_euros", split->anct},
                    {"cerema_euros", split->cerema},
                    {"rule", split->rule}};
  }
  json trail = json::array();
  for (const auto& e : context.store.TrailOf(r.id)) {
    json event{{"id", e.id},
               {"at", e.at},
               {"kind", e.kind},
               {"actor", e.user_name},
               {"transition", e.transition},
               {"from_state", e.from_state},
               {"to_state", e.to_state},
               {"text", e.text},
               {"fields", FieldsJson(context, e.values)}};
    if (workflow) {
      event["to_state_label"] = e.to_state.empty() ? "" : requests::StateLabel(*workflow, e.to_state);
      for (const auto& t : workflow->transitions) {
        if (t.key == e.transition) event["transition_label"] = t.label;
      }
    }
    if (e.file_id) {
      const auto file = context.store.FindFile(*e.file_id);
      event["file"] = {{"id", *e.file_id},
                       {"name", file ? file->original_name : ""},
                       {"content_type", file ? file->content_type : ""},
                       {"size", file ? file->size : 0},
                       {"sha256", file ? file->sha256 : ""},
                       {"url", "/demandes/" + std::to_string(r.id) + "/fichiers/" + std::to_string(*e.file_id)}};
    }
    trail.push_back(event);
  }
  view["trail"] = trail;
  return view;
}

json WorkflowsJson() {
  json out = json::array();
  for (const auto& w : requests::Workflows()) {
    json states = json::array();
    for (const auto& s : w.states) states.push_back({{"key", s.key}, {"label", s.label}, {"final", s.final}});
    json transitions = json::array();
    for (const auto& t : w.transitions) {
      json parties = json::array();
      for (auto p : t.parties) parties.push_back(requests::PartyKey(p));
      transitions.push_back({{"key", t.key},
                             {"label", t.label},
                             {"from", t.from},
                             {"to", t.to},
                             {"parties", parties},
                             {"required", t.required},
                             {"optional", t.optional}});
    }
    out.push_back({{"key", w.key}, {"label", w.label}, {"source", w.source}, {"states", states},
                   {"transitions", transitions}});
  }
  return out;
}

}  // namespace boussole::web
