#pragma once
// The structures préfectures and the ANCT add to the directory. Implemented by every Store
// backend.
#include <vector>

#include "domain/directory/resource.h"

namespace boussole::directory {

class ResourceRepository {
 public:
  virtual ~ResourceRepository() = default;

  //! Stores a structure (id and created_at set).
  virtual Resource AddResource(const Resource& resource, std::string_view now) = 0;
  //! Every stored structure, by name.
  virtual std::vector<Resource> ListResources() = 0;
};

}  // namespace boussole::directory
