#include "web/pages/page.h"
#include "web/routes.h"

namespace boussole::web {

void RegisterHomeRoutes(Router& router, const WebContext& context) {
  router.Add("GET", "/", "home", Cacheable(context, [&context](const Request&) {
    nlohmann::json view;
    view["offer_count"] = context.store.CountOffers();
    return RenderPage(context, 200, "home", view, {"Accueil", {}, ""});
  }));
}

}  // namespace boussole::web
