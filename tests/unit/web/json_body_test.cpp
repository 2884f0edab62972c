// The JSON body reader of API writes: media type, syntax, then fields by name and type,
// each failure a French message naming its field; unknown fields refused.
#include <gtest/gtest.h>

#include "web/api/json_body.h"

namespace boussole::web {
namespace {

Request Json(std::string body, std::string type = "application/json") {
  Request request;
  request.method = "POST";
  request.path = "/api/v1/x";
  request.headers["content-type"] = std::move(type);
  request.body = std::move(body);
  return request;
}

TEST(ReadJsonObject, AcceptsAnObjectWithItsMediaTypeParameters) {
  auto body = ReadJsonObject(Json(R"({"a": 1})", "application/json; charset=utf-8"));
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body.value()["a"], 1);
}

TEST(ReadJsonObject, RefusesOtherMediaTypesMalformedTextAndNonObjects) {
  auto form = ReadJsonObject(Json("a=1", "application/x-www-form-urlencoded"));
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.error().code, "unsupported_media_type");
  EXPECT_NE(form.error().message.find("application/x-www-form-urlencoded"), std::string::npos);
  EXPECT_EQ(ReadJsonObject(Json("{}", "")).error().code, "unsupported_media_type");

  auto broken = ReadJsonObject(Json(R"({"a": )"));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, "invalid_input");
  EXPECT_NE(broken.error().message.find("n'est pas un JSON valide"), std::string::npos);
  EXPECT_EQ(ReadJsonObject(Json("[1, 2]")).error().message, "Le corps de la requête doit être un objet JSON ({…}).");
  EXPECT_FALSE(ReadJsonObject(Json("")).ok());
  // Found by fuzzing (tests/fuzz/corpus/json_body/number_overflow): not an exception.
  auto huge = ReadJsonObject(Json(R"({"version": 1e8888880})"));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().message, "Le corps de la requête contient un nombre trop grand.");
}

// Found by tests/fuzz/fuzz_api_json_body: a number beyond a double's range made the JSON
// parser throw out_of_range, which escaped the reader (a 500 instead of a 400).
TEST(ReadJsonObject, RefusesANumberTooLargeForADouble) {
  auto body = ReadJsonObject(Json(R"({"title": "x", "amount": 1e707})"));
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.error().code, "invalid_input");
  EXPECT_NE(body.error().message.find("nombre trop grand"), std::string::npos);
}

TEST(JsonFields, ReadsTypedFieldsAndTrimsText) {
  const nlohmann::json body = {{"title", "  Halles  "}, {"count", 3}, {"public", true}, {"themes", {"a", " b "}}};
  JsonFields fields(body);
  EXPECT_EQ(fields.String("title", true, 20), "Halles");
  EXPECT_EQ(fields.Int("count", true, 0, 10), 3);
  EXPECT_EQ(fields.Bool("public", false), true);
  EXPECT_EQ(fields.StringList("themes", false, 5, 10), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(fields.String("absent", false, 10), "");
  EXPECT_FALSE(fields.Int("other", false, 0, 1).has_value());
  EXPECT_FALSE(fields.Finish().has_value());
}

TEST(JsonFields, NamesTheFirstFieldAtFault) {
  struct Case {
    nlohmann::json body;
    std::string field;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{{"count", 1}}, "title", "Le champ « title » est obligatoire."},
      {{{"title", nullptr}, {"count", 1}}, "title", "Le champ « title » est obligatoire."},
      {{{"title", "   "}, {"count", 1}}, "title", "Le champ « title » ne peut pas être vide."},
      {{{"title", 12}, {"count", 1}}, "title", "Le champ « title » doit être une chaîne de caractères."},
      {{{"title", std::string(21, 'x')}, {"count", 1}}, "title", "Le champ « title » est trop long (20 octets au plus)."},
      {{{"title", "x"}, {"count", 1.5}}, "count", "Le champ « count » doit être un nombre entier."},
      {{{"title", "x"}, {"count", 11}}, "count", "Le champ « count » doit être compris entre 0 et 10."},
      {{{"title", "x"}, {"count", -1}}, "count", "Le champ « count » doit être compris entre 0 et 10."},
      {{{"title", "x"}, {"count", 18446744073709551615ULL}}, "count", "Le champ « count » doit être compris entre 0 et 10."},
      {{{"title", "x"}, {"count", 1}, {"public", "oui"}}, "public", "Le champ « public » doit valoir true ou false."},
      {{{"title", "x"}, {"count", 1}, {"themes", "a"}}, "themes", "Le champ « themes » doit être une liste de chaînes de caractères."},
      {{{"title", "x"}, {"count", 1}, {"themes", {1}}}, "themes", "Chaque élément du champ « themes » doit être une chaîne de 10 octets au plus."},
      {{{"title", "x"}, {"count", 1}, {"themes", {"a", "b", "c"}}}, "themes", "Le champ « themes » compte trop d'éléments (2 au plus)."},
      {{{"title", "x"}, {"count", 1}, {"titre", "faute"}}, "titre", "Le champ « titre » n'est pas attendu ici."},
  };
  for (const auto& c : cases) {
    JsonFields fields(c.body);
    fields.String("title", true, 20);
    fields.Int("count", true, 0, 10);
    fields.Bool("public", false);
    fields.StringList("themes", false, 2, 10);
    const auto problem = fields.Finish();
    ASSERT_TRUE(problem.has_value()) << c.body.dump();
    EXPECT_EQ(problem->field, c.field) << c.body.dump();
    EXPECT_EQ(problem->message, c.message) << c.body.dump();
  }
}

}  // namespace
}  // namespace boussole::web
