// The programme tables of PgStore (issue 7). Writes that take a bounded place first lock
// the programme's (or seminar's) row with SELECT … FOR UPDATE: concurrent requests for the
// last place queue on that lock, and each counts what the previous one committed.
#include "storage/programme_sql.h"
#include "storage/postgres/pg_store.h"

namespace boussole::storage::postgres {
namespace {

using namespace programmes;

std::string S(std::string_view text) { return std::string(text); }

Programme ReadProgramme(const pqxx::row& r) {
  Programme p;
  p.id = r[0].as<std::int64_t>();
  p.slug = r[1].as<std::string>();
  p.type = r[2].as<std::string>();
  p.title = r[3].as<std::string>();
  p.year = r[4].as<int>();
  if (!r[5].is_null()) p.organisation_id = r[5].as<std::int64_t>();
  p.description = r[6].as<std::string>();
  p.starts_on = r[7].as<std::string>();
  p.ends_on = r[8].as<std::string>();
  p.historic = r[9].as<int>() != 0;
  p.partners = PartnersFromJson(r[10].as<std::string>());
  p.sources = SourcesFromJson(r[11].as<std::string>());
  p.created_at = r[12].as<std::string>();
  return p;
}

Seminar ReadSeminar(const pqxx::row& r) {
  Seminar s;
  s.id = r[0].as<std::int64_t>();
  s.programme_id = r[1].as<std::int64_t>();
  s.kind = r[2].as<std::string>();
  s.territory_id = r[3].as<std::string>();
  s.number = r[4].as<int>();
  s.title = r[5].as<std::string>();
  s.starts_at = r[6].as<std::string>();
  s.minutes = r[7].as<int>();
  s.place = r[8].as<std::string>();
  s.online_link = r[9].as<std::string>();
  s.agenda = r[10].as<std::string>();
  s.capacity = r[11].as<int>();
  s.minutes_text = r[12].as<std::string>();
  s.created_at = r[13].as<std::string>();
  s.registered = r[14].as<int>();
  return s;
}

Theme ReadTheme(const pqxx::row& r) {
  Theme t;
  t.id = r[0].as<std::int64_t>();
  t.programme_id = r[1].as<std::int64_t>();
  t.title = r[2].as<std::string>();
  t.inspiration = r[3].as<std::string>();
  t.organisation_id = r[4].as<std::int64_t>();
  t.organisation_name = r[5].as<std::string>();
  t.selected = r[6].as<int>() != 0;
  t.created_at = r[7].as<std::string>();
  t.supports = r[8].as<int>();
  return t;
}

void InsertPhases(pqxx::work& tx, std::int64_t programme_id, const std::vector<Phase>& phases) {
  for (const Phase& p : phases) {
    tx.exec_params(
        "INSERT INTO programme_phases (programme_id, position, key, starts_on, ends_on, active)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        programme_id, p.position, p.key, p.starts_on, p.ends_on, p.active ? 1 : 0);
  }
}

// Locks the programme's row until the transaction ends; false when there is no such programme.
bool LockProgramme(pqxx::work& tx, std::int64_t programme_id) {
  return !tx.exec_params("SELECT id FROM programmes WHERE id = $1 FOR UPDATE", programme_id).empty();
}

}  // namespace

Programme PgStore::CreateProgramme(const Programme& programme, const std::vector<Phase>& phases, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const std::optional<std::int64_t> organisation = programme.organisation_id;
  auto rows = tx.exec_params(std::string("INSERT INTO programmes (slug, type, title, year, organisation_id, description,"
                                         " starts_on, ends_on, historic, partners, sources, created_at)"
                                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ") +
                                 kProgrammeColumns,
                             programme.slug, programme.type, programme.title, programme.year, organisation,
                             programme.description, programme.starts_on, programme.ends_on, programme.historic ? 1 : 0,
                             PartnersJson(programme.partners), SourcesJson(programme.sources), S(now));
  Programme created = ReadProgramme(rows[0]);
  InsertPhases(tx, created.id, phases);
  tx.commit();
  return created;
}

ProgrammeImportReport PgStore::ImportHistory(const History& history, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  ProgrammeImportReport report;
  for (std::size_t i = 0; i < history.programmes.size(); ++i) {
    const Programme& p = history.programmes[i];
    auto existing = tx.exec_params("SELECT id FROM programmes WHERE slug = $1", p.slug);
    std::int64_t id = 0;
    if (!existing.empty()) {
      id = existing[0][0].as<std::int64_t>();
      tx.exec_params("UPDATE programmes SET type = $1, title = $2, year = $3, description = $4, historic = 1,"
                     " partners = $5, sources = $6 WHERE id = $7",
                     p.type, p.title, p.year, p.description, PartnersJson(p.partners), SourcesJson(p.sources), id);
      ++report.updated;
    } else {
      id = tx.exec_params("INSERT INTO programmes (slug, type, title, year, description, historic, partners, sources,"
                          " created_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8) RETURNING id",
                          p.slug, p.type, p.title, p.year, p.description, PartnersJson(p.partners),
                          SourcesJson(p.sources), S(now))[0][0]
               .as<std::int64_t>();
      ++report.created;
    }
    tx.exec_params("DELETE FROM programme_territories WHERE programme_id = $1 AND origin = 'seed'", id);
    for (const CohortTerritory& t : history.cohorts[i]) {
      tx.exec_params("INSERT INTO programme_territories (programme_id, territory_id, status, origin, verbatim,"
                     " created_at) VALUES ($1, $2, 'selected', 'seed', $3, $4) ON CONFLICT DO NOTHING",
                     id, t.territory_id, t.verbatim, S(now));
    }
  }
  tx.exec("DELETE FROM programme_figures");
  for (std::size_t i = 0; i < history.figures.size(); ++i) {
    const HistoryFigure& f = history.figures[i];
    tx.exec_params("INSERT INTO programme_figures (position, label, year, published, seed, quote)"
                   " VALUES ($1, $2, $3, $4, $5, $6)",
                   static_cast<int>(i + 1), f.label, f.year, f.published, f.source.seed, f.source.quote);
  }
  tx.commit();
  return report;
}

std::vector<HistoryFigure> PgStore::HistoryFigures() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<HistoryFigure> out;
  for (const auto& r : tx.exec("SELECT label, year, published, seed, quote FROM programme_figures ORDER BY position")) {
    out.push_back({r[0].as<std::string>(), r[1].as<int>(), r[2].as<std::string>(),
                   {r[3].as<std::string>(), r[4].as<std::string>()}});
  }
  return out;
}

std::optional<Programme> PgStore::FindProgramme(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kProgrammeColumns + " FROM programmes WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadProgramme(rows[0]);
}

std::vector<Programme> PgStore::ListProgrammes() {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Programme> out;
  for (const auto& r : tx.exec(std::string("SELECT ") + kProgrammeColumns + " FROM programmes ORDER BY year DESC, id")) {
    out.push_back(ReadProgramme(r));
  }
  return out;
}

Status PgStore::ProposeTerritory(const CohortTerritory& t, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (!LockProgramme(tx, t.programme_id)) return NotFound("Ce programme n'existe pas.");
  if (!tx.exec_params("SELECT 1 FROM programme_territories WHERE programme_id = $1 AND territory_id = $2",
                      t.programme_id, t.territory_id)
           .empty()) {
    return Error{"conflict", "Ce territoire fait déjà partie du groupe de ce programme.", "territory"};
  }
  tx.exec_params("INSERT INTO programme_territories (programme_id, territory_id, status, origin, verbatim, created_at)"
                 " VALUES ($1, $2, 'proposed', $3, '', $4)",
                 t.programme_id, t.territory_id, t.origin, S(now));
  tx.commit();
  return Ok();
}

Status PgStore::SelectTerritory(std::int64_t programme_id, std::string_view territory_id, int max_selected) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (!LockProgramme(tx, programme_id)) return NotFound("Ce programme n'existe pas.");
  auto status = tx.exec_params("SELECT status FROM programme_territories WHERE programme_id = $1 AND territory_id = $2",
                               programme_id, S(territory_id));
  if (status.empty()) return NotFound("Ce territoire n'est pas proposé pour ce programme.");
  if (status[0][0].as<std::string>() == "selected") return Ok();
  if (max_selected > 0 &&
      tx.exec_params("SELECT COUNT(*) FROM programme_territories WHERE programme_id = $1 AND status = 'selected'",
                     programme_id)[0][0]
              .as<int>() >= max_selected) {
    return Error{"full", "", "territory"};
  }
  tx.exec_params("UPDATE programme_territories SET status = 'selected' WHERE programme_id = $1 AND territory_id = $2",
                 programme_id, S(territory_id));
  tx.commit();
  return Ok();
}

Status PgStore::RemoveTerritory(std::int64_t programme_id, std::string_view territory_id) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto result = tx.exec_params("DELETE FROM programme_territories WHERE programme_id = $1 AND territory_id = $2",
                               programme_id, S(territory_id));
  if (result.affected_rows() == 0) return NotFound("Ce territoire ne fait pas partie du groupe.");
  tx.commit();
  return Ok();
}

