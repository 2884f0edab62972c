// The programme tables of SqliteStore (issue 7). Writes that take a bounded place run in a
// BEGIN IMMEDIATE transaction (Transaction): the count and the write happen with the
// database's write lock held, so two requests for the last place are serialised.
#include "storage/programme_sql.h"
#include "storage/sqlite/sqlite_store.h"

namespace boussole::storage::sqlite {
namespace {

using namespace programmes;

// Binds `args` to the statement's parameters 1, 2… in order.
template <typename... Args>
void BindAll(Statement& q, const Args&... args) {
  int index = 0;
  (q.Bind(++index, args), ...);
}

// Every row of `sql` (bound to `args`), each read by `read`.
template <typename Read, typename... Args>
auto ReadAll(Connection& db, std::string_view sql, Read read, const Args&... args) {
  auto q = db.Prepare(sql);
  BindAll(q, args...);
  std::vector<std::decay_t<decltype(read(q))>> out;
  while (q.Step()) out.push_back(read(q));
  return out;
}

// The first row of `sql` (bound to `args`) read by `read`, if any.
template <typename Read, typename... Args>
auto ReadFirst(Connection& db, std::string_view sql, Read read, const Args&... args) {
  auto q = db.Prepare(sql);
  BindAll(q, args...);
  std::optional<std::decay_t<decltype(read(q))>> out;
  if (q.Step()) out = read(q);
  return out;
}

Programme ReadProgramme(const Statement& q) {
  Programme p;
  p.id = q.Int(0);
  p.slug = q.Text(1);
  p.type = q.Text(2);
  p.title = q.Text(3);
  p.year = static_cast<int>(q.Int(4));
  p.organisation_id = q.OptionalInt(5);
  p.description = q.Text(6);
  p.starts_on = q.Text(7);
  p.ends_on = q.Text(8);
  p.historic = q.Int(9) != 0;
  p.partners = PartnersFromJson(q.Text(10));
  p.sources = SourcesFromJson(q.Text(11));
  p.created_at = q.Text(12);
  return p;
}

Seminar ReadSeminar(const Statement& q) {
  Seminar s;
  s.id = q.Int(0);
  s.programme_id = q.Int(1);
  s.kind = q.Text(2);
  s.territory_id = q.Text(3);
  s.number = static_cast<int>(q.Int(4));
  s.title = q.Text(5);
  s.starts_at = q.Text(6);
  s.minutes = static_cast<int>(q.Int(7));
  s.place = q.Text(8);
  s.online_link = q.Text(9);
  s.agenda = q.Text(10);
  s.capacity = static_cast<int>(q.Int(11));
  s.minutes_text = q.Text(12);
  s.created_at = q.Text(13);
  s.registered = static_cast<int>(q.Int(14));
  return s;
}

Theme ReadTheme(const Statement& q) {
  Theme t;
  t.id = q.Int(0);
  t.programme_id = q.Int(1);
  t.title = q.Text(2);
  t.inspiration = q.Text(3);
  t.organisation_id = q.Int(4);
  t.organisation_name = q.Text(5);
  t.selected = q.Int(6) != 0;
  t.created_at = q.Text(7);
  t.supports = static_cast<int>(q.Int(8));
  return t;
}

std::int64_t Count(Connection& db, std::string_view sql, std::int64_t a, std::string_view b = {}) {
  auto q = db.Prepare(sql);
  q.Bind(1, a);
  if (!b.empty()) q.Bind(2, b);
  q.Step();
  return q.Int(0);
}

void InsertPhases(Connection& db, std::int64_t programme_id, const std::vector<Phase>& phases) {
  auto q = db.Prepare(
      "INSERT INTO programme_phases (programme_id, position, key, starts_on, ends_on, active) VALUES (?, ?, ?, ?, ?, ?)");
  for (const Phase& p : phases) {
    q.Bind(1, programme_id)
        .Bind(2, std::int64_t{p.position})
        .Bind(3, p.key)
        .Bind(4, p.starts_on)
        .Bind(5, p.ends_on)
        .Bind(6, std::int64_t{p.active ? 1 : 0})
        .Run();
  }
}

}  // namespace

Programme SqliteStore::CreateProgramme(const Programme& programme, const std::vector<Phase>& phases,
                                       std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare(std::string("INSERT INTO programmes (slug, type, title, year, organisation_id, description,"
                                   " starts_on, ends_on, historic, partners, sources, created_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ") +
                       kProgrammeColumns);
  q.Bind(1, programme.slug)
      .Bind(2, programme.type)
      .Bind(3, programme.title)
      .Bind(4, std::int64_t{programme.year})
      .Bind(5, programme.organisation_id)
      .Bind(6, programme.description)
      .Bind(7, programme.starts_on)
      .Bind(8, programme.ends_on)
      .Bind(9, std::int64_t{programme.historic ? 1 : 0})
      .Bind(10, PartnersJson(programme.partners))
      .Bind(11, SourcesJson(programme.sources))
      .Bind(12, now);
  q.Step();
  Programme created = ReadProgramme(q);
  while (q.Step()) {
  }
  InsertPhases(*db, created.id, phases);
  tx.Commit();
  return created;
}

ProgrammeImportReport SqliteStore::ImportHistory(const History& history, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  ProgrammeImportReport report;
  for (std::size_t i = 0; i < history.programmes.size(); ++i) {
    const Programme& p = history.programmes[i];
    auto existing = db->Prepare("SELECT id FROM programmes WHERE slug = ?");
    existing.Bind(1, p.slug);
    std::int64_t id = 0;
    if (existing.Step()) {
      id = existing.Int(0);
      db->Prepare("UPDATE programmes SET type = ?, title = ?, year = ?, description = ?, historic = 1, partners = ?,"
                  " sources = ? WHERE id = ?")
          .Bind(1, p.type)
          .Bind(2, p.title)
          .Bind(3, std::int64_t{p.year})
          .Bind(4, p.description)
          .Bind(5, PartnersJson(p.partners))
          .Bind(6, SourcesJson(p.sources))
          .Bind(7, id)
          .Run();
      ++report.updated;
    } else {
      auto insert = db->Prepare(
          "INSERT INTO programmes (slug, type, title, year, description, historic, partners, sources, created_at)"
          " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id");
      insert.Bind(1, p.slug)
          .Bind(2, p.type)
          .Bind(3, p.title)
          .Bind(4, std::int64_t{p.year})
          .Bind(5, p.description)
          .Bind(6, PartnersJson(p.partners))
          .Bind(7, SourcesJson(p.sources))
          .Bind(8, now);
      insert.Step();
      id = insert.Int(0);
      while (insert.Step()) {
      }
      ++report.created;
    }
    db->Prepare("DELETE FROM programme_territories WHERE programme_id = ? AND origin = 'seed'").Bind(1, id).Run();
    auto add = db->Prepare(
        "INSERT INTO programme_territories (programme_id, territory_id, status, origin, verbatim, created_at)"
        " VALUES (?, ?, 'selected', 'seed', ?, ?) ON CONFLICT DO NOTHING");
    for (const CohortTerritory& t : history.cohorts[i]) {
      add.Bind(1, id).Bind(2, t.territory_id).Bind(3, t.verbatim).Bind(4, now).Run();
    }
  }
  db->Exec("DELETE FROM programme_figures");
  auto figure = db->Prepare(
      "INSERT INTO programme_figures (position, label, year, published, seed, quote) VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < history.figures.size(); ++i) {
    const HistoryFigure& f = history.figures[i];
    figure.Bind(1, static_cast<std::int64_t>(i + 1))
        .Bind(2, f.label)
        .Bind(3, std::int64_t{f.year})
        .Bind(4, f.published)
        .Bind(5, f.source.seed)
        .Bind(6, f.source.quote)
        .Run();
  }
  tx.Commit();
  return report;
}

std::vector<HistoryFigure> SqliteStore::HistoryFigures() {
  auto db = pool_.Acquire();
  return ReadAll(*db, "SELECT label, year, published, seed, quote FROM programme_figures ORDER BY position",
                 [](const Statement& q) {
                   return HistoryFigure{q.Text(0), static_cast<int>(q.Int(1)), q.Text(2), {q.Text(3), q.Text(4)}};
                 });
}

std::optional<Programme> SqliteStore::FindProgramme(std::int64_t id) {
  auto db = pool_.Acquire();
  return ReadFirst(*db, std::string("SELECT ") + kProgrammeColumns + " FROM programmes WHERE id = ?", ReadProgramme,
                   id);
}

std::vector<Programme> SqliteStore::ListProgrammes() {
  auto db = pool_.Acquire();
  return ReadAll(*db, std::string("SELECT ") + kProgrammeColumns + " FROM programmes ORDER BY year DESC, id",
                 ReadProgramme);
}

Status SqliteStore::ProposeTerritory(const CohortTerritory& t, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  if (Count(*db, "SELECT COUNT(*) FROM programme_territories WHERE programme_id = ? AND territory_id = ?",
            t.programme_id, t.territory_id) > 0) {
    return Error{"conflict", "Ce territoire fait déjà partie du groupe de ce programme.", "territory"};
  }
  db->Prepare("INSERT INTO programme_territories (programme_id, territory_id, status, origin, verbatim, created_at)"
              " VALUES (?, ?, 'proposed', ?, '', ?)")
      .Bind(1, t.programme_id)
      .Bind(2, t.territory_id)
      .Bind(3, t.origin)
      .Bind(4, now)
      .Run();
  tx.Commit();
  return Ok();
}

Status SqliteStore::SelectTerritory(std::int64_t programme_id, std::string_view territory_id, int max_selected) {
  auto db = pool_.Acquire();
  Transaction tx(*db);  // BEGIN IMMEDIATE: the count below cannot go stale before the update
  auto status = db->Prepare("SELECT status FROM programme_territories WHERE programme_id = ? AND territory_id = ?");
  status.Bind(1, programme_id).Bind(2, territory_id);
  if (!status.Step()) return NotFound("Ce territoire n'est pas proposé pour ce programme.");
  if (status.Text(0) == "selected") return Ok();
  if (max_selected > 0 &&
      Count(*db, "SELECT COUNT(*) FROM programme_territories WHERE programme_id = ? AND status = 'selected'",
            programme_id) >= max_selected) {
    return Error{"full", "", "territory"};
  }
  db->Prepare("UPDATE programme_territories SET status = 'selected' WHERE programme_id = ? AND territory_id = ?")
      .Bind(1, programme_id)
      .Bind(2, territory_id)
      .Run();
  tx.Commit();
  return Ok();
}

Status SqliteStore::RemoveTerritory(std::int64_t programme_id, std::string_view territory_id) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare("DELETE FROM programme_territories WHERE programme_id = ? AND territory_id = ?")
      .Bind(1, programme_id)
      .Bind(2, territory_id)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Ce territoire ne fait pas partie du groupe.");
  tx.Commit();
  return Ok();
}

