#include "web/knowledge/open_data.h"

#include "domain/catalogue/vocabulary.h"
#include "domain/projects/project_rules.h"
#include "search/case_sheet_index.h"
#include "web/offer_search.h"
#include "web/projetotheque_request.h"

namespace boussole::web {
namespace {

using nlohmann::json;

std::string Join(const std::vector<std::string>& values, std::string_view separator = " | ") {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : std::string(separator)) + v;
  return out;
}

std::string Labels(const std::vector<std::string>& keys, const catalogue::Vocabulary& vocabulary) {
  std::vector<std::string> labels;
  for (const auto& key : keys) labels.emplace_back(catalogue::LabelOf(vocabulary, key));
  return Join(labels);
}

std::string YesNo(const std::optional<bool>& value) { return value ? (*value ? "oui" : "non") : ""; }

std::vector<std::vector<std::string>> OfferRows(const WebContext& context) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& o : context.search->Current()->offers()) {
    std::vector<std::string> porteurs;
    for (const auto& p : o.porteurs) porteurs.push_back(p.name);
    std::vector<std::string> sources;
    for (const auto& s : o.sources) sources.push_back(s.seed);
    rows.push_back({o.slug, o.name, Join(porteurs), Labels(o.types, catalogue::OfferTypes()),
                    Labels(o.mobilization_steps, catalogue::MobilizationSteps()),
                    Labels(o.destinations, catalogue::Destinations()), Labels(o.audiences, catalogue::Audiences()),
                    Labels(o.themes, catalogue::Themes()), Join(o.programmes), o.perimeter, o.submission_deadline,
                    YesNo(o.is_call_for_projects), YesNo(o.is_charged), o.origin_url, o.published_at,
                    "/offres/" + o.slug, Join(sources)});
  }
  return rows;
}

std::vector<std::vector<std::string>> CaseSheetRows(const WebContext& context) {
  const auto index = CaseSheetsOf(context);
  search::CaseSheetQuery all;
  all.per_page = std::max<std::size_t>(1, index->size());
  std::vector<std::vector<std::string>> rows;
  for (const auto* sheet : index->Search(all).items) {
    const json r = CaseSheetResource(context, *sheet);
    std::vector<std::string> themes;
    for (const auto& t : r["themes"]) themes.push_back(t["label"]);
    std::vector<std::string> offers;
    for (const auto& o : r["offers"]) offers.push_back(o["slug"].get<std::string>() + " (" + o["status_label"].get<std::string>() + ")");
    rows.push_back({std::to_string(sheet->id), sheet->name, r["organisation"], sheet->territory, r["territory_name"],
                    Join(themes), std::string(catalogue::LabelOf(catalogue::MobilizationSteps(), sheet->stage)),
                    sheet->public_description, sheet->sheet.context, sheet->sheet.actions, sheet->sheet.results,
                    sheet->sheet.testimony, sheet->sheet.partners, Join(offers), sheet->published_at,
                    "/projetotheque/" + std::to_string(sheet->id)});
  }
  return rows;
}

}  // namespace

