#include "web/territory_param.h"

#include "domain/territories/territory.h"
#include "web/params.h"
#include "web/views/territory_view.h"

namespace boussole::web {

Result<std::optional<territories::Territory>> ReadTerritoryParam(const Request& request, const std::string& name,
                                                                 territories::TerritoryRepository& repository) {
  if (request.QueryAll(name).size() > 1) {
    return InvalidInput("Le paramètre « " + name + " » ne peut être donné qu'une fois.", name);
  }
  auto text = TextParam(request, name, 40);
  if (!text) return text.error();
  const std::string& code = text.value();
  if (code.empty()) return std::optional<territories::Territory>{};
  if (territories::CandidateIds(code).empty()) {
    return InvalidInput("Le paramètre « " + name + " » n'est pas un code de territoire : « " + code +
                            " » (attendu : un identifiant typé comme commune:73065 ou un code INSEE, SIREN, "
                            "de département ou de région).",
                        name);
  }
  auto found = ResolveTerritory(code, repository);
  if (!found) {
    return InvalidInput("Le paramètre « " + name + " » désigne un territoire inconnu : « " + code +
                            " » (aucune commune, intercommunalité, département ou région n'a ce code).",
                        name);
  }
  return std::optional<territories::Territory>(std::move(*found));
}

}  // namespace boussole::web
