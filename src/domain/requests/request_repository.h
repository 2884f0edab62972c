#pragma once
// What requests need from storage. Implemented by every Store backend; each write is one
// transaction. The trail (request_events) is append-only: no method rewrites it.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/requests/request.h"

namespace boussole::requests {

class RequestRepository {
 public:
  virtual ~RequestRepository() = default;

  //! Stores a new request (id, version 1, created_at = updated_at = state_since = now) with
  //! its "created" event by `request.created_by`.
  virtual Request CreateRequest(const Request& request, std::string_view now) = 0;
  virtual std::optional<Request> FindRequest(std::int64_t id) = 0;
  //! Every request, newest first.
  virtual std::vector<Request> ListRequests() = 0;

  //! Moves the request to `event.to_state` when its version is still `expected_version`, in
  //! one transaction: version + 1, the event's values merged into its fields, `assignee`
  //! when given, state_since = updated_at = now, and `event` appended to the trail. Two
  //! callers holding the same version: one succeeds, the other gets "conflict" (nothing
  //! written). "not_found" when there is no such request.
  virtual Status ApplyTransition(std::int64_t expected_version, const RequestEvent& event,
                                 std::optional<std::int64_t> assignee, std::string_view now) = 0;
  //! Rewrites a draft with `draft`'s workflow, title, theme, project and fields when its
  //! version is still `expected_version` and its state still `event.from_state` (the
  //! initial state), in one transaction: version + 1, updated_at = now, and `event` (kind
  //! "edited", the new values) appended to the trail; the state does not change. "conflict"
  //! otherwise (nothing written), "not_found" when there is no such request.
  virtual Status UpdateDraft(std::int64_t expected_version, const Request& draft, const RequestEvent& event,
                             std::string_view now) = 0;
  //! Appends a comment or a file to the trail (the version does not change), in one
  //! transaction. Both methods record `event.new_file` first, in the same transaction.
  //! Returns the id of the file the event names (the new one's once recorded), if any.
  virtual std::optional<std::int64_t> AppendRequestEvent(const RequestEvent& event, std::string_view now) = 0;
  //! Oldest first, with the actors' names.
  virtual std::vector<RequestEvent> TrailOf(std::int64_t request_id) = 0;
};

}  // namespace boussole::requests
