// boussole: the command line. Subcommands: serve, migrate, import territories|offers|programmes, dump, load, backup, restore.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/commands.h"

namespace {

void AddServerOptions(CLI::App& app, boussole::app::Config& config) {
  app.add_option("--address", config.address, "Adresse d'écoute (BOUSSOLE_ADDRESS)");
  app.add_option("--port", config.port, "Port d'écoute (BOUSSOLE_PORT)");
  app.add_option("--data-dir", config.data_dir, "Dossier des données locales (BOUSSOLE_DATA_DIR)");
  app.add_option("--database", config.database,
                 "Base de données : sqlite://CHEMIN ou postgresql://… (BOUSSOLE_DATABASE)");
  app.add_option("--files-dir", config.files_dir,
                 "Dossier des fichiers déposés, partagé par tous les serveurs (BOUSSOLE_FILES_DIR)");
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("boussole"));
  boussole::app::Config config;
  try {
    config = boussole::app::ConfigFromEnvironment();
  } catch (const std::invalid_argument& e) {
    std::cerr << "Erreur de configuration : " << e.what() << "\n";
    return 2;
  }

  CLI::App app{"Boussole : l'offre d'ingénierie territoriale, pour les collectivités"};
  app.require_subcommand(1);
  app.fallthrough();
  AddServerOptions(app, config);

  auto* serve = app.add_subcommand("serve", "Lance le serveur web");
  auto* migrate = app.add_subcommand("migrate", "Applique les migrations du schéma");
  auto* import = app.add_subcommand("import", "Importe des données de référence");
  import->require_subcommand(1);
  std::filesystem::path from;
  bool force = false;
  auto* territories = import->add_subcommand("territories", "Communes, EPCI, départements, régions");
  territories->add_option("--from", from, "Dossier des fichiers JSON (par défaut : le paquet npm)");
  territories->add_flag("--force", force, "Importer même si les données n'ont pas changé");
  auto* offers = import->add_subcommand("offers", "Le catalogue des offres (data/offers)");
  offers->add_option("--from", from, "Dossier des fichiers d'offres");
  std::string list_slug, list_name, list_source;
  auto* membership = import->add_subcommand("membership", "Une liste d'appartenance à un programme (fichier CSV)");
  membership->add_option("--from", from, "Fichier CSV (colonne « code »)")->required();
  membership->add_option("--list", list_slug, "Identifiant de la liste (petites-villes-de-demain)")->required();
  membership->add_option("--name", list_name, "Nom de la liste (Petites villes de demain)")->required();
  membership->add_option("--source", list_source, "D'où vient le fichier (texte libre)");
  auto* programmes = import->add_subcommand("programmes", "L'historique des programmes collectifs (data/programmes)");
  programmes->add_option("--from", from, "Fichier de l'historique (par défaut data/programmes/fabriques.json)");
  std::filesystem::path dump_to, load_from;
  auto* dump = app.add_subcommand("dump", "Copie toute la base dans un fichier (SQLite ou PostgreSQL)");
  dump->add_option("--to", dump_to, "Fichier de copie à écrire")->required();
  auto* load = app.add_subcommand("load", "Charge une copie dans une base vide");
  load->add_option("--from", load_from, "Fichier de copie à lire")->required();
  std::filesystem::path backup_to, restore_from;
  auto* backup = app.add_subcommand("backup", "Sauvegarde la base et les fichiers joints dans un nouveau dossier");
  backup->add_option("--to", backup_to, "Dossier de sauvegarde à créer")->required();
  auto* restore = app.add_subcommand("restore", "Restaure une sauvegarde dans une instance vide");
  restore->add_option("--from", restore_from, "Dossier de sauvegarde à lire")->required();
  std::string admin_email;
  auto* admin = app.add_subcommand("admin", "Les administrateurs de la plateforme");
  admin->require_subcommand(1);
  auto* grant = admin->add_subcommand("grant", "Rend un compte administrateur de la plateforme (et confirme son adresse)");
  grant->add_option("--email", admin_email, "Adresse du compte, créé sur le site")->required();
  auto* revoke = admin->add_subcommand("revoke", "Retire à un compte les droits d'administration de la plateforme");
  revoke->add_option("--email", admin_email, "Adresse du compte")->required();

  CLI11_PARSE(app, argc, argv);
  try {
    if (*serve) return boussole::app::RunServe(config);
    if (*migrate) return boussole::app::RunMigrate(config);
    if (*territories) return boussole::app::RunImportTerritories(config, from, force);
    if (*offers) return boussole::app::RunImportOffers(config, from);
    if (*membership) return boussole::app::RunImportMembership(config, from, {list_slug, list_name, list_source, "", 0});
    if (*programmes) return boussole::app::RunImportProgrammes(config, from);
    if (*dump) return boussole::app::RunDump(config, dump_to);
    if (*load) return boussole::app::RunLoad(config, load_from);
    if (*backup) return boussole::app::RunBackup(config, backup_to);
    if (*restore) return boussole::app::RunRestore(config, restore_from);
    if (*grant) return boussole::app::RunAdmin(config, admin_email, true);
    if (*revoke) return boussole::app::RunAdmin(config, admin_email, false);
  } catch (const std::exception& e) {
    std::cerr << "Erreur : " << e.what() << "\n";
    return 1;
  }
  return 2;
}
