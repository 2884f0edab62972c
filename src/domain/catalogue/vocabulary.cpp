#include "domain/catalogue/vocabulary.h"

namespace boussole::catalogue {

const Vocabulary& Audiences() {
  static const Vocabulary kItems{
      {"commune", "Communes"},
      {"epci", "Intercommunalités / Pays"},
      {"department", "Départements"},
      {"region", "Régions"},
      {"special", "Collectivités d'outre-mer à statuts particuliers"},
      {"association", "Associations"},
      {"private_person", "Particuliers"},
      {"farmer", "Agriculteurs"},
      {"private_sector", "Entreprises privées"},
      {"public_cies", "Entreprises publiques locales (Sem, Spl, SemOp)"},
      {"public_org", "Établissements publics / Services de l'État"},
      {"researcher", "Recherche"},
  };
  return kItems;
}

const Vocabulary& OfferTypes() {
  static const Vocabulary kItems{
      {"grant", "Subvention"},
      {"loan", "Prêt"},
      {"recoverable_advance", "Avance récupérable"},
      {"cee", "Certificat d'économie d'énergie (CEE)"},
      {"other", "Autre aide financière"},
      {"technical_engineering", "Ingénierie technique"},
      {"financial_engineering", "Ingénierie financière"},
      {"legal_engineering", "Ingénierie juridique / administrative"},
      {"collective_support", "Accompagnement collectif"},
      {"training", "Formation"},
      {"data", "Données et diagnostics"},
      {"network", "Mise en réseau"},
  };
  return kItems;
}

const Vocabulary& MobilizationSteps() {
  static const Vocabulary kItems{
      {"preop", "Réflexion / conception"},
      {"op", "Mise en œuvre / réalisation"},
      {"postop", "Usage / valorisation"},
  };
  return kItems;
}

const Vocabulary& Destinations() {
  static const Vocabulary kItems{
      {"supply", "Dépenses de fonctionnement"},
      {"investment", "Dépenses d'investissement"},
  };
  return kItems;
}

const Vocabulary& PopulationTerritoryKinds() {
  static const Vocabulary kItems{
      {"commune", "communes"},
      {"epci", "intercommunalités"},
      {"departement", "départements"},
      {"region", "régions"},
  };
  return kItems;
}

const Vocabulary& PopulationEffects() {
  static const Vocabulary kItems{
      {"eligibility", "Condition d'éligibilité"},
      {"free", "Gratuité"},
  };
  return kItems;
}

const Vocabulary& Recurrences() {
  static const Vocabulary kItems{
      {"oneoff", "Ponctuelle"},
      {"ongoing", "Permanente"},
      {"recurring", "Récurrente"},
  };
  return kItems;
}

const Vocabulary& Themes() {
  static const Vocabulary kItems{
      {"urbanisme-logement-amenagement", "Urbanisme / logement / aménagement"},
      {"nature-environnement", "Nature / environnement"},
      {"mobilite-transports", "Mobilité / transports"},
      {"energies-dechets", "Énergies / Déchets"},
      {"developpement-economique", "Développement économique"},
      {"culture-patrimoine-sports", "Culture / patrimoine / sports"},
      {"solidarites-lien-social", "Solidarités / lien social"},
      {"education-competences", "Éducation et compétences"},
      {"numerique", "Numérique"},
      {"sante", "Santé"},
      {"tourisme", "Tourisme"},
      {"montagne", "Montagne"},
      {"citoyennete", "Citoyenneté"},
      {"services-au-public", "Services au public"},
      {"emploi-insertion", "Emploi / insertion"},
      {"commerce-artisanat", "Commerce / artisanat"},
      {"europe-international", "Europe / international"},
      {"ingenierie-strategie", "Ingénierie et stratégie territoriale"},
  };
  return kItems;
}

const Vocabulary& PorteurRoles() {
  static const Vocabulary kItems{
      {"financer", "Porteur financeur"},
      {"instructor", "Porteur instructeur"},
      {"operator", "Opérateur"},
  };
  return kItems;
}

std::string_view LabelOf(const Vocabulary& vocabulary, std::string_view key) {
  for (const auto& [k, label] : vocabulary) {
    if (k == key) return label;
  }
  return key;
}

bool Contains(const Vocabulary& vocabulary, std::string_view key) {
  for (const auto& entry : vocabulary) {
    if (entry.first == key) return true;
  }
  return false;
}

std::string_view TypeGroupOf(std::string_view type) {
  if (type == "grant" || type == "loan" || type == "recoverable_advance" || type == "cee" ||
      type == "other") {
    return "Aide financière";
  }
  if (type == "technical_engineering" || type == "financial_engineering" ||
      type == "legal_engineering") {
    return "Ingénierie";
  }
  return "Accompagnement";
}

}  // namespace boussole::catalogue
