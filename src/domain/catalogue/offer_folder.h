#pragma once
// Reads the catalogue folder (data/offers/*.json) as one batch: all valid, or refused.
#include <filesystem>
#include <string>
#include <vector>

#include "domain/catalogue/offer.h"

namespace boussole::catalogue {

struct FileError {
  std::string file;     //!< file name, e.g. "atelier-des-territoires-flash.json"
  std::string field;    //!< "" when the whole file is at fault
  std::string message;  //!< French
};

struct OfferBatch {
  std::vector<Offer> offers;       //!< sorted by slug
  std::vector<FileError> errors;   //!< non-empty: the batch must not be imported
};

//! Reads every `*.json` file of `folder`: syntax, schema (ParseOffer), slug equal to the
//! file name, slugs unique. An empty or missing folder is an error.
OfferBatch ReadOfferFolder(const std::filesystem::path& folder);

}  // namespace boussole::catalogue
