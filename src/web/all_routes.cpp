#include "web/all_routes.h"

#include <memory>

#include "web/http/static_files.h"
#include "web/pages/page.h"
#include "web/routes.h"

namespace boussole::web {

void AddPage(Router& router, const WebContext& context, const char* method, const char* pattern, const char* name,
             PageHandler handler) {
  router.Add(method, pattern, name, [&context, handler](const Request& r) { return handler(context, r); });
}

void RegisterAllRoutes(Router& router, const WebContext& context) {
  RegisterHomeRoutes(router, context);
  RegisterTerritoryPages(router, context);
  RegisterMapPages(router, context);
  RegisterOpenDataPages(router, context);
  RegisterFiguresPages(router, context);
  RegisterMySpacePage(router, context);
  RegisterExportApi(router, context);  // before the offer routes: {slug} would match
  RegisterOfferPages(router, context);
  RegisterTerritoryApi(router, context);
  RegisterSearchApi(router, context);
  RegisterSearchPage(router, context);
  RegisterOfferApi(router, context);
  RegisterEligibilityRoutes(router, context);
  RegisterOpsRoutes(router, context);
  RegisterAccountPages(router, context);
  RegisterApiTokenPages(router, context);
  RegisterOrganisationPages(router, context);
  RegisterProjectPages(router, context);
  RegisterOfferAdminPages(router, context);
  RegisterCaseSheetPages(router, context);
  RegisterProjetothequePages(router, context);
  RegisterProjetothequeApi(router, context);
  RegisterAlertPages(router, context);
  RegisterRequestPages(router, context);
  RegisterResourcePages(router, context);
  RegisterRequestDashboard(router, context);
  RegisterRequestBudgetPages(router, context);
  RegisterRequestApi(router, context);
  RegisterProgrammePages(router, context);
  RegisterProgrammeActions(router, context);
  RegisterSeminarPages(router, context);
  RegisterProgrammeApi(router, context);
  RegisterDeliverablePages(router, context);
  RegisterDeliverableRequestPages(router, context);
  RegisterCommunityPages(router, context);
  RegisterPrivacyPages(router, context);
  RegisterCommunityApi(router, context);
  RegisterThemeApi(router, context);
  RegisterProgrammeCohortApi(router, context);
  RegisterSeminarApi(router, context);
  RegisterDeliverableApi(router, context);

  auto files = std::make_shared<StaticFiles>([&context](const Request& request, int status, std::string_view detail) {
    return RenderError(context, request, status, detail);
  });
  // Only what pages use of the DSFR's 88 MB dist/ is reachable.
  files->Mount("/static/dsfr/", context.assets_dir / "node_modules/@gouvfr/dsfr/dist/",
               {"dsfr.min.css", "dsfr.module.min.js", "dsfr.nomodule.min.js", "utility/icons/icons.min.css", "icons/",
                "fonts/", "favicon/"});
  files->Mount("/static/dsfr-chart/", context.assets_dir / "node_modules/@gouvfr/dsfr-chart/dist/",
               {"DSFRChart/DSFRChart.js", "DSFRChart/DSFRChart.css"});
  files->Mount("/static/app/", context.assets_dir / "static/", {""});
  StaticFiles::AddRoutes(std::move(files), router);
}

}  // namespace boussole::web
