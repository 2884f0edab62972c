#pragma once
// Runs an external tool (pg_dump, pg_restore) and collects what it said on stderr.
#include <string>
#include <vector>

namespace boussole::backup {

struct ToolResult {
  int exit_code = -1;  //!< -1: could not start, or killed by a signal
  std::string output;  //!< stdout and stderr, interleaved, at most 64 kB kept
};

//! Runs `args[0]` (looked up in PATH) with `args`, stdin from /dev/null, and waits for it.
ToolResult RunTool(const std::vector<std::string>& args);

}  // namespace boussole::backup