std::vector<CohortTerritory> PgStore::CohortOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<CohortTerritory> out;
  for (const auto& r : tx.exec_params(
           "SELECT pt.programme_id, pt.territory_id, COALESCE(t.name, pt.verbatim) AS name, pt.status, pt.origin,"
           " pt.verbatim, pt.created_at FROM programme_territories pt LEFT JOIN territories t ON t.id = pt.territory_id"
           " WHERE pt.programme_id = $1 ORDER BY pt.status DESC, name COLLATE \"C\", pt.territory_id",
           programme_id)) {
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<std::string>()});
  }
  return out;
}

Result<std::string> PgStore::RegisterParticipant(std::int64_t programme_id, std::int64_t organisation_id,
                                                 std::string_view wanted, int max_stakeholders, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (!LockProgramme(tx, programme_id)) return NotFound("Ce programme n'existe pas.");
  auto existing = tx.exec_params(
      "SELECT role FROM programme_participants WHERE programme_id = $1 AND organisation_id = $2", programme_id,
      organisation_id);
  if (!existing.empty()) return Error{"conflict", existing[0][0].as<std::string>(), {}};
  std::string role(wanted);
  if (role == "stakeholder" && max_stakeholders > 0 &&
      tx.exec_params("SELECT COUNT(*) FROM programme_participants WHERE programme_id = $1 AND role = 'stakeholder'",
                     programme_id)[0][0]
              .as<int>() >= max_stakeholders) {
    role = "waitlist";
  }
  tx.exec_params("INSERT INTO programme_participants (programme_id, organisation_id, role, created_at)"
                 " VALUES ($1, $2, $3, $4)",
                 programme_id, organisation_id, role, S(now));
  tx.commit();
  return role;
}