std::vector<CohortTerritory> SqliteStore::CohortOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  return ReadAll(
      *db,
      "SELECT pt.programme_id, pt.territory_id, COALESCE(t.name, pt.verbatim), pt.status, pt.origin, pt.verbatim,"
      " pt.created_at FROM programme_territories pt LEFT JOIN territories t ON t.id = pt.territory_id"
      " WHERE pt.programme_id = ? ORDER BY pt.status DESC, 3, pt.territory_id",
      [](const Statement& q) {
        return CohortTerritory{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6)};
      },
      programme_id);
}

Result<std::string> SqliteStore::RegisterParticipant(std::int64_t programme_id, std::int64_t organisation_id,
                                                     std::string_view wanted, int max_stakeholders,
                                                     std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);  // BEGIN IMMEDIATE: two candidates for the last seat are serialised
  auto existing = db->Prepare("SELECT role FROM programme_participants WHERE programme_id = ? AND organisation_id = ?");
  existing.Bind(1, programme_id).Bind(2, organisation_id);
  if (existing.Step()) return Error{"conflict", existing.Text(0), {}};
  std::string role(wanted);
  if (role == "stakeholder" && max_stakeholders > 0 &&
      Count(*db, "SELECT COUNT(*) FROM programme_participants WHERE programme_id = ? AND role = 'stakeholder'",
            programme_id) >= max_stakeholders) {
    role = "waitlist";
  }
  db->Prepare("INSERT INTO programme_participants (programme_id, organisation_id, role, created_at) VALUES (?, ?, ?, ?)")
      .Bind(1, programme_id)
      .Bind(2, organisation_id)
      .Bind(3, role)
      .Bind(4, now)
      .Run();
  tx.Commit();
  return role;
}

