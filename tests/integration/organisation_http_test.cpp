// Organisations over real HTTP, mails through the SMTP sink (issue 5, item 2): a platform
// admin creates a collectivité and appoints its first admin by invitation, who invites a
// colleague; and the refusals — members of another organisation, bad input, forged forms,
// reused, expired or forwarded invitation links, the last admin.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>

#include "support/database.h"
#include "support/form_browser.h"
#include "support/signed_in.h"
#include "support/smtp_sink.h"

namespace boussole::testing {
namespace {

std::string Encode(const std::string& email) {
  std::string text = email;
  text.replace(text.find('@'), 1, "%40");
  return text;
}

std::string InvitationToken(const std::string& text) {
  const std::regex link(R"(http://boussole\.test/organisations/invitation\?jeton=([A-Za-z0-9_-]+))");
  std::smatch m;
  return std::regex_search(text, m, link) ? m[1].str() : "";
}

class OrganisationHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(TestDatabase::Reference(dir_));
    server_.emplace(db_->url(), std::map<std::string, std::string>{{"BOUSSOLE_SMTP_URL", sink_.url()},
                                                                   {"BOUSSOLE_PUBLIC_URL", "http://boussole.test"}});
  }

  // A confirmed account, signed in in a fresh browser.
  FormBrowser SignedIn(const std::string& email, bool platform_admin = false) {
    return SignedInBrowser(server_->port(), db_->url(), email, platform_admin);
  }

  // Creates an organisation as `admin`; its page's path.
  std::string Create(FormBrowser& admin, const std::string& fields) {
    admin.Get("/organisations");
    HttpResponse created = admin.Post("/organisations", fields);
    EXPECT_EQ(created.status, 303) << created.body.substr(0, 3000);
    return created.headers["location"];
  }

  // Invites `email` from the organisation page and returns the token of the mail sent.
  std::string Invite(FormBrowser& from, const std::string& page, const std::string& email, const std::string& role) {
    from.Get(page);
    const std::size_t before = sink_.mails().size();
    HttpResponse sent = from.Post(page + "/invitations", "email=" + Encode(email) + "&role=" + role);
    EXPECT_EQ(sent.status, 303) << sent.body.substr(0, 3000);
    EXPECT_EQ(sent.headers["location"], page + "?invitation=envoyee");
    const auto mails = sink_.WaitFor(before + 1);
    if (mails.size() <= before) return "";
    EXPECT_EQ(mails.back().envelope_to, std::vector<std::string>{email});
    return InvitationToken(mails.back().text);
  }

  std::string UserId(const std::string& email) {
    std::string id = QueryRows(db_->url(), "SELECT id FROM users WHERE email = '" + email + "'");
    return id.substr(0, id.find('\n'));
  }

  SmtpSink sink_;
  TempDir dir_;
  std::optional<TestDatabase> db_;
  std::optional<ServerProcess> server_;
};

