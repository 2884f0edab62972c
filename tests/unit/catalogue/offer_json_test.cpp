#include "domain/catalogue/offer_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace boussole::catalogue {
namespace {

using nlohmann::json;

json ValidDocument() {
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
  ParsedOffer parsed = ParseOffer(ValidDocument());
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().field << " " << parsed.errors.front().message;
  EXPECT_EQ(parsed.offer.types, std::vector<std::string>{"technical_engineering"});
  ParsedOffer again = ParseOffer(OfferToJson(parsed.offer));
  EXPECT_TRUE(again.errors.empty());
  EXPECT_EQ(OfferToJson(again.offer), OfferToJson(parsed.offer));
}

TEST(ParseOffer, NamesTheFieldOfAWrongEnumerationValue) {
  json doc = ValidDocument();
  doc["mobilization_steps"] = {"preop", "construction"};
  ParsedOffer parsed = ParseOffer(doc);
  ASSERT_TRUE(HasError(parsed, "mobilization_steps[1]"));
  EXPECT_NE(parsed.errors.front().message.find("construction"), std::string::npos);
}

TEST(ParseOffer, CollectsEveryError) {
  json doc = ValidDocument();
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
  json doc = ValidDocument();
  doc.erase("name");
  doc["sources"] = json::array();
  ParsedOffer parsed = ParseOffer(doc);
  EXPECT_TRUE(HasError(parsed, "name"));
  EXPECT_TRUE(HasError(parsed, "sources"));
}

TEST(ParseOffer, RefusesAFilledFieldThatNoSourceBacks) {
  json doc = ValidDocument();
  doc["audiences"] = {"commune"};
  EXPECT_TRUE(HasError(ParseOffer(doc), "audiences"));
  doc["sources"][0]["fields"].push_back("audiences");
  EXPECT_FALSE(HasError(ParseOffer(doc), "audiences"));
}

TEST(ParseOffer, ChecksTypesOfValues) {
  json doc = ValidDocument();
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

TEST(ParseOffer, RefusesNonObjects) {
  EXPECT_FALSE(ParseOffer(json::array()).errors.empty());
  EXPECT_FALSE(ParseOffer(json("texte")).errors.empty());
}

}  // namespace
}  // namespace boussole::catalogue