Status PgStore::ArbitrateWaitlist(std::int64_t programme_id, std::int64_t organisation_id, std::string_view role,
                                  int max_stakeholders) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (!LockProgramme(tx, programme_id)) return NotFound("Ce programme n'existe pas.");
  if (tx.exec_params("SELECT 1 FROM programme_participants WHERE programme_id = $1 AND organisation_id = $2"
                     " AND role = 'waitlist'",
                     programme_id, organisation_id)
          .empty()) {
    return NotFound("Cette collectivité n'est pas sur la liste d'attente.");
  }
  if (role == "stakeholder" && max_stakeholders > 0 &&
      tx.exec_params("SELECT COUNT(*) FROM programme_participants WHERE programme_id = $1 AND role = 'stakeholder'",
                     programme_id)[0][0]
              .as<int>() >= max_stakeholders) {
    return Error{"full", "", {}};
  }
  tx.exec_params("UPDATE programme_participants SET role = $1 WHERE programme_id = $2 AND organisation_id = $3", S(role),
                 programme_id, organisation_id);
  tx.commit();
  return Ok();
}

std::vector<Participant> PgStore::ParticipantsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Participant> out;
  for (const auto& r : tx.exec_params(
           "SELECT p.programme_id, p.organisation_id, o.name, p.role, p.created_at FROM programme_participants p"
           " JOIN organisations o ON o.id = p.organisation_id WHERE p.programme_id = $1 ORDER BY CASE p.role"
           " WHEN 'stakeholder' THEN 0 WHEN 'waitlist' THEN 1 ELSE 2 END, p.created_at, p.organisation_id",
           programme_id)) {
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>()});
  }
  return out;
}

