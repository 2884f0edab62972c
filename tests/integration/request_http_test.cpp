// Requests ("saisines", issue 6) over real HTTP, on the backend of the run: the ANCT
// workflow from brouillon to clôturée through the commune, its préfecture and the ANCT; the
// Atelier des territoires through the DDT(M) and the DGALN; the Cerema's freemium; every
// (workflow, state, transition, party) allowed or refused as the tables say; another
// département's préfecture refused; files checked from their content, shared by servers;
// concurrent transitions on one version: one wins, the other gets a conflict.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "domain/requests/workflow.h"
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

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Title (Plan guide) >> endobj\ntrailer << >>\n%%EOF\n";
const std::string kElf = std::string("\x7f" "ELF\x02\x01\x01\0", 8) + std::string(56, '\0');

class RequestHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    files_ = (dir_.path() / "fichiers").string();
    server_.emplace(db_->url(), Env());
    store_ = std::move(storage::OpenStore(db_->url())).value();
    const std::string at = "2026-11-25T09:00:00Z";
    joinville_ = Org(Kind::kCollectivite, "Commune de Joinville", TerritoryId{territories::Kind::kCommune, "52250"});
    motte_ = Org(Kind::kCollectivite, "Commune de La Motte-Servolex", TerritoryId{territories::Kind::kCommune, "73179"});
    pref52_ = Org(Kind::kDelegationTerritoriale, "Préfecture de la Haute-Marne", TerritoryId{territories::Kind::kDepartement, "52"});
    pref73_ = Org(Kind::kDelegationTerritoriale, "Préfecture de la Savoie", TerritoryId{territories::Kind::kDepartement, "73"});
    anct_ = Org(Kind::kAnct, "ANCT", std::nullopt);
    cerema_ = Org(Kind::kOperateur, "Cerema", std::nullopt);
    dgaln_ = Org(Kind::kOperateur, "DGALN", std::nullopt);
  }

  std::map<std::string, std::string> Env() const {
    return {{"BOUSSOLE_SMTP_URL", sink_.url()}, {"BOUSSOLE_FILES_DIR", files_}, {"BOUSSOLE_CEREMA_FREEMIUM_DAYS", "3"}};
  }

  std::int64_t Org(Kind kind, const std::string& name, std::optional<TerritoryId> territory) {
    return store_->CreateOrganisation({kind, name, territory}, "2026-11-25T09:00:00Z").id;
  }

  FormBrowser Member(const std::string& local, std::int64_t organisation) {
    FormBrowser browser = SignedInBrowser(server_->port(), sink_, db_->url(), local + "@example.fr");
    const auto user = store_->FindUserByEmail(local + "@example.fr");
    EXPECT_TRUE(store_->AddMember(organisation, user->id, organisations::MemberRole::kMember, "2026-11-25T09:00:00Z").ok());
    return browser;
  }

  std::string Scalar(const std::string& sql) {
    const std::string rows = QueryRows(db_->url(), sql);
    return rows.substr(0, rows.find('\n'));
  }

  std::string Create(FormBrowser& browser, std::int64_t organisation, const std::string& workflow) {
    browser.Get("/organisations/" + std::to_string(organisation) + "/demandes/nouvelle");
    HttpResponse r = browser.Post("/organisations/" + std::to_string(organisation) + "/demandes",
                                  "workflow=" + workflow + "&title=Revitaliser+le+centre-bourg&theme=" +
                                      "&besoin=Un+plan+guide&deja_tente=Une+etude+en+2019");
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    const std::string location = r.headers["location"];
    return location.substr(location.rfind('/') + 1);
  }

  std::string Version(const std::string& id) { return Scalar("SELECT version FROM requests WHERE id = " + id); }
  std::string State(const std::string& id) { return Scalar("SELECT state FROM requests WHERE id = " + id); }

  // Takes a transition with the current version (read from the page, as a browser would).
  HttpResponse Step(FormBrowser& browser, const std::string& id, const std::string& transition,
                    std::vector<std::pair<std::string, std::string>> fields = {}, std::vector<FilePart> files = {}) {
    HttpResponse page = browser.Get("/demandes/" + id);
    std::smatch m;
    std::string version = Version(id);
    if (std::regex_search(page.body, m, std::regex(R"(name="version" value="(\d+)\")"))) version = m[1];
    fields.emplace_back("version", version);
    fields.emplace_back("transition", transition);
    return browser.PostMultipart("/demandes/" + id + "/transitions", fields, files);
  }

  json Api(FormBrowser& browser, const std::string& id) { return json::parse(browser.Get("/api/v1/requests/" + id).body); }

  SmtpSink sink_;
  TempDir dir_;
  std::string files_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::unique_ptr<storage::Store> store_;
  std::int64_t joinville_ = 0, motte_ = 0, pref52_ = 0, pref73_ = 0, anct_ = 0, cerema_ = 0, dgaln_ = 0;
};

