#pragma once
// What the server does around a handler call, without any I/O (and without Beast, so that
// it compiles fast and is tested on its own): request ids, the exception boundary, and the
// last touches that make a handler's Response valid on the wire.
#include <string>
#include <string_view>

#include "web/http/access_log.h"
#include "web/http/request.h"
#include "web/http/response.h"
#include "web/http/router.h"

namespace boussole::web {

//! 16 random lower-case hexadecimal characters. Thread-safe.
std::string NewRequestId();

//! router.render_error() for `status`; a plain-text page with StatusTitle(status) when the
//! router has no renderer or when it throws (logged). Never throws.
Response RenderErrorSafely(const Router& router, const Request& request, int status,
                           std::string_view detail);

//! router.Dispatch(request), with any exception logged with the request id and turned
//! into a 500 through RenderErrorSafely. The exception's text never reaches the client.
Response DispatchSafely(const Router& router, Request& request);

//! router.RouteName(request), "" if it throws.
std::string RouteNameSafely(const Router& router, const Request& request);

//! The access-log entry for a request (status, bytes and duration left to fill).
AccessEntry MakeAccessEntry(const Request& request, std::string route);

//! Makes `response` ready to send for a request of `method`: a status outside 100–599
//! becomes a 500; Content-Length, Connection, Transfer-Encoding, Keep-Alive and
//! X-Request-Id set by the handler are dropped, as are headers whose name or value holds
//! a line break (logged); then X-Request-Id is set and Content-Length is set to the body
//! size — or, for HEAD with an empty body, to the length the router declared — except for
//! 1xx, 204 and 304, which get neither Content-Length nor body. HEAD responses lose their
//! body. The caller adds Connection.
Response FinalizeResponse(Response response, std::string_view method,
                          const std::string& request_id);

}  // namespace boussole::web
