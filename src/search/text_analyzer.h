#pragma once
// French text analysis shared by indexing and querying: folding (core/text_folding.h),
// tokenizing, stop words and Snowball French stems. Thread-safe: each thread owns its
// stemmer handle (Snowball handles are not thread-safe).
#include <string>
#include <string_view>
#include <vector>

namespace boussole::search {

//! Folds `text` (case, accents, ligatures, punctuation) and splits it into words.
//! "Cœur de ville (ACV)" → {"coeur", "de", "ville", "acv"}.
std::vector<std::string> Tokenize(std::string_view text);

//! True for a French stop word ("de", "la", "des", "l"…), given folded.
bool IsStopWord(std::string_view folded_word);

//! The Snowball French stem of a folded word: "amenagements" → "amenag".
std::string Stem(std::string_view folded_word);

//! Tokenize, drop stop words, stem: the terms of `text` in order.
std::vector<std::string> AnalyzeTerms(std::string_view text);

}  // namespace boussole::search
