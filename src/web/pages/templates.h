#pragma once
// Mustache templates (templates/*.mustache), loaded once at start. HTML escaping is on
// by default; `{{{…}}}` is used only for HTML the server built itself.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace boussole::web {

class Templates {
 public:
  //! Loads every `*.mustache` file of `dir` (and `dir/partials/`, usable as `{{> name}}`).
  //! Throws std::runtime_error naming the file when one does not parse.
  explicit Templates(const std::filesystem::path& dir);
  ~Templates();

  //! Renders `name` (file name without extension) with a JSON context. Throws
  //! std::runtime_error on an unknown template: a bug.
  std::string Render(std::string_view name, const nlohmann::json& context) const;

 private:
  std::uint64_t id_ = 0;  //!< tells apart the parsed copies of two Templates objects
  std::map<std::string, std::string, std::less<>> sources_;
  std::map<std::string, std::string> partials_;
};

}  // namespace boussole::web