Person PgStore::AddPerson(const Person& person, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  Person added = person;
  added.id = tx.exec_params("INSERT INTO programme_people (programme_id, territory_id, grp, name, kind, created_at)"
                            " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                            person.programme_id, person.territory_id, person.group, person.name, person.kind, S(now))[0][0]
                 .as<std::int64_t>();
  added.created_at = S(now);
  tx.commit();
  return added;
}

std::vector<Person> PgStore::PeopleOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Person> out;
  for (const auto& r : tx.exec_params("SELECT id, programme_id, territory_id, grp, name, kind, created_at FROM"
                                      " programme_people WHERE programme_id = $1 ORDER BY territory_id, grp, id",
                                      programme_id)) {
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<std::string>()});
  }
  return out;
}

std::vector<Phase> PgStore::PhasesOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Phase> out;
  for (const auto& r : tx.exec_params("SELECT programme_id, position, key, starts_on, ends_on, active FROM"
                                      " programme_phases WHERE programme_id = $1 ORDER BY position",
                                      programme_id)) {
    out.push_back({r[0].as<std::int64_t>(), r[1].as<int>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<int>() != 0});
  }
  return out;
}

Status PgStore::SetPhaseDates(std::int64_t programme_id, int position, std::string_view starts_on,
                              std::string_view ends_on) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto result = tx.exec_params(
      "UPDATE programme_phases SET starts_on = $1, ends_on = $2 WHERE programme_id = $3 AND position = $4",
      S(starts_on), S(ends_on), programme_id, position);
  if (result.affected_rows() == 0) return NotFound("Cette phase n'existe pas.");
  tx.commit();
  return Ok();
}

Status PgStore::ActivatePhase(std::int64_t programme_id, int position) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (!LockProgramme(tx, programme_id)) return NotFound("Ce programme n'existe pas.");
  if (tx.exec_params("SELECT 1 FROM programme_phases WHERE programme_id = $1 AND position = $2", programme_id, position)
          .empty()) {
    return NotFound("Cette phase n'existe pas.");
  }
  tx.exec_params("UPDATE programme_phases SET active = 0 WHERE programme_id = $1", programme_id);
  tx.exec_params("UPDATE programme_phases SET active = 1 WHERE programme_id = $1 AND position = $2", programme_id,
                 position);
  tx.commit();
  return Ok();
}

std::vector<Seminar> PgStore::AddSeminars(const std::vector<Seminar>& seminars, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  std::vector<Seminar> out;
  for (const Seminar& s : seminars) {
    Seminar added = s;
    added.id = tx.exec_params("INSERT INTO seminars (programme_id, kind, territory_id, number, title, starts_at,"
                              " minutes, place, online_link, agenda, capacity, minutes_text, created_at) VALUES ($1, $2,"
                              " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                              s.programme_id, s.kind, s.territory_id, s.number, s.title, s.starts_at, s.minutes,
                              s.place, s.online_link, s.agenda, s.capacity, s.minutes_text, S(now))[0][0]
                   .as<std::int64_t>();
    added.created_at = S(now);
    out.push_back(std::move(added));
  }
  tx.commit();
  return out;
}

std::vector<Seminar> PgStore::SeminarsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Seminar> out;
  for (const auto& r : tx.exec_params(std::string("SELECT ") + kSeminarColumns +
                                          " FROM seminars WHERE programme_id = $1 ORDER BY CASE kind WHEN 'intersite'"
                                          " THEN 0 WHEN 'local' THEN 1 ELSE 2 END, territory_id COLLATE \"C\", number, id",
                                      programme_id)) {
    out.push_back(ReadSeminar(r));
  }
  return out;
}

std::optional<Seminar> PgStore::FindSeminar(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kSeminarColumns + " FROM seminars WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadSeminar(rows[0]);
}

Status PgStore::UpdateSeminar(const Seminar& s) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto result = tx.exec_params("UPDATE seminars SET starts_at = $1, minutes = $2, place = $3, online_link = $4,"
                               " agenda = $5, capacity = $6, minutes_text = $7 WHERE id = $8",
                               s.starts_at, s.minutes, s.place, s.online_link, s.agenda, s.capacity, s.minutes_text,
                               s.id);
  if (result.affected_rows() == 0) return NotFound("Ce séminaire n'existe pas.");
  tx.commit();
  return Ok();
}

