#include "domain/catalogue/offer_json.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

namespace boussole::catalogue {
namespace {

using nlohmann::json;

json ValidOfferDocument() {
  return json::parse(R"({
    "slug": "atelier-des-territoires-flash",
    "name": "Bénéficier de l'Atelier des territoires au format flash",
    "types": ["technical_engineering"],
    "mobilization_steps": ["preop"],
    "destinations": ["supply"],
    "perimeter": "pays:FR",
    "sources": [{"seed": "004_b5224686867642cb.txt", "quote": "ATELIER format FLASH",
                 "fields": ["name", "types", "mobilization_steps", "destinations", "perimeter"]}]
  })");
}

bool HasError(const ParsedOffer& parsed, const std::string& field) {
  for (const auto& e : parsed.errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(ParseOffer, AcceptsAValidDocumentAndRoundTrips) {
  ParsedOffer parsed = ParseOffer(ValidOfferDocument());
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().field << " " << parsed.errors.front().message;
  EXPECT_EQ(parsed.offer.types, std::vector<std::string>{"technical_engineering"});
  ParsedOffer again = ParseOffer(OfferToJson(parsed.offer));
  EXPECT_TRUE(again.errors.empty());
  EXPECT_EQ(OfferToJson(again.offer), OfferToJson(parsed.offer));
}

TEST(ParseOffer, NamesTheFieldOfAWrongEnumerationValue) {
  json doc = ValidOfferDocument();
  doc["mobilization_steps"] = {"preop", "construction"};
  ParsedOffer parsed = ParseOffer(doc);
  ASSERT_TRUE(HasError(parsed, "mobilization_steps[1]"));
  EXPECT_NE(parsed.errors.front().message.find("construction"), std::string::npos);
}

TEST(ParseOffer, CollectsEveryError) {
  json doc = ValidOfferDocument();
  doc["slug"] = "Pas Un Slug";
  doc["recurrence"] = "parfois";
  doc["submission_deadline"] = "2026-13-01";
  doc["origin_url"] = "javascript:alert(1)";
  doc["perimeter"] = "ville:Paris";
  doc["colour"] = "bleu";
  ParsedOffer parsed = ParseOffer(doc);
  for (const char* field : {"slug", "recurrence", "submission_deadline", "origin_url", "perimeter", "colour"}) {
    EXPECT_TRUE(HasError(parsed, field)) << field;
  }
}

TEST(ParseOffer, RequiresNameAndSources) {
  json doc = ValidOfferDocument();
  doc.erase("name");
  doc["sources"] = json::array();
  ParsedOffer parsed = ParseOffer(doc);
  EXPECT_TRUE(HasError(parsed, "name"));
  EXPECT_TRUE(HasError(parsed, "sources"));
}

TEST(ParseOffer, RefusesAFilledFieldThatNoSourceBacks) {
  json doc = ValidOfferDocument();
  doc["audiences"] = {"commune"};
  EXPECT_TRUE(HasError(ParseOffer(doc), "audiences"));
  doc["sources"][0]["fields"].push_back("audiences");
  EXPECT_FALSE(HasError(ParseOffer(doc), "audiences"));
}

TEST(ParseOffer, ChecksTypesOfValues) {
  json doc = ValidOfferDocument();
  doc["is_charged"] = "oui";
  doc["themes"] = "numerique";
  doc["amounts"] = {{"subsidy_rate_max", 150}};
  doc["porteurs"] = {{{"roles", {"financer"}}}};
  ParsedOffer parsed = ParseOffer(doc);
  EXPECT_TRUE(HasError(parsed, "is_charged"));
  EXPECT_TRUE(HasError(parsed, "themes"));
  EXPECT_TRUE(HasError(parsed, "amounts.subsidy_rate_max"));
  EXPECT_TRUE(HasError(parsed, "porteurs[0]"));
}

// A document whose perimeter is an ad-hoc list, with population conditions.
json AdhocDocument() {
  json doc = ValidOfferDocument();
  doc.erase("perimeter");
  doc["adhoc_perimeter"] = {{"name", "Trois communes"},
                            {"territories", {"commune:52250", "commune:52448", "epci:200068278"}}};
  doc["population_conditions"] = json::parse(R"([
    {"territory_kind": "commune", "min_population": null, "max_population": 20000, "effect": "eligibility"},
    {"territory_kind": "commune", "max_population": 3500, "effect": "free"}])");
  doc["sources"][0]["fields"] = {"name", "types", "mobilization_steps", "destinations", "adhoc_perimeter",
                                 "population_conditions"};
  return doc;
}

TEST(ParseOffer, ReadsAdhocPerimetersAndPopulationConditions) {
  ParsedOffer parsed = ParseOffer(AdhocDocument());
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().field << " " << parsed.errors.front().message;
  EXPECT_EQ(parsed.offer.adhoc_perimeter.name, "Trois communes");
  EXPECT_EQ(parsed.offer.adhoc_perimeter.territories.size(), 3u);
  ASSERT_EQ(parsed.offer.population_conditions.size(), 2u);
  const PopulationCondition& under = parsed.offer.population_conditions[0];
  EXPECT_EQ(under.max_population, 20000);
  EXPECT_FALSE(under.min_population.has_value());
  EXPECT_TRUE(under.Holds(19999));
  EXPECT_FALSE(under.Holds(20000));  // "moins de 20 000 habitants"
  EXPECT_EQ(parsed.offer.population_conditions[1].effect, "free");
  ParsedOffer again = ParseOffer(OfferToJson(parsed.offer));
  ASSERT_TRUE(again.errors.empty());
  EXPECT_EQ(OfferToJson(again.offer), OfferToJson(parsed.offer));
}

TEST(ParseOffer, RefusesMalformedAdhocPerimetersAndPopulationConditions) {
  const std::vector<std::pair<std::function<void(json&)>, std::string>> cases = {
      {[](json& d) { d["perimeter"] = "pays:FR"; }, "adhoc_perimeter"},
      {[](json& d) { d["adhoc_perimeter"]["territories"] = json::array(); }, "adhoc_perimeter.territories"},
      {[](json& d) { d["adhoc_perimeter"]["territories"][1] = "commune:52250"; }, "adhoc_perimeter.territories[1]"},
      {[](json& d) { d["adhoc_perimeter"]["territories"][0] = "ville:paris"; }, "adhoc_perimeter.territories[0]"},
      {[](json& d) { d["adhoc_perimeter"].erase("name"); }, "adhoc_perimeter.name"},
      {[](json& d) { d["adhoc_perimeter"]["couleur"] = "bleu"; }, "adhoc_perimeter.couleur"},
      {[](json& d) { d["adhoc_perimeter"] = "Trois communes"; }, "adhoc_perimeter"},
      {[](json& d) { d["population_conditions"][0]["territory_kind"] = "quartier"; }, "population_conditions[0].territory_kind"},
      {[](json& d) { d["population_conditions"][0].erase("effect"); }, "population_conditions[0].effect"},
      {[](json& d) { d["population_conditions"][0]["max_population"] = -5; }, "population_conditions[0].max_population"},
      {[](json& d) { d["population_conditions"][0]["max_population"] = 12.5; }, "population_conditions[0].max_population"},
      {[](json& d) { d["population_conditions"][1].erase("max_population"); }, "population_conditions[1]"},
      {[](json& d) { d["population_conditions"][0]["min_population"] = 20000; }, "population_conditions[0]"},
      {[](json& d) { d["population_conditions"][0]["seuil"] = 1; }, "population_conditions[0].seuil"},
      {[](json& d) { d["population_conditions"] = json::object(); }, "population_conditions"},
  };
  for (const auto& [mutate, field] : cases) {
    json doc = AdhocDocument();
    mutate(doc);
    ParsedOffer parsed = ParseOffer(doc);
    EXPECT_TRUE(HasError(parsed, field)) << field << ": " << (parsed.errors.empty() ? "no error" : parsed.errors.front().field);
  }
}

TEST(ParseOffer, RefusesPopulationConditionsNoSourceBacks) {
  json doc = AdhocDocument();
  doc["sources"][0]["fields"] = {"name", "types", "mobilization_steps", "destinations", "adhoc_perimeter"};
  EXPECT_TRUE(HasError(ParseOffer(doc), "population_conditions"));
}

TEST(ParseOffer, RefusesNonObjects) {
  EXPECT_FALSE(ParseOffer(json::array()).errors.empty());
  EXPECT_FALSE(ParseOffer(json("texte")).errors.empty());
}

}  // namespace
}  // namespace boussole::catalogue
