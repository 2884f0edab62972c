#include "domain/requests/workflow.h"

#include <algorithm>

namespace boussole::requests {
namespace {

constexpr Party C = Party::kCollectivite;
constexpr Party P = Party::kPrefecture;
constexpr Party A = Party::kAnct;
constexpr Party X = Party::kAssignee;

// Seeds 002 and 003, "Écoute et sur-mesure : la méthode ANCT": the collectivité brings its
// problem to the délégué territorial (the préfet), local resources come first, the ANCT is
// asked only with a justification, then defines the answer with the collectivité.
Workflow Anct() {
  return {
      "anct",
      "Ingénierie sur mesure de l'ANCT",
      "Seeds 002 et 003",
      {
          {"brouillon", "Brouillon"},
          {"deposee", "Déposée"},
          {"prise_en_charge", "Prise en charge par la délégation territoriale"},
          {"examen_local", "Examen des ressources locales"},
          {"orientee_locale", "Orientée vers une ressource locale", true},
          {"transmise_anct", "Transmise à l'ANCT"},
          {"instruite_anct", "Instruite par l'ANCT"},
          {"reponse_definie", "Réponse définie"},
          {"engagee", "Engagée"},
          {"en_cours", "En cours"},
          {"livree", "Livrée"},
          {"cloturee", "Clôturée"},
          {"suivi_6_mois", "Suivi à 6 mois", true},
          {"refusee", "Refusée", true},
          {"retiree", "Retirée", true},
      },
      {
          {"deposer", "Déposer la demande", {"brouillon"}, "deposee", {C}, {"besoin", "deja_tente"}, {}},
          {"prendre_en_charge", "Prendre en charge", {"deposee"}, "prise_en_charge", {P}, {"referent"}, {}},
          {"examiner", "Examiner les ressources locales", {"prise_en_charge"}, "examen_local", {P}, {}, {"comite"}},
          {"orienter", "Orienter vers une ressource locale", {"examen_local"}, "orientee_locale", {P}, {"ressource"}, {}},
          {"transmettre", "Transmettre à l'ANCT", {"examen_local"}, "transmise_anct", {P}, {"justifications"}, {}},
          {"instruire", "Instruire la demande", {"transmise_anct"}, "instruite_anct", {A},
           {"charge_de_mission", "echange"}, {}},
          {"definir_reponse", "Définir la réponse", {"instruite_anct"}, "reponse_definie", {A}, {"mode", "cout_euros"},
           {"organisation", "part_collectivite_euros"}},
          {"engager", "Engager", {"reponse_definie"}, "engagee", {A}, {}, {}},
          {"demarrer", "Démarrer", {"engagee"}, "en_cours", {A, X}, {}, {}},
          {"livrer", "Livrer", {"en_cours"}, "livree", {A, X}, {"livrable"}, {}},
          {"cloturer", "Clôturer", {"livree"}, "cloturee", {A}, {}, {"bilan"}},
          {"suivre", "Faire le point à 6 mois", {"cloturee"}, "suivi_6_mois", {P, A}, {"bilan"}, {}},
          {"refuser", "Refuser", {"deposee", "prise_en_charge", "examen_local"}, "refusee", {P}, {"motif"}, {}},
          {"refuser_anct", "Refuser", {"transmise_anct", "instruite_anct"}, "refusee", {A}, {"motif"}, {}},
          {"retirer", "Retirer la demande",
           {"brouillon", "deposee", "prise_en_charge", "examen_local", "transmise_anct", "instruite_anct"}, "retiree",
           {C}, {"motif"}, {}},
      },
  };
}

// Seed 004, Atelier des territoires: formulated by the collectivité with the DDT(M) and/or
// DREAL, relayed by the DDT(M) to the DGALN, validated by the DGALN (local or flash format),
// piloted by the DDT(M)/DREAL with a multidisciplinary team, sessions, deliverable.
Workflow Atelier() {
  return {
      "atelier",
      "Atelier des territoires",
      "Seed 004",
      {
          {"brouillon", "Brouillon"},
          {"formulee", "Formulée avec la DDT(M)"},
          {"relayee_dgaln", "Relayée à la DGALN"},
          {"validee", "Validée par la DGALN"},
          {"pilotee", "Pilotée par la DDT(M)"},
          {"sessions", "Sessions"},
          {"livree", "Livrée"},
          {"cloturee", "Clôturée", true},
          {"refusee", "Refusée", true},
          {"retiree", "Retirée", true},
      },
      {
          {"formuler", "Formuler la demande", {"brouillon"}, "formulee", {C}, {"besoin", "deja_tente"}, {}},
          {"relayer", "Relayer à la DGALN", {"formulee"}, "relayee_dgaln", {P}, {"organisation", "acteurs_locaux"},
           {}},
          {"valider", "Valider l'atelier", {"relayee_dgaln"}, "validee", {X}, {"format"}, {}},
          {"refuser", "Refuser", {"relayee_dgaln"}, "refusee", {X}, {"motif"}, {}},
          {"piloter", "Piloter avec l'équipe", {"validee"}, "pilotee", {P}, {"equipe"}, {}},
          {"tenir_sessions", "Tenir les sessions", {"pilotee"}, "sessions", {P}, {"sessions"}, {}},
          {"livrer", "Livrer", {"sessions"}, "livree", {P}, {"type_livrable", "livrable"}, {}},
          {"cloturer", "Clôturer", {"livree"}, "cloturee", {P}, {}, {"bilan"}},
          {"retirer", "Retirer la demande", {"brouillon", "formulee"}, "retiree", {C}, {"motif"}, {}},
      },
  };
}

// Seed 003: "les collectivités peuvent nous saisir directement" (the Cerema), with its
// freemium: a few days of expertise self-financed by the Cerema, then 50 % of the study.
Workflow Cerema() {
  return {
      "cerema",
      "Demande directe au Cerema",
      "Seed 003",
      {
          {"brouillon", "Brouillon"},
          {"deposee", "Déposée au Cerema"},
          {"etudiee", "Proposition du Cerema"},
          {"engagee", "Engagée"},
          {"en_cours", "En cours"},
          {"livree", "Livrée"},
          {"cloturee", "Clôturée", true},
          {"refusee", "Refusée", true},
          {"retiree", "Retirée", true},
      },
      {
          {"deposer", "Déposer la demande", {"brouillon"}, "deposee", {C}, {"besoin", "deja_tente", "organisation"}, {}},
          {"proposer", "Faire une proposition", {"deposee"}, "etudiee", {X}, {"jours", "cout_euros"}, {}},
          {"refuser", "Refuser", {"deposee"}, "refusee", {X}, {"motif"}, {}},
          {"accepter", "Accepter la proposition", {"etudiee"}, "engagee", {C}, {}, {}},
          {"demarrer", "Démarrer", {"engagee"}, "en_cours", {X}, {}, {}},
          {"livrer", "Livrer", {"en_cours"}, "livree", {X}, {"livrable"}, {}},
          {"cloturer", "Clôturer", {"livree"}, "cloturee", {C}, {}, {"bilan"}},
          {"retirer", "Retirer la demande", {"brouillon", "deposee", "etudiee"}, "retiree", {C}, {"motif"}, {}},
      },
  };
}

}  // namespace

std::string_view PartyKey(Party party) {
  switch (party) {
    case Party::kCollectivite: return "collectivite";
    case Party::kPrefecture: return "prefecture";
    case Party::kAnct: return "anct";
    case Party::kAssignee: return "assignee";
  }
  return "";
}

std::string_view PartyLabel(Party party) {
  switch (party) {
    case Party::kCollectivite: return "La collectivité";
    case Party::kPrefecture: return "La préfecture du département (délégation territoriale, DDT(M))";
    case Party::kAnct: return "L'ANCT";
    case Party::kAssignee: return "L'organisation chargée de la réponse";
  }
  return "";
}

const std::vector<Workflow>& Workflows() {
  static const std::vector<Workflow> kWorkflows = {Anct(), Atelier(), Cerema()};
  return kWorkflows;
}

const Workflow* FindWorkflow(std::string_view key) {
  for (const auto& workflow : Workflows()) {
    if (workflow.key == key) return &workflow;
  }
  return nullptr;
}

const std::vector<Field>& Fields() {
  static const std::vector<Field> kFields = {
      {"besoin", "Le besoin", FieldKind::kText, {}},
      {"deja_tente", "Ce qui a déjà été tenté", FieldKind::kText, {}},
      {"motif", "Motif", FieldKind::kText, {}},
      {"referent", "Référent projet désigné", FieldKind::kText, {}},
      {"comite", "Avis du comité local de cohésion territoriale", FieldKind::kText, {}},
      {"ressource", "Ressource locale vers laquelle la demande est orientée", FieldKind::kText, {}},
      {"justifications",
       "Justification de la transmission à l'ANCT",
       FieldKind::kChoices,
       {{"fragilite", "Fragilité de la collectivité"},
        {"ressource_insuffisante", "Insuffisance de ressource locale mobilisable"},
        {"innovant_complexe", "Caractère innovant ou particulièrement complexe du projet"}}},
      {"charge_de_mission", "Chargé de mission territorial de l'ANCT", FieldKind::kText, {}},
      {"echange", "Compte rendu de l'échange entre l'élu, le préfet et l'ANCT", FieldKind::kText, {}},
      {"mode",
       "Mode de réponse",
       FieldKind::kChoice,
       {{"equipe_anct", "Équipe de l'ANCT"},
        {"operateur_partenaire", "Opérateur partenaire"},
        {"marche_ingenierie", "Marché d'ingénierie (prestataire)"},
        {"subvention", "Subvention"},
        {"donnees", "Mise à disposition de données"}}},
      {"organisation", "Organisation chargée de la réponse", FieldKind::kOrganisation, {}},
      {"cout_euros", "Coût de l'ingénierie (euros)", FieldKind::kEuros, {}},
      {"part_collectivite_euros", "Part de la collectivité saisie à la main (euros)", FieldKind::kEuros, {}},
      {"jours", "Jours d'expertise de l'étude", FieldKind::kDays, {}},
      {"livrable", "Livrable", FieldKind::kFile, {}},
      {"bilan", "Bilan", FieldKind::kText, {}},
      {"acteurs_locaux", "Acteurs locaux mobilisés (DDT(M), DREAL…)", FieldKind::kText, {}},
      {"format", "Format de l'atelier", FieldKind::kChoice, {{"local", "Atelier local"}, {"flash", "Atelier flash"}}},
      {"equipe", "Équipe pluridisciplinaire", FieldKind::kText, {}},
      {"sessions", "Sessions tenues", FieldKind::kText, {}},
      {"type_livrable",
       "Nature du livrable",
       FieldKind::kChoice,
       {{"plan_guide", "Plan guide et feuille de route"}, {"synthese", "Synthèse"}}},
  };
  return kFields;
}

const Field* FindField(std::string_view name) {
  for (const auto& field : Fields()) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

const State* FindState(const Workflow& workflow, std::string_view key) {
  for (const auto& state : workflow.states) {
    if (state.key == key) return &state;
  }
  return nullptr;
}

std::vector<const Transition*> TransitionsFrom(const Workflow& workflow, std::string_view state) {
  std::vector<const Transition*> out;
  for (const auto& t : workflow.transitions) {
    if (std::find(t.from.begin(), t.from.end(), state) != t.from.end()) out.push_back(&t);
  }
  return out;
}

const Transition* FindTransition(const Workflow& workflow, std::string_view state, std::string_view key) {
  for (const Transition* t : TransitionsFrom(workflow, state)) {
    if (t->key == key) return t;
  }
  return nullptr;
}

bool Allows(const Transition& transition, Party party) {
  return std::find(transition.parties.begin(), transition.parties.end(), party) != transition.parties.end();
}

}  // namespace boussole::requests
