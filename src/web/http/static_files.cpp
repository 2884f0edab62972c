#include "web/http/static_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace boussole::web {
namespace {

constexpr std::string_view kCacheControl = "public, max-age=3600";

Response RenderError(const ErrorRenderer& render, const Request& request, int status) {
  if (render) return render(request, status, {});
  return Response::Text(status, std::string(StatusTitle(status)));
}

//! True when `relative` ("icons/system/x.svg") is a plain path below the mount: no
//! traversal, no hidden or empty segment, no backslash or NUL.
bool IsSafeRelativePath(std::string_view relative) {
  if (relative.empty()) return false;
  if (relative.find('\\') != std::string_view::npos) return false;
  if (relative.find('\0') != std::string_view::npos) return false;
  while (true) {
    const std::size_t slash = relative.find('/');
    const std::string_view segment = relative.substr(0, slash);
    if (segment.empty() || segment.front() == '.') return false;  // "", ".", "..", ".git"
    if (slash == std::string_view::npos) return true;
    relative.remove_prefix(slash + 1);
  }
}

bool IsAllowed(const std::vector<std::string>& allowed, std::string_view relative) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& entry) {
    if (entry.empty()) return true;
    if (entry.back() == '/') return relative.starts_with(entry);
    return relative == entry;
  });
}

//! Weak comparison (RFC 9110 §13.1.2): "W/" prefixes are ignored; "*" matches anything.
bool IfNoneMatchMatches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view candidate = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!candidate.empty() && (candidate.front() == ' ' || candidate.front() == '\t')) {
      candidate.remove_prefix(1);
    }
    while (!candidate.empty() && (candidate.back() == ' ' || candidate.back() == '\t')) {
      candidate.remove_suffix(1);
    }
    if (candidate == "*") return true;
    if (candidate.starts_with("W/")) candidate.remove_prefix(2);
    if (candidate == etag) return true;
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(ErrorRenderer render_error) : render_error_(std::move(render_error)) {}

void StaticFiles::Mount(std::string url_prefix, std::filesystem::path directory,
                        std::vector<std::string> allowed) {
  if (url_prefix.empty() || url_prefix.front() != '/' || url_prefix.back() != '/') {
    throw std::invalid_argument("static mount prefix must start and end with '/': " +
                                url_prefix);
  }
  mounts_.push_back(MountPoint{std::move(url_prefix), std::move(directory), std::move(allowed)});
  std::stable_sort(mounts_.begin(), mounts_.end(), [](const auto& a, const auto& b) {
    return a.url_prefix.size() > b.url_prefix.size();
  });
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  return ServeWith(request, render_error_);
}

std::optional<Response> StaticFiles::ServeWith(const Request& request,
                                               const ErrorRenderer& render) const {
  const auto mount = std::find_if(mounts_.begin(), mounts_.end(), [&](const MountPoint& m) {
    return request.path.starts_with(m.url_prefix);
  });
  if (mount == mounts_.end()) return std::nullopt;

  if (request.method != "GET" && request.method != "HEAD") {
    Response response = RenderError(render, request, 405);
    response.SetHeader("Allow", "GET, HEAD");
    return response;
  }
  const std::string_view relative =
      std::string_view(request.path).substr(mount->url_prefix.size());
  if (!IsSafeRelativePath(relative) || !IsAllowed(mount->allowed, relative)) {
    return RenderError(render, request, 404);
  }

  const std::filesystem::path file = mount->directory / std::filesystem::path(relative);
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return RenderError(render, request, 404);
  const auto size = std::filesystem::file_size(file, error);
  if (error) return RenderError(render, request, 404);
  const auto modified = std::filesystem::last_write_time(file, error);
  if (error) return RenderError(render, request, 404);

  const std::string etag = fmt::format(
      "\"{:x}-{:x}\"", size, static_cast<unsigned long long>(modified.time_since_epoch().count()));
  Response response;
  response.SetHeader("ETag", etag);
  response.SetHeader("Cache-Control", std::string(kCacheControl));
  if (IfNoneMatchMatches(request.Header("if-none-match"), etag)) {
    response.status = 304;
    return response;
  }

  std::ifstream in(file, std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return RenderError(render, request, 404);
  response.status = 200;
  response.SetHeader("Content-Type", ContentTypeFor(file));
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.body = std::move(body);
  return response;
}

void StaticFiles::AddRoutes(Router& router, const std::string& name) const {
  // The caller keeps `this` alive as long as the router: an aliasing pointer that owns nothing.
  AddRoutes(std::shared_ptr<const StaticFiles>(std::shared_ptr<const StaticFiles>(), this), router, name);
}

void StaticFiles::AddRoutes(std::shared_ptr<const StaticFiles> files, Router& router, const std::string& name) {
  for (const MountPoint& mount : files->mounts_) {
    router.Add("GET", mount.url_prefix + "{path...}", name, [files, &router](const Request& r) {
      const ErrorRenderer& render = files->render_error_ ? files->render_error_ : router.render_error();
      std::optional<Response> response = files->ServeWith(r, render);
      return response ? std::move(*response) : RenderError(render, r, 404);
    });
  }
}

std::string StaticFiles::ContentTypeFor(const std::filesystem::path& file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff") return "font/woff";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".json") return "application/json";
  if (extension == ".webmanifest") return "application/manifest+json";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  if (extension == ".html") return "text/html; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace boussole::web
