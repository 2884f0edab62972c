#pragma once
// An offer of the catalogue: an aid, an engineering service or a programme that a
// territory can use (DOMAIN.md, "Offers"). Modelled on the Aides-territoires aid.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace boussole::catalogue {

struct Porteur {
  std::string name;
  std::vector<std::string> roles;  //!< financer, instructor, operator
};

struct KeyFigure {
  std::string label;
  std::string value;
};

struct Amounts {
  std::optional<double> subsidy_rate_min;
  std::optional<double> subsidy_rate_max;
  std::optional<double> loan_amount;
  std::string comment;
  bool empty() const {
    return !subsidy_rate_min && !subsidy_rate_max && !loan_amount && comment.empty();
  }
};

//! A population threshold the seeds attach to an offer ("communes de moins de 20 000
//! habitants"). It applies to territories of one kind; the bounds are inclusive for the
//! minimum and exclusive for the maximum, as "moins de N habitants" reads.
struct PopulationCondition {
  std::string territory_kind;                 //!< commune, epci, departement, region
  std::optional<std::int64_t> min_population;
  std::optional<std::int64_t> max_population;
  //! "eligibility": territories of that kind outside the bounds cannot use the offer;
  //! "free": territories of that kind within the bounds use it free of charge.
  std::string effect;

  //! Whether `population` lies within the bounds.
  bool Holds(std::int64_t population) const {
    return (!min_population || population >= *min_population) && (!max_population || population < *max_population);
  }
};

//! A perimeter that is no single territory but a named list of them (Aides-territoires'
//! "périmètre ad hoc"): the offer applies in each listed territory and below it.
struct AdhocPerimeter {
  std::string name;
  std::vector<std::string> territories;  //!< typed ids
  bool empty() const { return name.empty() && territories.empty(); }
};

//! Where a fact comes from: a seed file and a short verbatim quote.
struct Source {
  std::string seed;
  std::string quote;
  std::vector<std::string> fields;  //!< the offer fields this quote backs
};

struct Offer {
  std::string slug;
  std::string name;
  std::string short_title;
  std::string initial_name;
  std::vector<Porteur> porteurs;
  std::vector<std::string> programmes;
  std::vector<std::string> audiences;
  std::vector<std::string> types;
  std::vector<std::string> mobilization_steps;
  std::vector<std::string> destinations;
  std::string recurrence;  //!< "" when unknown
  std::string start_date;  //!< YYYY-MM-DD or ""
  std::string predeposit_date;
  std::string submission_deadline;
  std::optional<bool> is_call_for_projects;
  std::string perimeter;  //!< typed territory id or ""
  AdhocPerimeter adhoc_perimeter;  //!< only when `perimeter` is ""
  //! The slug of a programme membership list (memberships::MembershipList): once such a list
  //! is loaded, its territories are the offer's ad-hoc perimeter in the search; until then
  //! `perimeter` applies. A link to data loaded later, not a fact: it needs no source.
  std::string membership_list;
  std::vector<PopulationCondition> population_conditions;
  std::vector<std::string> themes;
  std::vector<std::string> categories;
  std::string description;
  std::string eligibility;
  std::string project_examples;
  std::vector<KeyFigure> key_figures;
  Amounts amounts;
  std::optional<bool> is_charged;
  std::string contact;
  std::string origin_url;
  std::string application_url;
  std::vector<Source> sources;

  //! Set by the store, not part of the offer file: when the closing job closed the offer
  //! (its deadline passed). "" while open.
  std::string closed_at;
  //! Set by the store: when the offer was published on Boussole (UTC, ISO 8601); "" for an
  //! offer that is not published.
  std::string published_at;
};

}  // namespace boussole::catalogue