TEST_F(RequestHttp, AnAnctRequestOfASmallCommuneGoesFromDraftToClosedAndCostsItNothing) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser prefecture = Member("prefecture", pref52_);
  FormBrowser anct = Member("anct", anct_);
  const std::string id = Create(commune, joinville_, "anct");
  EXPECT_EQ(State(id), "brouillon");
  EXPECT_EQ(Step(commune, id, "deposer", {{"besoin", "Un plan guide"}, {"deja_tente", "Une étude"}}).status, 303);
  // The préfecture, which acts next, is told; the maire, who acted, and the ANCT, not yet.
  auto notified = [&](const std::string& email) {
    return Scalar("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.topic = 'request'"
                  " AND u.email = '" + email + "'");
  };
  EXPECT_EQ(notified("prefecture@example.fr"), "1");
  EXPECT_EQ(notified("maire@example.fr"), "0");
  EXPECT_EQ(notified("anct@example.fr"), "0");
  EXPECT_EQ(Step(prefecture, id, "prendre_en_charge", {{"referent", "M. Référent"}}).status, 303);
  EXPECT_EQ(Step(prefecture, id, "examiner", {{"comite", "Aucune ressource locale disponible"}}).status, 303);
  // The justification is mandatory.
  HttpResponse missing = Step(prefecture, id, "transmettre");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("Justification de la transmission"), std::string::npos);
  EXPECT_EQ(Step(prefecture, id, "transmettre", {{"justifications", "fragilite"}, {"justifications", "innovant_complexe"}}).status, 303);
  EXPECT_EQ(Step(anct, id, "instruire", {{"charge_de_mission", "Mme Chargée"}, {"echange", "Échange avec le maire"}}).status, 303);
  EXPECT_EQ(Step(anct, id, "definir_reponse", {{"mode", "marche_ingenierie"}, {"cout_euros", "30000"}}).status, 303);
  EXPECT_EQ(Step(anct, id, "engager").status, 303);
  EXPECT_EQ(Step(anct, id, "demarrer").status, 303);
  EXPECT_EQ(Step(anct, id, "livrer", {}, {{"livrable", "plan-guide.pdf", "application/pdf", kPdf}}).status, 303);
  EXPECT_EQ(Step(anct, id, "cloturer", {{"bilan", "Plan guide remis"}}).status, 303);
  EXPECT_EQ(State(id), "cloturee");
  EXPECT_NE(notified("anct@example.fr"), "0");
  EXPECT_NE(notified("maire@example.fr"), "0");
  const json detail = Api(commune, id);
  EXPECT_EQ(detail["state"], "cloturee");
  EXPECT_EQ(detail["cost"]["total_euros"], 30000);
  EXPECT_EQ(detail["cost"]["collectivite_euros"], 0);
  EXPECT_EQ(detail["cost"]["anct_euros"], 30000);
  // The trail: creation + 10 transitions, each with its actor.
  ASSERT_EQ(detail["trail"].size(), 11u);
  EXPECT_EQ(detail["trail"][1]["transition"], "deposer");
  EXPECT_FALSE(detail["trail"][1]["actor"].get<std::string>().empty());
  EXPECT_EQ(detail["trail"][9]["transition"], "livrer");
  ASSERT_TRUE(detail["trail"][9].contains("file"));
  const std::string page = commune.Get("/demandes/" + id).body;
  EXPECT_NE(page.find("<td id=\"cout-collectivite\">0 €</td>"), std::string::npos);
  // The deliverable downloads for the commune, with its stored type.
  HttpResponse file = commune.Get(detail["trail"][9]["file"]["url"].get<std::string>());
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPdf);
  EXPECT_EQ(file.headers["content-type"], "application/pdf");
  EXPECT_EQ(file.headers["x-content-type-options"], "nosniff");
  EXPECT_NE(file.headers["content-disposition"].find("plan-guide.pdf"), std::string::npos);
  // The trail is append-only, in the database itself.
  EXPECT_THROW(ExecSql(db_->url(), "UPDATE request_events SET text = 'réécrit' WHERE request_id = " + id), std::exception);
}

