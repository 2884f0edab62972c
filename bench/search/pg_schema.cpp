#include "pg_schema.h"

#include <array>
#include <chrono>

#include "latency.h"
#include "search/ancestry.h"
#include "search/offer_filters.h"

namespace boussole::bench {
namespace {

// Aides-territoires: "french_unaccent" = french with unaccent before the stemmer; name
// weighted A, description B, eligibility C. A generated column keeps the vector in step
// with the text (Aides-territoires updates it from the application; same content).
constexpr const char* kPgSchema = R"SQL(
CREATE EXTENSION IF NOT EXISTS unaccent;
DROP TABLE IF EXISTS offers, offers_stage, perimeter_ancestors;
DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

CREATE UNLOGGED TABLE offers_stage (
  id text, slug text, name text, short_title text, initial_name text, description text, eligibility text,
  perimeter_id text, audiences text, types text, type_groups text, stages text, destinations text,
  themes text, categories text, backers text, programmes text, recurrence text,
  call_for_projects text, free text, submission_deadline text);

CREATE TABLE offers (
  id integer PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  short_title text NOT NULL,
  initial_name text NOT NULL,
  description text NOT NULL,
  eligibility text NOT NULL,
  perimeter_id text,
  audiences text[] NOT NULL,
  types text[] NOT NULL,
  type_groups text[] NOT NULL,
  stages text[] NOT NULL,
  destinations text[] NOT NULL,
  themes text[] NOT NULL,
  categories text[] NOT NULL,
  backers text[] NOT NULL,
  programmes text[] NOT NULL,
  recurrence text,
  call_for_projects boolean NOT NULL,
  free boolean NOT NULL,
  submission_deadline date,
  closed boolean NOT NULL DEFAULT false,
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('french_unaccent', name || ' ' || short_title || ' ' || initial_name), 'A') ||
    setweight(to_tsvector('french_unaccent', description), 'B') ||
    setweight(to_tsvector('french_unaccent', eligibility), 'C')) STORED);

CREATE TABLE perimeter_ancestors (
  perimeter_id text NOT NULL,
  ancestor_id text NOT NULL,
  PRIMARY KEY (perimeter_id, ancestor_id));
)SQL";

constexpr const char* kFromStage = R"SQL(
INSERT INTO offers (id, slug, name, short_title, initial_name, description, eligibility, perimeter_id,
  audiences, types, type_groups, stages, destinations, themes, categories, backers, programmes,
  recurrence, call_for_projects, free, submission_deadline)
SELECT id::integer, slug, name, short_title, initial_name, description, eligibility, NULLIF(perimeter_id, ''),
  audiences::text[], types::text[], type_groups::text[], stages::text[], destinations::text[], themes::text[],
  categories::text[], backers::text[], programmes::text[], NULLIF(recurrence, ''),
  call_for_projects::boolean, free::boolean, NULLIF(submission_deadline, '')::date
FROM offers_stage;
DROP TABLE offers_stage;
)SQL";

// Every index a search can use: the text, each facet array, the perimeter, and both
// directions of the ancestors table.
constexpr const char* kPgIndexes = R"SQL(
CREATE INDEX offers_search_vector ON offers USING gin (search_vector);
CREATE INDEX offers_audiences ON offers USING gin (audiences);
CREATE INDEX offers_types ON offers USING gin (types);
CREATE INDEX offers_type_groups ON offers USING gin (type_groups);
CREATE INDEX offers_stages ON offers USING gin (stages);
CREATE INDEX offers_destinations ON offers USING gin (destinations);
CREATE INDEX offers_themes ON offers USING gin (themes);
CREATE INDEX offers_backers ON offers USING gin (backers);
CREATE INDEX offers_programmes ON offers USING gin (programmes);
CREATE INDEX offers_perimeter ON offers (perimeter_id);
CREATE INDEX perimeter_ancestors_ancestor ON perimeter_ancestors (ancestor_id, perimeter_id);
)SQL";

// A text[] literal in PostgreSQL's array input syntax.
std::string ArrayLiteral(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (const std::string& value : values) {
    if (literal.size() > 1) literal += ',';
    literal += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
}

std::string Bool(const std::optional<bool>& value) { return value.value_or(false) ? "true" : "false"; }

}  // namespace

PgLoadTimes LoadBaseline(pqxx::connection& connection, const World& world) {
  PgLoadTimes times;
  {
    pqxx::nontransaction schema(connection);
    schema.exec(kPgSchema);
  }
  auto start = std::chrono::steady_clock::now();
  {
    pqxx::work tx(connection);
    {
      pqxx::stream_to offers(tx, "offers_stage");
      std::size_t id = 0;
      for (const auto& offer : world.corpus) {
        using search::Facet;
        const auto values = [&](Facet facet) { return ArrayLiteral(search::StaticFacetValues(offer, facet)); };
        offers << std::array<std::string, 21>{std::to_string(++id),
                                           offer.slug,
                                           offer.name,
                                           offer.short_title,
                                           offer.initial_name,
                                           offer.description,
                                           offer.eligibility,
                                           offer.perimeter,
                                           values(Facet::kAudience),
                                           values(Facet::kType),
                                           values(Facet::kTypeGroup),
                                           values(Facet::kStage),
                                           values(Facet::kDestination),
                                           values(Facet::kTheme),
                                           values(Facet::kCategory),
                                           values(Facet::kBacker),
                                           values(Facet::kProgramme),
                                           offer.recurrence,
                                           Bool(offer.is_call_for_projects),
                                           offer.is_charged.has_value() && !*offer.is_charged ? "true" : "false",
                                           offer.submission_deadline};
      }
      offers.complete();
    }
    tx.exec(kFromStage);
    {
      // Every territory's ancestors, not only the corpus' perimeters: the table a site
      // keeps up to date with the COG, whatever its offers.
      const search::Ancestry ancestry(world.inputs.territories);
      pqxx::stream_to ancestors(tx, "perimeter_ancestors");
      std::vector<std::string> ids{"pays:FR"};
      for (const auto& territory : world.inputs.territories.territories) ids.push_back(territory.id.ToString());
      for (const std::string& id : ids) {
        for (const std::string& ancestor : ancestry.Ancestors(id)) ancestors << std::array<std::string, 2>{id, ancestor};
      }
      ancestors.complete();
    }
    tx.commit();
  }
  times.copy_s = Since(start);
  start = std::chrono::steady_clock::now();
  {
    pqxx::nontransaction tx(connection);
    tx.exec(kPgIndexes);
  }
  times.index_s = Since(start);
  start = std::chrono::steady_clock::now();
  {
    pqxx::nontransaction tx(connection);
    tx.exec("VACUUM ANALYZE offers");
    tx.exec("VACUUM ANALYZE perimeter_ancestors");
  }
  times.analyze_s = Since(start);
  return times;
}

}  // namespace boussole::bench
