#pragma once
// The closed vocabularies of the catalogue (DOMAIN.md) with their French labels: the one
// messages file of the catalogue module.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boussole::catalogue {

using Vocabulary = std::vector<std::pair<std::string_view, std::string_view>>;  // key, label

const Vocabulary& Audiences();
const Vocabulary& OfferTypes();
const Vocabulary& MobilizationSteps();
const Vocabulary& Destinations();
const Vocabulary& Recurrences();
const Vocabulary& Themes();
const Vocabulary& PorteurRoles();
//! Kinds of territory a population condition applies to, labelled in the plural
//! ("communes") for sentences such as "communes de moins de 20 000 habitants".
const Vocabulary& PopulationTerritoryKinds();
//! What a population condition decides: "eligibility" or "free".
const Vocabulary& PopulationEffects();

//! The French label of `key`, or `key` itself when unknown.
std::string_view LabelOf(const Vocabulary& vocabulary, std::string_view key);
bool Contains(const Vocabulary& vocabulary, std::string_view key);

//! "Aide financière", "Ingénierie" or "Accompagnement" — the group of an offer type.
std::string_view TypeGroupOf(std::string_view type);

}  // namespace boussole::catalogue