Status SqliteStore::ArbitrateWaitlist(std::int64_t programme_id, std::int64_t organisation_id, std::string_view role,
                                      int max_stakeholders) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  if (Count(*db,
            "SELECT COUNT(*) FROM programme_participants WHERE programme_id = ? AND role = 'waitlist'"
            " AND organisation_id = " + std::to_string(organisation_id),
            programme_id) == 0) {
    return NotFound("Cette collectivité n'est pas sur la liste d'attente.");
  }
  if (role == "stakeholder" && max_stakeholders > 0 &&
      Count(*db, "SELECT COUNT(*) FROM programme_participants WHERE programme_id = ? AND role = 'stakeholder'",
            programme_id) >= max_stakeholders) {
    return Error{"full", "", {}};
  }
  db->Prepare("UPDATE programme_participants SET role = ? WHERE programme_id = ? AND organisation_id = ?")
      .Bind(1, role)
      .Bind(2, programme_id)
      .Bind(3, organisation_id)
      .Run();
  tx.Commit();
  return Ok();
}

std::vector<Participant> SqliteStore::ParticipantsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  return ReadAll(
      *db,
      "SELECT p.programme_id, p.organisation_id, o.name, p.role, p.created_at FROM programme_participants p"
      " JOIN organisations o ON o.id = p.organisation_id WHERE p.programme_id = ?"
      " ORDER BY CASE p.role WHEN 'stakeholder' THEN 0 WHEN 'waitlist' THEN 1 ELSE 2 END, p.created_at, "
      "p.organisation_id",
      [](const Statement& q) {
        return Participant{q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4)};
      },
      programme_id);
}

