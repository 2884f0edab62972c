#include <fstream>
#include <sstream>
#include <stdexcept>

#include "web/routes.h"

namespace boussole::web {

void RegisterOpsRoutes(Router& router, const WebContext& context) {
  router.Add("GET", "/healthz", "healthz", [](const Request&) {
    return Response::Json(200, R"({"status":"ok"})");
  });
  // The OpenAPI document is a file of the repository, checked against real responses by
  // the API tests; read once so that a broken install fails at start, not on request.
  const auto path = context.assets_dir / "src/web/api/openapi.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  router.Add("GET", "/api/openapi.json", "openapi",
             [document = text.str()](const Request&) { return Response::Json(200, document); });
}

}  // namespace boussole::web
