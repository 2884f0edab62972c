#include <iostream>

#include "app/commands.h"
#include "core/clock.h"
#include "core/files.h"
#include "domain/catalogue/offer_folder.h"
#include "domain/memberships/membership_csv.h"
#include "domain/programmes/history.h"
#include "domain/territories/cog_reader.h"
#include "storage/store.h"

namespace boussole::app {
namespace {

std::unique_ptr<storage::Store> Open(const Config& config) {
  auto store = storage::OpenStore(config.DatabaseUrl());
  if (!store) {
    std::cerr << "Erreur : " << store.error().message << "\n";
    return nullptr;
  }
  return std::move(store).value();
}

void PrintImportCounts(const territories::Counts& c) {
  std::cout << c.communes << " communes actuelles, " << c.arrondissements
            << " arrondissements municipaux, " << c.epci << " EPCI, " << c.ept << " EPT, "
            << c.departements << " départements, " << c.regions << " régions\n";
}

}  // namespace

int RunImportTerritories(const Config& config, const std::filesystem::path& from, bool force) {
  const auto dir = from.empty() ? config.CogDataDir() : from;
  auto store = Open(config);
  if (!store) return 1;
  auto fingerprint = territories::FingerprintCogFiles(dir);
  if (!fingerprint) {
    std::cerr << "Erreur : " << fingerprint.error().message << "\n";
    return 1;
  }
  if (!force && store->ImportFingerprint("territories") == fingerprint.value()) {
    std::cout << "Territoires déjà à jour (données inchangées) : ";
    PrintImportCounts(store->CountTerritories());
    return 0;
  }
  std::cout << "Lecture de " << dir.string() << "…\n" << std::flush;
  auto snapshot = territories::ReadCogSnapshot(dir);
  if (!snapshot) {
    std::cerr << "Erreur : " << snapshot.error().message << "\nAucune donnée n'a été modifiée.\n";
    return 1;
  }
  auto status = store->ReplaceTerritories(
      snapshot.value(), fingerprint.value(), [](std::string_view stage, std::size_t done, std::size_t total) {
        std::cout << "  " << stage << " : " << done << " / " << total << "\n" << std::flush;
      });
  if (!status) {
    std::cerr << "Erreur : " << status.error().message << "\nAucune donnée n'a été modifiée.\n";
    return 1;
  }
  std::cout << "Import terminé : ";
  PrintImportCounts(store->CountTerritories());
  return 0;
}

int RunImportOffers(const Config& config, const std::filesystem::path& from) {
  const auto dir = from.empty() ? config.OffersDir() : from;
  auto batch = catalogue::ReadOfferFolder(dir);
  auto store = Open(config);
  if (!store) return 1;
  // A perimeter must name a territory that exists, once the territories are loaded.
  if (store->CountTerritories().departements > 0) {
    auto check = [&](const catalogue::Offer& offer, const std::string& typed_id, const std::string& field) {
      auto id = territories::TerritoryId::Parse(typed_id);
      if (id && !store->FindTerritory(id.value())) {
        batch.errors.push_back({offer.slug + ".json", field, "territoire inconnu « " + typed_id + " »."});
      }
    };
    for (const auto& offer : batch.offers) {
      if (!offer.perimeter.empty()) check(offer, offer.perimeter, "perimeter");
      const auto& adhoc = offer.adhoc_perimeter.territories;
      for (std::size_t i = 0; i < adhoc.size(); ++i) {
        check(offer, adhoc[i], "adhoc_perimeter.territories[" + std::to_string(i) + "]");
      }
    }
  }
  if (!batch.errors.empty()) {
    std::cerr << "Le catalogue est refusé (" << batch.errors.size()
              << " erreur(s)) ; aucune offre n'a été modifiée :\n";
    for (const auto& e : batch.errors) {
      std::cerr << "  " << e.file << (e.field.empty() ? "" : " — champ « " + e.field + " »")
                << " : " << e.message << "\n";
    }
    return 1;
  }
  auto report = store->ImportOffers(batch.offers);
  if (!report) {
    std::cerr << "Erreur : " << report.error().message << "\n";
    return 1;
  }
  const auto& r = report.value();
  std::cout << "Catalogue importé depuis " << dir.string() << " : " << r.created << " créée(s), "
            << r.updated << " mise(s) à jour, " << r.unchanged << " inchangée(s).\n";
  for (const auto& slug : r.kept_app_edits) {
    std::cout << "  Non écrasée (modifiée dans l'application depuis le dernier import) : " << slug << "\n";
  }
  for (const auto& slug : r.not_in_files) {
    std::cout << "  Présente en base mais absente des fichiers (conservée) : " << slug << "\n";
  }
  return 0;
}

int RunImportMembership(const Config& config, const std::filesystem::path& from,
                        const memberships::MembershipList& list) {
  if (!memberships::ValidListSlug(list.slug)) {
    std::cerr << "Erreur : l'identifiant de liste « " << list.slug
              << " » doit être fait de lettres minuscules, de chiffres et de tirets (60 au plus).\n";
    return 1;
  }
  if (list.name.empty() || list.name.size() > 200) {
    std::cerr << "Erreur : le nom de la liste est obligatoire (200 caractères au plus).\n";
    return 1;
  }
  auto text = ReadWholeFile(from);
  if (!text) {
    std::cerr << "Erreur : " << text.error().message << "\n";
    return 1;
  }
  auto store = Open(config);
  if (!store) return 1;
  const memberships::ParsedList parsed = memberships::ParseMembershipCsv(text.value(), *store);
  if (!parsed.errors.empty()) {
    std::cerr << "La liste « " << list.name << " » est refusée (" << parsed.errors.size()
              << " ligne(s) en erreur) ; rien n'a été importé :\n";
    for (const auto& e : parsed.errors) std::cerr << "  ligne " << e.line << " : " << e.message << "\n";
    return 1;
  }
  if (parsed.territory_ids.empty()) {
    std::cerr << "La liste « " << list.name << " » ne contient aucun territoire ; rien n'a été importé.\n";
    return 1;
  }
  store->ReplaceMembershipList(list, parsed.territory_ids, NowUtc());
  std::cout << "Liste « " << list.name << " » (" << list.slug << ") importée : " << parsed.territory_ids.size()
            << " territoire(s).\n";
  return 0;
}

int RunImportProgrammes(const Config& config, const std::filesystem::path& from) {
  const auto file = from.empty() ? config.assets_dir / "data/programmes/fabriques.json" : from;
  const programmes::History history = programmes::ReadHistory(file);
  auto store = Open(config);
  if (!store) return 1;
  std::vector<std::string> errors = history.errors;
  // Every territory must exist, once the territories are loaded.
  if (store->CountTerritories().departements > 0) {
    for (std::size_t i = 0; i < history.cohorts.size(); ++i) {
      for (const auto& t : history.cohorts[i]) {
        auto id = territories::TerritoryId::Parse(t.territory_id);
        if (id && !store->FindTerritory(id.value())) {
          errors.push_back("programme « " + history.programmes[i].slug + " » : territoire inconnu « " + t.territory_id +
                           " »");
        }
      }
    }
  }
  if (!errors.empty()) {
    std::cerr << "L'historique est refusé (" << errors.size() << " erreur(s)) ; rien n'a été modifié :\n";
    for (const auto& e : errors) std::cerr << "  " << e << "\n";
    return 1;
  }
  const auto report = store->ImportHistory(history, NowUtc());
  std::cout << "Historique des programmes importé depuis " << file.string() << " : " << report.created
            << " créé(s), " << report.updated << " mis à jour.\n";
  return 0;
}

}  // namespace boussole::app
