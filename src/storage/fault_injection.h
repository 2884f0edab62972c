#pragma once
// Fault injection for tests that kill a process midway (in the spirit of LevelDB's Env):
// inert unless its environment variable is set.

namespace boussole::storage {

//! Sleeps BOUSSOLE_FAULT_IMPORT_DELAY_MS milliseconds (0 when unset) between import steps.
void InjectedImportDelay();

}  // namespace boussole::storage
