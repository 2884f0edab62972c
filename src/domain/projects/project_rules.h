#pragma once
// The vocabularies and input rules of projects, with French labels and messages.
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/catalogue/vocabulary.h"
#include "domain/projects/project.h"

namespace boussole::projects {

//! The contracts a project may belong to: ACV, PVD, CRTE, PCAET, AMI.
const catalogue::Vocabulary& ProjectContracts();
//! à étudier, demandée, obtenue, refusée, versée.
const catalogue::Vocabulary& OfferApplicationStatuses();

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxDescriptionLength = 20000;

//! Every problem of a project's fields (not its territory's existence: the caller checks it
//! against the store), each naming its field.
std::vector<Error> ValidateProject(const Project& project);

//! Every problem of a case sheet's texts (their length), each naming its field.
std::vector<Error> ValidateCaseSheet(const CaseSheet& sheet);

//! Why the project's case sheet may not be published yet, or ok: the project must be
//! public and its sheet must tell the context.
Status CheckPublishable(const Project& project);

}  // namespace boussole::projects