TEST_F(OrganisationHttp, APlatformAdminCreatesACollectiviteWhoseAdminInvitesAColleague) {
  FormBrowser admin = SignedIn("admin@example.fr", true);
  HttpResponse list = admin.Get("/organisations");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Créer une organisation"), std::string::npos);
  const std::string page = Create(admin, "kind=collectivite&name=Commune+de+Joinville&territory=52250");
  ASSERT_EQ(page.rfind("/organisations/", 0), 0u) << page;
  HttpResponse shown = admin.Get(page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Commune de Joinville"), std::string::npos);
  EXPECT_NE(shown.body.find("href=\"/territoires/commune:52250\">Joinville</a>"), std::string::npos);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT kind, territory_id FROM organisations"), "collectivite|commune:52250\n");

  // The first admin, appointed by invitation.
  const std::string token = Invite(admin, page, "maire@joinville.fr", "admin");
  ASSERT_FALSE(token.empty());
  const auto mail = sink_.mails().back();
  EXPECT_EQ(mail.subject, "Invitation à rejoindre « Commune de Joinville » sur Boussole");
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM invitations WHERE token_hash = '" + token + "'"), "0\n")
      << "only a hash is kept";
  EXPECT_NE(admin.Get(page).body.find("maire@joinville.fr"), std::string::npos) << "pending invitation shown";

  FormBrowser maire = SignedIn("maire@joinville.fr");
  HttpResponse invitation = maire.Get("/organisations/invitation?jeton=" + token);
  ASSERT_EQ(invitation.status, 200);
  EXPECT_NE(invitation.body.find("Accepter l'invitation"), std::string::npos);
  EXPECT_EQ(maire.Get("/organisations/invitation?jeton=" + token).status, 200) << "opening does not use the link";
  HttpResponse accepted = maire.Post("/organisations/invitation", "jeton=" + token);
  ASSERT_EQ(accepted.status, 303) << accepted.body.substr(0, 3000);
  EXPECT_EQ(accepted.headers["location"], page);
  HttpResponse as_admin = maire.Get(page);
  ASSERT_EQ(as_admin.status, 200);
  EXPECT_NE(as_admin.body.find("Envoyer l'invitation"), std::string::npos);
  EXPECT_NE(maire.Get("/mes-organisations").body.find("Commune de Joinville"), std::string::npos);
  EXPECT_NE(maire.Get("/compte").body.find("href=\"/mes-organisations\""), std::string::npos);

  // A reused link is refused, even by its owner.
  HttpResponse reused = maire.Post("/organisations/invitation", "jeton=" + token);
  EXPECT_EQ(reused.status, 400);
  EXPECT_NE(reused.body.find("elle a déjà servi, elle a expiré"), std::string::npos);

  // The admin invites a colleague, who accepts and sees the members but cannot invite.
  const std::string colleague_token = Invite(maire, page, "agent@joinville.fr", "member");
  ASSERT_FALSE(colleague_token.empty());
  FormBrowser agent = SignedIn("agent@joinville.fr");
  agent.Get("/organisations/invitation?jeton=" + colleague_token);
  ASSERT_EQ(agent.Post("/organisations/invitation", "jeton=" + colleague_token).status, 303);
  HttpResponse as_member = agent.Get(page);
  ASSERT_EQ(as_member.status, 200);
  EXPECT_NE(as_member.body.find("maire@joinville.fr"), std::string::npos);
  EXPECT_EQ(as_member.body.find("Envoyer l'invitation"), std::string::npos);
  EXPECT_EQ(agent.Post(page + "/invitations", "email=x%40example.fr&role=member").status, 403);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id ORDER BY u.email"),
            "agent@joinville.fr|member\nmaire@joinville.fr|admin\n");

  // The last admin can neither step down nor leave; once another admin exists, they can.
  const std::string maire_id = UserId("maire@joinville.fr");
  const std::string agent_id = UserId("agent@joinville.fr");
  maire.Get(page);
  HttpResponse demote = maire.Post(page + "/membres/" + maire_id + "/role", "role=member");
  EXPECT_EQ(demote.status, 400);
  EXPECT_NE(demote.body.find("dernier administrateur"), std::string::npos);
  maire.Get("/mes-organisations");
  const std::string id = page.substr(std::string("/organisations/").size());
  EXPECT_EQ(maire.Post("/mes-organisations/quitter", "organisation=" + id).status, 400);
  maire.Get(page);
  EXPECT_EQ(maire.Post(page + "/membres/" + agent_id + "/role", "role=admin").headers["location"], page);
  maire.Get("/mes-organisations");
  EXPECT_EQ(maire.Post("/mes-organisations/quitter", "organisation=" + id).headers["location"], "/mes-organisations");
  EXPECT_EQ(maire.Get(page).status, 403) << "no longer a member";
  // The new admin removes nobody wrongly: an unknown member is a 404.
  agent.Get(page);
  EXPECT_EQ(agent.Post(page + "/membres/" + maire_id + "/retrait", "").status, 404);
}

TEST_F(OrganisationHttp, AMemberOfAnotherOrganisationIsRefused) {
  FormBrowser admin = SignedIn("admin@example.fr", true);
  const std::string joinville = Create(admin, "kind=collectivite&name=Joinville&territory=commune%3A52250");
  const std::string ademe = Create(admin, "kind=operateur&name=Ademe&territory=");
  FormBrowser outsider = SignedIn("agent@ademe.fr");
  const std::string ademe_id = ademe.substr(std::string("/organisations/").size());
  ExecSql(db_->url(), "INSERT INTO memberships (organisation_id, user_id, role, created_at) VALUES (" + ademe_id + ", " +
                          UserId("agent@ademe.fr") + ", 'admin', '2026-11-25T00:00:00Z')");
  EXPECT_EQ(outsider.Get(ademe).status, 200);
  HttpResponse members = outsider.Get(joinville);
  EXPECT_EQ(members.status, 403);
  EXPECT_NE(members.body.find("Votre compte ne permet pas de faire cela."), std::string::npos);
  outsider.Get(ademe);
  EXPECT_EQ(outsider.Post(joinville + "/invitations", "email=ami%40ademe.fr&role=admin").status, 403);
  EXPECT_EQ(outsider.Get("/organisations").status, 403) << "only platform admins list them all";
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM invitations"), "0\n");
  // Visitors are sent to the login page.
  HttpResponse visitor = HttpGet(server_->port(), joinville);
  EXPECT_EQ(visitor.status, 303);
  EXPECT_EQ(visitor.headers["location"].rfind("/compte/connexion?retour=", 0), 0u);
}

