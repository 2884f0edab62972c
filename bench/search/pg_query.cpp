#include "pg_query.h"

#include "search/search_query.h"

namespace boussole::bench {
namespace {

using search::Facet;

// Facet key → the column (or expression) holding its values, as text[].
struct FacetColumn {
  Facet facet;
  const char* expression;
};
const std::vector<FacetColumn> kColumns = {
    {Facet::kAudience, "o.audiences"},
    {Facet::kType, "o.types"},
    {Facet::kTypeGroup, "o.type_groups"},
    {Facet::kStage, "o.stages"},
    {Facet::kDestination, "o.destinations"},
    {Facet::kTheme, "o.themes"},
    {Facet::kCategory, "o.categories"},
    {Facet::kBacker, "o.backers"},
    {Facet::kProgramme, "o.programmes"},
    {Facet::kRecurrence, "CASE WHEN o.recurrence IS NULL THEN '{}'::text[] ELSE ARRAY[o.recurrence] END"},
    {Facet::kStatus, nullptr},  // needs the dates: built below
    {Facet::kCallForProjects, "CASE WHEN o.call_for_projects THEN '{true}'::text[] ELSE '{}'::text[] END"},
    {Facet::kFree, "CASE WHEN o.free THEN '{true}'::text[] ELSE '{}'::text[] END"},
};

std::string Column(Facet facet) { return "f" + std::to_string(static_cast<int>(facet)); }

}  // namespace

std::string TsQuery(const std::string& text) {
  const std::vector<std::string> words = PlainWords(text);
  const bool prefix = !text.empty() && text.back() != ' ';
  std::string expression;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) expression += " | ";
    expression += "'" + words[i] + "'";
    if (prefix && i + 1 == words.size()) expression += ":*";
  }
  return expression;
}

std::string PgQuerySql(const BenchQuery& query, const PgQueryContext& context) {
  const auto& quote = context.quote;
  const std::string status = "CASE WHEN o.closed OR o.submission_deadline < " + quote(context.today) +
                             "::date THEN ARRAY['closed'] WHEN o.submission_deadline <= " + quote(context.closing_limit) +
                             "::date THEN ARRAY['open', 'closing'] ELSE ARRAY['open'] END";
  // Selected facet i fails → bit i. At most one failure keeps a row: it counts in that
  // facet only (the facet's counts ignore its own filter); no failure: a hit.
  std::vector<std::string> conditions;
  std::string failed = "0";
  std::vector<std::pair<Facet, int>> bits;
  for (std::size_t i = 0; i < query.facets.size(); ++i) {
    const auto& [facet, value] = query.facets[i];
    std::string expression;
    for (const auto& column : kColumns) {
      if (column.facet == facet) expression = column.expression;
    }
    const std::string condition = expression + " && ARRAY[" + quote(value) + "]::text[]";
    conditions.push_back(condition);
    failed += " + CASE WHEN " + condition + " THEN 0 ELSE " + std::to_string(1 << i) + " END";
    bits.emplace_back(facet, 1 << i);
  }

  std::vector<std::string> where;
  const bool has_text = !PlainWords(query.text).empty();
  if (has_text) where.push_back("o.search_vector @@ q.query");
  if (!query.territory.empty()) {
    std::string covering;
    for (const std::string& id : context.covering) covering += (covering.empty() ? "" : ", ") + quote(id);
    where.push_back("(o.perimeter_id IN (" + covering +
                    ") OR o.perimeter_id IN (SELECT a.perimeter_id FROM perimeter_ancestors a WHERE a.ancestor_id = " +
                    quote(query.territory) + "))");
  }
  // "All filters but one hold", spelt so that the planner can combine the GIN indexes:
  // an OR of ANDs over every way to leave one filter out.
  if (conditions.size() >= 2) {
    std::string any;
    for (std::size_t skip = 0; skip < conditions.size(); ++skip) {
      std::string all;
      for (std::size_t i = 0; i < conditions.size(); ++i) {
        if (i != skip) all += (all.empty() ? "" : " AND ") + conditions[i];
      }
      any += (any.empty() ? "(" : " OR (") + all + ")";
    }
    where.push_back("(" + any + ")");
  }

  std::string sql = has_text ? "WITH q AS (SELECT to_tsquery('french_unaccent', " + quote(TsQuery(query.text)) + ") AS query),\n"
                             : "WITH ";
  sql += "base AS MATERIALIZED (\n  SELECT o.slug, " + std::string(has_text ? "ts_rank(o.search_vector, q.query)" : "0::real") +
         " AS rank, " + failed + " AS failed";
  for (const auto& column : kColumns) {
    sql += ",\n    " + (column.expression ? std::string(column.expression) : status) + " AS " + Column(column.facet);
  }
  sql += "\n  FROM offers o" + std::string(has_text ? ", q" : "");
  for (std::size_t i = 0; i < where.size(); ++i) sql += (i == 0 ? "\n  WHERE " : "\n    AND ") + where[i];
  sql += "\n)\n";
  sql += "SELECT 'hit' AS kind, slug AS value, rank::float8 AS n FROM (SELECT slug, rank FROM base WHERE failed = 0 "
         "ORDER BY rank DESC, slug LIMIT 20) page\n";
  sql += "UNION ALL SELECT 'total', NULL, count(*)::float8 FROM base WHERE failed = 0\n";
  sql += "UNION ALL SELECT f.facet, f.value, count(*)::float8 FROM base CROSS JOIN LATERAL (";
  for (std::size_t c = 0; c < kColumns.size(); ++c) {
    const Facet facet = kColumns[c].facet;
    std::string keep = "base.failed = 0";
    for (const auto& [selected, bit] : bits) {
      if (selected == facet) keep = "base.failed IN (0, " + std::to_string(bit) + ")";
    }
    sql += std::string(c == 0 ? "\n    " : "\n    UNION ALL ") + "SELECT '" + std::string(search::FacetKey(facet)) +
           "' AS facet, unnest(base." + Column(facet) + ") AS value WHERE " + keep;
  }
  sql += "\n  ) f GROUP BY f.facet, f.value";
  return sql;
}

}  // namespace boussole::bench
