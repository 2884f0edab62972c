#include "web/http/access_log.h"

#include <gtest/gtest.h>

namespace boussole::web {
namespace {

TEST(IsSensitiveNameTest, MatchesSecretsIgnoringCase) {
  for (const char* name : {"token", "csrf_token", "Password", "new_passwd", "client_secret",
                           "api_key", "APIKEY", "code_verification", "session_id", "csrf",
                           "Authorization", "auth", "jeton", "email", "courriel"}) {
    EXPECT_TRUE(IsSensitiveName(name)) << name;
  }
  for (const char* name : {"q", "page", "territoire", "theme"}) {
    EXPECT_FALSE(IsSensitiveName(name)) << name;
  }
}

TEST(RedactQueryTest, RedactsSensitiveValuesOnly) {
  const QueryPairs query = {{"q", "eau"},
                            {"token", "abc123"},
                            {"page", "2"},
                            {"Session", "s"},
                            {"code_verification", "999"}};
  EXPECT_EQ(RedactQuery(query),
            "q=eau&token=[redacted]&page=2&Session=[redacted]&code_verification=[redacted]");
}

TEST(RedactQueryTest, EncodesSeparatorsAndControlCharacters) {
  const QueryPairs query = {{"q", "a b&c=d"}, {"x\n", "line\r\nbreak"}, {"é", "ü"}};
  EXPECT_EQ(RedactQuery(query), "q=a%20b%26c%3Dd&x%0A=line%0D%0Abreak&é=ü");
  EXPECT_EQ(RedactQuery({}), "");
}

TEST(RedactPathTest, RedactsSensitivePathParameters) {
  EXPECT_EQ(RedactPath("/compte/reinitialisation/s3cr3t", {{"token", "s3cr3t"}}),
            "/compte/reinitialisation/[redacted]");
  EXPECT_EQ(RedactPath("/offres/fonds-vert", {{"slug", "fonds-vert"}}), "/offres/fonds-vert");
  // Only whole segments: the value also appears inside another segment.
  EXPECT_EQ(RedactPath("/ab/a", {{"token", "a"}}), "/ab/[redacted]");
}

TEST(FormatAccessLineTest, KeyValueLineWithoutSecrets) {
  AccessEntry entry;
  entry.request_id = "0123456789abcdef";
  entry.method = "GET";
  entry.path = "/offres";
  entry.query = {{"q", "eau"}, {"password", "hunter2"}};
  entry.status = 200;
  entry.bytes = 1234;
  entry.duration_ms = 1.234;
  entry.route = "offers";
  entry.remote = "127.0.0.1";
  const std::string line = FormatAccessLine(entry);
  EXPECT_EQ(line,
            "request_id=0123456789abcdef method=GET path=/offres "
            "query=q=eau&password=[redacted] status=200 bytes=1234 duration_ms=1.23 "
            "route=offers remote=127.0.0.1");
  EXPECT_EQ(line.find("hunter2"), std::string::npos);
}

TEST(FormatAccessLineTest, EmptyValuesAndUnsafeCharacters) {
  AccessEntry entry;
  entry.method = "GET";
  entry.path = "/a b\n\"x\"";
  entry.status = 404;
  const std::string line = FormatAccessLine(entry);
  EXPECT_NE(line.find("request_id=- "), std::string::npos);
  EXPECT_NE(line.find("path=\"/a b\\x0a\\\"x\\\"\""), std::string::npos) << line;
  EXPECT_NE(line.find("query=- "), std::string::npos);
  EXPECT_NE(line.find("route=- "), std::string::npos);
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace boussole::web
