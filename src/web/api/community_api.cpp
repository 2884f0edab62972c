// The learning community of a programme in JSON (issue 7, items 8 and 9): its posts and
// comments for its participants and observers, a new post or comment (which notifies the
// community at each person's pace, never its author), a report (hidden after
// kHideAfterReports), a moderator's restoration. Writes take a personal API token.
#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>
#include <variant>

#include "core/clock.h"
#include "domain/programmes/community.h"
#include "web/api/json_body.h"
#include "web/pages/page.h"
#include "web/programme_request.h"
#include "web/routes.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;
using namespace programmes;

constexpr std::size_t kBodyMax = 10000;

// The pilot's members (and platform admins), and the members of the community's organisations.
bool ApiParticipates(const WebContext& context, const Programme& p) {
  if (ManagesProgramme(context, p)) return true;
  const auto members = CommunityOrganisations(p, context.store.CohortOf(p.id), context.store.ParticipantsOf(p.id),
                                              context.store.ListOrganisations());
  for (const auto& o : ViewerOrganisations(context)) {
    if (members.count(o.id)) return true;
  }
  return false;
}

// The programme of the path when the viewer takes part in its community; the problem otherwise.
std::variant<ProgrammeInPath, Response> ApiCommunity(const WebContext& context, const Request& request) {
  auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  if (!ApiParticipates(context, found->programme)) {
    return RenderError(context, request, 403,
                       "La communauté apprenante réunit les participants du programme : l'ANCT, les collectivités de ses "
                       "territoires et les collectivités inscrites (parties prenantes ou observatrices).");
  }
  return std::move(*found);
}

// A hidden message's text is for its moderators only.
json PostJson(const Post& post, bool moderator) {
  json out{{"id", post.id},
           {"programme_id", post.programme_id},
           {"parent_id", post.parent_id ? json(*post.parent_id) : json(nullptr)},
           {"author", post.author.empty() ? "Un compte supprimé" : post.author},
           {"body", post.hidden && !moderator ? json(nullptr) : json(post.body)},
           {"hidden", post.hidden},
           {"reports", post.reports},
           {"created_at", post.created_at}};
  return out;
}

Response ApiPosts(const WebContext& context, const Request& request) {
  auto found = ApiCommunity(context, request);
  if (auto* refusal = std::get_if<Response>(&found)) return std::move(*refusal);
  const Programme& p = std::get<ProgrammeInPath>(found).programme;
  const bool moderator = ManagesProgramme(context, p);
  json posts = json::array();
  for (const Post& post : context.store.PostsOf(p.id)) posts.push_back(PostJson(post, moderator));
  return Response::Json(200, json{{"posts", posts}}.dump());
}

Response ApiAddPost(const WebContext& context, const Request& request) {
  auto found = ApiCommunity(context, request);
  if (auto* refusal = std::get_if<Response>(&found)) return std::move(*refusal);
  const Programme& p = std::get<ProgrammeInPath>(found).programme;
  auto body = ReadJsonObject(request);
  if (!body) return JsonBodyFailure(context, request, body.error());
  JsonFields fields(body.value());
  Post post;
  post.programme_id = p.id;
  post.user_id = CurrentViewer().account->user.id;
  post.body = fields.String("body", true, kBodyMax);
  const auto parent = fields.Int("parent_id", false, 1, INT64_MAX);
  if (auto problem = fields.Finish()) return JsonBodyFailure(context, request, *problem);
  if (parent) {
    const auto parent_post = context.store.FindPost(*parent);
    if (!parent_post || parent_post->programme_id != p.id || parent_post->parent_id) {
      return RenderError(context, request, 400, "« parent_id » : on commente un message (pas un commentaire) de cette communauté.");
    }
    post.parent_id = parent_post->id;
  }
  const std::string now = NowUtc();
  Post added = context.store.AddPost(post, now);
  const std::string author = CurrentViewer().account->user.display_name;
  const auto notices = CommunityNotifications(context.store, context.store, p, added, author);
  if (!notices.empty()) context.store.AddNotifications(notices, now);
  added.author = author;
  return Response::Json(201, PostJson(added, ManagesProgramme(context, p)).dump());
}

Response ApiReportPost(const WebContext& context, const Request& request) {
  auto found = ApiCommunity(context, request);
  if (auto* refusal = std::get_if<Response>(&found)) return std::move(*refusal);
  const Programme& p = std::get<ProgrammeInPath>(found).programme;
  const auto post = FindPostInPath(context, request, p);
  if (!post) return RenderError(context, request, 404, "Ce message n'existe pas.");
  auto reported = context.store.ReportPost(post->id, CurrentViewer().account->user.id, kHideAfterReports, NowUtc());
  if (!reported) {
    return RenderError(context, request, reported.error().code == "not_found" ? 404 : 409, reported.error().message);
  }
  return Response::Text(204, "");
}

Response ApiRestorePost(const WebContext& context, const Request& request) {
  const auto found = FindProgrammeInPath(context, request);
  if (!found) return RenderError(context, request, 404, "Ce programme n'existe pas.");
  const auto post = FindPostInPath(context, request, found->programme);
  if (!post) return RenderError(context, request, 404, "Ce message n'existe pas.");
  auto restored = context.store.RestorePost(post->id);
  if (!restored) return RenderError(context, request, 404, restored.error().message);
  return Response::Json(200, PostJson(context.store.FindPost(post->id).value(), true).dump());
}

}  // namespace

void RegisterCommunityApi(Router& router, const WebContext& context) {
  AddPage(router, context, "GET", "/api/v1/programmes/{programme}/posts", "api_community_posts", ApiPosts);
  AddPage(router, context, "POST", "/api/v1/programmes/{programme}/posts", "api_community_post", ApiAddPost);
  AddPage(router, context, "POST", "/api/v1/programmes/{programme}/posts/{post}/reports", "api_community_report",
          ApiReportPost);
  AddPage(router, context, "POST", "/api/v1/programmes/{programme}/posts/{post}/restore", "api_community_restore",
          ApiRestorePost);
}

}  // namespace boussole::web
