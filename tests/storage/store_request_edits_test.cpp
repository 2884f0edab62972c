// Editing a draft request and keeping the directory's structures, on every backend: the
// draft rewritten only from its version and in its draft state, with its "edited" event in
// the same transaction; a structure edited and withdrawn, kept but no longer listed.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace boussole::testing {
namespace {

class RequestEditStoreTest : public StoreTest {
 protected:
  requests::Request Draft() {
    const auto organisation = store_->CreateOrganisation(
        {organisations::Kind::kCollectivite, "Joinville", territories::TerritoryId{territories::Kind::kCommune, "52250"}},
        "2026-01-02T03:04:05Z");
    requests::Request request;
    request.workflow = "anct";
    request.organisation_id = organisation.id;
    request.territory = "commune:52250";
    request.departement = "departement:52";
    request.title = "Un plan guide";
    request.state = "brouillon";
    request.fields = {{"besoin", "Un plan"}, {"deja_tente", "Rien"}};
    return store_->CreateRequest(request, "2026-01-02T03:04:05Z");
  }

  static requests::RequestEvent Edited(const requests::Request& r) {
    requests::RequestEvent event;
    event.request_id = r.id;
    event.kind = "edited";
    event.from_state = "brouillon";
    event.text = "Brouillon modifié : titre « Une friche ».";
    event.values = {{"besoin", "Une friche"}};
    return event;
  }
};

TEST_P(RequestEditStoreTest, ADraftIsRewrittenFromItsVersionWithItsEventInTheTrail) {
  const requests::Request created = Draft();
  requests::Request edited = created;
  edited.workflow = "cerema";
  edited.title = "Une friche";
  edited.theme = "mobilite-transports";
  edited.fields = {{"besoin", "Une friche"}};
  // A stale version: nothing written.
  EXPECT_EQ(store_->UpdateDraft(created.version + 1, edited, Edited(created), "2026-01-02T03:04:06Z").error().code, "conflict");
  EXPECT_EQ(store_->FindRequest(created.id)->title, "Un plan guide");
  EXPECT_EQ(store_->TrailOf(created.id).size(), 1u);

  ASSERT_TRUE(store_->UpdateDraft(created.version, edited, Edited(created), "2026-01-02T03:04:07Z"));
  const auto found = Reopen()->FindRequest(created.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->workflow, "cerema");
  EXPECT_EQ(found->title, "Une friche");
  EXPECT_EQ(found->theme, "mobilite-transports");
  EXPECT_EQ(found->fields, (requests::FieldValues{{"besoin", "Une friche"}}));
  EXPECT_EQ(found->version, created.version + 1);
  EXPECT_EQ(found->state, "brouillon");
  EXPECT_EQ(found->state_since, created.state_since) << "the state did not change";
  EXPECT_EQ(found->updated_at, "2026-01-02T03:04:07Z");
  const auto trail = store_->TrailOf(created.id);
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[1].kind, "edited");
  EXPECT_EQ(trail[1].text, "Brouillon modifié : titre « Une friche ».");
  EXPECT_EQ(trail[1].values.at("besoin"), "Une friche");
  // The same version twice: the second loses.
  EXPECT_EQ(store_->UpdateDraft(created.version, edited, Edited(created), "2026-01-02T03:04:08Z").error().code, "conflict");
  EXPECT_EQ(store_->UpdateDraft(0, edited, [&] { auto e = Edited(created); e.request_id = created.id + 100; return e; }(),
                                "2026-01-02T03:04:08Z").error().code,
            "not_found");
}

TEST_P(RequestEditStoreTest, ARequestNoLongerADraftIsNotRewritten) {
  const requests::Request created = Draft();
  requests::RequestEvent deposit;
  deposit.request_id = created.id;
  deposit.kind = "transition";
  deposit.transition = "deposer";
  deposit.from_state = "brouillon";
  deposit.to_state = "deposee";
  ASSERT_TRUE(store_->ApplyTransition(created.version, deposit, std::nullopt, "2026-01-02T03:04:06Z"));
  requests::Request edited = created;
  edited.title = "Trop tard";
  EXPECT_EQ(store_->UpdateDraft(created.version + 1, edited, Edited(created), "2026-01-02T03:04:07Z").error().code, "conflict");
  EXPECT_EQ(store_->FindRequest(created.id)->title, "Un plan guide");
  EXPECT_EQ(store_->TrailOf(created.id).size(), 2u);
}

TEST_P(RequestEditStoreTest, AStructureIsEditedThenWithdrawnButKept) {
  directory::Resource atd;
  atd.name = "ATD 52";
  atd.kind = "agence_technique";
  atd.territories = {"departement:52"};
  atd.scope = "departement:52";
  const auto stored = store_->AddResource(atd, "2026-01-02T03:04:05Z");
  EXPECT_EQ(stored.withdrawn_at, "");
  directory::Resource edited = stored;
  edited.name = "ATD de la Haute-Marne";
  edited.themes = {"mobilite-transports"};
  edited.contact = "atd@example.fr";
  ASSERT_TRUE(store_->UpdateResource(edited, "2026-01-02T03:04:06Z"));
  auto found = Reopen()->FindResource(stored.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "ATD de la Haute-Marne");
  EXPECT_EQ(found->themes, std::vector<std::string>{"mobilite-transports"});
  EXPECT_EQ(found->contact, "atd@example.fr");
  EXPECT_EQ(found->scope, "departement:52");
  EXPECT_EQ(found->created_at, "2026-01-02T03:04:05Z");
  EXPECT_EQ(found->updated_at, "2026-01-02T03:04:06Z");
  ASSERT_EQ(store_->ListResources().size(), 1u);

  ASSERT_TRUE(store_->WithdrawResource(stored.id, "2026-01-02T03:04:07Z"));
  EXPECT_TRUE(store_->ListResources().empty());
  found = store_->FindResource(stored.id);
  ASSERT_TRUE(found) << "kept";
  EXPECT_EQ(found->withdrawn_at, "2026-01-02T03:04:07Z");
  // Withdrawn: neither edited nor withdrawn again.
  EXPECT_EQ(store_->WithdrawResource(stored.id, "2026-01-02T03:04:08Z").error().code, "not_found");
  EXPECT_EQ(store_->UpdateResource(edited, "2026-01-02T03:04:08Z").error().code, "not_found");
  EXPECT_EQ(store_->FindResource(stored.id)->withdrawn_at, "2026-01-02T03:04:07Z");
  EXPECT_FALSE(store_->FindResource(stored.id + 100));
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestEditStoreTest, ::testing::ValuesIn(StoreBackends()));

}  // namespace
}  // namespace boussole::testing
