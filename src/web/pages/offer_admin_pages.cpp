// The offer publication workflow for platform admins (issue 5, item 2): every offer with its
// status, moves along brouillon → en revue → publiée, and the correction of a draft as its
// document (the file format of data/offers, validated field by field as the importer does).
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "domain/catalogue/offer_json.h"
#include "domain/catalogue/publication.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxDocumentBytes = 200000;

std::string StatusLabel(const std::string& status) {
  return std::string(catalogue::LabelOf(catalogue::PublicationStatuses(), status));
}

json Moves(const catalogue::OfferInWorkflow& row) {
  json moves = json::array();
  for (const std::string& to : catalogue::NextStatuses(row.status)) {
    moves.push_back({{"to", to}, {"label", std::string(catalogue::MoveLabel(row.status, to))}});
  }
  return moves;
}

Response AdminListPage(const WebContext& context, const Request&) {
  json rows = json::array();
  for (const auto& row : context.store.ListOffersInWorkflow()) {
    rows.push_back({{"slug", row.offer.slug},
                    {"name", row.offer.name},
                    {"status", row.status},
                    {"status_label", StatusLabel(row.status)},
                    {"edited", row.edited_in_app},
                    {"updated_on", row.updated_at.substr(0, 10)},
                    {"from", row.status},
                    {"moves", Moves(row)}});
  }
  json view{{"csrf", CurrentCsrfToken()}, {"offers", rows}, {"count", rows.size()}};
  return RenderPage(context, 200, "admin_offers", view, {"Publication des offres", {}, ""});
}

json OfferView(const catalogue::OfferInWorkflow& row, const std::string& document) {
  return {{"csrf", CurrentCsrfToken()},
          {"slug", row.offer.slug},
          {"name", row.offer.name},
          {"status", row.status},
          {"status_label", StatusLabel(row.status)},
          {"from", row.status},
          {"moves", Moves(row)},
          {"editable", row.status == "draft"},
          {"document", document}};
}

Response OfferPage(const WebContext& context, const Request& request) {
  const auto row = context.store.FindOfferInWorkflow(request.Param("slug"));
  if (!row) return RenderError(context, request, 404, "Cette offre n'existe pas.");
  return RenderPage(context, 200, "admin_offer", OfferView(*row, catalogue::OfferToJson(row->offer).dump(2)),
                    {row->offer.name, {{"Publication des offres", "/admin/offres"}}, ""});
}

Response SaveDocument(const WebContext& context, const Request& request) {
  const auto row = context.store.FindOfferInWorkflow(request.Param("slug"));
  if (!row) return RenderError(context, request, 404, "Cette offre n'existe pas.");
  if (row->status != "draft") {
    return RenderError(context, request, 409, "Seul un brouillon se corrige : retirez d'abord l'offre pour correction.");
  }
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string document = form.value().Get("document");
  json errors = json::array();
  catalogue::ParsedOffer parsed;
  if (document.size() > kMaxDocumentBytes) {
    errors.push_back({{"message", "Le document est trop long (200 000 octets au plus)."}});
  } else {
    const json doc = json::parse(document, nullptr, false);
    if (doc.is_discarded()) {
      errors.push_back({{"message", "Le document n'est pas du JSON valide."}});
    } else {
      parsed = catalogue::ParseOffer(doc);
      for (const auto& e : parsed.errors) {
        errors.push_back({{"message", (e.field.empty() ? "" : "« " + e.field + " » : ") + e.message}});
      }
      if (parsed.errors.empty() && parsed.offer.slug != row->offer.slug) {
        errors.push_back({{"message", "Le champ « slug » ne peut pas changer (" + row->offer.slug + ")."}});
      }
    }
  }
  if (!errors.empty()) {
    json view = OfferView(*row, document);
    view["errors"] = errors;
    view["has_errors"] = true;
    view["errors_title"] = "L'offre n'a pas été enregistrée";
    return RenderPage(context, 400, "admin_offer", view, {row->offer.name, {{"Publication des offres", "/admin/offres"}}, ""});
  }
  auto saved = context.store.SaveOfferEdit(parsed.offer);
  if (!saved) return RenderError(context, request, 404, saved.error().message);
  return Response::Redirect(303, "/admin/offres/" + row->offer.slug);
}

Response Move(const WebContext& context, const Request& request) {
  const std::string slug = request.Param("slug");
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string from = form.value().Get("from");
  const std::string to = form.value().Get("to");
  if (!catalogue::CanMove(from, to)) {
    return RenderError(context, request, 400, "Passage impossible de « " + from + " » à « " + to + " ».");
  }
  auto moved = context.store.MoveOffer(slug, from, to, NowUtc());
  if (!moved) return RenderError(context, request, moved.error().code == "not_found" ? 404 : 409, moved.error().message);
  return Response::Redirect(303, "/admin/offres/" + slug);
}

}  // namespace

void RegisterOfferAdminPages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/admin/offres", "offer_admin_list", AdminListPage);
  AddPage(router, context, "GET", "/admin/offres/{slug}", "offer_admin_page", OfferPage);
  AddPage(router, context, "POST", "/admin/offres/{slug}", "offer_admin_save", SaveDocument);
  AddPage(router, context, "POST", "/admin/offres/{slug}/statut", "offer_admin_move", Move);
}

}  // namespace boussole::web
