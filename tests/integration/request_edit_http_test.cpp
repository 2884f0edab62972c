// Editing a draft request and keeping the directory of engineering resources (issue 6,
// items 2 and 7) over real HTTP, on the backend of the run: a draft edited by its
// collectivité through the page and through the API, with the optimistic version, the
// creation's checks and the trail; refused outside the draft state and to other
// organisations. A structure of the directory edited and withdrawn by whoever keeps it
// (the préfecture of its département, the ANCT), refused to others; a withdrawn structure no
// longer suggested but still named by the request oriented to it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "storage/store.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

using nlohmann::json;
using organisations::Kind;
using territories::TerritoryId;

class RequestEditHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()}});
    store_ = std::move(storage::OpenStore(db_->url())).value();
    joinville_ = Org(Kind::kCollectivite, "Commune de Joinville", TerritoryId{territories::Kind::kCommune, "52250"});
    motte_ = Org(Kind::kCollectivite, "Commune de La Motte-Servolex", TerritoryId{territories::Kind::kCommune, "73179"});
    pref52_ = Org(Kind::kDelegationTerritoriale, "Préfecture de la Haute-Marne", TerritoryId{territories::Kind::kDepartement, "52"});
    pref73_ = Org(Kind::kDelegationTerritoriale, "Préfecture de la Savoie", TerritoryId{territories::Kind::kDepartement, "73"});
    anct_ = Org(Kind::kAnct, "ANCT", std::nullopt);
  }

  std::int64_t Org(Kind kind, const std::string& name, std::optional<TerritoryId> territory) {
    return store_->CreateOrganisation({kind, name, territory}, "2026-11-25T09:00:00Z").id;
  }

  FormBrowser Member(const std::string& local, std::int64_t organisation) {
    FormBrowser browser = SignedInBrowser(server_->port(), db_->url(), local + "@example.fr");
    const auto user = store_->FindUserByEmail(local + "@example.fr");
    EXPECT_TRUE(store_->AddMember(organisation, user->id, organisations::MemberRole::kMember, "2026-11-25T09:00:00Z").ok());
    return browser;
  }

  std::string Scalar(const std::string& sql) {
    const std::string rows = QueryRows(db_->url(), sql);
    return rows.substr(0, rows.find('\n'));
  }

  std::string Create(FormBrowser& browser, std::int64_t organisation, const std::string& title = "Revitaliser+le+centre-bourg") {
    browser.Get("/organisations/" + std::to_string(organisation) + "/demandes/nouvelle");
    HttpResponse r = browser.Post("/organisations/" + std::to_string(organisation) + "/demandes",
                                  "workflow=anct&title=" + title + "&theme=&besoin=Un+plan+guide&deja_tente=Une+etude");
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    const std::string location = r.headers["location"];
    return location.substr(location.rfind('/') + 1);
  }

  std::string Column(const std::string& id, const std::string& column) {
    return Scalar("SELECT " + column + " FROM requests WHERE id = " + id);
  }
  std::string Edits(const std::string& id) {
    return Scalar("SELECT COUNT(*) FROM request_events WHERE kind = 'edited' AND request_id = " + id);
  }

  // Takes a transition with the request's current version.
  HttpResponse Step(FormBrowser& browser, const std::string& id, const std::string& transition,
                    std::vector<std::pair<std::string, std::string>> fields = {}) {
    browser.Get("/demandes/" + id);
    fields.emplace_back("version", Column(id, "version"));
    fields.emplace_back("transition", transition);
    return browser.PostMultipart("/demandes/" + id + "/transitions", fields);
  }

  // Posts the edit form of `id` (read first, as a browser would) with `fields`.
  HttpResponse EditPage(FormBrowser& browser, const std::string& id, const std::string& fields) {
    browser.Get("/demandes/" + id + "/modifier");
    return browser.Post("/demandes/" + id + "/modifier", fields);
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::unique_ptr<storage::Store> store_;
  std::int64_t joinville_ = 0, motte_ = 0, pref52_ = 0, pref73_ = 0, anct_ = 0;
};

