// The « Test d'éligibilité » of an offer: the questionnaire as one GET form, and its verdict
// when the answers are in the URL (so that the link reproduces the result). Also its JSON
// twin under /api/v1. The French texts of the page are in templates/eligibility.mustache;
// the error messages come from the domain module.
#include <optional>
#include <string>

#include "domain/catalogue/eligibility.h"
#include "web/pages/page.h"
#include "web/routes.h"

namespace boussole::web {
namespace {

using catalogue::EligibilityVerdict;
using catalogue::Questionnaire;

struct Found {
  const Questionnaire* questionnaire = nullptr;
  catalogue::Offer offer;
};

// The offer and its test, or the 404 to answer.
std::optional<Found> FindTest(const WebContext& context, const std::string& slug) {
  const Questionnaire* questionnaire = context.eligibility ? context.eligibility->ForOffer(slug) : nullptr;
  if (questionnaire == nullptr) return std::nullopt;
  auto offer = context.store.FindOffer(slug);
  if (!offer) return std::nullopt;
  return Found{questionnaire, std::move(*offer)};
}

std::string NotFoundMessage(const std::string& slug) {
  return "Aucune offre d'identifiant « " + slug + " » n'a de test d'éligibilité.";
}

std::string AnswerOf(const EligibilityVerdict& verdict, const std::string& question_id) {
  for (const auto& [q, a] : verdict.answers) {
    if (q == question_id) return a;
  }
  return {};
}

nlohmann::json PageView(const Found& found, const EligibilityVerdict& verdict, const Request& request) {
  const Questionnaire& t = *found.questionnaire;
  const bool answered_any = !verdict.answers.empty();
  nlohmann::json questions = nlohmann::json::array();
  nlohmann::json missing = nlohmann::json::array();
  for (std::size_t i = 0; i < t.questions.size(); ++i) {
    const auto& q = t.questions[i];
    const std::string chosen = AnswerOf(verdict, q.id);
    const bool error = answered_any && chosen.empty();
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& a : q.answers) {
      answers.push_back(
          {{"id", a.id}, {"name", q.id}, {"label", a.label}, {"input_id", q.id + "-" + a.id}, {"checked", a.id == chosen}});
    }
    questions.push_back({{"id", q.id}, {"number", i + 1}, {"text", q.text}, {"error", error}, {"answers", answers}});
    if (error) missing.push_back({{"id", q.id}, {"number", i + 1}, {"text", q.text}});
  }
  nlohmann::json view{{"title", t.title},
                      {"offer_name", found.offer.name},
                      {"offer_url", "/offres/" + found.offer.slug},
                      {"action", "/offres/" + found.offer.slug + "/eligibilite"},
                      {"api_url", "/api/v1/offers/" + found.offer.slug + "/eligibility"},
                      {"questions", questions},
                      {"question_count", t.questions.size()},
                      {"missing", missing},
                      {"has_missing", !missing.empty()},
                      {"missing_plural", missing.size() > 1},
                      {"missing_count", missing.size()}};
  if (verdict.complete()) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& [q, text] : verdict.reasons) reasons.push_back({{"question", q}, {"text", text}});
    view["verdict"] = {{"eligible", verdict.eligible},
                       {"text", verdict.eligible ? t.success : t.failure},
                       {"reasons", reasons},
                       {"share_url", request.target}};
  }
  return view;
}

Response Page(const WebContext& context, const Request& request) {
  const std::string slug = request.Param("slug");
  auto found = FindTest(context, slug);
  if (!found) return RenderError(context, request, 404, NotFoundMessage(slug));
  auto verdict = catalogue::Evaluate(*found->questionnaire, request.query);
  if (!verdict) return RenderError(context, request, 400, verdict.error().message);
  const std::string title = found->questionnaire->title;
  return RenderPage(context, 200, "eligibility", PageView(*found, verdict.value(), request),
                    {title, {{"Offres", "/offres"}, {found->offer.name, "/offres/" + slug}}, "offres"});
}

nlohmann::json QuestionnaireResource(const Questionnaire& t) {
  nlohmann::json questions = nlohmann::json::array();
  for (const auto& q : t.questions) {
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& a : q.answers) answers.push_back({{"id", a.id}, {"label", a.label}});
    questions.push_back({{"id", q.id},
                         {"text", q.text},
                         {"answers", answers},
                         {"expected", q.expected},
                         {"if_not", q.if_not},
                         {"source", {{"seed", q.seed}, {"quote", q.quote}}}});
  }
  return {{"id", t.id},     {"offers", t.offers},   {"title", t.title},
          {"questions", questions}, {"success", t.success}, {"failure", t.failure}};
}

Response Api(const WebContext& context, const Request& request) {
  const std::string slug = request.Param("slug");
  auto found = FindTest(context, slug);
  if (!found) return RenderError(context, request, 404, NotFoundMessage(slug));
  auto verdict = catalogue::Evaluate(*found->questionnaire, request.query);
  if (!verdict) return RenderError(context, request, 400, verdict.error().message);
  nlohmann::json body = QuestionnaireResource(*found->questionnaire);
  body["url"] = "/offres/" + slug + "/eligibilite";
  if (!request.query.empty()) {
    const EligibilityVerdict& v = verdict.value();
    nlohmann::json answers = nlohmann::json::object();
    for (const auto& [q, a] : v.answers) answers[q] = a;
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& [q, text] : v.reasons) reasons.push_back({{"question", q}, {"text", text}});
    nlohmann::json result{{"complete", v.complete()}, {"answers", answers}, {"missing", v.missing}, {"reasons", reasons}};
    result["eligible"] = v.complete() ? nlohmann::json(v.eligible) : nlohmann::json(nullptr);
    result["conclusion"] = v.complete() ? nlohmann::json(v.eligible ? found->questionnaire->success
                                                                    : found->questionnaire->failure)
                                        : nlohmann::json(nullptr);
    body["result"] = result;
  }
  return Response::Json(200, body.dump());
}

}  // namespace

void RegisterEligibilityRoutes(Router& router, const WebContext& context) {
  router.Add("GET", "/offres/{slug}/eligibilite", "eligibility_page",
             Cacheable(context, [&context](const Request& r) { return Page(context, r); }));
  router.Add("GET", "/api/v1/offers/{slug}/eligibility", "api_offer_eligibility",
             Cacheable(context, [&context](const Request& r) { return Api(context, r); }));
}

}  // namespace boussole::web
