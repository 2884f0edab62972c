// The encoder is checked against tests/support/mail_decoding, written independently.
#include "mail/mime.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <vector>

#include "support/mail_decoding.h"

namespace boussole::mail {
namespace {

using boussole::testing::DecodeEncodedWords;
using boussole::testing::DecodeQuotedPrintable;
using boussole::testing::FindHeader;
using boussole::testing::MessageBody;

constexpr std::time_t kNov25 = 1795621715;  // 2026-11-25 15:48:35 UTC

const Mailbox kFrom{"Boussole", "ne-pas-repondre@boussole.test"};

std::vector<std::string> Lines(const std::string& raw) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < raw.size()) {
    const auto end = raw.find("\r\n", start);
    lines.push_back(raw.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return lines;
}

void ExpectCrlfOnly(const std::string& raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n') {
      EXPECT_TRUE(i > 0 && raw[i - 1] == '\r') << "bare LF at " << i;
    }
    if (raw[i] == '\r') {
      EXPECT_TRUE(i + 1 < raw.size() && raw[i + 1] == '\n') << "bare CR at " << i;
    }
  }
}

void ExpectShortAsciiLines(const std::string& raw) {
  for (const auto& line : Lines(raw)) {
    EXPECT_LE(line.size(), 76u) << line;
    for (const char c : line) EXPECT_TRUE(c >= 0x20 && c <= 0x7E) << line;
  }
}

std::string Build(const MailMessage& message) {
  auto built = BuildMessage(kFrom, message, kNov25);
  EXPECT_TRUE(built.ok()) << built.error().message;
  return built.ok() ? built.value() : std::string{};
}

TEST(MailMime, AccentedSubjectIsAnEncodedWord) {
  const std::string subject = "Confirmez votre adresse électronique";
  EXPECT_EQ(EncodeTextHeader("Subject", subject),
            "Subject: =?UTF-8?Q?Confirmez_votre_adresse_=C3=A9lectronique?=\r\n");
  const std::string raw = Build({"jeanne.martin@mairie.example", subject, "Bonjour\n", ""});
  EXPECT_EQ(DecodeEncodedWords(FindHeader(raw, "Subject")), subject);
}

TEST(MailMime, AsciiSubjectStaysReadable) {
  EXPECT_EQ(EncodeTextHeader("Subject", "Nouvelles aides pour votre territoire"),
            "Subject: Nouvelles aides pour votre territoire\r\n");
  EXPECT_EQ(EncodeTextHeader("Subject", ""), "Subject: \r\n");
}

TEST(MailMime, LongSubjectsAreFoldedWithinLimits) {
  std::string accented;
  for (int i = 0; i < 8; ++i) accented += "Élaboration du schéma de cohérence territoriale — ";
  std::string ascii;
  for (int i = 0; i < 12; ++i) ascii += "Programme Petites villes de demain ";
  ascii.pop_back();
  for (const auto& subject : {accented, ascii, std::string(120, 'x'), std::string("Prix =?UTF-8?Q?faux?= 100 %")}) {
    const std::string header = EncodeTextHeader("Subject", subject);
    ASSERT_EQ(header.substr(header.size() - 2), "\r\n");
    ExpectCrlfOnly(header);
    ExpectShortAsciiLines(header);
    const auto lines = Lines(header.substr(0, header.size() - 2));
    for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_EQ(lines[i].front(), ' ') << "continuation " << lines[i];
    const std::string raw = header + "\r\n";
    EXPECT_EQ(DecodeEncodedWords(FindHeader(raw, "Subject")), subject);
  }
  // Each encoded-word holds whole characters: every one decodes alone to valid UTF-8.
  const std::string header = EncodeTextHeader("Subject", accented);
  const std::regex word(R"(=\?UTF-8\?Q\?[^?]*\?=)");
  int words = 0;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), word); it != std::sregex_iterator(); ++it, ++words) {
    EXPECT_TRUE(IsValidUtf8(DecodeEncodedWords(it->str()))) << it->str();
  }
  EXPECT_GT(words, 3);
}