TEST_F(RequestEditHttp, ADraftIsEditedThroughItsPageWithTheVersionAndTheTrail) {
  FormBrowser commune = Member("maire", joinville_);
  const std::string id = Create(commune, joinville_);
  // The draft's page leads to its form, filled with the draft and its version.
  EXPECT_NE(commune.Get("/demandes/" + id).body.find("href=\"/demandes/" + id + "/modifier\""), std::string::npos);
  const HttpResponse form = commune.Get("/demandes/" + id + "/modifier");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"version\" value=\"1\""), std::string::npos);
  EXPECT_NE(form.body.find("value=\"Revitaliser le centre-bourg\""), std::string::npos);
  EXPECT_NE(form.body.find("name=\"csrf\""), std::string::npos);

  HttpResponse saved = EditPage(commune, id, "version=1&workflow=anct&title=Requalifier+la+friche&theme=&project="
                                             "&besoin=Un+diagnostic+foncier&deja_tente=Une+etude");
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  EXPECT_EQ(Column(id, "title"), "Requalifier la friche");
  EXPECT_EQ(Column(id, "version"), "2");
  EXPECT_EQ(Column(id, "state"), "brouillon");
  EXPECT_EQ(Edits(id), "1");
  const std::string page = commune.Get("/demandes/" + id).body;
  EXPECT_NE(page.find("Brouillon modifié : titre « Requalifier la friche » ; « Le besoin » réécrit."), std::string::npos) << page;
  EXPECT_NE(page.find("Un diagnostic foncier"), std::string::npos);

  // A form built from version 1 no longer wins: 409, nothing written.
  HttpResponse stale = commune.Post("/demandes/" + id + "/modifier",
                                    "version=1&workflow=anct&title=Autre+titre&theme=&project=&besoin=&deja_tente=");
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("Quelqu&apos;un a modifié ce brouillon pendant que vous le modifiiez"), std::string::npos)
      << stale.body.substr(0, 3000);
  EXPECT_EQ(Column(id, "title"), "Requalifier la friche");
  EXPECT_EQ(Column(id, "version"), "2");

  // Bad input: the creation's message by the field, nothing written.
  HttpResponse untitled = EditPage(commune, id, "version=2&workflow=anct&title=&theme=&project=&besoin=x&deja_tente=");
  EXPECT_EQ(untitled.status, 400);
  EXPECT_NE(untitled.body.find("Donnez un titre à la demande."), std::string::npos);
  HttpResponse theme = EditPage(commune, id, "version=2&workflow=anct&title=T&theme=inconnue&project=&besoin=&deja_tente=");
  EXPECT_EQ(theme.status, 400);
  EXPECT_NE(theme.body.find("Thématique inconnue."), std::string::npos);
  EXPECT_EQ(Column(id, "title"), "Requalifier la friche");
  EXPECT_EQ(Column(id, "version"), "2");
  EXPECT_EQ(Edits(id), "1");

  // Once deposited, no longer a draft: 409 naming the state, on the form and on the edit.
  ASSERT_EQ(Step(commune, id, "deposer", {{"besoin", "Un diagnostic"}, {"deja_tente", "Une étude"}}).status, 303);
  EXPECT_EQ(commune.Get("/demandes/" + id).body.find("/modifier\""), std::string::npos) << "no link once deposited";
  HttpResponse deposited = commune.Get("/demandes/" + id + "/modifier");
  EXPECT_EQ(deposited.status, 409);
  EXPECT_NE(deposited.body.find("La demande est à l&apos;état « Déposée » : seul un brouillon se modifie."), std::string::npos)
      << deposited.body.substr(0, 3000);
  commune.Get("/demandes/" + id);
  HttpResponse late = commune.Post("/demandes/" + id + "/modifier",
                                   "version=3&workflow=anct&title=Trop+tard&theme=&project=&besoin=&deja_tente=");
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(Column(id, "title"), "Requalifier la friche");
}