Status PgStore::RegisterForSeminar(std::int64_t seminar_id, std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // The seminar's row is the lock of its seats.
  auto seminar = tx.exec_params("SELECT capacity FROM seminars WHERE id = $1 FOR UPDATE", seminar_id);
  if (seminar.empty()) return NotFound("Ce séminaire n'existe pas.");
  const int capacity = seminar[0][0].as<int>();
  if (!tx.exec_params("SELECT 1 FROM seminar_registrations WHERE seminar_id = $1 AND user_id = $2", seminar_id, user_id)
           .empty()) {
    return Error{"conflict", "Vous êtes déjà inscrit à ce séminaire.", {}};
  }
  if (capacity > 0 &&
      tx.exec_params("SELECT COUNT(*) FROM seminar_registrations WHERE seminar_id = $1", seminar_id)[0][0].as<int>() >=
          capacity) {
    return Error{"full", "", {}};
  }
  tx.exec_params("INSERT INTO seminar_registrations (seminar_id, user_id, attended, created_at) VALUES ($1, $2, 0, $3)",
                 seminar_id, user_id, S(now));
  tx.commit();
  return Ok();
}

std::vector<Registration> PgStore::RegistrationsOf(std::int64_t seminar_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Registration> out;
  for (const auto& r : tx.exec_params(
           "SELECT r.seminar_id, r.user_id, u.display_name, r.attended, r.created_at FROM seminar_registrations r"
           " JOIN users u ON u.id = r.user_id WHERE r.seminar_id = $1 ORDER BY r.created_at, r.user_id",
           seminar_id)) {
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(), r[3].as<int>() != 0,
                   r[4].as<std::string>()});
  }
  return out;
}

Status PgStore::SetAttendance(std::int64_t seminar_id, std::int64_t user_id, bool attended) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto result = tx.exec_params("UPDATE seminar_registrations SET attended = $1 WHERE seminar_id = $2 AND user_id = $3",
                               attended ? 1 : 0, seminar_id, user_id);
  if (result.affected_rows() == 0) return NotFound("Cette personne n'est pas inscrite à ce séminaire.");
  tx.commit();
  return Ok();
}

Theme PgStore::ProposeTheme(const Theme& theme, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  Theme added = theme;
  added.id = tx.exec_params("INSERT INTO programme_themes (programme_id, title, inspiration, organisation_id, selected,"
                            " created_at) VALUES ($1, $2, $3, $4, 0, $5) RETURNING id",
                            theme.programme_id, theme.title, theme.inspiration, theme.organisation_id, S(now))[0][0]
                 .as<std::int64_t>();
  added.created_at = S(now);
  tx.commit();
  return added;
}

std::vector<Theme> PgStore::ThemesOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Theme> out;
  for (const auto& r : tx.exec_params(std::string("SELECT ") + kThemeColumns +
                                          " FROM programme_themes t JOIN organisations o ON o.id = t.organisation_id"
                                          " WHERE t.programme_id = $1 ORDER BY 9 DESC, t.created_at, t.id",
                                      programme_id)) {
    out.push_back(ReadTheme(r));
  }
  return out;
}

std::optional<Theme> PgStore::FindTheme(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kThemeColumns +
                                 " FROM programme_themes t JOIN organisations o ON o.id = t.organisation_id"
                                 " WHERE t.id = $1",
                             id);
  if (rows.empty()) return std::nullopt;
  return ReadTheme(rows[0]);
}

Status PgStore::SupportTheme(std::int64_t theme_id, std::int64_t organisation_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto inserted = tx.exec_params("INSERT INTO theme_supports (theme_id, organisation_id, created_at) VALUES ($1, $2, $3)"
                                 " ON CONFLICT DO NOTHING",
                                 theme_id, organisation_id, S(now));
  if (inserted.affected_rows() == 0) {
    return Error{"conflict", "Votre organisation soutient déjà ce thème : chaque organisation le soutient une fois.", {}};
  }
  tx.commit();
  return Ok();
}

