#include "domain/accounts/api_token_service.h"

#include <algorithm>
#include <ctime>

#include "core/clock.h"
#include "core/plain_text.h"
#include "domain/accounts/secrets.h"

namespace boussole::accounts {
namespace {

constexpr std::size_t kRandomPartLength = 43;  // RandomToken()

}  // namespace

ApiTokenService::ApiTokenService(ApiTokenRepository& tokens, AccountRepository& accounts, std::chrono::hours lifetime)
    : tokens_(tokens), accounts_(accounts), lifetime_(lifetime) {}

Result<NewApiToken> ApiTokenService::Create(std::int64_t user_id, std::string_view name) {
  const std::string trimmed = Trim(name);
  if (trimmed.empty()) return InvalidInput("Donnez un nom au jeton, pour le reconnaître plus tard.", "name");
  if (trimmed.size() > kMaxApiTokenNameLength) {
    return InvalidInput("Le nom du jeton est trop long (" + std::to_string(kMaxApiTokenNameLength) +
                            " caractères au plus).",
                        "name");
  }
  if (HasControlCharacters(trimmed)) return InvalidInput("Le nom du jeton contient des caractères de contrôle.", "name");

  const std::string now = NowUtc();
  const auto existing = tokens_.ListApiTokens(user_id);
  const auto active = std::count_if(existing.begin(), existing.end(), [&](const ApiToken& t) { return t.ActiveAt(now); });
  if (static_cast<std::size_t>(active) >= kMaxActiveApiTokens) {
    return Error{"too_many",
                 "Vous avez déjà " + std::to_string(kMaxActiveApiTokens) +
                     " jetons actifs : révoquez-en un avant d'en créer un autre.",
                 "name"};
  }
  NewApiToken created;
  created.token = std::string(kApiTokenPrefix) + RandomToken();
  ApiToken token;
  token.user_id = user_id;
  token.name = trimmed;
  token.token_hash = TokenHash(created.token);
  token.created_at = now;
  token.expires_at = UtcFromNow(lifetime_);
  created.stored = tokens_.CreateApiToken(token);
  return created;
}

std::vector<ApiToken> ApiTokenService::List(std::int64_t user_id) { return tokens_.ListApiTokens(user_id); }

Status ApiTokenService::Revoke(std::int64_t user_id, std::int64_t token_id) {
  if (!tokens_.RevokeApiToken(user_id, token_id, NowUtc())) {
    return Error{"not_found", "Ce jeton n'existe pas ou est déjà révoqué.", ""};
  }
  return Ok();
}

std::optional<TokenHolder> ApiTokenService::Identify(std::string_view token) {
  if (token.size() != kApiTokenPrefix.size() + kRandomPartLength || token.substr(0, kApiTokenPrefix.size()) != kApiTokenPrefix) {
    return std::nullopt;
  }
  const std::string now = NowUtc();
  auto found = tokens_.UseApiToken(TokenHash(token), now, UtcFromNow(std::chrono::seconds(-60)));
  if (!found || !found->ActiveAt(now)) return std::nullopt;
  auto user = accounts_.FindUserById(found->user_id);
  if (!user) return std::nullopt;
  return TokenHolder{std::move(*user), std::move(*found)};
}

}  // namespace boussole::accounts
