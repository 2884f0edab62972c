#include "search/suggestions.h"

#include <algorithm>
#include <map>

#include "domain/catalogue/vocabulary.h"

namespace boussole::search {
namespace {

// Weights of what fits; the words count up to kWordsWeight for the best-matching offer.
constexpr double kStageWeight = 2.0;
constexpr double kThemeWeight = 1.5;
constexpr double kAudienceWeight = 1.0;
constexpr double kWordsWeight = 3.0;
constexpr double kLocalWeight = 0.5;  // an offer made for a part of the territory is more specific
constexpr std::size_t kMaxWords = 40;

bool Includes(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// The first kMaxWords words of the project: a long description must not make every offer match.
std::string FirstWords(const std::string& text) {
  std::string out;
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '"';
    if (space) {
      if (in_word && ++words == kMaxWords) break;
      in_word = false;
      out += ' ';
    } else {
      in_word = true;
      out += c;
    }
  }
  return out + ' ';  // ends with a space: no completion of a cut word
}

}  // namespace

std::vector<Suggestion> SuggestOffers(const OfferIndex& index, const ProjectProfile& project, std::size_t limit) {
  SearchQuery base;
  base.territory = project.territory;
  base.covering = project.covering;
  base.territory_population = project.territory_population;
  base.today = project.today;
  base.Selected(Facet::kStatus) = {"open"};
  base.per_page = index.offers().size() + 1;
  const SearchResult available = index.Search(base);

  std::map<std::size_t, double> word_scores;
  double best_words = 0;
  if (!project.words.empty()) {
    SearchQuery text = base;
    text.text = FirstWords(project.words);
    for (const Hit& hit : index.Search(text).hits) {
      word_scores[hit.offer] = hit.score;
      best_words = std::max(best_words, hit.score);
    }
  }

  std::vector<Suggestion> suggestions;
  for (const Hit& hit : available.hits) {
    const catalogue::Offer& offer = index.offers()[hit.offer];
    if (!project.stage.empty() && !offer.mobilization_steps.empty() && !Includes(offer.mobilization_steps, project.stage)) {
      continue;
    }
    Suggestion s;
    s.offer = hit.offer;
    s.slug = offer.slug;
    s.local = hit.local;
    if (!project.stage.empty() && Includes(offer.mobilization_steps, project.stage)) {
      s.score += kStageWeight;
      s.reasons.push_back("Étape : " + std::string(catalogue::LabelOf(catalogue::MobilizationSteps(), project.stage)));
    }
    for (const std::string& theme : project.themes) {
      if (!Includes(offer.themes, theme)) continue;
      s.score += kThemeWeight;
      s.reasons.push_back("Thématique : " + std::string(catalogue::LabelOf(catalogue::Themes(), theme)));
    }
    if (!project.audience.empty() && Includes(offer.audiences, project.audience)) {
      s.score += kAudienceWeight;
      s.reasons.push_back("Bénéficiaire : " + std::string(catalogue::LabelOf(catalogue::Audiences(), project.audience)));
    }
    if (auto words = word_scores.find(hit.offer); words != word_scores.end() && best_words > 0) {
      s.score += kWordsWeight * words->second / best_words;
      s.reasons.push_back("Mots du projet");
    }
    if (hit.local) {
      s.score += kLocalWeight;
      s.reasons.push_back("Offre propre à une partie du territoire");
    }
    if (s.score > 0) suggestions.push_back(std::move(s));
  }
  std::sort(suggestions.begin(), suggestions.end(), [](const Suggestion& a, const Suggestion& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.slug < b.slug;
  });
  if (suggestions.size() > limit) suggestions.resize(limit);
  return suggestions;
}

}  // namespace boussole::search