TEST_F(RequestEditHttp, ADraftIsEditedThroughTheApiByItsCollectiviteOnly) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser prefecture = Member("prefecture", pref52_);
  FormBrowser elsewhere = Member("ailleurs", motte_);
  for (FormBrowser* b : {&commune, &prefecture, &elsewhere}) ASSERT_FALSE(CreateApiToken(*b).empty());
  const std::string id = Create(commune, joinville_);
  const std::string url = "/api/v1/requests/" + id;
  const std::string body = R"({"version": 1, "workflow": "anct", "title": "Requalifier la friche", "theme": "mobilite-transports",)"
                           R"( "besoin": "Un diagnostic"})";

  // Other organisations, the préfecture included: 403, nothing written.
  EXPECT_EQ(prefecture.SendJson("PUT", url, body).status, 403);
  EXPECT_EQ(elsewhere.SendJson("PUT", url, body).status, 403);
  EXPECT_EQ(Column(id, "version"), "1");

  // Bad input: a problem naming what is wrong, nothing written.
  HttpResponse bad = commune.SendJson("PUT", url, R"({"version": 1, "workflow": "anct", "title": "T", "theme": "inconnue"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["detail"], "Thématique inconnue.");
  HttpResponse unknown = commune.SendJson("PUT", url, R"({"version": 1, "workflow": "anct", "title": "T", "etat": "deposee"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Column(id, "title"), "Revitaliser le centre-bourg");

  HttpResponse saved = commune.SendJson("PUT", url, body);
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json detail = json::parse(saved.body);
  EXPECT_EQ(detail["title"], "Requalifier la friche");
  EXPECT_EQ(detail["theme"], "mobilite-transports");
  EXPECT_EQ(detail["version"], 2);
  EXPECT_EQ(detail["state"], "brouillon");
  // The full body replaces the draft: "deja_tente", absent, is cleared.
  EXPECT_EQ(Scalar("SELECT fields FROM requests WHERE id = " + id).find("deja_tente"), std::string::npos);
  EXPECT_EQ(detail["trail"].back()["kind"], "edited");
  EXPECT_EQ(Edits(id), "1");

  // The same body again, with the version it was built from: 409.
  HttpResponse stale = commune.SendJson("PUT", url, body);
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(json::parse(stale.body)["detail"].get<std::string>().find("version 2"), std::string::npos) << stale.body;
  // Nothing changed: nothing stored.
  HttpResponse same = commune.SendJson("PUT", url, R"({"version": 2, "workflow": "anct", "title": "Requalifier la friche",)"
                                                   R"( "theme": "mobilite-transports", "besoin": "Un diagnostic"})");
  EXPECT_EQ(same.status, 200);
  EXPECT_EQ(Column(id, "version"), "2");
  EXPECT_EQ(Edits(id), "1");

  // Deposited: 409 naming the state.
  ASSERT_EQ(Step(commune, id, "deposer", {{"besoin", "Un diagnostic"}, {"deja_tente", "Une étude"}}).status, 303);
  HttpResponse late = commune.SendJson("PUT", url, R"({"version": 3, "workflow": "anct", "title": "Trop tard"})");
  EXPECT_EQ(late.status, 409);
  EXPECT_NE(json::parse(late.body)["detail"].get<std::string>().find("« Déposée »"), std::string::npos) << late.body;
  EXPECT_EQ(Column(id, "title"), "Requalifier la friche");
}

TEST_F(RequestEditHttp, AnotherOrganisationCannotEditTheDraftPage) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser prefecture = Member("prefecture", pref52_);
  FormBrowser elsewhere = Member("ailleurs", motte_);
  const std::string id = Create(commune, joinville_);
  for (FormBrowser* b : {&prefecture, &elsewhere}) {
    b->Get("/demandes");
    EXPECT_EQ(b->Get("/demandes/" + id + "/modifier").status, 403);
    EXPECT_EQ(b->Post("/demandes/" + id + "/modifier", "version=1&workflow=anct&title=Intrus").status, 403);
  }
  EXPECT_EQ(Column(id, "title"), "Revitaliser le centre-bourg");
  EXPECT_EQ(Edits(id), "0");
}

