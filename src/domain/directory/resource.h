#pragma once
// The directory of engineering resources (issue 6, item 2; seed 003, "absorbeur de
// complexité"): the structures that can answer a collectivité's request, with their skills,
// the territories they cover and a contact. The structures the seeds name ship with the
// code (SeededResources, each with its quote); préfectures add those of their département and
// the ANCT national ones in the application (stored, ResourceRepository).
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalogue/vocabulary.h"

namespace boussole::directory {

//! Kinds of structure: agence technique départementale, CAUE, agence d'urbanisme, EPF,
//! DDT(M), partner operator, pôle of the ANCT, ANCT engineering contract, other.
const catalogue::Vocabulary& ResourceKinds();

struct Resource {
  std::int64_t id = 0;  //!< 0 for a seeded structure
  std::string name;
  std::string kind;                      //!< ResourceKinds() key
  std::vector<std::string> themes;       //!< catalogue::Themes() keys
  std::string engineering;               //!< kinds of engineering, free text ("" when unknown)
  std::vector<std::string> territories;  //!< typed territory ids covered; empty with `national`
  bool national = false;                 //!< covers every territory
  std::string contact;                   //!< "" when unknown
  std::string source;                    //!< for a seeded structure: the seed and its quote
  std::string scope;                     //!< who keeps it: "departement:52", or "" (the ANCT, nationally)
  std::int64_t created_by = 0;
  std::string created_at;
  std::string updated_at;    //!< "" until edited
  //! When it was withdrawn from the directory ("" while listed): a withdrawn structure is
  //! kept (requests oriented to it still name it) but no longer searched nor suggested.
  std::string withdrawn_at;
};

//! The national structures the seeds name (002, 003), with only what the seeds say.
const std::vector<Resource>& SeededResources();

//! Whether `resource` covers a territory whose id and ancestors' ids (typed) are `place`.
bool Covers(const Resource& resource, const std::set<std::string>& place);

//! The structures of `all` that cover `place`, best first: those with the request's theme,
//! then the local ones (not national), then by name. Never one that does not cover `place`.
std::vector<Resource> Suggestions(const std::vector<Resource>& all, const std::set<std::string>& place,
                                  std::string_view theme);

}  // namespace boussole::directory
