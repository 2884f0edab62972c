#pragma once
// Rendering of a whole page: the page template inside the DSFR layout.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "web/context.h"
#include "web/http/request.h"
#include "web/http/response.h"

namespace boussole::web {

struct Crumb {
  std::string label;
  std::string url;  //!< "" for the current page
};

struct PageMeta {
  std::string title;          //!< the <title> and the breadcrumb's last item
  std::vector<Crumb> crumbs;  //!< between "Accueil" and the current page
  std::string nav;            //!< active entry of the main navigation: "territoires", "offres"
};

Response RenderPage(const WebContext& context, int status, std::string_view template_name,
                    nlohmann::json view, const PageMeta& meta);

//! The error page or problem details for `status`: JSON under /api/, HTML elsewhere.
Response RenderError(const WebContext& context, const Request& request, int status,
                     std::string_view detail);

}  // namespace boussole::web