TEST_F(RequestHttp, AnInvalidTransitionIsAConflictNamingTheStateAndTheNextSteps) {
  FormBrowser commune = Member("maire", joinville_);
  const std::string id = Create(commune, joinville_, "anct");
  HttpResponse r = Step(commune, id, "cloturer");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("Brouillon"), std::string::npos) << r.body.substr(0, 3000);
  EXPECT_NE(r.body.find("Déposer la demande"), std::string::npos);
  EXPECT_EQ(State(id), "brouillon");
}

TEST_F(RequestHttp, AnotherDepartementsPrefectureIsRefused) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser savoie = Member("savoie", pref73_);
  FormBrowser marne = Member("marne", pref52_);
  const std::string id = Create(commune, joinville_, "anct");
  EXPECT_EQ(Step(commune, id, "deposer", {{"besoin", "Un plan guide"}, {"deja_tente", "Rien"}}).status, 303);
  EXPECT_EQ(savoie.Get("/demandes/" + id).status, 403);
  EXPECT_EQ(savoie.Get("/api/v1/requests/" + id).status, 403);
  savoie.Get("/demandes");
  EXPECT_EQ(savoie.PostMultipart("/demandes/" + id + "/transitions",
                                 {{"version", Version(id)}, {"transition", "prendre_en_charge"}, {"referent", "X"}}).status,
            403);
  EXPECT_EQ(json::parse(savoie.Get("/api/v1/requests").body)["requests"].size(), 0u);
  EXPECT_EQ(marne.Get("/demandes/" + id).status, 200);
  EXPECT_EQ(json::parse(marne.Get("/api/v1/requests").body)["requests"].size(), 1u);
  EXPECT_EQ(State(id), "deposee");
}

TEST_F(RequestHttp, TheAtelierGoesThroughTheDdtmAndTheDgaln) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser ddt = Member("ddt", pref52_);
  FormBrowser dgaln = Member("dgaln", dgaln_);
  const std::string id = Create(commune, joinville_, "atelier");
  EXPECT_EQ(Step(commune, id, "formuler", {{"besoin", "Un projet de territoire"}, {"deja_tente", "Rien"}}).status, 303);
  // The DGALN is not a party until the DDT(M) relays the request to it.
  EXPECT_EQ(dgaln.Get("/demandes/" + id).status, 403);
  EXPECT_EQ(Step(ddt, id, "relayer", {{"organisation", std::to_string(dgaln_)}, {"acteurs_locaux", "DDT, DREAL"}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "valider", {{"format", "flash"}}).status, 403);  // the DGALN validates, not the DDT(M)
  EXPECT_EQ(Step(dgaln, id, "valider", {{"format", "flash"}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "piloter", {{"equipe", "Urbaniste, paysagiste"}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "tenir_sessions", {{"sessions", "Trois ateliers"}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "livrer", {{"type_livrable", "plan_guide"}}, {{"livrable", "feuille.pdf", "application/pdf", kPdf}}).status, 303);
  EXPECT_EQ(Step(ddt, id, "cloturer").status, 303);
  EXPECT_EQ(State(id), "cloturee");
  const json detail = Api(commune, id);
  EXPECT_EQ(detail["trail"][2]["transition"], "relayer");
  EXPECT_EQ(detail["trail"][3]["transition"], "valider");
  EXPECT_EQ(Scalar("SELECT assignee_id FROM requests WHERE id = " + id), std::to_string(dgaln_));
}

TEST_F(RequestHttp, ACommuneOfTwelveThousandAnsweredByTheCeremaGetsTheFreemiumSplit) {
  FormBrowser commune = Member("maire", motte_);
  FormBrowser cerema = Member("cerema", cerema_);
  const std::string id = Create(commune, motte_, "cerema");
  EXPECT_EQ(Step(commune, id, "deposer", {{"besoin", "Mobilités"}, {"deja_tente", "Rien"}, {"organisation", std::to_string(cerema_)}}).status, 303);
  // 10 days for 20 000 €: 3 days (6 000 €) financed by the Cerema, then 50 % of 14 000 €.
  EXPECT_EQ(Step(cerema, id, "proposer", {{"jours", "10"}, {"cout_euros", "20000"}}).status, 303);
  const json detail = Api(commune, id);
  EXPECT_EQ(detail["population"], 12067);
  EXPECT_EQ(detail["cost"]["total_euros"], 20000);
  EXPECT_EQ(detail["cost"]["collectivite_euros"], 7000);
  EXPECT_EQ(detail["cost"]["cerema_euros"], 13000);
  EXPECT_EQ(Step(commune, id, "accepter").status, 303);
  EXPECT_EQ(State(id), "engagee");
}

TEST_F(RequestHttp, ARenamedExecutableIsRefusedAndNothingIsStored) {
  FormBrowser commune = Member("maire", joinville_);
  const std::string id = Create(commune, joinville_, "anct");
  commune.Get("/demandes/" + id);
  HttpResponse r = commune.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "plan.pdf", "application/pdf", kElf}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("exécutable"), std::string::npos) << r.body.substr(0, 2000);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM files"), "0");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM request_events WHERE kind = 'file'"), "0");
  // A real PDF is kept, with its checksum.
  commune.Get("/demandes/" + id);
  r = commune.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "plan.pdf", "application/octet-stream", kPdf}});
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
  EXPECT_EQ(Scalar("SELECT content_type FROM files"), "application/pdf");
  EXPECT_EQ(Scalar("SELECT length(sha256) FROM files"), "64");
}

