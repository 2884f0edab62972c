#include "bench_inputs.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "core/files.h"
#include "domain/catalogue/offer_folder.h"
#include "domain/territories/cog_reader.h"

namespace boussole::bench {
namespace {

std::string Read(const std::filesystem::path& file) {
  auto text = ReadWholeFile(file);
  if (!text) throw std::runtime_error(file.string() + ": " + text.error().message);
  return std::move(text).value();
}

// Paragraphs: blocks separated by blank lines, each line of a block a passage of its own
// when it is a list item or a heading (no final punctuation).
void LearnParagraphs(MarkovText& chain, const std::string& text) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) chain.Learn(line);
  }
}

}  // namespace

BenchInputs LoadInputs(const std::filesystem::path& root, const std::filesystem::path& seeds) {
  BenchInputs inputs;
  auto batch = catalogue::ReadOfferFolder(root / "data/offers");
  if (!batch.errors.empty()) {
    throw std::runtime_error("data/offers: " + batch.errors.front().file + " " + batch.errors.front().message);
  }
  inputs.real_offers = std::move(batch.offers);

  auto snapshot = territories::ReadCogSnapshot(root / "node_modules/@etalab/decoupage-administratif/data");
  if (!snapshot) throw std::runtime_error(snapshot.error().message);
  inputs.territories = std::move(snapshot).value();

  std::vector<std::filesystem::path> seed_files;
  for (const auto& entry : std::filesystem::directory_iterator(seeds)) {
    if (entry.path().extension() == ".txt") seed_files.push_back(entry.path());
  }
  std::sort(seed_files.begin(), seed_files.end());  // a fixed learning order: a fixed chain
  if (seed_files.empty()) throw std::runtime_error(seeds.string() + ": no seed file (*.txt)");
  for (const auto& file : seed_files) LearnParagraphs(inputs.prose, Read(file));
  for (const auto& offer : inputs.real_offers) {
    LearnParagraphs(inputs.prose, offer.description);
    LearnParagraphs(inputs.prose, offer.eligibility);
    for (const std::string* title : {&offer.name, &offer.short_title, &offer.initial_name}) {
      if (!title->empty()) inputs.titles.Learn(*title);
    }
  }
  inputs.seed_file = seed_files.front().filename().string();
  std::istringstream first(Read(seed_files.front()));
  while (inputs.seed_quote.empty() && std::getline(first, inputs.seed_quote)) {
  }

  auto synonyms = search::Synonyms::Read(root / "data/search/synonyms.txt");
  if (!synonyms) throw std::runtime_error(synonyms.error().message);
  inputs.synonyms = std::move(synonyms).value();
  return inputs;
}

}  // namespace boussole::bench