Person SqliteStore::AddPerson(const Person& person, std::string_view now) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "INSERT INTO programme_people (programme_id, territory_id, grp, name, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)"
      " RETURNING id");
  q.Bind(1, person.programme_id)
      .Bind(2, person.territory_id)
      .Bind(3, person.group)
      .Bind(4, person.name)
      .Bind(5, person.kind)
      .Bind(6, now);
  q.Step();
  Person added = person;
  added.id = q.Int(0);
  added.created_at = std::string(now);
  while (q.Step()) {
  }
  return added;
}

std::vector<Person> SqliteStore::PeopleOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  return ReadAll(
      *db,
      "SELECT id, programme_id, territory_id, grp, name, kind, created_at FROM programme_people WHERE programme_id = ?"
      " ORDER BY territory_id, grp, id",
      [](const Statement& q) {
        return Person{q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6)};
      },
      programme_id);
}

std::vector<Phase> SqliteStore::PhasesOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "SELECT programme_id, position, key, starts_on, ends_on, active FROM programme_phases WHERE programme_id = ?"
      " ORDER BY position");
  q.Bind(1, programme_id);
  std::vector<Phase> out;
  while (q.Step()) {
    out.push_back({q.Int(0), static_cast<int>(q.Int(1)), q.Text(2), q.Text(3), q.Text(4), q.Int(5) != 0});
  }
  return out;
}

Status SqliteStore::SetPhaseDates(std::int64_t programme_id, int position, std::string_view starts_on,
                                  std::string_view ends_on) {
  auto db = pool_.Acquire();
  db->Prepare("UPDATE programme_phases SET starts_on = ?, ends_on = ? WHERE programme_id = ? AND position = ?")
      .Bind(1, starts_on)
      .Bind(2, ends_on)
      .Bind(3, programme_id)
      .Bind(4, std::int64_t{position})
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Cette phase n'existe pas.");
  return Ok();
}

Status SqliteStore::ActivatePhase(std::int64_t programme_id, int position) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  if (Count(*db, "SELECT COUNT(*) FROM programme_phases WHERE programme_id = ? AND position = " + std::to_string(position),
            programme_id) == 0) {
    return NotFound("Cette phase n'existe pas.");
  }
  db->Prepare("UPDATE programme_phases SET active = 0 WHERE programme_id = ?").Bind(1, programme_id).Run();
  db->Prepare("UPDATE programme_phases SET active = 1 WHERE programme_id = ? AND position = ?")
      .Bind(1, programme_id)
      .Bind(2, std::int64_t{position})
      .Run();
  tx.Commit();
  return Ok();
}

std::vector<Seminar> SqliteStore::AddSeminars(const std::vector<Seminar>& seminars, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  std::vector<Seminar> out;
  for (const Seminar& s : seminars) {
    auto q = db->Prepare(
        "INSERT INTO seminars (programme_id, kind, territory_id, number, title, starts_at, minutes, place, online_link,"
        " agenda, capacity, minutes_text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    q.Bind(1, s.programme_id)
        .Bind(2, s.kind)
        .Bind(3, s.territory_id)
        .Bind(4, std::int64_t{s.number})
        .Bind(5, s.title)
        .Bind(6, s.starts_at)
        .Bind(7, std::int64_t{s.minutes})
        .Bind(8, s.place)
        .Bind(9, s.online_link)
        .Bind(10, s.agenda)
        .Bind(11, std::int64_t{s.capacity})
        .Bind(12, s.minutes_text)
        .Bind(13, now);
    q.Step();
    Seminar added = s;
    added.id = q.Int(0);
    added.created_at = std::string(now);
    while (q.Step()) {
    }
    out.push_back(std::move(added));
  }
  tx.Commit();
  return out;
}

std::vector<Seminar> SqliteStore::SeminarsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  return ReadAll(*db,
                 std::string("SELECT ") + kSeminarColumns +
                     " FROM seminars WHERE programme_id = ? ORDER BY CASE kind WHEN 'intersite' THEN 0 WHEN 'local'"
                     " THEN 1 ELSE 2 END, territory_id, number, id",
                 ReadSeminar, programme_id);
}

