#include "domain/programmes/programme_types.h"

namespace boussole::programmes {
namespace {

constexpr std::string_view k000 = "000_fd50cd9933432e83.txt";
constexpr std::string_view k001 = "001_1f9b355447b27819.txt";
constexpr std::string_view k004 = "004_b5224686867642cb.txt";

ProgrammeType Fabrique() {
  ProgrammeType t;
  t.key = "fabrique";
  t.label = "Fabrique prospective";
  t.offer_slug = "fabrique-prospective";
  t.pilot = "ANCT, pôle Prospective Veille Innovation";
  t.min_territories = 4;
  t.max_territories = 8;
  t.min_months = t.max_months = 12;
  t.local_seminars = 4;
  t.local_minutes = 4 * 60;
  t.intersite_seminars = 4;
  t.intersite_minutes = 5 * 60;
  t.working_group_min = 15;
  t.working_group_max = 20;
  t.follow_up_months = 6;
  t.deliverables = {"Vision prospective", "Programme d'actions détaillé"};
  t.phases = {
      {"propositions", "Proposition des thèmes", {"Thèmes proposés par les équipes de l'ANCT, les associations d'élus, les ministères et opérateurs nationaux, les services de l'État ou les communes et intercommunalités"}, true, false},
      {"constitution", "Constitution du groupe de territoires", {"Territoires proposés par l'ANCT et ses partenaires avec les délégués territoriaux", "Territoires qui font part de leur intérêt", "Sélection de 4 à 8 territoires par l'ANCT"}, false, false},
      {"accompagnement", "Accompagnement (12 mois)", {"4 séminaires locaux de 4 h par territoire", "4 séminaires intersites de 5 h", "Groupe de travail local de 15 à 20 acteurs"}, false, false},
      {"livrables", "Livrables et publication", {"Livrable par territoire : vision prospective et programme d'actions détaillé", "Publication de l'ANCT"}, false, true},
      {"suivi", "Réunion de suivi (6 mois après)", {"Réunion de suivi organisée par l'ANCT"}, false, true},
  };
  t.sources = {
      {k000, "Elles accompagnent des groupes de 4 à 8 territoires dans la co-construction d'une vision à long terme"},
      {k000, "Les thèmes des FP sont proposés par les équipes de l'ANCT, les associations d'élus, les ministères et opérateurs nationaux, les services de l'Etat ou des communes/intercommunalités."},
      {k000, "Il ne s'agit donc pas d'un appel à manifestation d'intérêt ou d'un appel à projets."},
      {k000, "L'accompagnement se déroule sur 12 mois avec :"},
      {k000, "pour chacun 4 séminaires afin d'aider les acteurs de leurs territoires à se projeter dans le long terme et à identifier des solutions de court terme (4 x 4h)."},
      {k000, "4 séminaires intersites (4 x 5h)"},
      {k000, "mobilisent un groupe de travail local réunissant 15 à 20 acteurs locaux de leurs choix (associations, habitants, entreprises...)."},
      {k000, "chaque commune/intercommunalité accompagnée dispose d'un livrable sur-mesure (vision prospective et programme d'actions détaillé) ;"},
      {k000, "Six mois après une FP, l'ANCT organise une réunion de suivi."},
  };
  return t;
}

ProgrammeType ProjetPartage() {
  ProgrammeType t;
  t.key = "projet_partage";
  t.label = "Projet partagé — Territoires en commun";
  t.offer_slug = "territoires-en-commun-projets-partages";
  t.pilot = "ANCT";
  t.min_territories = 3;
  t.max_territories = 5;
  t.waitlist = true;
  t.observers = true;
  t.survey_group = true;
  t.deliverables = {"Plan d'action thématique du territoire"};
  t.phases = {
      {"propositions", "Proposition des thèmes et positionnement", {"Supports d'inspiration thématiques de l'ANCT", "Thématiques proposées par les collectivités", "Positionnement des collectivités sur les thématiques", "Choix du thème selon sa popularité"}, true, false},
      {"inscriptions", "Inscription des collectivités", {"Parties prenantes (3 à 5 collectivités)", "Observatrices (sans limite de nombre)", "Rencontres avec les collectivités engagées"}, false, false},
      {"prestataire", "Choix du prestataire", {"Marché porté par l'ANCT"}, false, false},
      {"diagnostic", "Le sens du diagnostic", {"Cartographies et fiches d'identité des familles d'acteurs, des espaces et des objets d'engagement citoyen", "Cartographies et fiches d'identité des familles d'acteurs, des espaces et des objets de coopération thématique", "Groupe d'enquête mixte (élus, agents, habitants, scolaires…)"}, false, false},
      {"croisement", "Le croisement des regards et des expertises locales", {"Familles d'acteurs à associer", "Schéma et méthodes d'accompagnement collectif"}, false, false},
      {"creativite", "Le cycle de la créativité", {"Divergence et imagination", "Définition des objectifs et critères de réussite", "Convergence sur les actions à mener"}, false, false},
      {"plan_action", "Production et validation du plan d'action", {"Plan d'action thématique propre à chaque territoire", "Adoption par l'exécutif territorial (date et référence de la délibération)", "Retours vers les habitants : nouvelle mobilisation du groupe d'enquête"}, false, true},
      {"suites", "Communauté apprenante, supervision, capitalisation et étape d'après", {"Communauté apprenante entre pairs", "Supervision : analyse de la pratique", "Capitalisation sur la plateforme Territoires en commun", "L'étape d'après"}, false, true},
  };
  t.sources = {
      {k001, "En fonction de leur popularité, un thème est choisi pour faire l’objet d’un projet partagé."},
      {k001, "pour être réellement parties-prenantes d’un projet partagé (de 3 à 5 collectivité par projet) ou simples observatrices de l’opération (sans limite de nombre)."},
      {k001, "un prestataire (ou groupement de prestataire) est choisi, via un marché porté par l’ANCT"},
      {k001, "Groupe d’enquête mixte (élus, agents, habitants, scolaires…)"},
      {k001, "divergence et imagination ; définition des objectifs et critères de réussite ; convergence sur les actions à mener."},
      {k001, "Le plan d’action passe par une étape administrative et son adoption au sein des exécutifs territoriaux concernés."},
      {k001, "une nouvelle mobilisation du groupe d’enquête initiale permet de présenter aux citoyens ce qui a été fait de leur parole."},
      {k001, "une prestation d’analyse de la pratique est proposée aux acteurs"},
  };
  return t;
}

ProgrammeType AtelierLocal() {
  ProgrammeType t;
  t.key = "atelier_local";
  t.label = "Atelier des territoires — format local";
  t.offer_slug = "atelier-des-territoires-local";
  t.pilot = "DGALN, piloté localement par la DDT(M) ou la DREAL";
  t.min_territories = t.max_territories = 1;
  t.min_months = 8;
  t.max_months = 12;
  t.local_seminars = 3;  // on-site work sessions; the seed gives no length
  t.deliverables = {"Plan guide stratégique", "Feuille de route : actions clefs par thématique et par niveau de priorité"};
  t.phases = {
      {"demande", "Demande de la collectivité", {"Demande adressée à la DGALN avec la DDT(M) ou la DREAL", "Validation par la DGALN"}, false, false},
      {"sessions", "Sessions de travail sur site", {"3 sessions d'ateliers de travail collectif sur le terrain"}, false, false},
      {"plan_guide", "Plan guide et feuille de route", {"Plan guide stratégique", "Feuille de route : actions clefs par thématique et par niveau de priorité"}, false, true},
  };
  t.sources = {
      {k004, "ATELIER format LOCAL (durée : entre 8 et 12 mois et 3 sessions de travail sur site)"},
      {k004, "Il débouche sur un plan guide stratégique à visée opérationnelle."},
      {k004, "Celles-ci sont organisées par thématique et par niveau de priorité."},
      {k004, "Les collectivités volontaires formulent une demande adressée à la DGALN, établie en collaboration avec services de la DDT(M) et/ou de la DREAL"},
  };
  return t;
}

ProgrammeType AtelierFlash() {
  ProgrammeType t;
  t.key = "atelier_flash";
  t.label = "Atelier des territoires — format flash";
  t.offer_slug = "atelier-des-territoires-flash";
  t.pilot = "DGALN, piloté localement par la DDT(M) ou la DREAL";
  t.min_territories = t.max_territories = 1;
  t.min_months = t.max_months = 3;
  t.local_seminars = 1;  // one on-site session of 2 to 3 days
  t.deliverables = {"Livrable de synthèse"};
  t.phases = {
      {"demande", "Demande de la collectivité", {"Demande adressée à la DGALN avec la DDT(M) ou la DREAL"}, false, false},
      {"session", "Session sur site", {"Visite collective du site", "Séance collective animée par le prestataire"}, false, false},
      {"restitution", "Restitution", {"Rédaction du livrable de synthèse"}, false, true},
  };
  t.sources = {
      {k004, "ATELIER format FLASH (durée : 3 mois, une session de travail sur site)"},
      {k004, "d'une visite collective du site"},
      {k004, "d'une séance collective, dont l'animation est assurée par le prestataire."},
      {k004, "une phase de restitution avec la rédaction du livrable de synthèse."},
  };
  return t;
}

}  // namespace

const std::vector<ProgrammeType>& ProgrammeTypes() {
  static const std::vector<ProgrammeType> kTypes = {Fabrique(), ProjetPartage(), AtelierLocal(), AtelierFlash()};
  return kTypes;
}

const ProgrammeType* FindProgrammeType(std::string_view key) {
  for (const auto& type : ProgrammeTypes()) {
    if (type.key == key) return &type;
  }
  return nullptr;
}

}  // namespace boussole::programmes
