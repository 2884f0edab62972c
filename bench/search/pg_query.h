#pragma once
// One bench query as PostgreSQL SQL doing the index's work: the matching offers (text
// with to_tsquery, territory through perimeter_ancestors, facets), the first page of 20 by
// ts_rank, the total, and the count of every facet value under the OTHER filters.
#include <functional>
#include <string>
#include <vector>

#include "query_set.h"

namespace boussole::bench {

struct PgQueryContext {
  std::vector<std::string> covering;  //!< the territory and its ancestors
  std::string today;                  //!< YYYY-MM-DD
  std::string closing_limit;          //!< today + 30 days
  std::function<std::string(const std::string&)> quote;  //!< an SQL string literal
};

//! One statement. Rows: ('hit', slug, rank) for the page, ('total', NULL, n), then
//! (facet key, value, count).
std::string PgQuerySql(const BenchQuery& query, const PgQueryContext& context);

//! The to_tsquery expression of a query text: words joined by | (any word matches, as in
//! the index, which ranks offers matching more words first), the last one as a prefix
//! (:*) when the text does not end with a space.
std::string TsQuery(const std::string& text);

}  // namespace boussole::bench
