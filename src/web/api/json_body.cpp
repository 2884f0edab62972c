#include "web/api/json_body.h"

#include "core/plain_text.h"

namespace boussole::web {

Result<nlohmann::json> ReadJsonObject(const Request& request) {
  const std::string type = request.Header("content-type");
  const std::string media = Trim(type.substr(0, type.find(';')));
  if (media != "application/json") {
    return Error{"unsupported_media_type",
                 "Le corps de la requête doit être du JSON, envoyé avec l'en-tête « Content-Type: application/json »" +
                     std::string(media.empty() ? "." : " (reçu : « " + media + " »)."),
                 ""};
  }
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    return InvalidInput("Le corps de la requête n'est pas un JSON valide (erreur à l'octet " + std::to_string(e.byte) + ").");
  } catch (const nlohmann::json::out_of_range&) {
    // A number beyond what a double holds (1e707): found by tests/fuzz/fuzz_api_json_body,
    // it used to escape as a 500.
    return InvalidInput("Le corps de la requête contient un nombre trop grand pour être lu.");
  }
  if (!body.is_object()) return InvalidInput("Le corps de la requête doit être un objet JSON ({…}).");
  return body;
}

void JsonFields::Fail(const std::string& name, std::string message) {
  if (!first_error_) first_error_ = InvalidInput(std::move(message), name);
}

const nlohmann::json* JsonFields::Field(const std::string& name, bool required) {
  asked_.insert(name);
  const auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) {
    if (required) Fail(name, "Le champ « " + name + " » est obligatoire.");
    return nullptr;
  }
  return &*it;
}

std::string JsonFields::String(const std::string& name, bool required, std::size_t max_length) {
  const nlohmann::json* value = Field(name, required);
  if (value == nullptr) return {};
  if (!value->is_string()) {
    Fail(name, "Le champ « " + name + " » doit être une chaîne de caractères.");
    return {};
  }
  std::string text = Trim(value->get<std::string>());
  if (text.size() > max_length) {
    Fail(name, "Le champ « " + name + " » est trop long (" + std::to_string(max_length) + " octets au plus).");
    return {};
  }
  if (required && text.empty()) Fail(name, "Le champ « " + name + " » ne peut pas être vide.");
  return text;
}

std::optional<std::int64_t> JsonFields::Int(const std::string& name, bool required, std::int64_t min, std::int64_t max) {
  const nlohmann::json* value = Field(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) {
    Fail(name, "Le champ « " + name + " » doit être un nombre entier.");
    return std::nullopt;
  }
  // Unsigned values above INT64_MAX are out of range, not negative.
  if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    Fail(name, "Le champ « " + name + " » doit être compris entre " + std::to_string(min) + " et " + std::to_string(max) + ".");
    return std::nullopt;
  }
  const std::int64_t number = value->get<std::int64_t>();
  if (number < min || number > max) {
    Fail(name, "Le champ « " + name + " » doit être compris entre " + std::to_string(min) + " et " + std::to_string(max) + ".");
    return std::nullopt;
  }
  return number;
}

std::optional<bool> JsonFields::Bool(const std::string& name, bool required) {
  const nlohmann::json* value = Field(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    Fail(name, "Le champ « " + name + " » doit valoir true ou false.");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::vector<std::string> JsonFields::StringList(const std::string& name, bool required, std::size_t max_items,
                                                std::size_t max_length) {
  const nlohmann::json* value = Field(name, required);
  if (value == nullptr) return {};
  if (!value->is_array()) {
    Fail(name, "Le champ « " + name + " » doit être une liste de chaînes de caractères.");
    return {};
  }
  if (value->size() > max_items) {
    Fail(name, "Le champ « " + name + " » compte trop d'éléments (" + std::to_string(max_items) + " au plus).");
    return {};
  }
  std::vector<std::string> items;
  for (const auto& item : *value) {
    if (!item.is_string() || item.get_ref<const std::string&>().size() > max_length) {
      Fail(name, "Chaque élément du champ « " + name + " » doit être une chaîne de " + std::to_string(max_length) +
                     " octets au plus.");
      return {};
    }
    items.push_back(Trim(item.get<std::string>()));
  }
  return items;
}

std::optional<Error> JsonFields::Finish() const {
  if (first_error_) return first_error_;
  for (const auto& [key, value] : object_.items()) {
    if (asked_.count(key) == 0) return InvalidInput("Le champ « " + key + " » n'est pas attendu ici.", key);
  }
  return std::nullopt;
}

}  // namespace boussole::web
