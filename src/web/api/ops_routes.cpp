// Operations: liveness, readiness, metrics, and the OpenAPI document.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/files.h"
#include "web/routes.h"

namespace boussole::web {
namespace {

// Ready when the database answers, its schema is the one this binary expects and the
// catalogue can be read. Each failed check says why, in French, for whoever is on call.
Response Readiness(const WebContext& context) {
  nlohmann::json checks;
  bool ready = true;
  auto fail = [&](const char* name, const std::string& detail) {
    checks[name] = {{"status", "error"}, {"detail", detail}};
    ready = false;
  };
  const Status ping = context.store.Ping();
  if (!ping) {
    fail("database", ping.error().message);
  } else {
    checks["database"] = {{"status", "ok"}, {"backend", context.store.Backend()}};
    try {
      const int version = context.store.SchemaVersion();
      const int latest = context.store.LatestSchemaVersion();
      if (version != latest) {
        fail("migrations", "Schéma en version " + std::to_string(version) + ", " + std::to_string(latest) + " attendue.");
      } else {
        checks["migrations"] = {{"status", "ok"}, {"version", version}};
      }
      const std::size_t offers = context.store.CountOffers();
      checks["catalogue"] = {{"status", "ok"}, {"offers", offers}};
    } catch (const std::exception& e) {
      fail("migrations", std::string("Lecture impossible : ") + e.what());
    }
  }
  nlohmann::json body{{"status", ready ? "ready" : "unavailable"}, {"checks", checks}};
  return Response::Json(ready ? 200 : 503, body.dump());
}

// A broken install must fail at start, not on request.
std::string ReadRequiredFile(const std::filesystem::path& path) {
  auto text = ReadWholeFile(path);
  if (!text) throw std::runtime_error(text.error().message);
  return std::move(text).value();
}

}  // namespace

void RegisterOpsRoutes(Router& router, const WebContext& context) {
  router.Add("GET", "/healthz", "healthz", [](const Request&) {
    return Response::Json(200, R"({"status":"ok"})");
  });
  router.Add("GET", "/readyz", "readyz", [&context](const Request&) { return Readiness(context); });
  if (context.metrics) {
    router.Add("GET", "/metrics", "metrics", [&context](const Request&) {
      Response response = Response::Text(200, context.metrics->Render());
      response.SetHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      return response;
    });
  }
  // The OpenAPI document is a file of the repository, checked against real responses by
  // the API tests; read once so that a broken install fails at start, not on request.
  router.Add("GET", "/api/openapi.json", "openapi",
             [document = ReadRequiredFile(context.assets_dir / "src/web/api/openapi.json")](const Request&) {
               return Response::Json(200, document);
             });
}

}  // namespace boussole::web
