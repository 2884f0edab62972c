#pragma once
// Everything the synthetic corpus and the queries are made from, read once per process:
// the real catalogue, the territories (COG), the seeds' French text, the synonyms file.
#include <filesystem>
#include <string>
#include <vector>

#include "domain/catalogue/offer.h"
#include "domain/territories/territory.h"
#include "markov_text.h"
#include "search/synonyms.h"

namespace boussole::bench {

struct BenchInputs {
  std::vector<catalogue::Offer> real_offers;
  territories::Snapshot territories;
  MarkovText prose;   //!< seeds, real descriptions and eligibility texts
  MarkovText titles;  //!< real names, short titles and initial names
  std::string seed_file;  //!< a seed file name and a line of it, for the offers' source
  std::string seed_quote;
  search::Synonyms synonyms;
};

//! `root`: the source tree (data/, node_modules/); `seeds`: ../shared/seeds. Throws with
//! the file at fault.
BenchInputs LoadInputs(const std::filesystem::path& root, const std::filesystem::path& seeds);

}  // namespace boussole::bench
