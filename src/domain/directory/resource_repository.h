#pragma once
// The structures préfectures and the ANCT add to the directory. Implemented by every Store
// backend.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"

#include "domain/directory/resource.h"

namespace boussole::directory {

class ResourceRepository {
 public:
  virtual ~ResourceRepository() = default;

  //! Stores a structure (id and created_at set).
  virtual Resource AddResource(const Resource& resource, std::string_view now) = 0;
  //! Every stored structure still listed (not withdrawn), by name.
  virtual std::vector<Resource> ListResources() = 0;
  //! One stored structure, withdrawn or not.
  virtual std::optional<Resource> FindResource(std::int64_t id) = 0;
  //! Replaces what a listed structure says (name, kind, themes, engineering, territories,
  //! national, contact, scope), updated_at = now. "not_found" when there is no listed one.
  virtual Status UpdateResource(const Resource& resource, std::string_view now) = 0;
  //! Withdraws a listed structure (withdrawn_at = now); the row stays. "not_found" when
  //! there is no listed one.
  virtual Status WithdrawResource(std::int64_t id, std::string_view now) = 0;
};

}  // namespace boussole::directory
