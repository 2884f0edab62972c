#pragma once
// Reads the Code officiel géographique as published by the npm package
// @etalab/decoupage-administratif (files communes.json, epci.json, ept.json,
// departements.json, regions.json) into a Snapshot.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/territories/territory.h"

namespace boussole::territories {

//! Reads and checks the five files in `data_dir`. Fails with a French message naming the
//! file and the entry at fault (missing file, malformed JSON, member of an unknown commune…).
Result<Snapshot> ReadCogSnapshot(const std::filesystem::path& data_dir);

//! The texts of the five files.
struct CogTexts {
  std::string_view communes, epci, ept, departements, regions;
};
//! Checks the five texts as ReadCogSnapshot checks the files.
Result<Snapshot> ParseCogSnapshot(const CogTexts& texts);

//! A fingerprint of the five files' bytes, to skip an import when nothing changed.
Result<std::string> FingerprintCogFiles(const std::filesystem::path& data_dir);

}  // namespace boussole::territories
