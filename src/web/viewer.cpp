#include "web/viewer.h"

#include "domain/accounts/secrets.h"
#include "web/http/cookies.h"

namespace boussole::web {
namespace {

thread_local ViewerScope::State* current = nullptr;

const Viewer kVisitor;
constexpr std::size_t kTokenLength = 43;  // accounts::RandomToken()

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
    if (current->context->accounts != nullptr) {
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
  if (viewer.signed_in()) return accounts::SameSecret(sent, viewer.account->session.csrf_token);
  const auto cookie = CookieValue(request, kVisitorCsrfCookie);
  return cookie && !cookie->empty() && accounts::SameSecret(sent, *cookie);
}

}  // namespace boussole::web
