#pragma once
// French texts of the HTTP layer, in one place (STYLE.md rule 8). They reach people as the
// `detail` of error pages and problem documents.
#include <string_view>

namespace boussole::web::messages {

inline constexpr std::string_view kMalformedRequest = "La requête HTTP est mal formée.";
inline constexpr std::string_view kBodyTooLarge =
    "Le contenu envoyé dépasse la taille autorisée.";
inline constexpr std::string_view kHeadersTooLarge =
    "Les en-têtes de la requête dépassent la taille autorisée.";
inline constexpr std::string_view kInternalError =
    "Une erreur inattendue s'est produite. Elle a été enregistrée.";

inline constexpr std::string_view kServiceUnavailable =
    "Le service est momentanément indisponible : la base de données ne répond pas. "
    "Réessayez dans quelques instants.";

inline constexpr std::string_view kTargetNotOriginForm =
    "L'adresse demandée doit commencer par « / ».";
inline constexpr std::string_view kBadPercentEscape =
    "L'adresse contient une séquence « % » invalide.";
inline constexpr std::string_view kNulByte = "L'adresse contient un caractère nul.";
inline constexpr std::string_view kInvalidUtf8 =
    "L'adresse contient du texte qui n'est pas en UTF-8.";

}  // namespace boussole::web::messages
