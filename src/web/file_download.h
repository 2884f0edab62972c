#pragma once
// Serving a stored file (issue 6, item 5). The route that calls this has already decided
// that the viewer may have it: its policy row let the viewer in, and its handler checked
// that the file belongs to the record the path names (a request's trail, a deliverable).
#include "domain/files/file_repository.h"
#include "web/context.h"
#include "web/http/request.h"
#include "web/http/response.h"

namespace boussole::web {

//! 200 with the bytes, the stored (detected) Content-Type, Content-Disposition attachment
//! with the original name, X-Content-Type-Options nosniff and a private cache; 404 when
//! the bytes are missing from the file store (or there is no file store).
Response FileDownload(const WebContext& context, const Request& request, const files::FileRecord& file);

}  // namespace boussole::web
