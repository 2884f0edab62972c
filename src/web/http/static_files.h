#pragma once
// Static files (DSFR assets, the application's own CSS/JS) served from directories on disk
// under URL prefixes, restricted to an allow-list so that a mount never exposes more of a
// directory than intended (the DSFR `dist/` holds 88 MB, only a few files are needed).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "web/http/request.h"
#include "web/http/response.h"
#include "web/http/router.h"

namespace boussole::web {

class StaticFiles {
 public:
  //! `render_error` builds 404/405 responses; without one they are plain text.
  explicit StaticFiles(ErrorRenderer render_error = {});

  //! Serves the files of `directory` under `url_prefix`, which must start and end with
  //! '/' (std::invalid_argument otherwise). `allowed` holds paths relative to `directory`:
  //! "name.css" allows that file, "icons/" everything below icons/, "" everything.
  //! Mounts are not thread-safe: set them up before serving.
  void Mount(std::string url_prefix, std::filesystem::path directory,
             std::vector<std::string> allowed);

  //! nullopt when `request.path` is under no mount prefix. Otherwise: 405 for methods
  //! other than GET and HEAD; 404 for paths with "..", ".", hidden or empty segments,
  //! backslashes or NUL, for files outside the allow-list or missing; 304 when
  //! If-None-Match names the current ETag; else 200 with the file, its Content-Type, an
  //! ETag (size and modification time) and "Cache-Control: public, max-age=3600".
  //! Reads the file on each call (the OS page cache keeps it warm). Thread-safe.
  std::optional<Response> Serve(const Request& request) const;

  //! Registers "GET <prefix>{path...}" on `router` for every mount made so far (HEAD
  //! follows GET; other methods get the router's 405); 404s use the router's error renderer
  //! when this object has none. `*this` must outlive the router.
  void AddRoutes(Router& router, const std::string& name = "static") const;
  //! The same, for mounts the routes keep alive themselves (no owner outlives the router).
  static void AddRoutes(std::shared_ptr<const StaticFiles> files, Router& router, const std::string& name = "static");

  //! The Content-Type for a file name, by extension; "application/octet-stream" if unknown.
  static std::string ContentTypeFor(const std::filesystem::path& file);

 private:
  struct MountPoint {
    std::string url_prefix;
    std::filesystem::path directory;
    std::vector<std::string> allowed;
  };

  std::optional<Response> ServeWith(const Request& request, const ErrorRenderer& render) const;

  ErrorRenderer render_error_;
  std::vector<MountPoint> mounts_;  //!< longest prefix first
};

}  // namespace boussole::web