TEST(MailMime, QuotedPrintableOfEqualsAndAccents) {
  EXPECT_EQ(EncodeQuotedPrintable("a=b"), "a=3Db\r\n");
  EXPECT_EQ(EncodeQuotedPrintable("Élu délégué"), "=C3=89lu d=C3=A9l=C3=A9gu=C3=A9\r\n");
  EXPECT_EQ(EncodeQuotedPrintable("fin \nfin\t"), "fin=20\r\nfin=09\r\n");
  EXPECT_EQ(EncodeQuotedPrintable(""), "");
  EXPECT_EQ(EncodeQuotedPrintable("\n"), "\r\n");
}

TEST(MailMime, QuotedPrintableLongLinesUseSoftBreaks) {
  const std::string link = "https://boussole.anct.gouv.fr/compte/confirmer?jeton=" + std::string(90, 'A') + "%3D%3D";
  const std::string equals(100, '=');
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "é";
  for (const auto& line : {link, equals, accents, std::string(75, 'a') + ".bc", std::string(300, ' ') + "x"}) {
    const std::string body = EncodeQuotedPrintable(line + "\n");
    ExpectCrlfOnly(body);
    ExpectShortAsciiLines(body);
    for (const auto& out : Lines(body)) EXPECT_NE(out.front(), '.') << out;
    EXPECT_EQ(DecodeQuotedPrintable(body), line + "\n");
  }
  // A soft break never cuts an "=XX" triplet.
  for (const auto& out : Lines(EncodeQuotedPrintable(equals))) {
    const auto content = out.back() == '=' ? out.substr(0, out.size() - 1) : out;
    EXPECT_EQ(content.size() % 3, 0u) << out;
  }
}

TEST(MailMime, LinesStartingWithADotCannotEndTheData) {
  const std::string text = "Avant\n.\n.suite\n..\nAprès\n";
  const std::string body = EncodeQuotedPrintable(text);
  EXPECT_EQ(body, "Avant\r\n=2E\r\n=2Esuite\r\n=2E.\r\nApr=C3=A8s\r\n");
  EXPECT_EQ(DecodeQuotedPrintable(body), text);
}

TEST(MailMime, LineEndsAreNormalisedToCrlf) {
  const std::string body = EncodeQuotedPrintable("un\r\ndeux\ntrois\rquatre");
  EXPECT_EQ(body, "un\r\ndeux\r\ntrois\r\nquatre\r\n");
}

