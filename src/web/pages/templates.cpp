#include "web/pages/templates.h"

#include "core/files.h"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <atomic>
#include <map>
#include <memory>
#include <stdexcept>

namespace boussole::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

std::string ReadText(const std::filesystem::path& path) {
  auto text = ReadWholeFile(path);
  if (!text) throw std::runtime_error(text.error().message);
  return std::move(text).value();
}

// Mustache sections need false for empty values: an empty list or "" hides a section.
data ToData(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      data object{data::type::object};
      for (const auto& [key, item] : value.items()) object.set(key, ToData(item));
      return object;
    }
    case nlohmann::json::value_t::array: {
      if (value.empty()) return data{false};
      data list{data::type::list};
      for (const auto& item : value) list.push_back(ToData(item));
      return list;
    }
    case nlohmann::json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      if (text.empty()) return data{false};
      return data{text};
    }
    case nlohmann::json::value_t::boolean:
      return data{value.get<bool>()};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return data{false};
    default:
      return data{value.dump()};
  }
}

}  // namespace

Templates::Templates(const std::filesystem::path& dir) {
  static std::atomic<std::uint64_t> next_id{1};
  id_ = next_id++;
  auto load = [](const std::filesystem::path& folder, auto& into) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      if (entry.path().extension() != ".mustache") continue;
      std::string text = ReadText(entry.path());
      mustache check{text};
      if (!check.is_valid()) {
        throw std::runtime_error("template " + entry.path().string() + ": " + check.error_message());
      }
      into[entry.path().stem().string()] = std::move(text);
    }
  };
  load(dir, sources_);
  load(dir / "partials", partials_);
  if (sources_.empty()) throw std::runtime_error("no template found in " + dir.string());
}

Templates::~Templates() = default;

std::string Templates::Render(std::string_view name, const nlohmann::json& context) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) throw std::runtime_error("unknown template " + std::string(name));
  data view = ToData(context);
  if (view.is_bool()) view = data{data::type::object};
  for (const auto& [partial, text] : partials_) {
    const std::string copy = text;
    view.set(partial, data{kainjow::mustache::partial{[copy] { return copy; }}});
  }
  // Parsing a template costs more than rendering it: each worker thread keeps its own
  // parsed copy (kainjow's renderer is not safe to share between threads).
  thread_local std::map<std::pair<std::uint64_t, std::string>, std::unique_ptr<mustache>> parsed;
  auto& renderer_ptr = parsed[{id_, it->first}];
  if (!renderer_ptr) renderer_ptr = std::make_unique<mustache>(it->second);
  mustache& renderer = *renderer_ptr;
  std::string html = renderer.render(view);
  if (!renderer.is_valid()) {
    throw std::runtime_error("template " + std::string(name) + ": " + renderer.error_message());
  }
  return html;
}

}  // namespace boussole::web
