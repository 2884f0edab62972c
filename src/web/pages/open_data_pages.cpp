// Open data (issue 8, item 7): /donnees lists the datasets and describes every column;
// /donnees/<jeu>.csv|.xlsx|.json serve them, /donnees/LISEZMOI.md describes them, and
// /donnees/boussole-complet.json is the weekly full dump for re-users.
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "web/knowledge/open_data.h"
#include "web/pages/page.h"
#include "web/routes.h"

namespace boussole::web {
namespace {

using nlohmann::json;

constexpr const char* kFullDump = "boussole-complet.json";

Response Download(std::string body, const std::string& type, const std::string& file_name) {
  Response response;
  response.body = std::move(body);
  response.SetHeader("Content-Type", type);
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return response;
}

// The full dump of the current ISO week, built by the first request of the week on this
// server: re-users get one stable file a week, and Boussole builds it once.
class WeeklyDump {
 public:
  std::shared_ptr<const std::string> Get(const WebContext& context) {
    const std::string now = NowUtc();
    const std::string week = DigestPeriod(now, true);
    std::lock_guard lock(mutex_);
    if (week != week_ || !body_) {
      json dump{{"generated_at", now}, {"week", week}, {"datasets", json::array()}};
      for (const auto& d : Datasets()) dump["datasets"].push_back(DatasetJson(context, d, now));
      body_ = std::make_shared<const std::string>(dump.dump());
      week_ = week;
    }
    return body_;
  }

 private:
  std::mutex mutex_;
  std::string week_;                         // GUARDED_BY(mutex_)
  std::shared_ptr<const std::string> body_;  // GUARDED_BY(mutex_)
};

Response IndexPage(const WebContext& context, const Request&) {
  json datasets = json::array();
  for (const auto& d : Datasets()) {
    json columns = json::array();
    for (const auto& c : d.columns) columns.push_back({{"name", c.name}, {"description", c.description}});
    datasets.push_back({{"slug", d.slug}, {"title", d.title}, {"description", d.description}, {"columns", columns}});
  }
  return RenderPage(context, 200, "open_data", {{"datasets", datasets}, {"full_dump", std::string("/donnees/") + kFullDump}},
                    {"Données ouvertes", {}, "donnees"});
}

Response FilePage(const WebContext& context, const Request& request, WeeklyDump& dump) {
  const std::string file = request.Param("file");
  if (file == "LISEZMOI.md") return Download(OpenDataReadme(), "text/markdown; charset=utf-8", file);
  if (file == kFullDump) return Download(*dump.Get(context), "application/json", file);
  const auto dot = file.rfind('.');
  const Dataset* dataset = dot == std::string::npos ? nullptr : FindDataset(file.substr(0, dot));
  const std::string extension = dot == std::string::npos ? "" : file.substr(dot + 1);
  if (!dataset || (extension != "csv" && extension != "xlsx" && extension != "json")) {
    return RenderError(context, request, 404,
                       "Aucun fichier « " + file + " » : les jeux de données et leurs formats sont listés sur /donnees.");
  }
  if (extension == "csv") return Download(TableCsv(DatasetTable(context, *dataset)), "text/csv; charset=utf-8", file);
  if (extension == "xlsx") {
    return Download(TableXlsx(DatasetTable(context, *dataset)),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file);
  }
  return Download(DatasetJson(context, *dataset, NowUtc()).dump(), "application/json", file);
}

}  // namespace

void RegisterOpenDataPages(Router& router, const WebContext& context) {
  if (context.search == nullptr) return;
  auto dump = std::make_shared<WeeklyDump>();
  router.Add("GET", "/donnees", "open_data_page",
             Cacheable(context, [&context](const Request& r) { return IndexPage(context, r); }));
  router.Add("GET", "/donnees/{file}", "open_data_file",
             [&context, dump](const Request& r) { return FilePage(context, r, *dump); });
}

}  // namespace boussole::web
