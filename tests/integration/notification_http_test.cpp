// Notifications and the rest of the alerts over real HTTP (issue 5, item 6), with the
// scheduler of the server sending into a loopback SMTP sink: each person's pace for
// project activity, alerts on projetothèque searches, "Mes alertes", and the bound on the
// confirmation mails anyone can make Boussole send to an address.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <optional>
#include <regex>
#include <thread>

#include "storage/store.h"
#include "support/mail_decoding.h"
#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

bool To(const ReceivedMail& mail, const std::string& address) {
  return mail.envelope_to == std::vector<std::string>{address};
}

// The mails to `address` once `count` of them arrived, or what arrived within the wait.
std::vector<ReceivedMail> MailsTo(SmtpSink& sink, const std::string& address, std::size_t count,
                                  std::chrono::seconds wait = std::chrono::seconds(20)) {
  const auto until = std::chrono::steady_clock::now() + wait;
  std::vector<ReceivedMail> found;
  while (true) {
    found.clear();
    for (const auto& mail : sink.mails()) {
      if (To(mail, address)) found.push_back(mail);
    }
    if (found.size() >= count || std::chrono::steady_clock::now() > until) return found;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

class NotificationHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()},
                                                                   {"BOUSSOLE_PUBLIC_URL", "http://boussole.test"},
                                                                   {"BOUSSOLE_SCHEDULER_TICK_MS", "200"},
                                                                   {"BOUSSOLE_JOB_SEND_ALERTS_SECONDS", "1"},
                                                                   {"BOUSSOLE_JOB_SEND_NOTIFICATIONS_SECONDS", "1"}});
    auto store = std::move(storage::OpenStore(db_->url())).value();
    organisations::NewOrganisation joinville{organisations::Kind::kCollectivite, "Commune de Joinville",
                                             territories::TerritoryId{territories::Kind::kCommune, "52250"}};
    joinville_ = store->CreateOrganisation(joinville, "2026-12-05T09:00:00Z").id;
  }

  FormBrowser Member(const std::string& local) {
    FormBrowser browser = SignedInBrowser(server_->port(), db_->url(), local + "@example.fr");
    auto store = std::move(storage::OpenStore(db_->url())).value();
    const auto user = store->FindUserByEmail(local + "@example.fr");
    EXPECT_TRUE(store->AddMember(joinville_, user->id, organisations::MemberRole::kMember, "2026-12-05T09:00:00Z").ok());
    return browser;
  }

  std::string CreatePublicProject(FormBrowser& browser, const std::string& name) {
    browser.Get("/organisations/" + std::to_string(joinville_) + "/projets/nouveau");
    HttpResponse r = browser.Post("/organisations/" + std::to_string(joinville_) + "/projets",
                                  "name=" + name + "&territory=52250&stage=postop&themes=commerce-artisanat&is_public=oui");
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 3000);
    return r.headers["location"];
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
  std::int64_t joinville_ = 0;
};

TEST_F(NotificationHttp, EachMemberGetsProjectActivityAtThePaceTheyChose) {
  FormBrowser author = Member("auteur");
  FormBrowser colleague = Member("collegue");
  FormBrowser quiet = Member("discret");

  // The account page offers the four paces, "daily" chosen by default.
  HttpResponse page = colleague.Get("/compte");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"rythme-daily\" name=\"frequency\" value=\"daily\" checked"), std::string::npos);
  HttpResponse bad = colleague.Post("/compte/notifications", "frequency=mensuelle");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Choisissez un rythme"), std::string::npos);
  EXPECT_EQ(colleague.Post("/compte/notifications", "frequency=immediate", false).status, 403) << "no CSRF token";
  colleague.Get("/compte");
  HttpResponse saved = colleague.Post("/compte/notifications", "frequency=immediate");
  ASSERT_EQ(saved.status, 303);
  EXPECT_EQ(saved.headers["location"], "/compte?enregistre=1#notifications");
  EXPECT_NE(colleague.Get("/compte?enregistre=1").body.find("value=\"immediate\" checked"), std::string::npos);
  quiet.Get("/compte");
  ASSERT_EQ(quiet.Post("/compte/notifications", "frequency=none").status, 303);

  const std::string project = CreatePublicProject(author, "Halles+du+centre");
  auto mails = MailsTo(sink_, "collegue@example.fr", 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].subject, "Boussole : Projet « Halles du centre » : Projet créé");
  EXPECT_NE(mails[0].text.find("http://boussole.test" + project), std::string::npos) << mails[0].text;

  // The author hears nothing of their own act; "none" is never mailed but listed.
  EXPECT_EQ(MailsTo(sink_, "auteur@example.fr", 1, std::chrono::seconds(3)).size(), 0u);
  EXPECT_EQ(MailsTo(sink_, "discret@example.fr", 1, std::chrono::seconds(1)).size(), 0u);
  const HttpResponse listed = quiet.Get("/compte");
  EXPECT_NE(listed.body.find("Projet « Halles du centre » : Projet créé"), std::string::npos);
  EXPECT_NE(listed.body.find("href=\"" + project + "\""), std::string::npos);

  // The colleague's act reaches the author, at the default daily pace: one digest today.
  colleague.Get(project);
  ASSERT_EQ(colleague.Post(project + "/offres", "offer=atelier-des-territoires-local&status=a_etudier").status, 303);
  mails = MailsTo(sink_, "auteur@example.fr", 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].text.find("atelier-des-territoires-local"), std::string::npos) << mails[0].text;
  colleague.Get(project);
  ASSERT_EQ(colleague.Post(project + "/offres", "offer=atelier-des-territoires-local&status=demandee").status, 303);
  EXPECT_EQ(MailsTo(sink_, "auteur@example.fr", 2, std::chrono::seconds(3)).size(), 1u)
      << "today's digest went out; this waits for tomorrow's";
}

