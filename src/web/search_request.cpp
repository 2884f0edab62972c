// The search parameters shared by the API and the search page (issue 4, items 3 and 4).
#include "web/search_request.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "domain/catalogue/availability.h"
#include "domain/catalogue/vocabulary.h"
#include "search/synonyms.h"
#include "web/params.h"
#include "web/territory_param.h"
#include "web/views/territory_view.h"

namespace boussole::web {
namespace {

using search::Facet;

constexpr long kMaxSearchPage = 100000;
constexpr long kMaxSearchPerPage = 100;
constexpr std::size_t kMaxValues = 50;        // values of one repeated parameter
constexpr std::size_t kMaxValueLength = 200;  // characters of one value

// A facet parameter and its closed vocabulary (empty: open, e.g. porteur names).
struct FacetParam {
  Facet facet;
  std::vector<std::string> allowed;  // empty: any value
};

std::vector<std::string> Keys(const catalogue::Vocabulary& vocabulary) {
  std::vector<std::string> keys;
  for (const auto& [key, label] : vocabulary) keys.emplace_back(key);
  return keys;
}

const std::vector<FacetParam>& FacetParams() {
  static const std::vector<FacetParam> params{
      {Facet::kAudience, Keys(catalogue::Audiences())},
      {Facet::kType, Keys(catalogue::OfferTypes())},
      {Facet::kTypeGroup, {"financial", "engineering", "support"}},
      {Facet::kStage, Keys(catalogue::MobilizationSteps())},
      {Facet::kDestination, Keys(catalogue::Destinations())},
      {Facet::kTheme, Keys(catalogue::Themes())},
      {Facet::kCategory, {}},
      {Facet::kBacker, {}},
      {Facet::kProgramme, {}},
      {Facet::kRecurrence, Keys(catalogue::Recurrences())},
      {Facet::kStatus, {"open", "closing", "closed"}},
      {Facet::kCallForProjects, {"true"}},
      {Facet::kFree, {"true"}},
  };
  return params;
}

std::string JoinValues(const std::vector<std::string>& values) {
  std::string text;
  for (const auto& value : values) text.append(text.empty() ? "" : ", ").append(value);
  return text;
}

Error Bad(const std::string& name, const std::string& message) {
  return InvalidInput("Le paramètre « " + name + " » " + message, name);
}

// A parameter that takes one value must not be repeated.
Status Single(const Request& request, const std::string& name) {
  if (request.QueryAll(name).size() > 1) return Bad(name, "ne peut être donné qu'une fois.");
  return Ok();
}

bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return false;
  }
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (std::sscanf(std::string(text).c_str(), "%d-%u-%u", &y, &m, &d) != 3) return false;
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
}

}  // namespace

Result<ParsedSearch> ParseSearch(const WebContext& context, const Request& request) {
  ParsedSearch parsed;
  search::SearchQuery& query = parsed.query;
  nlohmann::json& echo = parsed.echo;
  for (const char* name : {"q", "territory", "deadline_before", "published_after", "sort", "page", "per_page"}) {
    if (auto single = Single(request, name); !single) return single.error();
  }

  auto page = IntParam(request, "page", 1, 1, kMaxSearchPage);
  if (!page) return page.error();
  auto per_page = IntParam(request, "per_page", 20, 1, kMaxSearchPerPage);
  if (!per_page) return per_page.error();
  parsed.page = page.value();
  parsed.per_page = per_page.value();
  query.page = static_cast<std::size_t>(parsed.page);
  query.per_page = static_cast<std::size_t>(parsed.per_page);

  auto text = TextParam(request, "q", 200);
  if (!text) return text.error();
  query.text = text.value();
  echo["q"] = query.text;

  auto territory = ReadTerritoryParam(request, "territory", context.store);
  if (!territory) return territory.error();
  echo["territory"] = nullptr;
  if (const auto& found = territory.value()) {
    parsed.territory_input = request.Query("territory").value_or("");
    parsed.territory_name = found->name;
    query.territory = found->id.ToString();
    query.covering = catalogue::PerimetersCovering(found->id, context.store);
    query.territory_population = found->population;
    echo["territory"] = query.territory;
  }

  for (const FacetParam& param : FacetParams()) {
    const std::string name(search::FacetKey(param.facet));
    std::vector<std::string> values;
    for (const std::string& value : request.QueryAll(name)) {
      if (value.empty()) continue;  // an unselected <select> of a form
      if (value.size() > kMaxValueLength) {
        return Bad(name, "a une valeur trop longue (" + std::to_string(kMaxValueLength) + " caractères au plus).");
      }
      if (!param.allowed.empty() && std::find(param.allowed.begin(), param.allowed.end(), value) == param.allowed.end()) {
        return Bad(name, "a une valeur inconnue : « " + value + " » (valeurs possibles : " + JoinValues(param.allowed) + ").");
      }
      if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
    }
    if (values.size() > kMaxValues) {
      return Bad(name, "a trop de valeurs (" + std::to_string(kMaxValues) + " au plus).");
    }
    echo[name] = values;
    query.Selected(param.facet) = std::move(values);
  }

  auto deadline = TextParam(request, "deadline_before", 40);
  if (!deadline) return deadline.error();
  echo["deadline_before"] = nullptr;
  if (!deadline.value().empty()) {
    if (!IsDate(deadline.value())) {
      return Bad("deadline_before", "doit être une date au format AAAA-MM-JJ (reçu : « " + deadline.value() + " »).");
    }
    query.deadline_before = deadline.value();
    echo["deadline_before"] = query.deadline_before;
  }

  auto published = TextParam(request, "published_after", 40);
  if (!published) return published.error();
  echo["published_after"] = nullptr;
  if (!published.value().empty()) {
    if (!IsDate(published.value())) {
      return Bad("published_after", "doit être une date au format AAAA-MM-JJ (reçu : « " + published.value() + " »).");
    }
    query.published_after = published.value();
    echo["published_after"] = query.published_after;
  }

  auto sort = TextParam(request, "sort", 40);
  if (!sort) return sort.error();
  const std::string sort_key = sort.value().empty() ? "relevance" : sort.value();
  if (sort_key == "relevance") query.sort = search::Sort::kRelevance;
  else if (sort_key == "deadline") query.sort = search::Sort::kDeadline;
  else if (sort_key == "name") query.sort = search::Sort::kName;
  else if (sort_key == "perimeter") query.sort = search::Sort::kNarrowestPerimeter;
  else if (sort_key == "newest") query.sort = search::Sort::kNewest;
  else {
    return Bad("sort", "a une valeur inconnue : « " + sort_key +
                           " » (valeurs possibles : relevance, deadline, newest, name, perimeter).");
  }
  echo["sort"] = sort_key;
  parsed.sort_key = sort_key;
  query.today = TodayUtc();
  return parsed;
}

std::shared_ptr<OfferSearch> MakeOfferSearch(const WebContext& context) {
  const auto file = context.assets_dir / "data/search/synonyms.txt";
  auto synonyms = search::Synonyms::Read(file);
  if (!synonyms) throw std::runtime_error("synonymes de recherche illisibles (" + file.string() + ") : " + synonyms.error().message);
  return std::make_shared<OfferSearch>(context.store, std::move(synonyms).value());
}

}  // namespace boussole::web
