#include "web/alert_search.h"

#include "web/http/url.h"
#include "web/search_request.h"

namespace boussole::web {

Result<std::set<std::string>> MatchSearch(const WebContext& context, OfferSearch& engine,
                                          std::string_view query_string) {
  auto pairs = ParseQuery(query_string);
  if (!pairs) return pairs.error();
  Request request;
  request.method = "GET";
  request.path = "/offres/recherche";
  request.target = request.path + "?" + std::string(query_string);
  request.query = std::move(pairs.value());
  auto parsed = ParseSearch(context, request);
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

}  // namespace boussole::web