TEST_F(RequestHttp, OnlyUploadRoutesAcceptLargeBodies) {
  FormBrowser commune = Member("maire", joinville_);
  const std::string id = Create(commune, joinville_, "anct");
  commune.Get("/demandes/" + id);
  const std::string big = kPdf + std::string(3 * 1024 * 1024, ' ');
  EXPECT_EQ(commune.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "gros.pdf", "application/pdf", big}}).status, 303);
  commune.Get("/demandes/" + id);
  EXPECT_EQ(commune.PostMultipart("/demandes/" + id + "/commentaires", {{"text", big}}).status, 413);
}

TEST_F(RequestHttp, AFileUploadedThroughOneServerDownloadsThroughAnother) {
  ServerProcess other(db_->url(), Env());
  FormBrowser commune = Member("maire", joinville_);
  const std::string id = Create(commune, joinville_, "anct");
  commune.Get("/demandes/" + id);
  ASSERT_EQ(commune.PostMultipart("/demandes/" + id + "/fichiers", {}, {{"fichier", "diagnostic.pdf", "application/pdf", kPdf}}).status, 303);
  const std::string file = Scalar("SELECT MAX(id) FROM files");
  FormBrowser there(other.port());
  there.cookie("boussole_session") = commune.cookie("boussole_session");
  HttpResponse r = there.Get("/demandes/" + id + "/fichiers/" + file);
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
  EXPECT_EQ(r.body, kPdf);
  EXPECT_EQ(r.headers["content-type"], "application/pdf");
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  // Not to someone else.
  FormBrowser savoie = Member("savoie", pref73_);
  EXPECT_EQ(savoie.Get("/demandes/" + id + "/fichiers/" + file).status, 403);
}

TEST_F(RequestHttp, TwoTransitionsOnTheSameVersionGiveOneSuccessAndOneConflict) {
  FormBrowser commune = Member("maire", joinville_);
  FormBrowser prefecture = Member("prefecture", pref52_);
  FormBrowser other_agent = Member("sg", pref52_);
  const std::string id = Create(commune, joinville_, "anct");
  ASSERT_EQ(Step(commune, id, "deposer", {{"besoin", "B"}, {"deja_tente", "T"}}).status, 303);
  // Sequential: both forms were read at the same version.
  const std::string version = Version(id);
  prefecture.Get("/demandes/" + id);
  other_agent.Get("/demandes/" + id);
  HttpResponse first = prefecture.PostMultipart("/demandes/" + id + "/transitions",
                                                {{"version", version}, {"transition", "prendre_en_charge"}, {"referent", "A"}});
  HttpResponse second = other_agent.PostMultipart("/demandes/" + id + "/transitions",
                                                  {{"version", version}, {"transition", "refuser"}, {"motif", "Hors champ"}});
  EXPECT_EQ(first.status, 303);
  EXPECT_EQ(second.status, 409);
  EXPECT_NE(second.body.find("a fait avancer la demande pendant que vous la consultiez"), std::string::npos);
  EXPECT_EQ(State(id), "prise_en_charge");
  // Concurrent: two real requests at once on the same version.
  const std::string v2 = Version(id);
  prefecture.Get("/demandes/" + id);
  other_agent.Get("/demandes/" + id);
  HttpResponse a, b;
  std::thread ta([&] { a = prefecture.PostMultipart("/demandes/" + id + "/transitions", {{"version", v2}, {"transition", "examiner"}}); });
  std::thread tb([&] { b = other_agent.PostMultipart("/demandes/" + id + "/transitions", {{"version", v2}, {"transition", "refuser"}, {"motif", "M"}}); });
  ta.join();
  tb.join();
  EXPECT_EQ((a.status == 303) + (b.status == 303), 1) << a.status << " " << b.status;
  EXPECT_EQ((a.status == 409) + (b.status == 409), 1) << a.status << " " << b.status;
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM request_events WHERE kind = 'transition' AND request_id = " + id), "3");
}

