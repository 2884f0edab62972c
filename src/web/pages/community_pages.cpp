// The learning community of a programme (issue 7, item 8): posts and comments for its
// participants — the ANCT that runs it, the collectivités of its territories, the
// organisations registered (stakeholders, waitlist, observers) — reports that hide a message
// after kHideAfterReports, and the moderators (the programme's pilots) who restore it.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "domain/programmes/community.h"
#include "web/form.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using namespace programmes;

bool Participates(const WebContext& context, const Programme& p) {
  if (ManagesProgramme(context, p)) return true;
  const auto mine = ViewerOrganisations(context);
  const auto cohort = context.store.CohortOf(p.id);
  const auto registered = context.store.ParticipantsOf(p.id);
  for (const auto& o : mine) {
    for (const auto& r : registered) {
      if (r.organisation_id == o.id) return true;
    }
    for (const auto& t : cohort) {
      if (t.status == "selected" && o.territory && o.territory->ToString() == t.territory_id) return true;
    }
  }
  return false;
}

// The programme of the path, when the viewer takes part in it; the refusal otherwise.
Result<ProgrammeInPath> Community(const WebContext& context, const Request& request) {
  auto found = FindProgrammeInPath(context, request);
  if (!found) return NotFound("Ce programme n'existe pas.");
  if (!Participates(context, found->programme)) {
    return Error{"forbidden",
                 "La communauté apprenante réunit les participants du programme : l'ANCT, les collectivités de ses "
                 "territoires et les collectivités inscrites (parties prenantes ou observatrices).",
                 {}};
  }
  return std::move(*found);
}

Response CommunityRefusal(const WebContext& context, const Request& request, const Error& e) {
  return RenderError(context, request, e.code == "not_found" ? 404 : e.code == "forbidden" ? 403 : 409, e.message);
}

json PostView(const Post& post, bool moderator) {
  return {{"id", post.id},
          {"author", post.author.empty() ? "Un compte supprimé" : post.author},
          {"body", post.body},
          {"hidden", post.hidden},
          {"shown", !post.hidden},
          {"moderator", moderator},
          {"reports", post.reports},
          {"created_at", post.created_at.substr(0, 16)},
          {"comments", json::array()}};
}

Response CommunityPage(const WebContext& context, const Request& request) {
  auto found = Community(context, request);
  if (!found) return CommunityRefusal(context, request, found.error());
  const Programme& p = found.value().programme;
  const bool moderator = ManagesProgramme(context, p);
  json posts = json::array();
  std::map<std::int64_t, std::size_t> index;
  for (const Post& post : context.store.PostsOf(p.id)) {
    if (!post.parent_id) {
      index[post.id] = posts.size();
      posts.push_back(PostView(post, moderator));
    } else if (auto it = index.find(*post.parent_id); it != index.end()) {
      posts[it->second]["comments"].push_back(PostView(post, moderator));
    }
  }
  const std::string message = request.Query("message").value_or("");
  json view{{"programme_id", p.id},
            {"programme_title", p.title},
            {"csrf", CurrentCsrfToken()},
            {"hide_after", kHideAfterReports},
            {"posts", posts}};
  if (message == "signale") view["notice"] = "Merci : le message est signalé.";
  if (message == "publie") view["notice"] = "Votre message est publié.";
  if (message == "retabli") view["notice"] = "Le message est rétabli.";
  return RenderPage(context, 200, "community", view,
                    {"Communauté apprenante", {{"Programmes collectifs", "/programmes"}, {p.title, "/programmes/" + std::to_string(p.id)}}, "programmes"});
}

std::string CommunityUrl(const Programme& p, const std::string& message) {
  return "/programmes/" + std::to_string(p.id) + "/communaute?message=" + message;
}

Response AddPost(const WebContext& context, const Request& request) {
  auto found = Community(context, request);
  if (!found) return CommunityRefusal(context, request, found.error());
  const Programme& p = found.value().programme;
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  Post post;
  post.programme_id = p.id;
  post.user_id = CurrentViewer().account->user.id;
  post.body = form.value().Get("body");
  if (post.body.empty() || post.body.size() > 10000) {
    return RenderError(context, request, 400, "Écrivez votre message (10 000 caractères au plus).");
  }
  if (const std::string parent = form.value().Get("parent"); !parent.empty()) {
    const auto parent_post = parent.size() <= 18 && parent.find_first_not_of("0123456789") == std::string::npos
                                 ? context.store.FindPost(std::stoll(parent))
                                 : std::nullopt;
    if (!parent_post || parent_post->programme_id != p.id || parent_post->parent_id) {
      return RenderError(context, request, 400, "On commente un message de cette communauté.");
    }
    post.parent_id = parent_post->id;
  }
  const std::string now = NowUtc();
  const Post added = context.store.AddPost(post, now);
  // Its participants and observers hear of it at their own pace, the author never.
  const auto notices = CommunityNotifications(context.store, context.store, p, added, CurrentViewer().account->user.display_name);
  if (!notices.empty()) context.store.AddNotifications(notices, now);
  return Response::Redirect(303, CommunityUrl(p, "publie"));
}

Response ReportPost(const WebContext& context, const Request& request) {
  auto found = Community(context, request);
  if (!found) return CommunityRefusal(context, request, found.error());
  const Programme& p = found.value().programme;
  const auto post = FindPostInPath(context, request, p);
  if (!post) return RenderError(context, request, 404, "Ce message n'existe pas.");
  auto reported = context.store.ReportPost(post->id, CurrentViewer().account->user.id, kHideAfterReports, NowUtc());
  if (!reported) return CommunityRefusal(context, request, reported.error());
  return Response::Redirect(303, CommunityUrl(p, "signale"));
}

Response RestorePost(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const auto post = FindPostInPath(context, request, found->programme);
  if (!post) return RenderError(context, request, 404, "Ce message n'existe pas.");
  auto restored = context.store.RestorePost(post->id);
  if (!restored) return RenderError(context, request, 404, restored.error().message);
  return Response::Redirect(303, CommunityUrl(found->programme, "retabli"));
}

}  // namespace

void RegisterCommunityPages(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/programmes/{programme}/communaute", "community_page", CommunityPage);
  AddPage(router, context, "POST", "/programmes/{programme}/communaute", "community_post", AddPost);
  AddPage(router, context, "POST", "/programmes/{programme}/communaute/{post}/signalement", "community_report", ReportPost);
  AddPage(router, context, "POST", "/programmes/{programme}/communaute/{post}/retablir", "community_restore", RestorePost);
}

}  // namespace boussole::web
