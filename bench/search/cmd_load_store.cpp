// Puts the synthetic corpus into a Boussole store, the way the importer would, minus the
// folder: `boussole import offers` reads files, and 100 000 files would measure the disk.
#include <chrono>
#include <iostream>

#include "commands.h"
#include "latency.h"
#include "storage/store.h"

namespace boussole::bench {

int RunLoadStore(const Options& options) {
  World world = MakeWorld(options);
  auto store = storage::OpenStore(options.url);
  if (!store) {
    std::cerr << "error: " << store.error().message << "\n";
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  auto report = store.value()->ImportOffers(world.corpus);
  if (!report) {
    std::cerr << "error: " << report.error().message << "\n";
    return 1;
  }
  PrintMetric(std::string(store.value()->Backend()), options.size, "import_s",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}

}  // namespace boussole::bench
