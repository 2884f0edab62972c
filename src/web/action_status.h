#pragma once
// The HTTP status of a refused action (pages and API alike), from its error code.
#include "core/result.h"

namespace boussole::web {

//! 400 invalid_input (and anything else), 403 forbidden, 404 not_found, 409 conflict, full
//! or phase, 413 too_large, 503 unavailable.
inline int ActionStatusOf(const Error& e) {
  if (e.code == "not_found") return 404;
  if (e.code == "forbidden") return 403;
  if (e.code == "conflict" || e.code == "full" || e.code == "phase") return 409;
  if (e.code == "too_large") return 413;
  if (e.code == "unavailable") return 503;
  return 400;
}

}  // namespace boussole::web
