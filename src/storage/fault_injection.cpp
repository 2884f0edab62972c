#include "storage/fault_injection.h"

#include <chrono>
#include <cstdlib>
#include <thread>

namespace boussole::storage {

void InjectedImportDelay() {
  static const int delay_ms = [] {
    const char* value = std::getenv("BOUSSOLE_FAULT_IMPORT_DELAY_MS");
    return value ? std::atoi(value) : 0;
  }();
  if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
}

}  // namespace boussole::storage
