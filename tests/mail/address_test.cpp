#include "mail/address.h"

#include <gtest/gtest.h>

namespace boussole::mail {
namespace {

TEST(MailAddress, AcceptsOrdinaryAddresses) {
  for (const char* address : {"jeanne.martin@mairie-lyon.fr", "a@b.co", "prenom+alertes@sous.domaine.gouv.fr",
                              "o'connor@example.org", "ANCT_contact@Example.ORG"}) {
    EXPECT_TRUE(ValidateAddress(address, AddressRole::kTo).ok()) << address;
  }
}

struct Refused {
  const char* address;
  const char* says;
};

TEST(MailAddress, RefusesMalformedAddressesWithAPreciseMessage) {
  const Refused cases[] = {
      {"", "est vide"},
      {"victime@example.org\r\nBcc: tous@example.org", "retour à la ligne"},
      {"victime@example.org\n", "retour à la ligne"},
      {"élu@mairie.fr", "non ASCII"},
      {"mairie.fr", "exactement un « @ »"},
      {"a@b@mairie.fr", "exactement un « @ »"},
      {"@mairie.fr", "rien avant le « @ »"},
      {"jeanne@", "pas de domaine"},
      {"jeanne@localhost", "au moins un point"},
      {"jeanne martin@mairie.fr", "caractère non autorisé avant le « @ » : «   »"},
      {"a@b.fr, c@d.fr", "exactement un « @ »"},
      {"a@b.fr,c.fr", "domaine invalide"},
      {"<a@b.fr>", "caractère non autorisé"},
      {"jeanne.@mairie.fr", "point au début ou à la fin"},
      {"jeanne..martin@mairie.fr", "deux points de suite"},
      {"jeanne@mairie..fr", "domaine invalide"},
      {"jeanne@-mairie.fr", "domaine invalide"},
      {"jeanne@mairie.fr>", "domaine invalide"},
  };
  for (const auto& c : cases) {
    const auto status = ValidateAddress(c.address, AddressRole::kTo);
    ASSERT_FALSE(status.ok()) << c.address;
    EXPECT_EQ(status.error().code, "invalid_input");
    EXPECT_EQ(status.error().field, "to");
    EXPECT_NE(status.error().message.find("L'adresse du destinataire"), std::string::npos) << status.error().message;
    EXPECT_NE(status.error().message.find(c.says), std::string::npos) << c.address << " → " << status.error().message;
  }
  EXPECT_FALSE(ValidateAddress(std::string(65, 'a') + "@mairie.fr", AddressRole::kTo).ok());
  EXPECT_FALSE(ValidateAddress("a@" + std::string(250, 'b') + ".fr", AddressRole::kTo).ok());
}

TEST(MailAddress, NulInsideTheAddressIsRefused) {
  const std::string address("nul\0@example.org", 16);
  const auto status = ValidateAddress(address, AddressRole::kReplyTo);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "reply_to");
  EXPECT_NE(status.error().message.find("caractère de contrôle"), std::string::npos);
}

TEST(MailAddress, ParsesMailboxesWithOrWithoutDisplayName) {
  auto plain = ParseMailbox("ne-pas-repondre@anct.gouv.fr", AddressRole::kFrom);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain.value().display_name, "");
  EXPECT_EQ(plain.value().address, "ne-pas-repondre@anct.gouv.fr");

  auto named = ParseMailbox("  Agence nationale de la cohésion des territoires <ne-pas-repondre@anct.gouv.fr> ",
                            AddressRole::kFrom);
  ASSERT_TRUE(named.ok()) << named.error().message;
  EXPECT_EQ(named.value().display_name, "Agence nationale de la cohésion des territoires");
  EXPECT_EQ(named.value().address, "ne-pas-repondre@anct.gouv.fr");
}

TEST(MailAddress, RefusesBadMailboxes) {
  for (const char* text : {"Boussole <ne-pas-repondre@anct.gouv.fr", "Boussole ne-pas-repondre@anct.gouv.fr>",
                           "Bous\"sole <a@anct.gouv.fr>", "Boussole <a@anct.gouv.fr>\r\nBcc: x@y.fr",
                           "Boussole <>", "A <b> <a@anct.gouv.fr>"}) {
    const auto mailbox = ParseMailbox(text, AddressRole::kFrom);
    ASSERT_FALSE(mailbox.ok()) << text;
    EXPECT_EQ(mailbox.error().field, "from");
    EXPECT_NE(mailbox.error().message.find("L'adresse d'expédition"), std::string::npos) << mailbox.error().message;
  }
  EXPECT_FALSE(ParseMailbox(std::string(65, 'x') + " <a@anct.gouv.fr>", AddressRole::kFrom).ok());
  EXPECT_FALSE(ParseMailbox("\xC3 <a@anct.gouv.fr>", AddressRole::kFrom).ok());
}

TEST(MailAddress, ValidatesUtf8) {
  EXPECT_TRUE(IsValidUtf8("électronique — ✓ 🧭"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAE"));          // overlong "."
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

}  // namespace
}  // namespace boussole::mail
