#include "web/knowledge/portrait.h"

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "domain/catalogue/availability.h"
#include "domain/catalogue/vocabulary.h"
#include "domain/territories/labels.h"
#include "web/http/url.h"
#include "web/knowledge/participation.h"
#include "web/offer_search.h"
#include "web/projetotheque_request.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using territories::Kind;
using territories::Territory;
using territories::TerritoryId;

constexpr std::size_t kEvery = 1'000'000;
constexpr std::size_t kTopBackers = 10;

// The scales above `t` a portrait compares it with: its département (for the scales
// below it), its région, France.
std::vector<Territory> ScalesAbove(storage::Store& store, const Territory& t) {
  std::vector<Territory> scales;
  std::optional<Territory> departement;
  std::optional<Territory> region;
  for (const auto& parent : store.Parents(t.id)) {
    if (parent.id.kind == Kind::kDepartement && !departement) departement = parent;
    if (parent.id.kind == Kind::kRegion && !region) region = parent;
  }
  if (departement && !region) {
    for (const auto& parent : store.Parents(departement->id)) {
      if (parent.id.kind == Kind::kRegion) region = parent;
    }
  }
  if (departement) scales.push_back(*departement);
  if (region) scales.push_back(*region);
  if (t.id.kind != Kind::kPays) {
    if (auto france = store.FindTerritory(TerritoryId{Kind::kPays, "FR"})) scales.push_back(*france);
  }
  return scales;
}

// "Communes" → "communes": the labels start sentences elsewhere, here they end one.
std::string LowerFirst(std::string_view label) {
  std::string text(label);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

// Counted by the store: France holds 35 000 communes, and reading them to rank one took a
// quarter of a second per portrait.
json RankIn(storage::Store& store, const Territory& t, const Territory& scope) {
  if (!t.population) return nullptr;
  const auto rank = store.RankByPopulation(scope.id, t.id);
  if (!rank) return nullptr;
  return {{"scope", TerritorySummary(scope)},
          {"rank", rank->rank},
          {"of", rank->of},
          {"peers_label", LowerFirst(territories::KindPluralLabel(t.id.kind))}};
}

search::SearchResult OffersAt(const WebContext& context, const Territory& t) {
  search::SearchQuery query;
  query.today = TodayUtc();
  query.Selected(search::Facet::kStatus) = {"open"};
  query.per_page = 0;
  if (t.id.kind != Kind::kPays) {  // France: every offer, national or local
    query.territory = t.id.ToString();
    query.covering = catalogue::PerimetersCovering(t.id, context.store);
    query.territory_population = t.population;
  }
  return context.search->Current()->Search(query);
}

std::size_t CaseSheetsAt(const WebContext& context, const Territory& t) {
  search::CaseSheetQuery query;
  if (t.id.kind != Kind::kPays) query.territory = t.id.ToString();
  query.per_page = 0;
  return CaseSheetsOf(context)->Search(query).total;
}

// The counts of a facet, most frequent first, each with the search filtered by it.
json Counts(const std::map<std::string, std::size_t>& counts, const catalogue::Vocabulary* vocabulary,
            const std::string& search_url, search::Facet facet, std::size_t limit = kEvery) {
  const std::string joiner = search_url.find('?') == std::string::npos ? "?" : "&";
  std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  json items = json::array();
  for (const auto& [value, n] : sorted) {
    if (n == 0) continue;
    if (items.size() == limit) break;
    const std::string label = vocabulary ? std::string(catalogue::LabelOf(*vocabulary, value)) : value;
    items.push_back({{"value", value},
                     {"label", label.empty() ? value : label},
                     {"count", n},
                     {"url", search_url + joiner + std::string(search::FacetKey(facet)) + "=" + PercentEncode(value)}});
  }
  return items;
}

std::map<std::string, std::size_t> FacetOf(const search::SearchResult& result, search::Facet facet) {
  const auto found = result.facets.find(std::string(search::FacetKey(facet)));
  return found == result.facets.end() ? std::map<std::string, std::size_t>{} : found->second;
}

// The programme lists the territory (or a territory containing it) belongs to. No list
// loaded: "non disponible", never an empty list that would read as "member of none".
json Memberships(storage::Store& store, const Territory& t) {
  const auto loaded = store.MembershipLists();
  if (loaded.empty()) return {{"available", false}, {"text", "non disponible"}, {"lists", json::array()}};
  std::vector<std::string> ids = {t.id.ToString()};
  for (const auto& ancestor : store.Ancestors(t.id)) ids.push_back(ancestor.ToString());
  json lists = json::array();
  std::string text;
  for (const auto& list : store.ListsContaining(ids)) {
    lists.push_back({{"slug", list.slug}, {"name", list.name}, {"source", list.source}});
    text += (text.empty() ? "" : ", ") + list.name;
  }
  std::string checked;
  for (const auto& list : loaded) checked += (checked.empty() ? "" : ", ") + list.name;
  if (text.empty()) text = "aucune des listes chargées (" + checked + ")";
  return {{"available", true}, {"text", text}, {"lists", lists}, {"loaded", checked}};
}

}  // namespace