TEST_F(OrganisationHttp, BadCreationInputIsRefusedWithItsReason) {
  FormBrowser admin = SignedIn("admin@example.fr", true);
  admin.Get("/organisations");
  HttpResponse unknown = admin.Post("/organisations", "kind=collectivite&name=Nulle+part&territory=99999");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("Aucun territoire n&apos;a le code « 99999 »"), std::string::npos) << unknown.body;
  EXPECT_NE(unknown.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(unknown.body.find("value=\"Nulle part\""), std::string::npos) << "the form keeps what was typed";
  // A préfecture is bound to a département, not a commune.
  HttpResponse commune = admin.Post("/organisations", "kind=delegation_territoriale&name=Pr%C3%A9fecture&territory=52250");
  EXPECT_EQ(commune.status, 400);
  EXPECT_NE(commune.body.find("« Joinville » (commune:52250) ne convient pas"), std::string::npos);
  EXPECT_NE(commune.body.find("rattachée à un département"), std::string::npos);
  // And a collectivité cannot be a municipal arrondissement; an operator has no territory.
  EXPECT_EQ(admin.Post("/organisations", "kind=collectivite&name=X&territory=arrondissement%3A13201").status, 400);
  HttpResponse operator_territory = admin.Post("/organisations", "kind=operateur&name=Cerema&territory=52");
  EXPECT_EQ(operator_territory.status, 400);
  EXPECT_NE(operator_territory.body.find("laissez ce champ vide"), std::string::npos);
  HttpResponse kind = admin.Post("/organisations", "kind=association&name=Club&territory=");
  EXPECT_EQ(kind.status, 400);
  EXPECT_NE(kind.body.find("Choisissez un type d&apos;organisation dans la liste."), std::string::npos);
  HttpResponse nameless = admin.Post("/organisations", "kind=anct&name=+&territory=");
  EXPECT_EQ(nameless.status, 400);
  EXPECT_NE(nameless.body.find("Indiquez le nom de l&apos;organisation."), std::string::npos);
  // Forged forms never reach the handler.
  admin.set_csrf("forged-token-forged-token-forged-token-forg");
  HttpResponse forged = admin.Post("/organisations", "kind=anct&name=ANCT&territory=");
  EXPECT_EQ(forged.status, 403);
  EXPECT_NE(forged.body.find("Ce formulaire a expiré"), std::string::npos);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM organisations"), "0\n");
  // The département 52 is right for a préfecture.
  EXPECT_EQ(Create(admin, "kind=delegation_territoriale&name=Pr%C3%A9fecture+de+la+Haute-Marne&territory=52").rfind(
                "/organisations/", 0),
            0u);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT territory_id FROM organisations"), "departement:52\n");
  EXPECT_EQ(admin.Get("/organisations/999999").status, 404);
  EXPECT_EQ(admin.Get("/organisations/abc").status, 404);
}

TEST_F(OrganisationHttp, AnInvitationIsForItsAddressOnlyAndExpires) {
  FormBrowser admin = SignedIn("admin@example.fr", true);
  const std::string page = Create(admin, "kind=anct&name=ANCT&territory=");
  admin.Get(page);
  HttpResponse bad_email = admin.Post(page + "/invitations", "email=pas-une-adresse&role=member");
  EXPECT_EQ(bad_email.status, 400);
  EXPECT_NE(bad_email.body.find("L&apos;adresse électronique n&apos;est pas valide"), std::string::npos);
  EXPECT_EQ(admin.Post(page + "/invitations", "email=a%40example.fr&role=proprietaire").status, 400);
  const std::string token = Invite(admin, page, "invitee@example.fr", "member");
  ASSERT_FALSE(token.empty());

  FormBrowser other = SignedIn("autre@example.fr");
  HttpResponse shown = other.Get("/organisations/invitation?jeton=" + token);
  EXPECT_EQ(shown.status, 403);
  EXPECT_NE(shown.body.find("Cette invitation a été envoyée à invitee@example.fr"), std::string::npos);
  other.Get("/mes-organisations");
  HttpResponse taken = other.Post("/organisations/invitation", "jeton=" + token);
  EXPECT_EQ(taken.status, 403);
  EXPECT_NE(taken.body.find("vous êtes connecté avec autre@example.fr"), std::string::npos);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM memberships"), "0\n");

  FormBrowser invitee = SignedIn("invitee@example.fr");
  EXPECT_NE(invitee.Get("/mes-organisations").body.find("ANCT"), std::string::npos) << "pending invitation listed";
  ExecSql(db_->url(), "UPDATE invitations SET expires_at = '2020-01-01T00:00:00Z'");
  EXPECT_EQ(invitee.Get("/organisations/invitation?jeton=" + token).status, 400);
  invitee.Get("/mes-organisations");
  HttpResponse expired = invitee.Post("/organisations/invitation", "jeton=" + token);
  EXPECT_EQ(expired.status, 400);
  EXPECT_NE(expired.body.find("elle a expiré"), std::string::npos);
  EXPECT_EQ(invitee.Get("/organisations/invitation?jeton=").status, 400);
  EXPECT_EQ(QueryRows(db_->url(), "SELECT COUNT(*) FROM memberships"), "0\n");
}

}  // namespace
}  // namespace boussole::testing
