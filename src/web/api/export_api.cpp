// GET /api/v1/offers/search.csv and GET /api/v1/offers/search.xlsx (issue 4, item 4): the
// whole result set of an offer search (every page: page and per_page are ignored), with the
// same parameters and the same validation as GET /api/v1/offers/search.
//
// Both are built in memory (the catalogue is small) by web/tabular.h.
#include <algorithm>
#include <array>
#include <optional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue/vocabulary.h"
#include "domain/territories/territory_repository.h"
#include "search/offer_filters.h"
#include "web/offer_search.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/search_request.h"
#include "web/tabular.h"

namespace boussole::web {
namespace {

constexpr std::array<std::string_view, 13> kColumns{
    "slug",     "nom",       "porteurs", "types",  "étapes", "dépenses", "bénéficiaires",
    "thématiques", "périmètre", "date limite", "statut", "local", "URL"};
constexpr std::array<double, 13> kWidths{30, 45, 35, 30, 30, 30, 30, 35, 25, 12, 14, 8, 40};

std::string JoinLabels(const std::vector<std::string>& keys, const catalogue::Vocabulary& vocabulary) {
  std::string out;
  for (const auto& key : keys) {
    if (!out.empty()) out += ", ";
    out += catalogue::LabelOf(vocabulary, key);
  }
  return out;
}

std::string PerimeterLabel(const catalogue::Offer& offer, territories::TerritoryRepository& repo) {
  if (offer.perimeter.empty()) return {};
  auto id = territories::TerritoryId::Parse(offer.perimeter);
  if (!id) return offer.perimeter;
  if (auto t = repo.FindTerritory(id.value())) return t->name;
  return offer.perimeter;
}

std::string ExportStatusLabel(const catalogue::Offer& offer, const std::string& today) {
  const auto values = search::StatusValues(offer, today, search::AddDays(today, 30));
  if (std::find(values.begin(), values.end(), "closed") != values.end()) return "clôturée";
  if (std::find(values.begin(), values.end(), "closing") != values.end()) return "bientôt close";
  return "ouverte";
}

using Row = std::array<std::string, 13>;

//! The rows of the whole result set, or the error response.
struct Export {
  std::vector<Row> rows;
  std::optional<Response> error;
};

Export Collect(const WebContext& context, OfferSearch& engine, const Request& request) {
  Export out;
  auto parsed = ParseSearch(context, request);
  if (!parsed) {
    out.error = RenderError(context, request, 400, parsed.error().message);
    return out;
  }
  search::SearchQuery query = parsed.value().query;
  const std::shared_ptr<const search::OfferIndex> index = engine.Current();
  query.page = 1;
  query.per_page = std::max<std::size_t>(1, index->offers().size());
  const search::SearchResult result = index->Search(query);
  out.rows.reserve(result.hits.size());
  for (const search::Hit& hit : result.hits) {
    const catalogue::Offer& offer = index->offers().at(hit.offer);
    std::string porteurs;
    for (const auto& p : offer.porteurs) {
      if (!porteurs.empty()) porteurs += ", ";
      porteurs += p.name;
    }
    out.rows.push_back(Row{offer.slug,
                           offer.name,
                           porteurs,
                           JoinLabels(offer.types, catalogue::OfferTypes()),
                           JoinLabels(offer.mobilization_steps, catalogue::MobilizationSteps()),
                           JoinLabels(offer.destinations, catalogue::Destinations()),
                           JoinLabels(offer.audiences, catalogue::Audiences()),
                           JoinLabels(offer.themes, catalogue::Themes()),
                           PerimeterLabel(offer, context.store),
                           offer.submission_deadline,
                           ExportStatusLabel(offer, query.today),
                           hit.local ? "oui" : "non",
                           "/offres/" + offer.slug});
  }
  return out;
}

Table OfferTable(const std::vector<Row>& rows) {
  Table table{"Offres", {kColumns.begin(), kColumns.end()}, {kWidths.begin(), kWidths.end()}, {}};
  for (const Row& row : rows) table.rows.emplace_back(row.begin(), row.end());
  return table;
}

Response Csv(const WebContext& context, OfferSearch& engine, const Request& request) {
  Export data = Collect(context, engine, request);
  if (data.error) return std::move(*data.error);
  Response response;
  response.status = 200;
  response.body = TableCsv(OfferTable(data.rows));
  response.SetHeader("Content-Type", "text/csv; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"offres-boussole.csv\"");
  return response;
}

Response Xlsx(const WebContext& context, OfferSearch& engine, const Request& request) {
  Export data = Collect(context, engine, request);
  if (data.error) return std::move(*data.error);
  Response response;
  response.status = 200;
  response.body = TableXlsx(OfferTable(data.rows));
  response.SetHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.SetHeader("Content-Disposition", "attachment; filename=\"offres-boussole.xlsx\"");
  return response;
}

}  // namespace

void RegisterExportApi(Router& router, const WebContext& context) {
  if (!context.search) throw std::logic_error("the offer index must be set up before the export routes");
  OfferSearch& engine = *context.search;
  router.Add("GET", "/api/v1/offers/search.csv", "api_offer_search_csv",
             [&context, &engine](const Request& r) { return Csv(context, engine, r); });
  router.Add("GET", "/api/v1/offers/search.xlsx", "api_offer_search_xlsx",
             [&context, &engine](const Request& r) { return Xlsx(context, engine, r); });
}

}  // namespace boussole::web
