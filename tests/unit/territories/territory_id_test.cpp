#include <gtest/gtest.h>

#include "domain/territories/territory.h"

namespace boussole::territories {
namespace {

TEST(TerritoryId, ParsesTypedIds) {
  auto id = TerritoryId::Parse("commune:75056");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id.value().kind, Kind::kCommune);
  EXPECT_EQ(id.value().code, "75056");
  EXPECT_EQ(id.value().ToString(), "commune:75056");
  EXPECT_EQ(TerritoryId::Parse("departement:2a").value().code, "2A");
  EXPECT_EQ(TerritoryId::Parse("pays:FR").value().kind, Kind::kPays);
}

TEST(TerritoryId, RejectsMalformedIds) {
  EXPECT_FALSE(TerritoryId::Parse("75056").ok());
  EXPECT_FALSE(TerritoryId::Parse("ville:75056").ok());
  EXPECT_FALSE(TerritoryId::Parse("commune:7505").ok());
  EXPECT_FALSE(TerritoryId::Parse("epci:20005478").ok());
  EXPECT_FALSE(TerritoryId::Parse("region:7A").ok());
  EXPECT_FALSE(TerritoryId::Parse("commune:75'56").ok());
  EXPECT_EQ(TerritoryId::Parse("ville:1").error().code, "invalid_input");
}

TEST(CandidateIds, BareCodesFollowTheArchitectureRules) {
  auto five = CandidateIds("75056");
  ASSERT_EQ(five.size(), 2u);
  EXPECT_EQ(five[0].kind, Kind::kCommune);
  EXPECT_EQ(five[1].kind, Kind::kArrondissement);

  auto nine = CandidateIds("200054781");
  ASSERT_EQ(nine.size(), 2u);
  EXPECT_EQ(nine[0].kind, Kind::kEpci);
  EXPECT_EQ(nine[1].kind, Kind::kEpt);

  // "75" is a département when bare; the région needs its typed id.
  auto two = CandidateIds("75");
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].kind, Kind::kDepartement);
  EXPECT_EQ(CandidateIds("2a")[0].code, "2A");
  EXPECT_EQ(CandidateIds("971")[0].kind, Kind::kDepartement);
  EXPECT_EQ(CandidateIds("FR")[0].kind, Kind::kPays);
  EXPECT_EQ(CandidateIds("region:75")[0].kind, Kind::kRegion);
}

TEST(CandidateIds, NothingForNonCodes) {
  EXPECT_TRUE(CandidateIds("").empty());
  EXPECT_TRUE(CandidateIds("Paris").empty());
  EXPECT_TRUE(CandidateIds("1234").empty());
  EXPECT_TRUE(CandidateIds("commune:1").empty());
}

}  // namespace
}  // namespace boussole::territories