std::optional<Seminar> SqliteStore::FindSeminar(std::int64_t id) {
  auto db = pool_.Acquire();
  return ReadFirst(*db, std::string("SELECT ") + kSeminarColumns + " FROM seminars WHERE id = ?", ReadSeminar, id);
}

Status SqliteStore::UpdateSeminar(const Seminar& s) {
  auto db = pool_.Acquire();
  db->Prepare("UPDATE seminars SET starts_at = ?, minutes = ?, place = ?, online_link = ?, agenda = ?, capacity = ?,"
              " minutes_text = ? WHERE id = ?")
      .Bind(1, s.starts_at)
      .Bind(2, std::int64_t{s.minutes})
      .Bind(3, s.place)
      .Bind(4, s.online_link)
      .Bind(5, s.agenda)
      .Bind(6, std::int64_t{s.capacity})
      .Bind(7, s.minutes_text)
      .Bind(8, s.id)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Ce séminaire n'existe pas.");
  return Ok();
}

Status SqliteStore::RegisterForSeminar(std::int64_t seminar_id, std::int64_t user_id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);  // BEGIN IMMEDIATE: the seat count and the insert are one step
  auto seminar = db->Prepare("SELECT capacity FROM seminars WHERE id = ?");
  seminar.Bind(1, seminar_id);
  if (!seminar.Step()) return NotFound("Ce séminaire n'existe pas.");
  const std::int64_t capacity = seminar.Int(0);
  if (Count(*db, "SELECT COUNT(*) FROM seminar_registrations WHERE seminar_id = ? AND user_id = " +
                     std::to_string(user_id),
            seminar_id) > 0) {
    return Error{"conflict", "Vous êtes déjà inscrit à ce séminaire.", {}};
  }
  if (capacity > 0 &&
      Count(*db, "SELECT COUNT(*) FROM seminar_registrations WHERE seminar_id = ?", seminar_id) >= capacity) {
    return Error{"full", "", {}};
  }
  db->Prepare("INSERT INTO seminar_registrations (seminar_id, user_id, attended, created_at) VALUES (?, ?, 0, ?)")
      .Bind(1, seminar_id)
      .Bind(2, user_id)
      .Bind(3, now)
      .Run();
  tx.Commit();
  return Ok();
}

std::vector<Registration> SqliteStore::RegistrationsOf(std::int64_t seminar_id) {
  auto db = pool_.Acquire();
  return ReadAll(
      *db,
      "SELECT r.seminar_id, r.user_id, u.display_name, r.attended, r.created_at FROM seminar_registrations r"
      " JOIN users u ON u.id = r.user_id WHERE r.seminar_id = ? ORDER BY r.created_at, r.user_id",
      [](const Statement& q) {
        return Registration{q.Int(0), q.Int(1), q.Text(2), q.Int(3) != 0, q.Text(4)};
      },
      seminar_id);
}

Status SqliteStore::SetAttendance(std::int64_t seminar_id, std::int64_t user_id, bool attended) {
  auto db = pool_.Acquire();
  db->Prepare("UPDATE seminar_registrations SET attended = ? WHERE seminar_id = ? AND user_id = ?")
      .Bind(1, std::int64_t{attended ? 1 : 0})
      .Bind(2, seminar_id)
      .Bind(3, user_id)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Cette personne n'est pas inscrite à ce séminaire.");
  return Ok();
}

Theme SqliteStore::ProposeTheme(const Theme& theme, std::string_view now) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "INSERT INTO programme_themes (programme_id, title, inspiration, organisation_id, selected, created_at)"
      " VALUES (?, ?, ?, ?, 0, ?) RETURNING id");
  q.Bind(1, theme.programme_id).Bind(2, theme.title).Bind(3, theme.inspiration).Bind(4, theme.organisation_id).Bind(5, now);
  q.Step();
  Theme added = theme;
  added.id = q.Int(0);
  added.created_at = std::string(now);
  while (q.Step()) {
  }
  return added;
}

