#pragma once
// The audit log's hook (issue 9, item 5): after each route, the interceptor tells this file
// what route answered what; the events worth keeping (sign-in, sign-out, password reset,
// account deletion, data export, membership and role changes, platform-admin actions on
// offers) go to the store's security_events. Only ids, route parameters and chosen
// non-secret fields are kept: never a password, a token or an e-mail address.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "web/context.h"
#include "web/http/request.h"
#include "web/http/response.h"
#include "web/http/router.h"

namespace boussole::web {

//! Records the event the route's answer stands for, if any. Never throws (a failure to
//! write the log is logged, the answer still goes out).
void AuditSecurityEvent(const WebContext& context, const Route& route, const Request& request,
                        const Response& response);

//! Records `kind` for the current request (e.g. "limite_atteinte" from the rate limiter).
void RecordSecurityEvent(const WebContext& context, const Request& request, std::string_view kind,
                         std::optional<std::int64_t> user_id, std::string detail);

//! Handlers that learn whose account an action concerned (a sign-in, a password reset
//! through a link) say so for the audit of the current request (thread-local, read and
//! cleared by AuditSecurityEvent).
void NoteAuditedUser(std::int64_t user_id);

}  // namespace boussole::web
