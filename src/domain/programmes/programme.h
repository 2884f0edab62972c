#pragma once
// A collective programme (issue 7): one running (or past) instance of a programme type,
// with its cohort, people, phases, seminars and themes. Plain values; the rules live in
// programme_rules.h and programme_types.h.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boussole::programmes {

//! A partner as a source names it; `normalised` only where the right name is certain.
struct Partner {
  std::string verbatim;
  std::string normalised;  //!< "" when the verbatim text is right or uncertain
  std::string note;        //!< why it was normalised
};

struct Source {
  std::string seed;
  std::string quote;
};

//! A published figure next to the count the data gives (seed 003: "trois, impliquant 20
//! territoires" while its lists name 16).
struct PublishedFigure {
  std::string label;
  std::string published;  //!< as the source says it
  std::string counted;    //!< from the data, "" when the data cannot tell
  Source source;
};

struct Programme {
  std::int64_t id = 0;
  std::string slug;
  std::string type;   //!< ProgrammeType::key
  std::string title;  //!< the theme as the programme's title
  int year = 0;
  std::optional<std::int64_t> organisation_id;  //!< the pilot organisation (the ANCT); none for history
  std::string description;
  std::string starts_on;  //!< YYYY-MM-DD or ""
  std::string ends_on;
  bool historic = false;  //!< imported from the seeds
  std::vector<Partner> partners;
  std::vector<Source> sources;
  std::vector<PublishedFigure> figures;
  std::string created_at;
};

//! A territory of a programme's cohort.
struct CohortTerritory {
  std::int64_t programme_id = 0;
  std::string territory_id;  //!< typed territory id
  std::string name;          //!< filled when read (from the territories)
  std::string status;        //!< "proposed" or "selected"
  std::string origin;        //!< "anct", "partenaire", "delegue", "candidature", "seed"
  std::string verbatim;      //!< how the source names it (history)
  std::string created_at;
};

//! An organisation registered to a projet partagé.
struct Participant {
  std::int64_t programme_id = 0;
  std::int64_t organisation_id = 0;
  std::string organisation_name;  //!< filled when read
  std::string role;               //!< "stakeholder", "waitlist", "observer"
  std::string created_at;
};

//! A person of a territory: élu, referent agent, member of the working or survey group.
struct Person {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::string territory_id;
  std::string group;  //!< "elu", "agent", "groupe_local", "groupe_enquete"
  std::string name;
  std::string kind;   //!< for groups: association, habitant, entreprise…
  std::string created_at;
};

struct Phase {
  std::int64_t programme_id = 0;
  int position = 0;
  std::string key;  //!< PhaseSpec::key
  std::string starts_on;
  std::string ends_on;
  bool active = false;
};

struct Seminar {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::string kind;          //!< "local", "intersite", "suivi"
  std::string territory_id;  //!< local seminars only
  int number = 0;            //!< 1.. within its kind (and territory)
  std::string title;
  std::string starts_at;     //!< UTC, "YYYY-MM-DDTHH:MM:SSZ", or "" while not dated
  int minutes = 0;           //!< length; 0 when unknown
  std::string place;
  std::string online_link;
  std::string agenda;
  int capacity = 0;          //!< 0 = no cap
  int registered = 0;        //!< filled when read
  std::string minutes_text;  //!< the minutes (compte rendu)
  std::string created_at;
};

struct Registration {
  std::int64_t seminar_id = 0;
  std::int64_t user_id = 0;
  std::string display_name;
  bool attended = false;
  std::string created_at;
};

//! A theme proposed, during a programme's proposal phase, to become that programme's theme,
//! with its inspiration sheet.
struct Theme {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::string title;
  std::string inspiration;
  std::int64_t organisation_id = 0;  //!< who proposed it
  std::string organisation_name;     //!< filled when read
  int supports = 0;                  //!< filled when read
  bool selected = false;             //!< the ANCT made it the programme's theme
  std::string created_at;
};

//! One version of a territory's deliverable (vision prospective, programme d'actions, plan
//! d'action…): its file, then validated by the ANCT, then published on the programme's page.
struct Deliverable {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::string territory_id;
  std::string title;
  int version = 0;            //!< 1, 2… per (programme, territory, title), set when stored
  std::int64_t file_id = 0;   //!< files(id) (issue 6's file store)
  std::string file_name;      //!< filled when read
  std::int64_t file_size = 0; //!< filled when read
  std::string status;         //!< "submitted", "validated", "published"
  std::int64_t uploaded_by = 0;
  std::string created_at;
  std::string validated_at;
  std::string published_at;
  std::string actions;        //!< the actions it lists, one a line ("" when none given)
};

//! An ingénierie sur mesure request (issue 6) a territory opened from one of its
//! deliverables (seed 000: "mobiliser l'ingénierie sur mesure"), with what both sides show.
struct DeliverableRequest {
  std::int64_t request_id = 0;
  std::int64_t deliverable_id = 0;
  std::string created_at;
  // filled when read
  std::int64_t programme_id = 0;
  std::string programme_title;
  std::string territory_id;
  std::string deliverable_title;
  int version = 0;
  std::string request_title;
  std::string request_workflow;
  std::string request_state;
  std::int64_t request_organisation_id = 0;
};

//! A named step of seed 001 recorded for one territory: the adoption of its action plan by
//! its executive (date and deliberation reference), the feedback to its inhabitants.
struct StepRecord {
  std::int64_t programme_id = 0;
  std::string territory_id;
  std::string step;       //!< "adoption", "retour_habitants"
  std::string done_on;    //!< YYYY-MM-DD
  std::string reference;  //!< the deliberation's reference (adoption)
  std::string note;
  std::string created_at;
};

//! A post of a programme's learning community, or a comment on one (parent_id set).
struct Post {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::optional<std::int64_t> parent_id;
  std::int64_t user_id = 0;
  std::string author;  //!< filled when read
  std::string body;
  bool hidden = false;  //!< hidden after kHideAfterReports reports, until a moderator restores it
  int reports = 0;      //!< filled when read
  std::string created_at;
};

//! Reports that hide a post (issue 7, item 8).
inline constexpr int kHideAfterReports = 3;

}  // namespace boussole::programmes
