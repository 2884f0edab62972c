// iCalendar of seminars (issue 7, item 5): RFC 5545 line ends, folding, escaping, checked
// with libical's parser; Paris wall-clock times.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include "domain/programmes/calendar.h"

namespace boussole::programmes {
namespace {

// The number of VEVENTs libical reads, failing the test on any parse error it reports.
int ParseWithLibical(const std::string& text) {
  icalcomponent* calendar = icalparser_parse_string(text.c_str());
  EXPECT_NE(calendar, nullptr);
  if (!calendar) return -1;
  EXPECT_EQ(icalcomponent_isa(calendar), ICAL_VCALENDAR_COMPONENT);
  int events = 0;
  for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    ++events;
    EXPECT_EQ(icalcomponent_count_errors(e), 0) << icalcomponent_as_ical_string(e);
    EXPECT_NE(icalcomponent_get_first_property(e, ICAL_UID_PROPERTY), nullptr);
    EXPECT_NE(icalcomponent_get_first_property(e, ICAL_DTSTAMP_PROPERTY), nullptr);
  }
  EXPECT_EQ(icalcomponent_count_errors(calendar), 0);
  icalcomponent_free(calendar);
  return events;
}

TEST(Calendar, RendersValidFoldedEscapedEvents) {
  Seminar s;
  s.id = 42;
  s.title = "Séminaire local 1";
  s.starts_at = "2026-03-05T08:00:00Z";
  s.minutes = 240;
  s.place = "Salle des fêtes, 1 rue de l'Église; Joinville";
  s.agenda = std::string("Accueil\nAtelier « vision prospective » — ") + std::string(120, 'e') + " élus, agents";
  s.online_link = "https://visio.example.fr/abc";
  const std::string ics = RenderCalendar("Fabrique 2026", {{s, "Fabrique 2026", "Joinville", ""}},
                                         "2026-01-01T10:00:00Z", "boussole");
  EXPECT_EQ(ParseWithLibical(ics), 1);
  EXPECT_NE(ics.find("DTSTART:20260305T080000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTEND:20260305T120000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("UID:seminaire-42@boussole\r\n"), std::string::npos);
  EXPECT_NE(ics.find("LOCATION:Salle des fêtes\\, 1 rue de l'Église\\; Joinville"), std::string::npos);
  // Every physical line ends with CRLF and has at most 75 octets.
  std::size_t start = 0;
  while (start < ics.size()) {
    const std::size_t end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "a line without CRLF";
    EXPECT_LE(end - start, 75u) << ics.substr(start, end - start);
    start = end + 2;
  }
  EXPECT_EQ(ics.find('\n', 0) - 1, ics.find("\r\n"));
}

TEST(Calendar, FoldsWithoutSplittingUtf8) {
  const std::string line = "SUMMARY:" + std::string(66, 'a') + "é" + "é" + "tail";
  const std::string folded = FoldLine(line);
  const auto cut = folded.find("\r\n ");
  ASSERT_NE(cut, std::string::npos);
  EXPECT_LE(cut, 75u);
  EXPECT_NE(static_cast<unsigned char>(folded[cut + 3]) & 0xC0, 0x80) << "a continuation byte starts the next line";
}

TEST(Calendar, ParisWallClock) {
  EXPECT_EQ(ParisWallClock("2026-01-15T08:00:00Z"), "2026-01-15 09:00");
  EXPECT_EQ(ParisWallClock("2026-07-15T08:00:00Z"), "2026-07-15 10:00");
  EXPECT_EQ(ParisToUtc("2026-07-15", "10:00"), "2026-07-15T08:00:00Z");
  EXPECT_EQ(ParisToUtc("2026-01-15", "09:30"), "2026-01-15T08:30:00Z");
  EXPECT_EQ(ParisToUtc("2026-01-15", "9h30"), std::nullopt);
  // Out of range: refused, not carried over to the next month or day.
  EXPECT_EQ(ParisToUtc("2026-13-45", "09:30"), std::nullopt);
  EXPECT_EQ(ParisToUtc("2026-02-30", "09:30"), std::nullopt);
  EXPECT_EQ(ParisToUtc("2026-01-15", "25:00"), std::nullopt);
}

}  // namespace
}  // namespace boussole::programmes
