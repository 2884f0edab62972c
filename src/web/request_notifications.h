#pragma once
// Notifications of a request's parties (issue 6, item 5): a step taken, a comment, a file.
// Stored for each person concerned; the notification job mails them at each person's pace
// (domain/notifications/notification_service.h: immediately, daily or weekly digests, or
// never, listed on their account page).
#include <cstdint>
#include <string>

#include "domain/requests/request.h"
#include "web/context.h"

namespace boussole::web {

//! Tells the members of the organisations that are the parties to tell of `request`
//! (requests::PartiesToTell: its collectivité, the parties of those who acted on it so far
//! as its trail says, the parties of its next steps, the organisation handed it), except
//! `actor`, that `what` happened: "Demande « Titre » : <what>".
void NotifyRequestParties(const WebContext& context, const requests::Request& request, std::int64_t actor,
                          const std::string& now, const std::string& what);

}  // namespace boussole::web
