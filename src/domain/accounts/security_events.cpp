#include "domain/accounts/security_events.h"

#include <utility>

namespace boussole::accounts {

std::string_view SecurityEventLabel(std::string_view kind) {
  static const std::pair<std::string_view, std::string_view> kLabels[] = {
      {"connexion_reussie", "Connexion réussie"},
      {"connexion_echouee", "Connexion échouée"},
      {"connexion_bloquee", "Connexion bloquée (trop d'échecs)"},
      {"limite_atteinte", "Limite de requêtes atteinte"},
      {"deconnexion", "Déconnexion"},
      {"inscription", "Inscription"},
      {"reinitialisation_demandee", "Nouveau mot de passe demandé"},
      {"mot_de_passe_change", "Mot de passe changé"},
      {"compte_supprime", "Compte supprimé"},
      {"donnees_exportees", "Données personnelles téléchargées"},
      {"jeton_api_cree", "Jeton d'API créé"},
      {"jeton_api_revoque", "Jeton d'API révoqué"},
      {"organisation_creee", "Organisation créée"},
      {"membre_invite", "Membre invité"},
      {"invitation_acceptee", "Invitation acceptée"},
      {"role_change", "Rôle changé"},
      {"membre_retire", "Membre retiré"},
      {"organisation_quittee", "Organisation quittée"},
      {"offre_modifiee", "Offre modifiée (administration)"},
      {"offre_deplacee", "Offre changée d'état (administration)"},
      {"admin_plateforme_accorde", "Droits d'administration de la plateforme accordés (console)"},
      {"admin_plateforme_retire", "Droits d'administration de la plateforme retirés (console)"},
  };
  for (const auto& [name, label] : kLabels) {
    if (name == kind) return label;
  }
  return "";
}

}  // namespace boussole::accounts
