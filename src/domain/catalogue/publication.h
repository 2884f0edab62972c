#pragma once
// The publication workflow of offers (DOMAIN.md; issue 5, item 2): brouillon → en revue →
// publiée. Platform admins move offers along it; a published offer is withdrawn to draft to be
// corrected, then goes through review again.
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue/vocabulary.h"

namespace boussole::catalogue {

//! "draft", "review", "published" with their French labels.
const Vocabulary& PublicationStatuses();

//! Whether an offer may move from `from` to `to`.
bool CanMove(std::string_view from, std::string_view to);

//! The statuses an offer in `from` may move to, in workflow order.
std::vector<std::string> NextStatuses(std::string_view from);

//! What a button moving to `to` says ("Soumettre à la revue"…).
std::string_view MoveLabel(std::string_view from, std::string_view to);

}  // namespace boussole::catalogue
