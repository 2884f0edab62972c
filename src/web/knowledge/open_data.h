#pragma once
// Open data (issue 8, item 7): the datasets Boussole publishes for re-users, each with a
// description of every column — the one source for the CSV, XLSX and JSON files, the
// LISEZMOI.md file and the page that lists them.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "web/context.h"
#include "web/tabular.h"

namespace boussole::web {

struct DatasetColumn {
  std::string name;         //!< header of the CSV and XLSX files, key of the JSON items
  std::string description;  //!< French, for re-users
};

struct Dataset {
  std::string slug;   //!< file names: <slug>.csv, <slug>.xlsx, <slug>.json
  std::string title;
  std::string description;
  std::vector<DatasetColumn> columns;
  //! The rows, one value per column, in the columns' order.
  std::function<std::vector<std::vector<std::string>>(const WebContext&)> rows;
};

const std::vector<Dataset>& Datasets();
const Dataset* FindDataset(std::string_view slug);

//! The dataset as a table (CSV, XLSX) or as JSON items keyed by column names.
Table DatasetTable(const WebContext& context, const Dataset& dataset);
nlohmann::json DatasetJson(const WebContext& context, const Dataset& dataset, std::string_view generated_at);

//! LISEZMOI.md: every file and every column, in Markdown.
std::string OpenDataReadme();

}  // namespace boussole::web
