#pragma once
// Resident memory of this process, from /proc/self/status (Linux).
#include <cstddef>

namespace boussole::bench {

//! VmRSS in MiB (0 when unreadable).
double ResidentMib();
//! VmHWM, the peak resident set, in MiB.
double PeakResidentMib();
//! Hands freed heap pages back to the kernel, then restarts VmHWM from the current
//! resident set (clear_refs "5"), so that a later peak measures what follows only.
void ResetPeak();

}  // namespace boussole::bench