std::vector<Theme> SqliteStore::ThemesOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  return ReadAll(*db,
                 std::string("SELECT ") + kThemeColumns +
                     " FROM programme_themes t JOIN organisations o ON o.id = t.organisation_id"
                     " WHERE t.programme_id = ? ORDER BY 9 DESC, t.created_at, t.id",
                 ReadTheme, programme_id);
}

std::optional<Theme> SqliteStore::FindTheme(std::int64_t id) {
  auto db = pool_.Acquire();
  return ReadFirst(*db,
                   std::string("SELECT ") + kThemeColumns +
                       " FROM programme_themes t JOIN organisations o ON o.id = t.organisation_id WHERE t.id = ?",
                   ReadTheme, id);
}

Status SqliteStore::SupportTheme(std::int64_t theme_id, std::int64_t organisation_id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  if (Count(*db, "SELECT COUNT(*) FROM theme_supports WHERE theme_id = ? AND organisation_id = " +
                     std::to_string(organisation_id),
            theme_id) > 0) {
    return Error{"conflict", "Votre organisation soutient déjà ce thème : chaque organisation le soutient une fois.", {}};
  }
  db->Prepare("INSERT INTO theme_supports (theme_id, organisation_id, created_at) VALUES (?, ?, ?)")
      .Bind(1, theme_id)
      .Bind(2, organisation_id)
      .Bind(3, now)
      .Run();
  tx.Commit();
  return Ok();
}

Status SqliteStore::SelectTheme(std::int64_t programme_id, std::int64_t theme_id) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto q = db->Prepare("SELECT title FROM programme_themes WHERE id = ? AND programme_id = ?");
  q.Bind(1, theme_id).Bind(2, programme_id);
  if (!q.Step()) return NotFound("Ce thème n'a pas été proposé pour ce programme.");
  const std::string title = q.Text(0);
  db->Prepare("UPDATE programme_themes SET selected = CASE WHEN id = ? THEN 1 ELSE 0 END WHERE programme_id = ?")
      .Bind(1, theme_id)
      .Bind(2, programme_id)
      .Run();
  db->Prepare("UPDATE programmes SET title = ? WHERE id = ?").Bind(1, title).Bind(2, programme_id).Run();
  tx.Commit();
  return Ok();
}

namespace {

Deliverable ReadDeliverable(const Statement& q) {
  Deliverable d;
  d.id = q.Int(0);
  d.programme_id = q.Int(1);
  d.territory_id = q.Text(2);
  d.title = q.Text(3);
  d.version = static_cast<int>(q.Int(4));
  d.file_id = q.Int(5);
  d.file_name = q.Text(6);
  d.file_size = q.Int(7);
  d.status = q.Text(8);
  d.uploaded_by = q.OptionalInt(9).value_or(0);
  d.created_at = q.Text(10);
  d.validated_at = q.Text(11);
  d.published_at = q.Text(12);
  d.actions = q.Text(13);
  return d;
}

DeliverableRequest ReadDeliverableRequest(const Statement& q) {
  DeliverableRequest l;
  l.request_id = q.Int(0);
  l.deliverable_id = q.Int(1);
  l.created_at = q.Text(2);
  l.programme_id = q.Int(3);
  l.programme_title = q.Text(4);
  l.territory_id = q.Text(5);
  l.deliverable_title = q.Text(6);
  l.version = static_cast<int>(q.Int(7));
  l.request_title = q.Text(8);
  l.request_workflow = q.Text(9);
  l.request_state = q.Text(10);
  l.request_organisation_id = q.Int(11);
  return l;
}

}  // namespace

Deliverable SqliteStore::AddDeliverable(const Deliverable& deliverable, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);  // BEGIN IMMEDIATE: two uploads cannot take the same version number
  auto next = db->Prepare(
      "SELECT COALESCE(MAX(version), 0) + 1 FROM deliverables WHERE programme_id = ? AND territory_id = ? AND title = ?");
  next.Bind(1, deliverable.programme_id).Bind(2, deliverable.territory_id).Bind(3, deliverable.title);
  next.Step();
  const std::int64_t version = next.Int(0);
  next.Reset();
  auto q = db->Prepare(
      "INSERT INTO deliverables (programme_id, territory_id, title, version, file_id, status, uploaded_by, created_at,"
      " actions) VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?) RETURNING id");
  q.Bind(1, deliverable.programme_id)
      .Bind(2, deliverable.territory_id)
      .Bind(3, deliverable.title)
      .Bind(4, version)
      .Bind(5, deliverable.file_id)
      .Bind(6, deliverable.uploaded_by == 0 ? std::nullopt : std::optional<std::int64_t>(deliverable.uploaded_by))
      .Bind(7, now)
      .Bind(8, deliverable.actions);
  q.Step();
  const std::int64_t id = q.Int(0);
  while (q.Step()) {
  }
  tx.Commit();
  Deliverable added = deliverable;
  added.id = id;
  added.version = static_cast<int>(version);
  added.status = "submitted";
  added.created_at = std::string(now);
  return added;
}

