#include "web/form.h"

#include "web/http/multipart.h"

namespace boussole::web {
namespace {

constexpr std::size_t kMaxFields = 100;
constexpr std::size_t kMaxValueBytes = 20000;

}  // namespace

Result<Form> Form::Read(const Request& request) {
  const std::string type = request.Header("content-type");
  if (type.rfind("multipart/form-data", 0) == 0) return ReadMultipart(type, request.body);
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

Result<Form> Form::ReadMultipart(const std::string& type, const std::string& body) {
  auto parts = ParseMultipart(type, body);
  if (!parts) return parts.error();
  if (parts.value().size() > kMaxFields) return InvalidInput("Le formulaire envoyé a trop de champs.");
  Form form;
  for (auto& part : parts.value()) {
    if (part.is_file) {
      if (part.filename.empty() && part.body.empty()) continue;  // no file chosen
      form.files_.push_back({part.name, part.filename, std::move(part.body)});
      continue;
    }
    if (part.body.size() > kMaxValueBytes) {
      return InvalidInput("Le champ « " + part.name + " » est trop long (" + std::to_string(kMaxValueBytes) +
                              " octets au plus).",
                          part.name);
    }
    form.pairs_.emplace_back(part.name, std::move(part.body));
  }
  return form;
}

const UploadedFile* Form::File(std::string_view name) const {
  for (const auto& file : files_) {
    if (file.field == name) return &file;
  }
  return nullptr;
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
