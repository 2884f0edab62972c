#include "domain/catalogue/publication.h"

#include <array>
#include <utility>

namespace boussole::catalogue {
namespace {

struct Move {
  std::string_view from;
  std::string_view to;
  std::string_view label;
};

// Review is the only way in: nobody publishes a draft without a second look.
constexpr std::array<Move, 4> kMoves = {{
    {"draft", "review", "Soumettre à la revue"},
    {"review", "draft", "Renvoyer en brouillon"},
    {"review", "published", "Publier"},
    {"published", "draft", "Retirer pour correction"},
}};

}  // namespace

const Vocabulary& PublicationStatuses() {
  static const Vocabulary kItems{
      {"draft", "Brouillon"},
      {"review", "En revue"},
      {"published", "Publiée"},
  };
  return kItems;
}

bool CanMove(std::string_view from, std::string_view to) {
  for (const Move& move : kMoves) {
    if (move.from == from && move.to == to) return true;
  }
  return false;
}

std::vector<std::string> NextStatuses(std::string_view from) {
  std::vector<std::string> next;
  for (const Move& move : kMoves) {
    if (move.from == from) next.emplace_back(move.to);
  }
  return next;
}

std::string_view MoveLabel(std::string_view from, std::string_view to) {
  for (const Move& move : kMoves) {
    if (move.from == from && move.to == to) return move.label;
  }
  return "";
}

}  // namespace boussole::catalogue