TEST_F(RequestEditHttp, TheKeeperOfAStructureEditsAndWithdrawsItOthersAreRefused) {
  FormBrowser marne = Member("prefecture", pref52_);
  FormBrowser savoie = Member("savoie", pref73_);
  FormBrowser anct = Member("anct", anct_);
  FormBrowser commune = Member("maire", joinville_);
  for (FormBrowser* b : {&marne, &savoie, &anct, &commune}) ASSERT_FALSE(CreateApiToken(*b).empty());
  marne.Get("/ressources");
  ASSERT_EQ(marne.Post("/ressources", "name=ATD+52&kind=agence_technique&territories=52").status, 303);
  const std::string rid = Scalar("SELECT MAX(id) FROM engineering_resources");
  const std::string edit = "/ressources/" + rid + "/modifier";
  // Its keeper sees the way to edit it; the others neither see it nor get in.
  EXPECT_NE(marne.Get("/ressources").body.find("href=\"" + edit + "\""), std::string::npos);
  EXPECT_EQ(savoie.Get("/ressources").body.find("href=\"" + edit + "\""), std::string::npos);
  EXPECT_EQ(savoie.Get(edit).status, 403);
  EXPECT_EQ(commune.Get(edit).status, 403);
  EXPECT_EQ(savoie.Post(edit, "name=Intrus&kind=caue&territories=73").status, 403);
  EXPECT_EQ(savoie.Post("/ressources/" + rid + "/retrait", "").status, 403);
  EXPECT_EQ(savoie.SendJson("PUT", "/api/v1/resources/" + rid, R"({"name": "Intrus", "kind": "caue", "territories": ["73"]})").status, 403);
  EXPECT_EQ(commune.SendJson("DELETE", "/api/v1/resources/" + rid).status, 403);
  EXPECT_EQ(Scalar("SELECT name FROM engineering_resources WHERE id = " + rid), "ATD 52");

  // The préfecture edits it through the page; a territory outside its département is refused.
  const HttpResponse form = marne.Get(edit);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"ATD 52\""), std::string::npos);
  EXPECT_NE(form.body.find("departement:52"), std::string::npos);
  EXPECT_EQ(marne.Post(edit, "name=ATD+de+la+Haute-Marne&kind=agence_technique&territories=departement%3A52&contact=atd%40example.fr").status, 303);
  EXPECT_EQ(Scalar("SELECT name || '|' || contact FROM engineering_resources WHERE id = " + rid), "ATD de la Haute-Marne|atd@example.fr");
  marne.Get(edit);
  HttpResponse outside = marne.Post(edit, "name=ATD&kind=agence_technique&territories=73179");
  EXPECT_EQ(outside.status, 400);
  EXPECT_NE(outside.body.find("n&apos;est pas dans votre département"), std::string::npos) << outside.body.substr(0, 3000);
  EXPECT_EQ(Scalar("SELECT name FROM engineering_resources WHERE id = " + rid), "ATD de la Haute-Marne");

  // The ANCT edits it through the API: the structure stays the préfecture's.
  HttpResponse bad = anct.SendJson("PUT", "/api/v1/resources/" + rid, R"({"name": "ATD", "kind": "inconnu", "territories": ["52"]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["detail"], "Choisissez le type de structure.");
  HttpResponse by_anct = anct.SendJson("PUT", "/api/v1/resources/" + rid,
                                       R"({"name": "ATD 52", "kind": "agence_technique", "themes": ["mobilite-transports"], "territories": ["52"]})");
  ASSERT_EQ(by_anct.status, 200) << by_anct.body;
  EXPECT_EQ(json::parse(by_anct.body)["name"], "ATD 52");
  EXPECT_EQ(Scalar("SELECT scope FROM engineering_resources WHERE id = " + rid), "departement:52");
  // A national structure of the ANCT is the ANCT's: the préfecture is refused.
  anct.Get("/ressources");
  ASSERT_EQ(anct.Post("/ressources", "name=Pole+national&kind=pole_anct&national=oui").status, 303);
  const std::string national = Scalar("SELECT MAX(id) FROM engineering_resources");
  EXPECT_EQ(marne.SendJson("DELETE", "/api/v1/resources/" + national).status, 403);

  // Withdrawn by its keeper (API), then the page: gone, twice is 404.
  EXPECT_EQ(marne.SendJson("DELETE", "/api/v1/resources/" + rid).status, 204);
  EXPECT_EQ(marne.SendJson("DELETE", "/api/v1/resources/" + rid).status, 404);
  EXPECT_EQ(marne.Get(edit).status, 404);
  EXPECT_EQ(anct.SendJson("PUT", "/api/v1/resources/" + rid, R"({"name": "ATD", "kind": "caue", "territories": ["52"]})").status, 404);
  anct.Get("/ressources");
  EXPECT_EQ(anct.Post("/ressources/" + national + "/retrait", "").status, 303);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM engineering_resources WHERE withdrawn_at <> ''"), "2") << "kept, withdrawn";
}

