// The national figures of the platform (issue 8, items 5 and 6): recomputed from the data
// at each change, never typed in; beside them, labelled as such, the figures the ANCT
// published in the seeds (data/figures/published.json, each with its quote). Charts are
// DSFR chart components over tables that carry the same figures without JavaScript, and
// each chart's data downloads as CSV.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/clock.h"
#include "core/files.h"
#include "domain/catalogue/vocabulary.h"
#include "domain/organisations/organisation.h"
#include "search/case_sheet_index.h"
#include "web/offer_search.h"
#include "web/pages/page.h"
#include "web/projetotheque_request.h"
#include "web/routes.h"
#include "web/tabular.h"

namespace boussole::web {
namespace {

using nlohmann::json;

struct Bar {
  std::string label;
  std::int64_t value = 0;
};

struct Chart {
  std::string slug;
  std::string title;
  std::string unit;
  std::vector<Bar> bars;
};

std::vector<Bar> FacetBars(const search::SearchResult& result, search::Facet facet, const catalogue::Vocabulary& labels) {
  std::vector<Bar> bars;
  const auto found = result.facets.find(std::string(search::FacetKey(facet)));
  if (found == result.facets.end()) return bars;
  for (const auto& [key, label] : labels) {
    const auto n = found->second.find(std::string(key));
    if (n != found->second.end() && n->second > 0) bars.push_back({std::string(label), static_cast<std::int64_t>(n->second)});
  }
  return bars;
}

std::vector<Chart> Charts(const WebContext& context) {
  search::SearchQuery open;
  open.today = TodayUtc();
  open.Selected(search::Facet::kStatus) = {"open"};
  const auto result = context.search->Current()->Search(open);
  return {{"offres-par-type", "Offres ouvertes par type", "offres", FacetBars(result, search::Facet::kType, catalogue::OfferTypes())},
          {"offres-par-thematique", "Offres ouvertes par thématique", "offres",
           FacetBars(result, search::Facet::kTheme, catalogue::Themes())}};
}

// The x and y attributes of <bar-chart>: JSON arrays of arrays.
json ChartView(const Chart& chart) {
  json x = json::array(), y = json::array(), rows = json::array();
  for (const auto& bar : chart.bars) {
    x.push_back(bar.label);
    y.push_back(bar.value);
    rows.push_back({{"label", bar.label}, {"value", bar.value}});
  }
  return {{"slug", chart.slug},
          {"title", chart.title},
          {"unit", chart.unit},
          {"x", json::array({x}).dump()},
          {"y", json::array({y}).dump()},
          {"name", json::array({chart.unit}).dump()},
          {"rows", rows},
          {"csv_url", "/chiffres/" + chart.slug + ".csv"}};
}

json PublishedFigures(const WebContext& context) {
  auto text = ReadWholeFile(context.assets_dir / "data/figures/published.json");
  if (!text) return json::array();
  json figures = json::array();
  for (const auto& f : json::parse(text.value(), nullptr, false).value("figures", json::array())) {
    figures.push_back({{"label", f.value("label", "")},
                       {"value", f.value("value", "")},
                       {"quote", f.value("quote", "")},
                       {"seed", f.value("seed", "")}});
  }
  return figures;
}

Response FiguresPage(const WebContext& context, const Request&) {
  const auto index = context.search->Current();
  search::SearchQuery open;
  open.today = TodayUtc();
  open.Selected(search::Facet::kStatus) = {"open"};
  std::set<std::string> local_perimeters;
  for (const auto& offer : index->offers()) {
    if (!offer.perimeter.empty() && offer.perimeter != "pays:FR") local_perimeters.insert(offer.perimeter);
  }
  std::map<std::string, std::int64_t> organisations;
  for (const auto& o : context.store.ListOrganisations()) ++organisations[std::string(organisations::KindLabel(o.kind))];
  json organisation_rows = json::array();
  for (const auto& [label, n] : organisations) organisation_rows.push_back({{"label", label}, {"value", n}});
  const std::size_t sheets = CaseSheetsOf(context)->size();
  json computed = json::array({
      json{{"label", "Offres publiées dans le catalogue"}, {"value", index->offers().size()}},
      json{{"label", "Offres ouvertes aujourd'hui"}, {"value", index->Search(open).total}},
      json{{"label", "Territoires visés par une offre locale"}, {"value", local_perimeters.size()}},
      json{{"label", "Fiches publiées dans la projetothèque"}, {"value", sheets}},
      json{{"label", "Organisations inscrites"}, {"value", context.store.ListOrganisations().size()}},
  });
  json charts = json::array();
  for (const auto& chart : Charts(context)) charts.push_back(ChartView(chart));
  json view{{"computed", computed},
            {"organisations", organisation_rows},
            {"has_organisations", !organisation_rows.empty()},
            {"charts", true},
            {"chart_list", charts},
            {"published", PublishedFigures(context)}};
  return RenderPage(context, 200, "figures", view, {"Chiffres", {}, "chiffres"});
}

Response ChartCsv(const WebContext& context, const Request& request) {
  std::string file = request.Param("chart");
  const std::string suffix = ".csv";
  if (file.size() > suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0) {
    file.resize(file.size() - suffix.size());
    for (const auto& chart : Charts(context)) {
      if (chart.slug != file) continue;
      Table table{chart.title, {"libellé", chart.unit}, {}, {}};
      for (const auto& bar : chart.bars) table.rows.push_back({bar.label, std::to_string(bar.value)});
      Response response;
      response.body = TableCsv(table);
      response.SetHeader("Content-Type", "text/csv; charset=utf-8");
      response.SetHeader("Content-Disposition", "attachment; filename=\"" + chart.slug + ".csv\"");
      return response;
    }
  }
  return RenderError(context, request, 404, "Aucun graphique de ce nom : les graphiques sont sur /chiffres.");
}

}  // namespace

void RegisterFiguresPages(Router& router, const WebContext& context) {
  if (context.search == nullptr) return;
  router.Add("GET", "/chiffres", "figures_page",
             Cacheable(context, [&context](const Request& r) { return FiguresPage(context, r); }));
  router.Add("GET", "/chiffres/{chart}", "figures_chart_csv",
             Cacheable(context, [&context](const Request& r) { return ChartCsv(context, r); }));
}

}  // namespace boussole::web
