#include "web/form.h"

namespace boussole::web {
namespace {

constexpr std::size_t kMaxFields = 100;
constexpr std::size_t kMaxValueBytes = 20000;

}  // namespace

Result<Form> Form::Read(const Request& request) {
  const std::string type = request.Header("content-type");
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0) {
    return InvalidInput("Le formulaire doit être envoyé au format application/x-www-form-urlencoded.");
  }
  auto pairs = ParseQuery(request.body);
  if (!pairs) return InvalidInput("Le formulaire envoyé est mal formé : " + pairs.error().message);
  if (pairs.value().size() > kMaxFields) return InvalidInput("Le formulaire envoyé a trop de champs.");
  for (const auto& [name, value] : pairs.value()) {
    if (value.size() > kMaxValueBytes) {
      return InvalidInput("Le champ « " + name + " » est trop long (" + std::to_string(kMaxValueBytes) +
                              " octets au plus).",
                          name);
    }
  }
  Form form;
  form.pairs_ = std::move(pairs).value();
  return form;
}

std::string Form::Get(std::string_view name) const {
  for (const auto& [key, value] : pairs_) {
    if (key == name) return value;
  }
  return {};
}

std::vector<std::string> Form::GetAll(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : pairs_) {
    if (key == name && !value.empty()) values.push_back(value);
  }
  return values;
}

}  // namespace boussole::web
