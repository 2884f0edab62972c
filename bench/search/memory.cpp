#include "memory.h"

#include <malloc.h>

#include <fstream>
#include <string>

namespace boussole::bench {
namespace {

double StatusMib(const std::string& key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;  // kB
  }
  return 0;
}

}  // namespace

double ResidentMib() { return StatusMib("VmRSS"); }
double PeakResidentMib() { return StatusMib("VmHWM"); }

void ResetPeak() {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
}

}  // namespace boussole::bench