std::size_t CountOpenOffersAt(const WebContext& context, const Territory& t) { return OffersAt(context, t).total; }

std::size_t CountCaseSheetsAt(const WebContext& context, const Territory& t) { return CaseSheetsAt(context, t); }

namespace {

json ComparisonRow(const WebContext& context, const Territory& t) {
  return {{"territory", TerritorySummary(t)},
          {"population", t.population ? json(*t.population) : json(nullptr)},
          {"offers", OffersAt(context, t).total},
          {"case_sheets", CaseSheetsAt(context, t)}};
}

}  // namespace

json BuildPortrait(const WebContext& context, const Territory& t) {
  storage::Store& store = context.store;
  json portrait;
  portrait["territory"] = TerritorySummary(t);
  json parents = json::array();
  for (const auto& parent : store.Parents(t.id)) parents.push_back(TerritorySummary(parent));
  portrait["parents"] = parents;
  json children = json::array();
  for (Kind kind : {Kind::kRegion, Kind::kDepartement, Kind::kEpci, Kind::kEpt, Kind::kCommune}) {
    if (const std::size_t n = store.CountChildren(t.id, kind); n > 0) {
      children.push_back({{"kind", territories::KindKey(kind)}, {"label", territories::KindPluralLabel(kind)},
                          {"count", n}});
    }
  }
  portrait["children"] = children;

  const auto scales = ScalesAbove(store, t);
  json ranks = json::array();
  for (const auto& scale : scales) {
    if (json rank = RankIn(store, t, scale); !rank.is_null()) ranks.push_back(rank);
  }
  portrait["ranks"] = ranks;

  const search::SearchResult offers = OffersAt(context, t);
  const std::string search_url =
      t.id.kind == Kind::kPays ? "/offres/recherche" : "/offres/recherche?territory=" + PercentEncode(t.id.ToString());
  portrait["offers"] = {{"total", offers.total},
                        {"url", search_url},
                        {"by_type", Counts(FacetOf(offers, search::Facet::kType), &catalogue::OfferTypes(), search_url,
                                           search::Facet::kType)},
                        {"by_theme", Counts(FacetOf(offers, search::Facet::kTheme), &catalogue::Themes(), search_url,
                                            search::Facet::kTheme)},
                        {"by_backer", Counts(FacetOf(offers, search::Facet::kBacker), nullptr, search_url,
                                             search::Facet::kBacker, kTopBackers)}};
  portrait["projetotheque"] = {
      {"total", CaseSheetsAt(context, t)},
      {"url", t.id.kind == Kind::kPays ? "/projetotheque" : "/projetotheque?territory=" + PercentEncode(t.id.ToString())}};
  portrait["memberships"] = Memberships(store, t);
  const Participation participation = ParticipationOf(context, t);
  json by_state = json::array();
  for (const auto& [state, n] : participation.requests_by_state) by_state.push_back({{"state", state}, {"count", n}});
  portrait["requests"] = {{"total", participation.requests}, {"by_state", by_state}};
  json programmes = json::array();
  for (const auto& p : participation.programmes) {
    programmes.push_back({{"id", p.id}, {"title", p.title}, {"year", p.year}, {"historic", p.historic},
                          {"url", "/programmes/" + std::to_string(p.id)}});
  }
  portrait["programmes"] = programmes;

  json comparison = json::array();
  comparison.push_back(ComparisonRow(context, t));
  for (const auto& scale : scales) comparison.push_back(ComparisonRow(context, scale));
  portrait["comparison"] = comparison;
  return portrait;
}

}  // namespace boussole::web