Status PgStore::SelectTheme(std::int64_t programme_id, std::int64_t theme_id) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto rows = tx.exec_params("SELECT title FROM programme_themes WHERE id = $1 AND programme_id = $2", theme_id,
                             programme_id);
  if (rows.empty()) return NotFound("Ce thème n'a pas été proposé pour ce programme.");
  tx.exec_params("UPDATE programme_themes SET selected = CASE WHEN id = $1 THEN 1 ELSE 0 END WHERE programme_id = $2",
                 theme_id, programme_id);
  tx.exec_params("UPDATE programmes SET title = $1 WHERE id = $2", rows[0][0].as<std::string>(), programme_id);
  tx.commit();
  return Ok();
}

namespace {

Deliverable ReadDeliverable(const pqxx::row& r) {
  Deliverable d;
  d.id = r[0].as<std::int64_t>();
  d.programme_id = r[1].as<std::int64_t>();
  d.territory_id = r[2].as<std::string>();
  d.title = r[3].as<std::string>();
  d.version = r[4].as<int>();
  d.file_id = r[5].as<std::int64_t>();
  d.file_name = r[6].as<std::string>();
  d.file_size = r[7].as<std::int64_t>();
  d.status = r[8].as<std::string>();
  d.uploaded_by = r[9].is_null() ? 0 : r[9].as<std::int64_t>();
  d.created_at = r[10].as<std::string>();
  d.validated_at = r[11].as<std::string>();
  d.published_at = r[12].as<std::string>();
  d.actions = r[13].as<std::string>();
  return d;
}

DeliverableRequest ReadDeliverableRequest(const pqxx::row& r) {
  DeliverableRequest l;
  l.request_id = r[0].as<std::int64_t>();
  l.deliverable_id = r[1].as<std::int64_t>();
  l.created_at = r[2].as<std::string>();
  l.programme_id = r[3].as<std::int64_t>();
  l.programme_title = r[4].as<std::string>();
  l.territory_id = r[5].as<std::string>();
  l.deliverable_title = r[6].as<std::string>();
  l.version = r[7].as<int>();
  l.request_title = r[8].as<std::string>();
  l.request_workflow = r[9].as<std::string>();
  l.request_state = r[10].as<std::string>();
  l.request_organisation_id = r[11].as<std::int64_t>();
  return l;
}

}  // namespace

Deliverable PgStore::AddDeliverable(const Deliverable& deliverable, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  LockProgramme(tx, deliverable.programme_id);  // two uploads cannot take the same version number
  const int version = tx.exec_params("SELECT COALESCE(MAX(version), 0) + 1 FROM deliverables WHERE programme_id = $1"
                                     " AND territory_id = $2 AND title = $3",
                                     deliverable.programme_id, deliverable.territory_id, deliverable.title)[0][0]
                          .as<int>();
  const std::optional<std::int64_t> user =
      deliverable.uploaded_by == 0 ? std::nullopt : std::optional<std::int64_t>(deliverable.uploaded_by);
  const auto id = tx.exec_params("INSERT INTO deliverables (programme_id, territory_id, title, version, file_id, status,"
                                 " uploaded_by, created_at, actions) VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8)"
                                 " RETURNING id",
                                 deliverable.programme_id, deliverable.territory_id, deliverable.title, version,
                                 deliverable.file_id, user, S(now), deliverable.actions)[0][0]
                      .as<std::int64_t>();
  tx.commit();
  Deliverable added = deliverable;
  added.id = id;
  added.version = version;
  added.status = "submitted";
  added.created_at = S(now);
  return added;
}

std::vector<Deliverable> PgStore::DeliverablesOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Deliverable> out;
  for (const auto& r : tx.exec_params(std::string("SELECT ") + kDeliverableColumns + kDeliverableFrom +
                                          " WHERE d.programme_id = $1 ORDER BY d.territory_id COLLATE \"C\","
                                          " d.title COLLATE \"C\", d.version DESC",
                                      programme_id)) {
    out.push_back(ReadDeliverable(r));
  }
  return out;
}

