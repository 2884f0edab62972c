#pragma once
// What both backends share for programmes: the column lists and the JSON of partners and
// sources.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/programmes/programme.h"

namespace boussole::storage {

inline constexpr const char* kProgrammeColumns =
    "id, slug, type, title, year, organisation_id, description, starts_on, ends_on, historic, partners, sources, "
    "created_at";
inline constexpr const char* kSeminarColumns =
    "id, programme_id, kind, territory_id, number, title, starts_at, minutes, place, online_link, agenda, capacity, "
    "minutes_text, created_at, (SELECT COUNT(*) FROM seminar_registrations r WHERE r.seminar_id = seminars.id)";
inline constexpr const char* kThemeColumns =
    "t.id, t.programme_id, t.title, t.inspiration, t.organisation_id, o.name, t.selected, t.created_at,"
    " (SELECT COUNT(*) FROM theme_supports s WHERE s.theme_id = t.id)";

inline std::string PartnersJson(const std::vector<programmes::Partner>& partners) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : partners) list.push_back({{"verbatim", p.verbatim}, {"normalised", p.normalised}, {"note", p.note}});
  return list.dump();
}

inline std::vector<programmes::Partner> PartnersFromJson(const std::string& text) {
  std::vector<programmes::Partner> out;
  for (const auto& p : nlohmann::json::parse(text)) {
    out.push_back({p.value("verbatim", ""), p.value("normalised", ""), p.value("note", "")});
  }
  return out;
}

inline std::string SourcesJson(const std::vector<programmes::Source>& sources) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : sources) list.push_back({{"seed", s.seed}, {"quote", s.quote}});
  return list.dump();
}

inline std::vector<programmes::Source> SourcesFromJson(const std::string& text) {
  std::vector<programmes::Source> out;
  for (const auto& s : nlohmann::json::parse(text)) out.push_back({s.value("seed", ""), s.value("quote", "")});
  return out;
}

}  // namespace boussole::storage

namespace boussole::storage {

inline constexpr const char* kDeliverableColumns =
    "d.id, d.programme_id, d.territory_id, d.title, d.version, d.file_id, f.original_name, f.size_bytes, d.status,"
    " d.uploaded_by, d.created_at, d.validated_at, d.published_at, d.actions";
inline constexpr const char* kPostColumns =
    "p.id, p.programme_id, p.parent_id, p.user_id, COALESCE(u.display_name, ''), p.body, p.hidden, p.created_at,"
    " (SELECT COUNT(*) FROM post_reports r WHERE r.post_id = p.id)";
inline constexpr const char* kPostFrom = " FROM programme_posts p LEFT JOIN users u ON u.id = p.user_id";
inline constexpr const char* kDeliverableFrom = " FROM deliverables d JOIN files f ON f.id = d.file_id";
// A request opened from a deliverable, with what both sides show.
inline constexpr const char* kDeliverableRequestSelect =
    "SELECT l.request_id, l.deliverable_id, l.created_at, d.programme_id, p.title, d.territory_id, d.title, d.version,"
    " r.title, r.workflow, r.state, r.organisation_id FROM deliverable_requests l"
    " JOIN deliverables d ON d.id = l.deliverable_id JOIN programmes p ON p.id = d.programme_id"
    " JOIN requests r ON r.id = l.request_id";

}  // namespace boussole::storage
