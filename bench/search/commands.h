#pragma once
// The bench commands (main.cpp dispatches): each prints "result" and "metric" lines.
#include "world.h"

namespace boussole::bench {

//! Builds the index in this process and queries it.
int RunInProcess(const Options& options);
//! Writes the corpus into a store (Store::ImportOffers): the HTTP bench's server reads it.
int RunLoadStore(const Options& options);
//! Sends the queries to a running `boussole serve` (options.url: http://127.0.0.1:PORT).
int RunHttp(const Options& options);
//! The PostgreSQL full-text baseline (options.url: an empty database).
int RunPostgres(const Options& options);
//! SQLite FTS5 over Boussole's stems, in a file under options.dir.
int RunFts5(const Options& options);
//! Xapian over Boussole's stems, in a database under options.dir.
int RunXapian(const Options& options);
//! Prints the corpus as JSON lines (to look at it).
int RunSample(const Options& options);

}  // namespace boussole::bench
