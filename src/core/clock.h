#pragma once
#include <string>

namespace boussole {

//! Current UTC time as ISO 8601 with seconds ("2026-11-25T12:00:00Z"): the one format of
//! timestamps in every store, so that dumps compare equal across backends.
std::string NowUtc();

}  // namespace boussole
