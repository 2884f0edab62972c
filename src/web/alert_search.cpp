#include "web/alert_search.h"

#include "web/http/url.h"
#include "web/projetotheque_request.h"
#include "web/search_request.h"

namespace boussole::web {

namespace {

// The GET request of the search page that showed this query string.
Result<Request> SearchRequest(std::string path, std::string_view query_string) {
  auto pairs = ParseQuery(query_string);
  if (!pairs) return pairs.error();
  Request request;
  request.method = "GET";
  request.path = std::move(path);
  request.target = request.path + "?" + std::string(query_string);
  request.query = std::move(pairs.value());
  return request;
}

}  // namespace

Result<std::set<std::string>> MatchSearch(const WebContext& context, OfferSearch& engine,
                                          std::string_view query_string) {
  auto request = SearchRequest("/offres/recherche", query_string);
  if (!request) return request.error();
  auto parsed = ParseSearch(context, request.value());
  if (!parsed) return parsed.error();
  search::SearchQuery query = parsed.value().query;
  const auto index = engine.Current();
  // Every match, not the page the saved URL showed: a digest filters them by date.
  query.page = 1;
  query.per_page = std::max<std::size_t>(1, index->offers().size());
  std::set<std::string> slugs;
  for (const auto& hit : index->Search(query).hits) slugs.insert(hit.slug);
  return slugs;
}

Result<std::set<std::string>> MatchCaseSheetSearch(const WebContext& context, std::string_view query_string) {
  auto request = SearchRequest("/projetotheque", query_string);
  if (!request) return request.error();
  auto parsed = ParseCaseSheetSearch(context, request.value());
  if (!parsed) return parsed.error();
  search::CaseSheetQuery query = parsed.value().query;
  const auto index = CaseSheetsOf(context);
  query.page = 1;
  query.per_page = std::max<std::size_t>(1, index->size());
  std::set<std::string> ids;
  for (const auto* sheet : index->Search(query).items) ids.insert(std::to_string(sheet->id));
  return ids;
}

Result<std::set<std::string>> MatchAlertSearch(const WebContext& context, std::string_view target,
                                               std::string_view query_string) {
  if (target == "projects") return MatchCaseSheetSearch(context, query_string);
  if (context.search == nullptr) return Error{"unavailable", "La recherche d'offres n'est pas disponible.", ""};
  return MatchSearch(context, *context.search, query_string);
}

}  // namespace boussole::web