// Every (workflow, state, transition, party), from the tables: the request is put in each
// state directly, then each party tries each transition of the workflow with every field it
// could need. Allowed: 303 (then the state is put back); a transition that does not leave the
// state: 409; one that does but belongs to another party: 403.
TEST_F(RequestHttp, EveryWorkflowStateTransitionAndPartyIsAllowedOrRefusedAsTheTablesSay) {
  struct Actor {
    std::string name;
    std::optional<requests::Party> party;  // nullopt: no party (another département's préfecture)
    FormBrowser browser;
  };
  std::vector<Actor> actors;
  actors.push_back({"collectivité", requests::Party::kCollectivite, Member("maire", joinville_)});
  actors.push_back({"préfecture", requests::Party::kPrefecture, Member("prefecture", pref52_)});
  actors.push_back({"ANCT", requests::Party::kAnct, Member("anct", anct_)});
  actors.push_back({"attributaire", requests::Party::kAssignee, Member("cerema", cerema_)});
  actors.push_back({"autre préfecture", std::nullopt, Member("savoie", pref73_)});
  const std::vector<std::pair<std::string, std::string>> all_fields = {
      {"besoin", "B"}, {"deja_tente", "T"}, {"motif", "M"}, {"referent", "R"}, {"comite", "C"}, {"ressource", "ATD"},
      {"justifications", "fragilite"}, {"charge_de_mission", "CM"}, {"echange", "E"}, {"mode", "operateur_partenaire"},
      {"organisation", std::to_string(cerema_)}, {"cout_euros", "1000"}, {"part_collectivite_euros", "0"},
      {"jours", "5"}, {"bilan", "Bilan"}, {"acteurs_locaux", "DDT"}, {"format", "local"}, {"equipe", "Équipe"},
      {"sessions", "S"}, {"type_livrable", "synthese"}};
  std::size_t checked = 0;
  for (const auto& workflow : requests::Workflows()) {
    const std::string id = Create(actors[0].browser, joinville_, std::string(workflow.key));
    std::int64_t version = std::stoll(Version(id));  // moves only when a transition succeeds
    for (const auto& state : workflow.states) {
      const std::string reset = "UPDATE requests SET state = '" + std::string(state.key) + "', assignee_id = " +
                                std::to_string(cerema_) + " WHERE id = " + id;
      ExecSql(db_->url(), reset);
      for (const auto& transition : workflow.transitions) {
        for (auto& actor : actors) {
          const bool leaves = std::find(transition.from.begin(), transition.from.end(), state.key) != transition.from.end();
          const bool allowed = actor.party && requests::Allows(transition, *actor.party);
          const int expected = !actor.party ? 403 : !leaves ? 409 : allowed ? 303 : 403;
          actor.browser.Get("/demandes");
          auto fields = all_fields;
          fields.emplace_back("version", std::to_string(version));
          fields.emplace_back("transition", std::string(transition.key));
          HttpResponse r = actor.browser.PostMultipart("/demandes/" + id + "/transitions", fields,
                                                       {{"livrable", "l.pdf", "application/pdf", kPdf}});
          EXPECT_EQ(r.status, expected) << workflow.key << " / " << state.key << " / " << transition.key << " / "
                                        << actor.name << ": " << r.body.substr(0, 400);
          if (r.status == 303) {
            EXPECT_EQ(State(id), transition.to);
            ++version;
            ExecSql(db_->url(), reset);
          }
          ++checked;
        }
      }
    }
  }
  std::size_t expected_count = 0;
  for (const auto& w : requests::Workflows()) expected_count += w.states.size() * w.transitions.size() * actors.size();
  EXPECT_EQ(checked, expected_count);
}

}  // namespace
}  // namespace boussole::testing
