#pragma once
// The HTTP request as handlers see it: already parsed, decoded and bounded. No Beast here,
// so that handlers and tests compile without the heavy network headers.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boussole::web {

struct Request {
  std::string method;  //!< "GET", "POST"…
  std::string target;  //!< raw request target, e.g. "/offres?page=2"
  std::string path;    //!< percent-decoded path, without the query
  //! Decoded query parameters in their order of appearance ('+' is a space).
  std::vector<std::pair<std::string, std::string>> query;
  std::map<std::string, std::string> headers;  //!< names lower-cased
  std::string body;
  std::string remote_address;
  std::string request_id;
  //! Values of the `{name}` segments of the matched route, set by the router.
  std::map<std::string, std::string> path_params;

  //! First value of a query parameter, or nullopt.
  std::optional<std::string> Query(std::string_view name) const;
  //! Every value of a repeated query parameter.
  std::vector<std::string> QueryAll(std::string_view name) const;
  //! Header value ("" when absent); `name` lower-case.
  std::string Header(std::string_view name) const;
  //! Path parameter ("" when absent).
  std::string Param(std::string_view name) const;
};

}  // namespace boussole::web