std::optional<Deliverable> PgStore::FindDeliverable(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kDeliverableColumns + kDeliverableFrom + " WHERE d.id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadDeliverable(rows[0]);
}

Status PgStore::SetDeliverableStatus(std::int64_t id, std::string_view status, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const bool publish = status == "published";
  auto result = tx.exec_params(
      publish ? "UPDATE deliverables SET status = 'published', published_at = $1 WHERE id = $2 AND status = 'validated'"
              : "UPDATE deliverables SET status = 'validated', validated_at = $1 WHERE id = $2 AND status = 'submitted'",
      S(now), id);
  if (result.affected_rows() == 0) {
    return Error{"conflict", publish ? "Seul un livrable validé se publie." : "Ce livrable n'attend pas de validation.", {}};
  }
  tx.commit();
  return Ok();
}

std::vector<Seminar> PgStore::SeminarsToRemind(std::string_view from, std::string_view until) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Seminar> out;
  for (const auto& r : tx.exec_params(std::string("SELECT ") + kSeminarColumns +
                                          " FROM seminars WHERE starts_at <> '' AND starts_at >= $1 AND starts_at < $2"
                                          " AND NOT EXISTS (SELECT 1 FROM seminar_reminders r WHERE r.seminar_id ="
                                          " seminars.id) ORDER BY starts_at, id",
                                      S(from), S(until))) {
    out.push_back(ReadSeminar(r));
  }
  return out;
}

bool PgStore::ClaimReminder(std::int64_t seminar_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  auto result = tx.exec_params("INSERT INTO seminar_reminders (seminar_id, sent_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                               seminar_id, S(now));
  tx.commit();
  return result.affected_rows() == 1;
}

std::vector<std::string> PgStore::ReminderRecipients(const Seminar& seminar) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<std::string> out;
  const bool follow_up = seminar.kind == "suivi";
  for (const auto& r : tx.exec_params(
           follow_up ? "SELECT DISTINCT u.email FROM seminar_registrations r JOIN users u ON u.id = r.user_id"
                       " JOIN seminars s ON s.id = r.seminar_id WHERE s.programme_id = $1 ORDER BY u.email"
                     : "SELECT u.email FROM seminar_registrations r JOIN users u ON u.id = r.user_id"
                       " WHERE r.seminar_id = $1 ORDER BY u.email",
           follow_up ? seminar.programme_id : seminar.id)) {
    out.push_back(r[0].as<std::string>());
  }
  return out;
}

namespace {

Post ReadPost(const pqxx::row& r) {
  Post p;
  p.id = r[0].as<std::int64_t>();
  p.programme_id = r[1].as<std::int64_t>();
  if (!r[2].is_null()) p.parent_id = r[2].as<std::int64_t>();
  p.user_id = r[3].is_null() ? 0 : r[3].as<std::int64_t>();
  p.author = r[4].as<std::string>();
  p.body = r[5].as<std::string>();
  p.hidden = r[6].as<int>() != 0;
  p.created_at = r[7].as<std::string>();
  p.reports = r[8].as<int>();
  return p;
}

}  // namespace

Post PgStore::AddPost(const Post& post, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  const std::optional<std::int64_t> parent = post.parent_id;
  Post added = post;
  added.id = tx.exec_params("INSERT INTO programme_posts (programme_id, parent_id, user_id, body, hidden, created_at)"
                            " VALUES ($1, $2, $3, $4, 0, $5) RETURNING id",
                            post.programme_id, parent, post.user_id, post.body, S(now))[0][0]
                 .as<std::int64_t>();
  added.created_at = S(now);
  tx.commit();
  return added;
}

std::vector<Post> PgStore::PostsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<Post> out;
  for (const auto& r : tx.exec_params(std::string("SELECT ") + kPostColumns + kPostFrom +
                                          " WHERE p.programme_id = $1 ORDER BY p.created_at, p.id",
                                      programme_id)) {
    out.push_back(ReadPost(r));
  }
  return out;
}

std::optional<Post> PgStore::FindPost(std::int64_t id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string("SELECT ") + kPostColumns + kPostFrom + " WHERE p.id = $1", id);
  if (rows.empty()) return std::nullopt;
  return ReadPost(rows[0]);
}

