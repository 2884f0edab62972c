#pragma once
// French text folding: the one definition of "the same words" for search and matching.
#include <string>
#include <string_view>

namespace boussole {

//! Lower-cases, removes accents, expands ligatures (œ → oe), turns apostrophes, hyphens
//! and other punctuation into single spaces and trims. "Saint-Étienne" → "saint etienne",
//! "L'Haÿ-les-Roses" → "l hay les roses", "cœur" → "coeur". Thread-safe.
std::string FoldForSearch(std::string_view utf8);

//! True when `text` holds only ASCII digits and has the given length (0: any length ≥ 1).
bool IsDigits(std::string_view text, std::size_t length = 0);

}  // namespace boussole