std::vector<Deliverable> SqliteStore::DeliverablesOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  return ReadAll(*db,
                 std::string("SELECT ") + kDeliverableColumns + kDeliverableFrom +
                     " WHERE d.programme_id = ? ORDER BY d.territory_id, d.title, d.version DESC",
                 ReadDeliverable, programme_id);
}

std::optional<Deliverable> SqliteStore::FindDeliverable(std::int64_t id) {
  auto db = pool_.Acquire();
  return ReadFirst(*db, std::string("SELECT ") + kDeliverableColumns + kDeliverableFrom + " WHERE d.id = ?",
                   ReadDeliverable, id);
}

Status SqliteStore::SetDeliverableStatus(std::int64_t id, std::string_view status, std::string_view now) {
  auto db = pool_.Acquire();
  const bool publish = status == "published";
  db->Prepare(publish ? "UPDATE deliverables SET status = 'published', published_at = ? WHERE id = ? AND status = 'validated'"
                      : "UPDATE deliverables SET status = 'validated', validated_at = ? WHERE id = ? AND status = 'submitted'")
      .Bind(1, now)
      .Bind(2, id)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) {
    return Error{"conflict", publish ? "Seul un livrable validé se publie." : "Ce livrable n'attend pas de validation.", {}};
  }
  return Ok();
}

std::vector<Seminar> SqliteStore::SeminarsToRemind(std::string_view from, std::string_view until) {
  auto db = pool_.Acquire();
  return ReadAll(*db,
                 std::string("SELECT ") + kSeminarColumns +
                     " FROM seminars WHERE starts_at <> '' AND starts_at >= ? AND starts_at < ? AND NOT EXISTS"
                     " (SELECT 1 FROM seminar_reminders r WHERE r.seminar_id = seminars.id) ORDER BY starts_at, id",
                 ReadSeminar, from, until);
}

bool SqliteStore::ClaimReminder(std::int64_t seminar_id, std::string_view now) {
  auto db = pool_.Acquire();
  db->Prepare("INSERT INTO seminar_reminders (seminar_id, sent_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
      .Bind(1, seminar_id)
      .Bind(2, now)
      .Run();
  return sqlite3_changes(db->handle()) == 1;
}

std::vector<std::string> SqliteStore::ReminderRecipients(const Seminar& seminar) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(seminar.kind == "suivi"
                           ? "SELECT DISTINCT u.email FROM seminar_registrations r JOIN users u ON u.id = r.user_id"
                             " JOIN seminars s ON s.id = r.seminar_id WHERE s.programme_id = ? ORDER BY u.email"
                           : "SELECT u.email FROM seminar_registrations r JOIN users u ON u.id = r.user_id"
                             " WHERE r.seminar_id = ? ORDER BY u.email");
  q.Bind(1, seminar.kind == "suivi" ? seminar.programme_id : seminar.id);
  std::vector<std::string> out;
  while (q.Step()) out.push_back(q.Text(0));
  return out;
}

namespace {

Post ReadPost(const Statement& q) {
  Post p;
  p.id = q.Int(0);
  p.programme_id = q.Int(1);
  p.parent_id = q.OptionalInt(2);
  p.user_id = q.OptionalInt(3).value_or(0);
  p.author = q.Text(4);
  p.body = q.Text(5);
  p.hidden = q.Int(6) != 0;
  p.created_at = q.Text(7);
  p.reports = static_cast<int>(q.Int(8));
  return p;
}

}  // namespace

Post SqliteStore::AddPost(const Post& post, std::string_view now) {
  auto db = pool_.Acquire();
  auto q = db->Prepare(
      "INSERT INTO programme_posts (programme_id, parent_id, user_id, body, hidden, created_at) VALUES (?, ?, ?, ?, 0, ?)"
      " RETURNING id");
  q.Bind(1, post.programme_id).Bind(2, post.parent_id).Bind(3, post.user_id).Bind(4, post.body).Bind(5, now);
  q.Step();
  Post added = post;
  added.id = q.Int(0);
  added.created_at = std::string(now);
  while (q.Step()) {
  }
  return added;
}

