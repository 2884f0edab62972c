#include "web/http/multipart.h"

#include <gtest/gtest.h>

namespace boussole::web {
namespace {

const std::string kType = "multipart/form-data; boundary=----Frontiere42";

std::string Body() {
  return "------Frontiere42\r\n"
         "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
         "jeton\r\n"
         "------Frontiere42\r\n"
         "Content-Disposition: form-data; name=\"fichier\"; filename=\"C:\\\\dossier\\\\plan.pdf\"\r\n"
         "Content-Type: application/pdf\r\n\r\n"
         "%PDF-1.4\r\n\r\n--pas une frontière\r\n"
         "------Frontiere42\r\n"
         "Content-Disposition: form-data; name=\"vide\"; filename=\"\"\r\n"
         "Content-Type: application/octet-stream\r\n\r\n"
         "\r\n"
         "------Frontiere42--\r\n";
}

TEST(Multipart, ReadsFieldsAndFiles) {
  auto parts = ParseMultipart(kType, Body());
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts.value().size(), 3u);
  EXPECT_EQ(parts.value()[0].name, "csrf");
  EXPECT_FALSE(parts.value()[0].is_file);
  EXPECT_EQ(parts.value()[0].body, "jeton");
  EXPECT_EQ(parts.value()[1].name, "fichier");
  EXPECT_TRUE(parts.value()[1].is_file);
  EXPECT_EQ(parts.value()[1].filename, "plan.pdf");
  EXPECT_EQ(parts.value()[1].content_type, "application/pdf");
  EXPECT_EQ(parts.value()[1].body, "%PDF-1.4\r\n\r\n--pas une frontière");
  EXPECT_TRUE(parts.value()[2].is_file);
  EXPECT_EQ(parts.value()[2].filename, "");
  EXPECT_EQ(parts.value()[2].body, "");
}

TEST(Multipart, QuotedBoundary) {
  auto parts = ParseMultipart("multipart/form-data; boundary=\"----Frontiere42\"", Body());
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts.value().size(), 3u);
}

TEST(Multipart, RefusesMalformedBodies) {
  EXPECT_FALSE(ParseMultipart("multipart/form-data", Body()).ok());  // no boundary
  EXPECT_FALSE(ParseMultipart("text/plain; boundary=----Frontiere42", Body()).ok());
  EXPECT_FALSE(ParseMultipart(kType, "rien").ok());
  // Cut short: no closing delimiter after the last part.
  EXPECT_FALSE(ParseMultipart(kType, Body().substr(0, 120)).ok());
  // A part without a name.
  EXPECT_FALSE(ParseMultipart(kType, "------Frontiere42\r\nContent-Disposition: form-data\r\n\r\nx\r\n------Frontiere42--").ok());
}

}  // namespace
}  // namespace boussole::web
