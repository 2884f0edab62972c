#include "web/viewer.h"

#include <cctype>

#include "domain/accounts/api_token_service.h"
#include "domain/accounts/secrets.h"
#include "web/http/cookies.h"

namespace boussole::web {
namespace {

thread_local ViewerScope::State* current = nullptr;

const Viewer kVisitor;
constexpr std::size_t kTokenLength = 43;  // accounts::RandomToken()

// The viewer of an API request that carries `Authorization` (RFC 6750: "Bearer <token>").
Viewer FromAuthorization(const WebContext& context, std::string_view header) {
  Viewer viewer;
  constexpr std::string_view kScheme = "bearer ";  // schemes are case-insensitive (RFC 9110)
  std::optional<accounts::TokenHolder> holder;
  const auto scheme_matches = [&] {
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return false;
    }
    return true;
  };
  if (header.size() > kScheme.size() && scheme_matches()) {
    accounts::ApiTokenService tokens(context.store, context.store);
    holder = tokens.Identify(header.substr(kScheme.size()));
  }
  if (!holder) {
    viewer.bad_api_token = true;
    return viewer;
  }
  viewer.account = accounts::SignedIn{std::move(holder->user), accounts::Session{}};
  viewer.account->session.user_id = viewer.account->user.id;
  viewer.by_api_token = true;
  viewer.api_token_id = holder->token.id;
  return viewer;
}

}  // namespace

ViewerScope::ViewerScope(const WebContext& context, const Request& request) : previous_(current) {
  state_.context = &context;
  state_.request = &request;
  current = &state_;
}

ViewerScope::~ViewerScope() { current = previous_; }

std::string ViewerScope::MintedVisitorToken() const { return state_.minted ? state_.visitor_token : ""; }

const Viewer& CurrentViewer() {
  if (current == nullptr) return kVisitor;
  if (!current->viewer) {
    Viewer viewer;
    const Request& request = *current->request;
    const bool api = request.path.rfind("/api/", 0) == 0;
    if (api && request.headers.count("authorization") != 0) {
      viewer = FromAuthorization(*current->context, request.Header("authorization"));
    } else if (api && request.method != "GET" && request.method != "HEAD") {
      // API writes carry no CSRF token: a cookie, which any site can make a browser send,
      // must never authorise them. Without a token the writer is a visitor.
    } else if (current->context->accounts != nullptr) {
      if (auto token = CookieValue(*current->request, kSessionCookie)) {
        viewer.account = current->context->accounts->Identify(*token);
      }
    }
    current->viewer = std::move(viewer);
  }
  return *current->viewer;
}

std::string CurrentCsrfToken() {
  const Viewer& viewer = CurrentViewer();
  if (viewer.signed_in()) return viewer.account->session.csrf_token;
  if (current == nullptr) return {};
  current->visitor_token_used = true;
  if (current->visitor_token.empty()) {
    auto cookie = CookieValue(*current->request, kVisitorCsrfCookie);
    if (cookie && cookie->size() == kTokenLength) {
      current->visitor_token = *cookie;
    } else {
      current->visitor_token = accounts::RandomToken();
      current->minted = true;
    }
  }
  return current->visitor_token;
}

bool VisitorCsrfUsed() { return current != nullptr && current->visitor_token_used; }

bool CsrfMatches(const Request& request, const std::string& sent) {
  if (sent.empty()) return false;
  const Viewer& viewer = CurrentViewer();
  if (viewer.by_api_token) return false;  // API writes skip the form check altogether
  if (viewer.signed_in()) return accounts::SameSecret(sent, viewer.account->session.csrf_token);
  const auto cookie = CookieValue(request, kVisitorCsrfCookie);
  return cookie && !cookie->empty() && accounts::SameSecret(sent, *cookie);
}

}  // namespace boussole::web
