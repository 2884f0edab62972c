#include "domain/catalogue/offer_folder.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/files.h"
#include "domain/catalogue/offer_json.h"

namespace boussole::catalogue {

OfferBatch ReadOfferFolder(const std::filesystem::path& folder) {
  OfferBatch batch;
  auto listed = ListFiles(folder, ".json");
  if (!listed) {
    batch.errors.push_back({folder.string(), "", listed.error().message});
    return batch;
  }
  const std::vector<std::filesystem::path>& files = listed.value();
  if (files.empty()) {
    batch.errors.push_back({folder.string(), "", "aucun fichier d'offre (*.json)."});
    return batch;
  }
  std::set<std::string> slugs;
  for (const auto& path : files) {
    const std::string file = path.filename().string();
    auto text = ReadWholeFile(path);
    if (!text) {
      batch.errors.push_back({file, "", text.error().message});
      continue;
    }
    nlohmann::json document = nlohmann::json::parse(text.value(), nullptr, false);
    if (document.is_discarded()) {
      batch.errors.push_back({file, "", "JSON invalide."});
      continue;
    }
    ParsedOffer parsed = ParseOffer(document);
    for (auto& error : parsed.errors) {
      batch.errors.push_back({file, std::move(error.field), std::move(error.message)});
    }
    const std::string expected = path.stem().string();
    if (!parsed.offer.slug.empty() && parsed.offer.slug != expected) {
      batch.errors.push_back(
          {file, "slug", "« " + parsed.offer.slug + " » diffère du nom du fichier (« " +
                             expected + " » attendu)."});
    }
    if (!slugs.insert(parsed.offer.slug).second) {
      batch.errors.push_back({file, "slug", "identifiant déjà utilisé par un autre fichier."});
    }
    if (parsed.errors.empty()) batch.offers.push_back(std::move(parsed.offer));
  }
  return batch;
}

}  // namespace boussole::catalogue
