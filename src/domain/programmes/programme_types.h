#pragma once
// The four kinds of collective programme (issue 7, item 1; DOMAIN.md, "Collective
// programmes"): their rules, written once here from seeds 000, 001 and 004, each with the
// seed text it comes from. Code enforces them, pages show them, tests read them.
#include <string_view>
#include <vector>

namespace boussole::programmes {

//! A verbatim quote of a seed (tests check that it is there, whitespace aside).
struct SeedQuote {
  std::string_view seed;
  std::string_view quote;
};

//! A phase a programme of this type goes through, with the named steps of its seed.
struct PhaseSpec {
  std::string_view key;
  std::string_view label;
  std::vector<std::string_view> steps;
  bool theme_support = false;  //!< organisations may support themes during this phase
  bool deliverables = false;   //!< territories may upload deliverables during this phase
};

struct ProgrammeType {
  std::string_view key;         //!< "fabrique", "projet_partage", "atelier_local", "atelier_flash" (stored)
  std::string_view label;       //!< shown
  std::string_view offer_slug;  //!< the catalogue's offer it runs
  std::string_view pilot;       //!< who pilots it, as the seed says
  // The cohort: territories selected by the ANCT (Fabrique), stakeholders (projet partagé),
  // the one territory of an atelier. 0 = no bound.
  int min_territories = 0;
  int max_territories = 0;
  bool waitlist = false;   //!< beyond the maximum, candidates wait for the ANCT to arbitrate
  bool observers = false;  //!< observers may register, without limit
  int min_months = 0;      //!< duration; 0 when the seed gives none
  int max_months = 0;
  int local_seminars = 0;  //!< per territory
  int local_minutes = 0;   //!< length of one, 0 when the seed gives none
  int intersite_seminars = 0;
  int intersite_minutes = 0;
  int working_group_min = 0;  //!< local working group per territory; 0 = none
  int working_group_max = 0;
  bool survey_group = false;  //!< the mixed survey group (élus, agents, habitants, scolaires…)
  int follow_up_months = 0;   //!< follow-up meeting this many months after the end; 0 = none
  std::vector<std::string_view> deliverables;  //!< what each territory ends with
  std::vector<PhaseSpec> phases;
  std::vector<SeedQuote> sources;
};

const std::vector<ProgrammeType>& ProgrammeTypes();
//! nullptr when no type has this key.
const ProgrammeType* FindProgrammeType(std::string_view key);

}  // namespace boussole::programmes