const std::vector<Dataset>& Datasets() {
  static const std::vector<Dataset> kDatasets = {
      {"offres",
       "Catalogue des offres",
       "Les offres publiées du catalogue (aides, ingénierie, programmes), chaque fait étant étayé par ses sources.",
       {{"slug", "Identifiant stable de l'offre, utilisé dans son adresse."},
        {"nom", "Nom de l'offre."},
        {"porteurs", "Organismes qui portent l'offre, séparés par « | »."},
        {"types", "Natures de l'offre (subvention, ingénierie technique…), séparées par « | »."},
        {"etapes", "Étapes du projet concernées (réflexion, mise en œuvre, usage), séparées par « | »."},
        {"depenses", "Types de dépenses couvertes (fonctionnement, investissement), séparés par « | »."},
        {"beneficiaires", "Bénéficiaires possibles (communes, intercommunalités…), séparés par « | »."},
        {"thematiques", "Thématiques de l'offre, séparées par « | »."},
        {"programmes", "Programmes dont relève l'offre, séparés par « | »."},
        {"perimetre", "Territoire couvert, en identifiant typé (departement:52) ; vide quand les sources ne le précisent pas."},
        {"date_limite", "Date limite de dépôt (AAAA-MM-JJ) ; vide sans date limite connue."},
        {"appel_a_projets", "« oui » pour un appel à projets ; vide quand les sources ne le disent pas."},
        {"payante", "« oui » quand l'offre est payante, « non » quand elle est gratuite ; vide quand on ne sait pas."},
        {"url_origine", "Page officielle de l'offre."},
        {"publiee_le", "Date et heure de publication dans Boussole (UTC, ISO 8601)."},
        {"url", "Adresse de la fiche de l'offre dans Boussole (chemin)."},
        {"sources", "Fichiers sources d'où viennent les informations, séparés par « | »."}},
       OfferRows},
      {"projetotheque",
       "Projetothèque",
       "Les fiches publiées des projets que les collectivités partagent.",
       {{"id", "Identifiant du projet."},
        {"nom", "Nom du projet."},
        {"organisation", "Collectivité qui porte le projet."},
        {"territoire", "Territoire du projet, en identifiant typé (commune:52250)."},
        {"territoire_nom", "Nom du territoire du projet."},
        {"thematiques", "Thématiques du projet, séparées par « | »."},
        {"etape", "Étape du projet (réflexion, mise en œuvre, usage)."},
        {"description", "Description publique du projet."},
        {"contexte", "Contexte, tel que la collectivité l'a écrit."},
        {"actions", "Actions menées."},
        {"resultats", "Résultats obtenus."},
        {"temoignage", "Témoignage."},
        {"partenaires", "Partenaires du projet."},
        {"offres", "Offres obtenues ou versées, par identifiant avec leur état, séparées par « | »."},
        {"publiee_le", "Date et heure de publication de la fiche (UTC, ISO 8601)."},
        {"url", "Adresse de la fiche dans Boussole (chemin)."}},
       CaseSheetRows},
  };
  return kDatasets;
}

const Dataset* FindDataset(std::string_view slug) {
  for (const auto& d : Datasets()) {
    if (d.slug == slug) return &d;
  }
  return nullptr;
}

Table DatasetTable(const WebContext& context, const Dataset& dataset) {
  Table table{dataset.title, {}, {}, dataset.rows(context)};
  for (const auto& c : dataset.columns) table.headers.push_back(c.name);
  return table;
}

json DatasetJson(const WebContext& context, const Dataset& dataset, std::string_view generated_at) {
  json columns = json::array();
  for (const auto& c : dataset.columns) columns.push_back({{"name", c.name}, {"description", c.description}});
  json items = json::array();
  for (const auto& row : dataset.rows(context)) {
    json item = json::object();
    for (std::size_t i = 0; i < dataset.columns.size() && i < row.size(); ++i) item[dataset.columns[i].name] = row[i];
    items.push_back(std::move(item));
  }
  return {{"dataset", dataset.slug},
          {"title", dataset.title},
          {"generated_at", generated_at},
          {"columns", columns},
          {"items", items}};
}

std::string OpenDataReadme() {
  std::string md =
      "# Données ouvertes de Boussole\n\n"
      "Chaque jeu de données est publié en CSV (séparateur « ; », encodage UTF-8 avec BOM), en XLSX et en JSON,"
      " recalculé à chaque téléchargement à partir des données de Boussole. Le fichier"
      " `boussole-complet.json` rassemble tous les jeux ; il est reconstruit une fois par semaine (semaine ISO),"
      " pour qui veut tout récupérer d'un coup plutôt que page par page par l'API.\n\n"
      "Les valeurs multiples sont séparées par « | ». Une valeur vide signifie que les sources ne la donnent pas.\n";
  for (const auto& d : Datasets()) {
    md += "\n## " + d.title + "\n\n" + d.description + "\n\nFichiers : `" + d.slug + ".csv`, `" + d.slug + ".xlsx`, `" +
          d.slug + ".json`.\n\n| Colonne | Description |\n| --- | --- |\n";
    for (const auto& c : d.columns) md += "| `" + c.name + "` | " + c.description + " |\n";
  }
  return md;
}

}  // namespace boussole::web
