// `boussole dump --to FILE` and `boussole load --from FILE`: the whole instance to one
// backend-neutral file and back (format: README.md, "Dump format").
#include <iostream>

#include "app/commands.h"
#include "storage/dump/dump.h"

namespace boussole::app {
namespace {

void PrintDumpCounts(const storage::dump::DumpSummary& summary) {
  for (const auto& table : summary.tables) std::cout << "  " << table.table << " : " << table.rows << " ligne(s)\n";
}

}  // namespace

int RunDump(const Config& config, const std::filesystem::path& to) {
  auto summary = storage::dump::WriteDump(config.DatabaseUrl(), to);
  if (!summary) {
    std::cerr << "Erreur : " << summary.error().message << "\nAucune copie n'a été écrite.\n";
    return 1;
  }
  std::cout << "Copie écrite dans « " << to.string() << " » (base " << summary.value().backend << ", schéma "
            << summary.value().schema_version << ") :\n";
  PrintDumpCounts(summary.value());
  return 0;
}

int RunLoad(const Config& config, const std::filesystem::path& from) {
  auto summary = storage::dump::LoadDump(config.DatabaseUrl(), from);
  if (!summary) {
    std::cerr << "Erreur : " << summary.error().message << "\nAucune donnée n'a été modifiée.\n";
    return 1;
  }
  std::cout << "Copie « " << from.string() << " » chargée (base " << summary.value().backend << ", schéma "
            << summary.value().schema_version << ") :\n";
  PrintDumpCounts(summary.value());
  return 0;
}

}  // namespace boussole::app