Status PgStore::ReportPost(std::int64_t post_id, std::int64_t user_id, int hide_after, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // The post's row is the lock: concurrent reports count each other.
  if (tx.exec_params("SELECT id FROM programme_posts WHERE id = $1 FOR UPDATE", post_id).empty()) {
    return NotFound("Ce message n'existe pas.");
  }
  auto inserted = tx.exec_params("INSERT INTO post_reports (post_id, user_id, created_at) VALUES ($1, $2, $3)"
                                 " ON CONFLICT DO NOTHING",
                                 post_id, user_id, S(now));
  if (inserted.affected_rows() == 0) return Error{"conflict", "Vous avez déjà signalé ce message.", {}};
  tx.exec_params("UPDATE programme_posts SET hidden = 1 WHERE id = $1 AND (SELECT COUNT(*) FROM post_reports WHERE"
                 " post_id = $1) >= $2",
                 post_id, hide_after);
  tx.commit();
  return Ok();
}

Status PgStore::RestorePost(std::int64_t post_id) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  if (tx.exec_params("UPDATE programme_posts SET hidden = 0 WHERE id = $1", post_id).affected_rows() == 0) {
    return NotFound("Ce message n'existe pas.");
  }
  tx.exec_params("DELETE FROM post_reports WHERE post_id = $1", post_id);
  tx.commit();
  return Ok();
}

void PgStore::SaveStepRecord(const StepRecord& r, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  tx.exec_params("INSERT INTO programme_step_records (programme_id, territory_id, step, done_on, reference, note,"
                 " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (programme_id, territory_id, step) DO"
                 " UPDATE SET done_on = excluded.done_on, reference = excluded.reference, note = excluded.note",
                 r.programme_id, r.territory_id, r.step, r.done_on, r.reference, r.note, S(now));
  tx.commit();
}

std::vector<StepRecord> PgStore::StepRecordsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<StepRecord> out;
  for (const auto& r : tx.exec_params("SELECT programme_id, territory_id, step, done_on, reference, note, created_at"
                                      " FROM programme_step_records WHERE programme_id = $1"
                                      " ORDER BY territory_id COLLATE \"C\", step COLLATE \"C\"",
                                      programme_id)) {
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<std::string>()});
  }
  return out;
}


Status PgStore::LinkRequestToDeliverable(std::int64_t request_id, std::int64_t deliverable_id, std::string_view now) {
  auto db = pool_.Acquire();
  pqxx::work tx(*db);
  // The request's row lock: two links of the same request never both pass the check.
  auto request = tx.exec_params("SELECT id FROM requests WHERE id = $1 FOR UPDATE", request_id);
  auto deliverable = tx.exec_params("SELECT id FROM deliverables WHERE id = $1", deliverable_id);
  if (request.empty() || deliverable.empty()) return NotFound("Cette demande ou ce livrable n'existe pas.");
  if (!tx.exec_params("SELECT 1 FROM deliverable_requests WHERE request_id = $1", request_id).empty()) {
    return Error{"conflict", "Cette demande est déjà rattachée à un livrable.", {}};
  }
  tx.exec_params("INSERT INTO deliverable_requests (request_id, deliverable_id, created_at) VALUES ($1, $2, $3)", request_id,
                 deliverable_id, S(now));
  tx.commit();
  return Ok();
}

std::vector<DeliverableRequest> PgStore::DeliverableRequestsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  std::vector<DeliverableRequest> out;
  for (const auto& r : tx.exec_params(std::string(kDeliverableRequestSelect) +
                                          " WHERE d.programme_id = $1 ORDER BY l.created_at, l.request_id",
                                      programme_id)) {
    out.push_back(ReadDeliverableRequest(r));
  }
  return out;
}

std::optional<DeliverableRequest> PgStore::DeliverableRequestOf(std::int64_t request_id) {
  auto db = pool_.Acquire();
  pqxx::nontransaction tx(*db);
  auto rows = tx.exec_params(std::string(kDeliverableRequestSelect) + " WHERE l.request_id = $1", request_id);
  if (rows.empty()) return std::nullopt;
  return ReadDeliverableRequest(rows[0]);
}

}  // namespace boussole::storage::postgres
