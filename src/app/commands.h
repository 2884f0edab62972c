#pragma once
// The subcommands of `boussole`. Each returns the process exit code and prints what it did
// in French (people run them).
#include "app/config.h"
#include "domain/memberships/membership.h"

namespace boussole::app {

int RunServe(const Config& config);
int RunMigrate(const Config& config);
//! `from` empty: the npm package's data. `force`: import even when the data did not change.
int RunImportTerritories(const Config& config, const std::filesystem::path& from, bool force);
int RunImportOffers(const Config& config, const std::filesystem::path& from);
//! Replaces the membership list `list` (slug, name, source) with the territories of the CSV
//! file `from`; one bad line refuses the file, every bad line is reported, nothing changes.
int RunImportMembership(const Config& config, const std::filesystem::path& from,
                        const memberships::MembershipList& list);
//! The history of collective programmes (data/programmes/fabriques.json; `from` replaces
//! it): upserted by slug, so that running it again changes nothing.
int RunImportProgrammes(const Config& config, const std::filesystem::path& from);
//! The whole database to `to` (written as `to.tmp`, renamed when complete).
int RunDump(const Config& config, const std::filesystem::path& to);
//! A dump into an empty database, in one transaction.
int RunLoad(const Config& config, const std::filesystem::path& from);
//! The database and the attachment store to the new folder `to`, with checksums.
int RunBackup(const Config& config, const std::filesystem::path& to);
//! A backup into an empty instance; refuses, changing nothing, a damaged backup or a
//! non-empty target.
int RunRestore(const Config& config, const std::filesystem::path& from);
//! Makes the account of `email` a platform admin (`grant`) or takes the right back.
int RunAdmin(const Config& config, const std::string& email, bool grant);

}  // namespace boussole::app
