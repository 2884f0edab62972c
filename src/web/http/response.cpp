#include "web/http/response.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace boussole::web {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

Response WithBody(int status, std::string_view content_type, std::string body) {
  Response response;
  response.status = status;
  response.SetHeader("Content-Type", std::string(content_type));
  response.body = std::move(body);
  return response;
}

}  // namespace

void Response::SetHeader(std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& header) { return SameName(header.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
}

void Response::AddHeader(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

std::string Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (SameName(key, name)) return value;
  }
  return {};
}

Response Response::Html(int status, std::string body) {
  return WithBody(status, "text/html; charset=utf-8", std::move(body));
}

Response Response::Json(int status, std::string body) {
  return WithBody(status, "application/json", std::move(body));
}

Response Response::Problem(int status, std::string_view title, std::string_view detail,
                           std::string_view instance, std::string_view type) {
  nlohmann::ordered_json problem;
  problem["type"] = type.empty() ? std::string("about:blank") : std::string(type);
  problem["title"] = std::string(title);
  problem["status"] = status;
  if (!detail.empty()) problem["detail"] = std::string(detail);
  if (!instance.empty()) problem["instance"] = std::string(instance);
  // `replace`: a detail quoting bad user input must not turn an error page into a throw.
  return WithBody(status, "application/problem+json",
                  problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response Response::Redirect(int status, std::string location) {
  Response response;
  response.status = status;
  response.SetHeader("Location", std::move(location));
  return response;
}

Response Response::Text(int status, std::string body) {
  return WithBody(status, "text/plain; charset=utf-8", std::move(body));
}

std::string_view StatusTitle(int status) {
  switch (status) {
    case 400: return "Requête invalide";
    case 401: return "Connexion requise";
    case 403: return "Accès refusé";
    case 404: return "Page introuvable";
    case 405: return "Méthode non autorisée";
    case 408: return "Délai dépassé";
    case 409: return "Conflit";
    case 413: return "Contenu trop volumineux";
    case 414: return "Adresse trop longue";
    case 429: return "Trop de requêtes";
    case 431: return "En-têtes trop volumineux";
    case 500: return "Erreur interne";
    case 503: return "Service indisponible";
    default: return "Erreur";
  }
}

}  // namespace boussole::web
