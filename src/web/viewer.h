#pragma once
// Who is asking: the person behind the request being handled on this thread. Handlers run
// synchronously on a worker thread, so the interceptor (web/access.h) opens a scope around
// each of them and everything below — page layout, cache, policy — reads it here instead of
// threading a parameter through every call. The session is looked up on first use only, so
// that static files and cached pages cost no query.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/accounts/account_service.h"
#include "web/context.h"
#include "web/http/request.h"

namespace boussole::web {

inline constexpr const char* kSessionCookie = "boussole_session";
inline constexpr const char* kVisitorCsrfCookie = "boussole_csrf";
//! The hidden field every POST form carries.
inline constexpr const char* kCsrfField = "csrf";

struct Viewer {
  std::optional<accounts::SignedIn> account;
  //! Identified by an `Authorization: Bearer` API token rather than a session cookie: no
  //! browser is involved, so no CSRF check applies (and account->session is empty).
  bool by_api_token = false;
  std::int64_t api_token_id = 0;  //!< the token's id when by_api_token
  //! The request sent an Authorization header that names no active token of ours.
  bool bad_api_token = false;
  bool signed_in() const { return account.has_value(); }
};

//! Makes `request` the current request of this thread until destroyed.
class ViewerScope {
 public:
  ViewerScope(const WebContext& context, const Request& request);
  ~ViewerScope();
  ViewerScope(const ViewerScope&) = delete;
  ViewerScope& operator=(const ViewerScope&) = delete;

  //! The visitor CSRF token minted during the request, to be sent as a cookie; "" if none.
  std::string MintedVisitorToken() const;

  //! What the request has learnt so far (viewer.cpp); lives with the scope, on the stack.
  struct State {
    const WebContext* context = nullptr;
    const Request* request = nullptr;
    std::optional<Viewer> viewer;
    std::string visitor_token;  // from the cookie, or minted
    bool minted = false;
    bool visitor_token_used = false;
  };

 private:
  State state_;
  State* previous_ = nullptr;
};

//! The current viewer; a visitor outside any scope (tests, jobs). On /api/ paths an
//! Authorization header, when present, decides alone (the session cookie is then ignored),
//! and API writes without one are a visitor's whatever cookie comes with them.
const Viewer& CurrentViewer();

//! The token the forms of the current response must carry: the session's when signed in,
//! else the visitor cookie's (minted when absent). A page that asks for it must not be
//! shared between people (RenderPage marks it no-store).
std::string CurrentCsrfToken();
//! Whether CurrentCsrfToken() was called for a visitor during this request.
bool VisitorCsrfUsed();

//! Whether `sent` (the POST form's csrf field) matches the viewer's token (constant time).
bool CsrfMatches(const Request& request, const std::string& sent);

}  // namespace boussole::web
