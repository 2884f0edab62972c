#include "web/pages/page.h"

#include "web/viewer.h"

namespace boussole::web {

Response RenderPage(const WebContext& context, int status, std::string_view template_name,
                    nlohmann::json view, const PageMeta& meta) {
  nlohmann::json layout;
  layout["title"] = meta.title;
  layout["content"] = context.templates.Render(template_name, view);
  nlohmann::json crumbs = nlohmann::json::array();
  for (const Crumb& crumb : meta.crumbs) crumbs.push_back({{"label", crumb.label}, {"url", crumb.url}});
  layout["crumbs"] = crumbs;
  layout["show_breadcrumb"] = !meta.crumbs.empty() || meta.title != "Accueil";
  layout["nav_" + (meta.nav.empty() ? std::string("none") : meta.nav)] = true;
  const Viewer& viewer = CurrentViewer();
  if (viewer.signed_in()) {
    layout["viewer"] = {{"name", viewer.account->user.display_name}, {"csrf", viewer.account->session.csrf_token}};
  }
  layout["accounts"] = context.accounts != nullptr;
  // The DSFR chart components are loaded only where a page draws charts (their tables
  // carry the same figures without JavaScript).
  layout["charts"] = view.is_object() && view.value("charts", false);
  Response response = Response::Html(status, context.templates.Render("layout", layout));
  // Pages for one person (signed in, or carrying a visitor's form token) are theirs alone.
  if (viewer.signed_in() || VisitorCsrfUsed()) response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

Response RenderError(const WebContext& context, const Request& request, int status,
                     std::string_view detail) {
  const std::string_view title = StatusTitle(status);
  if (request.path.rfind("/api/", 0) == 0) {
    return Response::Problem(status, title, detail, request.path);
  }
  nlohmann::json view{{"status", status}, {"title", title}, {"detail", detail}};
  view["is_404"] = status == 404;
  return RenderPage(context, status, "error", view, {std::string(title), {}, ""});
}

}  // namespace boussole::web
