#include "programme_organisations.h"

#include <gtest/gtest.h>

#include "storage/store.h"
#include "support/signed_in.h"

namespace boussole::testing {

namespace {
constexpr const char* kCreatedAt = "2026-11-25T09:00:00Z";
}  // namespace

ProgrammeOrganisations CreateProgrammeOrganisations(const std::string& database_url,
                                                    const std::vector<std::string>& commune_codes) {
  auto store = std::move(storage::OpenStore(database_url)).value();
  ProgrammeOrganisations created;
  created.anct = store->CreateOrganisation({organisations::Kind::kAnct, "ANCT — pôle PVI", std::nullopt}, kCreatedAt).id;
  for (const auto& code : commune_codes) {
    created.collectivites.push_back(
        store
            ->CreateOrganisation({organisations::Kind::kCollectivite, "Commune " + code,
                                  territories::TerritoryId{territories::Kind::kCommune, code}},
                                 kCreatedAt)
            .id);
  }
  return created;
}

FormBrowser MemberOf(int port, const std::string& database_url, const std::string& local,
                     const std::vector<std::int64_t>& organisations) {
  FormBrowser browser = SignedInBrowser(port, database_url, local + "@example.fr");
  auto store = std::move(storage::OpenStore(database_url)).value();
  const auto user = store->FindUserByEmail(local + "@example.fr");
  for (auto id : organisations) {
    EXPECT_TRUE(store->AddMember(id, user->id, organisations::MemberRole::kMember, kCreatedAt).ok());
  }
  return browser;
}

}  // namespace boussole::testing