TEST_F(RequestEditHttp, AWithdrawnStructureIsNoLongerSuggestedButTheRequestOrientedToItStillNamesIt) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser marne = Member("prefecture", pref52_);
  ASSERT_FALSE(CreateApiToken(commune).empty());
  marne.Get("/ressources");
  ASSERT_EQ(marne.Post("/ressources", "name=ATD+de+la+Haute-Marne&kind=agence_technique&territories=52").status, 303);
  const std::string rid = Scalar("SELECT MAX(id) FROM engineering_resources");
  auto to_examination = [&](const std::string& title) {
    const std::string id = Create(commune, joinville_, title);
    EXPECT_EQ(Step(commune, id, "deposer", {{"besoin", "Un plan guide"}, {"deja_tente", "Rien"}}).status, 303);
    EXPECT_EQ(Step(marne, id, "prendre_en_charge", {{"referent", "M. Référent"}}).status, 303);
    EXPECT_EQ(Step(marne, id, "examiner").status, 303);
    return id;
  };
  auto suggestions = [&](const std::string& id) {
    const std::string page = marne.Get("/demandes/" + id).body;
    const auto list = page.find("id=\"suggestions\"");
    EXPECT_NE(list, std::string::npos);
    return list == std::string::npos ? "" : page.substr(list, page.find("</ol>", list) - list);
  };
  const std::string first = to_examination("Premiere");
  EXPECT_NE(suggestions(first).find("ATD de la Haute-Marne"), std::string::npos);
  ASSERT_EQ(Step(marne, first, "orienter", {{"ressource", "ATD de la Haute-Marne"}}).status, 303);

  marne.Get("/ressources");
  ASSERT_EQ(marne.Post("/ressources/" + rid + "/retrait", "").status, 303);
  const std::string second = to_examination("Seconde");
  EXPECT_EQ(suggestions(second).find("ATD de la Haute-Marne"), std::string::npos);
  EXPECT_NE(suggestions(second).find("Cerema"), std::string::npos) << "the other structures still are";
  EXPECT_EQ(marne.Get("/ressources?territoire=52250").body.find("ATD de la Haute-Marne"), std::string::npos);
  EXPECT_EQ(commune.Get("/api/v1/resources?territoire=52250").body.find("ATD de la Haute-Marne"), std::string::npos);
  // The request oriented to it still names it.
  EXPECT_NE(commune.Get("/demandes/" + first).body.find("ATD de la Haute-Marne"), std::string::npos);
  EXPECT_EQ(Scalar("SELECT name FROM engineering_resources WHERE id = " + rid), "ATD de la Haute-Marne");
}

}  // namespace
}  // namespace boussole::testing
