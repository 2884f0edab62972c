#include "web/file_download.h"

#include "files/file_store.h"
#include "web/http/url.h"
#include "web/pages/page.h"

namespace boussole::web {
namespace {

// RFC 6266: an ASCII fallback, and the real name in filename* (UTF-8, percent-encoded).
std::string ContentDisposition(const std::string& name) {
  std::string ascii;
  for (char c : name) ascii += (static_cast<unsigned char>(c) < 0x80 && c != '"' && c != '\\') ? c : '_';
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + PercentEncode(name);
}

}  // namespace

Response FileDownload(const WebContext& context, const Request& request, const files::FileRecord& file) {
  if (context.files == nullptr) return RenderError(context, request, 404, "Ce fichier est introuvable.");
  auto bytes = context.files->Read(file.sha256);
  if (!bytes) return RenderError(context, request, 404, bytes.error().message);
  Response response;
  response.status = 200;
  response.body = std::move(bytes).value();
  response.SetHeader("Content-Type", file.content_type);
  response.SetHeader("Content-Disposition", ContentDisposition(file.original_name));
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

}  // namespace boussole::web