TEST(MailMime, WholeMessageHasEveryHeaderAndRoundTrips) {
  const std::string text =
      "Bonjour,\n\nPour confirmer votre adresse, suivez ce lien :\n"
      "https://boussole.example/compte/confirmer?jeton=abc=def&x=1\n\n"
      "L'équipe Boussole — ANCT\n.\n";
  MailMessage message{"jeanne.martin@mairie.example", "Confirmez votre adresse électronique", text,
                      "referente@anct.gouv.fr"};
  const std::string raw = Build(message);
  ExpectCrlfOnly(raw);
  ExpectShortAsciiLines(raw);
  EXPECT_EQ(FindHeader(raw, "Date"), "Wed, 25 Nov 2026 15:48:35 +0000");
  EXPECT_EQ(FindHeader(raw, "From"), "Boussole <ne-pas-repondre@boussole.test>");
  EXPECT_EQ(FindHeader(raw, "To"), "jeanne.martin@mairie.example");
  EXPECT_EQ(FindHeader(raw, "Reply-To"), "referente@anct.gouv.fr");
  EXPECT_EQ(FindHeader(raw, "MIME-Version"), "1.0");
  EXPECT_EQ(FindHeader(raw, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(FindHeader(raw, "Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_TRUE(std::regex_match(FindHeader(raw, "Message-ID"), std::regex("<[0-9A-F]{32}@boussole\\.test>")))
      << FindHeader(raw, "Message-ID");
  EXPECT_EQ(DecodeQuotedPrintable(MessageBody(raw)), text);

  message.reply_to.clear();
  EXPECT_EQ(FindHeader(Build(message), "Reply-To"), "");
}

TEST(MailMime, MessageIdsAreUnique) {
  std::set<std::string> ids;
  for (int i = 0; i < 200; ++i) ids.insert(NewMessageId("boussole.test"));
  EXPECT_EQ(ids.size(), 200u);
}

TEST(MailMime, DatesAreEnglishAndUtc) {
  EXPECT_EQ(FormatMailDate(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatMailDate(kNov25), "Wed, 25 Nov 2026 15:48:35 +0000");
}

TEST(MailMime, DisplayNamesAreEncodedWhenNeeded) {
  const Mailbox anct{"Agence nationale de la cohésion des territoires", "ne-pas-repondre@anct.gouv.fr"};
  auto built = BuildMessage(anct, {"a@mairie.example", "Objet", "Texte\n", ""}, kNov25);
  ASSERT_TRUE(built.ok());
  ExpectShortAsciiLines(built.value());
  const std::string from = FindHeader(built.value(), "From");
  EXPECT_EQ(from.substr(from.size() - 30), "<ne-pas-repondre@anct.gouv.fr>");
  EXPECT_EQ(DecodeEncodedWords(from.substr(0, from.rfind('<'))),
            "Agence nationale de la cohésion des territoires ");

  const Mailbox dotted{"Boussole (A.N.C.T.)", "ne-pas-repondre@anct.gouv.fr"};
  built = BuildMessage(dotted, {"a@mairie.example", "Objet", "Texte\n", ""}, kNov25);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(FindHeader(built.value(), "From").find("=?UTF-8?Q?"), 0u);
}

TEST(MailMime, HeaderInjectionIsRefused) {
  const auto refused = [](const MailMessage& message, const std::string& field) {
    auto built = BuildMessage(kFrom, message, kNov25);
    ASSERT_FALSE(built.ok()) << message.to << " / " << message.subject;
    EXPECT_EQ(built.error().code, "invalid_input");
    EXPECT_EQ(built.error().field, field);
    EXPECT_FALSE(built.error().message.empty());
  };
  refused({"victime@example.org\r\nBcc: tous@example.org", "Objet", "x", ""}, "to");
  refused({"victime@example.org\nBcc: tous@example.org", "Objet", "x", ""}, "to");
  refused({"victime@example.org, autre@example.org", "Objet", "x", ""}, "to");
  refused({"Victime <victime@example.org>", "Objet", "x", ""}, "to");
  refused({"victime@example.org", "Objet\r\nBcc: tous@example.org", "x", ""}, "subject");
  refused({"victime@example.org", "Objet\nBcc: tous@example.org", "x", ""}, "subject");
  refused({"victime@example.org", "Objet\rBcc: tous@example.org", "x", ""}, "subject");
  refused({"victime@example.org", "Objet \xC3", "x", ""}, "subject");
  refused({"victime@example.org", "Objet", "x", "a@b.fr\r\nBcc: tous@example.org"}, "reply_to");
  refused({"victime@example.org", "Objet", "texte \xFF", ""}, "text");

  auto subject = BuildMessage(kFrom, {"victime@example.org", "Objet\r\nBcc: x@y.fr", "x", ""}, kNov25);
  ASSERT_FALSE(subject.ok());
  EXPECT_EQ(subject.error().message, "L'objet du message contient un retour à la ligne ou un caractère de contrôle.");

  auto from = BuildMessage({"Bous\r\nBcc: x@y.fr", "a@boussole.test"}, {"v@example.org", "Objet", "x", ""}, kNov25);
  ASSERT_FALSE(from.ok());
  EXPECT_EQ(from.error().field, "from");
}

TEST(MailMime, TextMayContainAnyLineButNeverInjectsHeaders) {
  // A body line that looks like a header stays in the body.
  const std::string text = "Bcc: tous@example.org\r\n\r\nSubject: faux\n";
  const std::string raw = Build({"v@example.org", "Objet", text, ""});
  EXPECT_EQ(FindHeader(raw, "Bcc"), "");
  EXPECT_EQ(FindHeader(raw, "Subject"), "Objet");
  EXPECT_EQ(DecodeQuotedPrintable(MessageBody(raw)), "Bcc: tous@example.org\n\nSubject: faux\n");
}

}  // namespace
}  // namespace boussole::mail