TEST_F(NotificationHttp, AProjetothequeSearchBecomesAnAlertListedInMyAlerts) {
  FormBrowser author = Member("auteur");
  FormBrowser reader = SignedInBrowser(server_->port(), db_->url(), "lecteur@example.fr");

  // The projetothèque links to an alert on its search; the form keeps what it follows.
  HttpResponse list = HttpGet(server_->port(), "/projetotheque?q=halles");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("/alertes/nouvelle?cible=projetotheque&amp;recherche=q%3Dhalles"), std::string::npos)
      << list.body.substr(0, 4000);
  HttpResponse form = reader.Get("/alertes/nouvelle?cible=projetotheque&recherche=q%3Dhalles");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"target\" value=\"projects\""), std::string::npos);
  EXPECT_NE(form.body.find("les fiches de la projetothèque"), std::string::npos);
  EXPECT_EQ(reader.Post("/alertes", "email=lecteur%40example.fr&frequency=daily&target=projects&query=theme%3Dinconnu")
                .status,
            400)
      << "validated as a projetothèque search";
  EXPECT_EQ(reader.Post("/alertes", "email=lecteur%40example.fr&frequency=daily&target=aides&query=q%3Dhalles").status,
            400);
  ASSERT_EQ(reader.Post("/alertes", "email=lecteur%40example.fr&frequency=daily&target=projects&query=q%3Dhalles")
                .status,
            303);
  auto mails = MailsTo(sink_, "lecteur@example.fr", 1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].text.find("http://boussole.test/projetotheque?q=halles"), std::string::npos) << mails[0].text;
  const std::string confirm = LinkToken(mails[0].text, "http://boussole.test/alertes/confirmation");
  reader.Get("/alertes/confirmation?jeton=" + confirm);
  ASSERT_EQ(reader.Post("/alertes/confirmation", "jeton=" + confirm).status, 303);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // timestamps have seconds

  // A matching sheet is published: one digest naming it.
  const std::string project = CreatePublicProject(author, "Halles+du+centre");
  author.Get(project + "/fiche");
  ASSERT_EQ(author.Post(project + "/fiche", "context=Des+halles+vides&actions=Un+march%C3%A9").status, 303);
  author.Get(project);
  ASSERT_EQ(author.Post(project + "/publication", "action=publier").status, 303);
  const std::string id = project.substr(std::string("/projets/").size());
  mails = MailsTo(sink_, "lecteur@example.fr", 2);
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].subject, "Boussole : 1 fiche de la projetothèque nouvelle ou modifiée");
  EXPECT_NE(mails[1].text.find("http://boussole.test/projetotheque/" + id), std::string::npos) << mails[1].text;

  // "Mes alertes" lists it; its owner ends it; nobody else can.
  HttpResponse mine = reader.Get("/compte/alertes");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("Projetothèque : q=halles"), std::string::npos) << mine.body.substr(0, 4000);
  EXPECT_NE(mine.body.find("Active"), std::string::npos);
  const std::regex alert_field(R"re(name="alert" value="([0-9]+)")re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(mine.body, m, alert_field));
  const std::string alert_id = m[1].str();
  FormBrowser other = SignedInBrowser(server_->port(), db_->url(), "autre@example.fr");
  other.Get("/compte/alertes");
  HttpResponse stolen = other.Post("/compte/alertes/suppression", "alert=" + alert_id);
  EXPECT_EQ(stolen.status, 404);
  EXPECT_NE(stolen.body.find("pas la vôtre"), std::string::npos);
  EXPECT_EQ(other.Post("/compte/alertes/suppression", "alert=abc").status, 400);
  ASSERT_EQ(reader.Post("/compte/alertes/suppression", "alert=" + alert_id).status, 303);
  mine = reader.Get("/compte/alertes");
  EXPECT_NE(mine.body.find("Supprimée"), std::string::npos);
  EXPECT_EQ(mine.body.find("name=\"alert\""), std::string::npos) << "nothing left to end";
}

TEST_F(NotificationHttp, AnAddressGetsAtMostThreeUnconfirmedAlertMailsADay) {
  FormBrowser visitor(server_->port());
  for (int i = 0; i < 3; ++i) {
    visitor.Get("/alertes/nouvelle?recherche=q%3Deau");
    ASSERT_EQ(visitor.Post("/alertes", "email=cible%40example.fr&frequency=daily&query=q%3Deau" + std::to_string(i))
                  .status,
              303);
  }
  HttpResponse refused = visitor.Post("/alertes", "email=Cible%40Example.fr&frequency=weekly&query=q%3Dvoirie");
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("déjà 3 alertes en attente de confirmation"), std::string::npos)
      << refused.body.substr(0, 4000);
  EXPECT_EQ(MailsTo(sink_, "cible@example.fr", 4, std::chrono::seconds(2)).size(), 3u);
  // Another address is not held back.
  EXPECT_EQ(visitor.Post("/alertes", "email=autre%40example.fr&frequency=daily&query=q%3Deau").status, 303);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM alerts"), "4\n");
}

}  // namespace
}  // namespace boussole::testing
