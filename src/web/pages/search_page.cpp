// GET /offres/recherche (issue 4, item 3): the offer search as a DSFR page that works
// without JavaScript. One GET form carries every filter, so that a result page's URL is the
// search itself (shareable); the parameters and their validation are the API's.
#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/catalogue/vocabulary.h"
#include "search/search_query.h"
#include "web/context.h"
#include "web/http/url.h"
#include "web/offer_search.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/search_request.h"
#include "web/views/offer_view.h"

#include <stdexcept>

namespace boussole::web {
namespace {

using search::Facet;
using Counts = std::map<std::string, std::size_t>;

constexpr long kPageWindow = 2;  // pages shown on each side of the current one

// The facets shown as checkbox groups; their legends are in templates/search.mustache.
constexpr Facet kCheckboxFacets[] = {Facet::kAudience, Facet::kTypeGroup, Facet::kType,
                                     Facet::kStage,    Facet::kDestination, Facet::kTheme,
                                     Facet::kBacker,   Facet::kStatus};

// Builds "/offres/recherche?…" with every active filter of `p`, `text` as q, and `page`.
std::string SearchUrl(const ParsedSearch& p, const std::string& text, long page) {
  std::string url = "/offres/recherche";
  char sep = '?';
  auto add = [&](std::string_view name, const std::string& value) {
    url += sep;
    url += name;
    url += '=';
    url += PercentEncode(value);
    sep = '&';
  };
  if (!text.empty()) add("q", text);
  if (!p.territory_input.empty()) add("territory", p.territory_input);
  for (std::size_t f = 0; f < search::kFacetCount; ++f) {
    for (const std::string& value : p.query.selected[f]) add(search::FacetKey(static_cast<Facet>(f)), value);
  }
  if (!p.query.deadline_before.empty()) add("deadline_before", p.query.deadline_before);
  if (!p.query.published_after.empty()) add("published_after", p.query.published_after);
  if (p.sort_key != "relevance") add("sort", p.sort_key);
  if (p.per_page != 20) add("per_page", std::to_string(p.per_page));
  if (page > 1) add("page", std::to_string(page));
  return url;
}

// The (key, label) values of a facet: its vocabulary in order, or, for open facets, the
// values the index counted (in their order) and the selected ones.
std::vector<std::pair<std::string, std::string>> FacetValues(Facet facet, const Counts& counts,
                                                             const std::vector<std::string>& selected) {
  std::vector<std::pair<std::string, std::string>> values;
  auto from = [&](const catalogue::Vocabulary& vocabulary) {
    for (const auto& [key, label] : vocabulary) values.emplace_back(key, label);
  };
  switch (facet) {
    case Facet::kAudience: from(catalogue::Audiences()); break;
    case Facet::kType: from(catalogue::OfferTypes()); break;
    case Facet::kStage: from(catalogue::MobilizationSteps()); break;
    case Facet::kDestination: from(catalogue::Destinations()); break;
    case Facet::kTheme: from(catalogue::Themes()); break;
    case Facet::kRecurrence: from(catalogue::Recurrences()); break;
    case Facet::kTypeGroup:
      for (const auto& [type, label] : catalogue::OfferTypes()) {
        const std::string group(search::TypeGroupKey(type));
        const bool known = std::any_of(values.begin(), values.end(), [&](const auto& v) { return v.first == group; });
        if (!known) values.emplace_back(group, catalogue::TypeGroupOf(type));
      }
      break;
    default:
      for (const auto& [key, count] : counts) values.emplace_back(key, key);
      for (const auto& key : selected) {
        if (!counts.contains(key)) values.emplace_back(key, key);
      }
      break;
  }
  return values;
}

// One checkbox group: the values with a match, plus the selected ones (to be unticked).
nlohmann::json FacetView(Facet facet, const search::SearchResult& result, const search::SearchQuery& query) {
  const std::string key(search::FacetKey(facet));
  static const Counts kNone;
  const auto found = result.facets.find(key);
  const Counts& counts = found == result.facets.end() ? kNone : found->second;
  const auto& selected = query.selected[static_cast<std::size_t>(facet)];
  nlohmann::json values = nlohmann::json::array();
  for (const auto& [value, label] : FacetValues(facet, counts, selected)) {
    const auto count = counts.find(value);
    const std::size_t n = count == counts.end() ? 0 : count->second;
    const bool checked = std::find(selected.begin(), selected.end(), value) != selected.end();
    if (n == 0 && !checked) continue;
    values.push_back({{"name", key},
                      {"value", value},
                      {"label", label},
                      {"count", n},
                      {"checked", checked},
                      {"id", "filtre-" + key + "-" + std::to_string(values.size())},
                      {"is_" + value, facet == Facet::kStatus}});
  }
  return {{"values", values}, {"show", !values.empty()}, {"active", !selected.empty()}};
}

// A facet with many open values (programme, category) or a short closed list, as a select.
// A select sends one value: the first selected one is shown as chosen.
nlohmann::json SelectView(Facet facet, const char* legend, const char* all_label, const search::SearchResult& result,
                          const search::SearchQuery& query) {
  const std::string key(search::FacetKey(facet));
  static const Counts kNone;
  const auto found = result.facets.find(key);
  const Counts& counts = found == result.facets.end() ? kNone : found->second;
  const auto& selected = query.selected[static_cast<std::size_t>(facet)];
  nlohmann::json options = nlohmann::json::array();
  for (const auto& [value, label] : FacetValues(facet, counts, selected)) {
    const auto count = counts.find(value);
    const std::size_t n = count == counts.end() ? 0 : count->second;
    const bool chosen = !selected.empty() && selected.front() == value;
    if (n == 0 && !chosen) continue;
    options.push_back({{"value", value}, {"label", label}, {"count", n}, {"selected", chosen}});
  }
  return {{"name", key}, {"legend", legend}, {"all_label", all_label}, {"options", options}, {"show", !options.empty()}};
}

// A single "true" facet (call for projects, free) as one checkbox.
nlohmann::json FlagView(Facet facet, const search::SearchResult& result, const search::SearchQuery& query) {
  const std::string key(search::FacetKey(facet));
  std::size_t count = 0;
  if (auto found = result.facets.find(key); found != result.facets.end()) {
    if (auto n = found->second.find("true"); n != found->second.end()) count = n->second;
  }
  return {{"count", count}, {"checked", !query.selected[static_cast<std::size_t>(facet)].empty()}};
}

nlohmann::json SearchPagination(const ParsedSearch& p, long page_count) {
  nlohmann::json pages = nlohmann::json::array();
  for (long n = 1; n <= page_count; ++n) {
    const bool edge = n == 1 || n == page_count;
    if (!edge && (n < p.page - kPageWindow || n > p.page + kPageWindow)) {
      if (n == p.page - kPageWindow - 1 || n == p.page + kPageWindow + 1) pages.push_back({{"ellipsis", true}});
      continue;
    }
    pages.push_back({{"number", n}, {"url", SearchUrl(p, p.query.text, n)}, {"current", n == p.page}});
  }
  nlohmann::json pagination{{"pages", pages}, {"show", page_count > 1}};
  if (p.page > 1) pagination["previous_url"] = SearchUrl(p, p.query.text, p.page - 1);
  if (p.page < page_count) pagination["next_url"] = SearchUrl(p, p.query.text, p.page + 1);
  return pagination;
}

nlohmann::json ResultsView(const WebContext& context, const search::OfferIndex& index,
                           const search::SearchResult& result) {
  nlohmann::json cards = nlohmann::json::array();
  for (const search::Hit& hit : result.hits) {
    nlohmann::json card = OfferViewModel(index.offers().at(hit.offer), context.store);
    card["local"] = hit.local;
    std::string porteurs;
    for (const auto& porteur : card["porteurs"]) {
      porteurs.append(porteurs.empty() ? "" : ", ").append(porteur["name"].get<std::string>());
    }
    card["porteurs_text"] = porteurs;
    cards.push_back(std::move(card));
  }
  return cards;
}

Response SearchPage(const WebContext& context, OfferSearch& engine, const Request& request) {
  auto parsed = ParseSearch(context, request);
  if (!parsed) {
    return RenderError(context, request, 400, parsed.error().message);
  }
  const ParsedSearch& p = parsed.value();
  const std::shared_ptr<const search::OfferIndex> index = engine.Current();
  const search::SearchResult result = index->Search(p.query);
  const auto per_page = static_cast<std::size_t>(p.per_page);
  const long page_count = result.total == 0 ? 1 : static_cast<long>((result.total + per_page - 1) / per_page);

  nlohmann::json view;
  view["q"] = p.query.text;
  view["territory_input"] = p.territory_input;
  view["territory_name"] = p.territory_name;
  view["deadline_before"] = p.query.deadline_before;
  view["published_after"] = p.query.published_after;
  view["per_page"] = p.per_page;
  view["per_page_custom"] = p.per_page != 20;
  view["sort_" + p.sort_key] = true;
  for (Facet facet : kCheckboxFacets) view["facet_" + std::string(search::FacetKey(facet))] = FacetView(facet, result, p.query);
  view["flag_call_for_projects"] = FlagView(Facet::kCallForProjects, result, p.query);
  view["flag_free"] = FlagView(Facet::kFree, result, p.query);
  view["select_programme"] = SelectView(Facet::kProgramme, "Programme", "Tous les programmes", result, p.query);
  view["select_category"] = SelectView(Facet::kCategory, "Catégorie", "Toutes les catégories", result, p.query);
  view["select_recurrence"] = SelectView(Facet::kRecurrence, "Récurrence", "Toutes", result, p.query);
  view["offers"] = ResultsView(context, *index, result);
  // A link, not a form: this page is cached for everyone, a CSRF token must not be in it.
  if (context.alerts) {
    const auto question = request.target.find('?');
    const std::string query_string = question == std::string::npos ? "" : request.target.substr(question + 1);
    view["alert_url"] = "/alertes/nouvelle?recherche=" + PercentEncode(query_string);
  }
  view["total"] = result.total;
  view["plural"] = result.total > 1;
  view["page"] = p.page;
  view["page_count"] = page_count;
  view["pagination"] = SearchPagination(p, page_count);
  if (!result.suggestion.empty() && result.suggestion != p.query.text) {
    view["suggestion"] = {{"text", result.suggestion}, {"url", SearchUrl(p, result.suggestion, 1)}};
  }
  return RenderPage(context, 200, "search", view, {"Rechercher une offre", {{"Offres", "/offres"}}, "offres"});
}

}  // namespace

void RegisterSearchPage(Router& router, const WebContext& context) {
  if (!context.search) throw std::logic_error("the offer index must be set up before the search routes");
  OfferSearch& engine = *context.search;
  router.Add("GET", "/offres/recherche", "offer_search_page",
             Cacheable(context, [&context, &engine](const Request& r) { return SearchPage(context, engine, r); }));
}

}  // namespace boussole::web