std::vector<Post> SqliteStore::PostsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  return ReadAll(
      *db, std::string("SELECT ") + kPostColumns + kPostFrom + " WHERE p.programme_id = ? ORDER BY p.created_at, p.id",
      ReadPost, programme_id);
}

std::optional<Post> SqliteStore::FindPost(std::int64_t id) {
  auto db = pool_.Acquire();
  return ReadFirst(*db, std::string("SELECT ") + kPostColumns + kPostFrom + " WHERE p.id = ?", ReadPost, id);
}

Status SqliteStore::ReportPost(std::int64_t post_id, std::int64_t user_id, int hide_after, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare("INSERT INTO post_reports (post_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
      .Bind(1, post_id)
      .Bind(2, user_id)
      .Bind(3, now)
      .Run();
  if (sqlite3_changes(db->handle()) == 0) return Error{"conflict", "Vous avez déjà signalé ce message.", {}};
  db->Prepare("UPDATE programme_posts SET hidden = 1 WHERE id = ? AND (SELECT COUNT(*) FROM post_reports WHERE post_id = ?) >= ?")
      .Bind(1, post_id)
      .Bind(2, post_id)
      .Bind(3, std::int64_t{hide_after})
      .Run();
  tx.Commit();
  return Ok();
}

Status SqliteStore::RestorePost(std::int64_t post_id) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  db->Prepare("UPDATE programme_posts SET hidden = 0 WHERE id = ?").Bind(1, post_id).Run();
  if (sqlite3_changes(db->handle()) == 0) return NotFound("Ce message n'existe pas.");
  db->Prepare("DELETE FROM post_reports WHERE post_id = ?").Bind(1, post_id).Run();
  tx.Commit();
  return Ok();
}

void SqliteStore::SaveStepRecord(const StepRecord& r, std::string_view now) {
  auto db = pool_.Acquire();
  db->Prepare("INSERT INTO programme_step_records (programme_id, territory_id, step, done_on, reference, note, created_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (programme_id, territory_id, step) DO UPDATE SET"
              " done_on = excluded.done_on, reference = excluded.reference, note = excluded.note")
      .Bind(1, r.programme_id)
      .Bind(2, r.territory_id)
      .Bind(3, r.step)
      .Bind(4, r.done_on)
      .Bind(5, r.reference)
      .Bind(6, r.note)
      .Bind(7, now)
      .Run();
}

std::vector<StepRecord> SqliteStore::StepRecordsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  return ReadAll(
      *db,
      "SELECT programme_id, territory_id, step, done_on, reference, note, created_at FROM programme_step_records"
      " WHERE programme_id = ? ORDER BY territory_id, step",
      [](const Statement& q) {
        return StepRecord{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6)};
      },
      programme_id);
}


Status SqliteStore::LinkRequestToDeliverable(std::int64_t request_id, std::int64_t deliverable_id, std::string_view now) {
  auto db = pool_.Acquire();
  Transaction tx(*db);
  auto exists = db->Prepare("SELECT (SELECT COUNT(*) FROM requests WHERE id = ?), (SELECT COUNT(*) FROM deliverables WHERE id = ?),"
                            " (SELECT COUNT(*) FROM deliverable_requests WHERE request_id = ?)");
  exists.Bind(1, request_id).Bind(2, deliverable_id).Bind(3, request_id);
  exists.Step();
  if (exists.Int(0) == 0 || exists.Int(1) == 0) return NotFound("Cette demande ou ce livrable n'existe pas.");
  if (exists.Int(2) > 0) return Error{"conflict", "Cette demande est déjà rattachée à un livrable.", {}};
  exists.Reset();
  db->Prepare("INSERT INTO deliverable_requests (request_id, deliverable_id, created_at) VALUES (?, ?, ?)")
      .Bind(1, request_id)
      .Bind(2, deliverable_id)
      .Bind(3, now)
      .Run();
  tx.Commit();
  return Ok();
}

std::vector<DeliverableRequest> SqliteStore::DeliverableRequestsOf(std::int64_t programme_id) {
  auto db = pool_.Acquire();
  return ReadAll(
      *db, std::string(kDeliverableRequestSelect) + " WHERE d.programme_id = ? ORDER BY l.created_at, l.request_id",
      ReadDeliverableRequest, programme_id);
}

std::optional<DeliverableRequest> SqliteStore::DeliverableRequestOf(std::int64_t request_id) {
  auto db = pool_.Acquire();
  return ReadFirst(*db, std::string(kDeliverableRequestSelect) + " WHERE l.request_id = ?", ReadDeliverableRequest,
                   request_id);
}

}  // namespace boussole::storage::sqlite
