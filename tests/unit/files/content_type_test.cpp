#include "files/content_type.h"

#include <gtest/gtest.h>

#include "zip_fixture.h"

namespace boussole::files {
namespace {

using namespace boussole::testing;

TEST(DetectType, TellsEachAcceptedTypeFromItsBytes) {
  EXPECT_EQ(DetectType(PdfBytes()).value(), FileType::kPdf);
  EXPECT_EQ(DetectType(PngBytes()).value(), FileType::kPng);
  EXPECT_EQ(DetectType(JpegBytes()).value(), FileType::kJpeg);
  EXPECT_EQ(DetectType(OdtBytes()).value(), FileType::kOdt);
  EXPECT_EQ(DetectType(DocxBytes()).value(), FileType::kDocx);
  EXPECT_EQ(DetectType(XlsxBytes()).value(), FileType::kXlsx);
}

TEST(DetectType, RefusesExecutablesWhateverTheirName) {
  for (const std::string& bytes : {ElfBytes(), PeBytes(), std::string("#!/bin/sh\nrm -rf /\n")}) {
    auto detected = DetectType(bytes);
    ASSERT_FALSE(detected.ok());
    EXPECT_EQ(detected.error().code, "invalid_input");
    EXPECT_NE(detected.error().message.find("exécutable"), std::string::npos) << detected.error().message;
  }
}

TEST(DetectType, RefusesOtherContentAndZipsOfNoAcceptedKind) {
  EXPECT_FALSE(DetectType("").ok());
  EXPECT_FALSE(DetectType("Bonjour, ceci est du texte.").ok());
  EXPECT_FALSE(DetectType("<html><script>alert(1)</script></html>").ok());
  // A zip holding neither an office document nor a spreadsheet (e.g. a zipped program).
  const auto zip = DetectType(ZipOf({{"setup.exe", PeBytes()}}));
  ASSERT_FALSE(zip.ok());
  EXPECT_NE(zip.error().message.find("archive"), std::string::npos);
  // A truncated zip: local header only.
  EXPECT_FALSE(DetectType(DocxBytes().substr(0, 60)).ok());
  // An OOXML package that is neither Word nor Excel (a PowerPoint file).
  EXPECT_FALSE(DetectType(ZipOf({{"[Content_Types].xml", "<Types/>"}, {"ppt/presentation.xml", "<p/>"}})).ok());
}

TEST(DetectType, RefusesMoreThanTwentyMegabytes) {
  std::string big = PdfBytes();
  big.resize(kMaxFileBytes + 1, ' ');
  auto detected = DetectType(big);
  ASSERT_FALSE(detected.ok());
  EXPECT_NE(detected.error().message.find("20 Mo"), std::string::npos);
  big.resize(kMaxFileBytes);
  EXPECT_TRUE(DetectType(big).ok());
}

TEST(DetectType, MimeTypesRoundTrip) {
  for (FileType type : kAllFileTypes) {
    EXPECT_EQ(TypeFromMime(MimeType(type)).value(), type);
    EXPECT_FALSE(Extension(type).empty());
    EXPECT_FALSE(TypeLabel(type).empty());
  }
  EXPECT_FALSE(TypeFromMime("application/x-msdownload").ok());
}

}  // namespace
}  // namespace boussole::files
