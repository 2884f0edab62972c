// Account pages (issue 5, item 1): sign-up, e-mail confirmation, login, logout, password
// reset, "my account". Plain HTML forms (POST, CSRF token) that work without JavaScript;
// every POST answers with a redirect (303) on success, or the form again with its errors.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/accounts/account_service.h"
#include "domain/notifications/notification.h"
#include "web/form.h"
#include "web/http/cookies.h"
#include "web/http/url.h"
#include "web/pages/form_view.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/security_audit.h"
#include "web/viewer.h"

namespace boussole::web {
namespace {

using nlohmann::json;

// Only a path of this site: never an absolute or protocol-relative URL (open redirects).
std::string SafeReturn(const std::string& target) {
  if (target.empty() || target[0] != '/' || (target.size() > 1 && (target[1] == '/' || target[1] == '\\')) ||
      target.find_first_of("\r\n") != std::string::npos) {
    return "/compte";
  }
  return target;
}

Response SeeOther(std::string location) { return Response::Redirect(303, std::move(location)); }

Response Notice(const WebContext& context, int status, const std::string& kind, const std::string& text,
                const std::string& title) {
  json view;
  view[kind] = text.empty() ? json(true) : json(text);
  return RenderPage(context, status, "notice", view, {title, {}, ""});
}

std::string SessionCookie(const WebContext& context, const std::string& token, std::optional<long> max_age) {
  CookieOptions options;
  options.secure = context.secure_cookies;
  options.max_age_seconds = max_age;
  return SetCookieValue(kSessionCookie, token, options);
}

// ---- sign-up ----------------------------------------------------------------------------

json SignUpView(const accounts::SignUpForm& form) {
  return {{"csrf", CurrentCsrfToken()},
          {"email", FormField("email", "Adresse électronique", "email", "email", form.email,
                          "Format attendu : nom@domaine.fr")},
          {"display_name", FormField("display_name", "Prénom et nom", "text", "name", form.display_name)},
          {"password", FormField("password", "Mot de passe", "password", "new-password", {},
                             "Au moins " + std::to_string(accounts::kMinPasswordLength) + " caractères.")},
          {"password_confirmation",
           FormField("password_confirmation", "Confirmation du mot de passe", "password", "new-password")}};
}

Response SignUpPage(const WebContext& context, const Request&) {
  return RenderPage(context, 200, "signup", SignUpView({}), {"Créer un compte", {}, ""});
}

Response SignUp(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  accounts::SignUpForm input{form.value().Get("email"), form.value().Get("display_name"), form.value().Get("password"),
                             form.value().Get("password_confirmation")};
  std::vector<Error> errors = accounts::ValidateSignUp(input);
  if (errors.empty()) {
    auto done = context.accounts->SignUp(input);
    if (done) return SeeOther("/compte/messagerie");
    errors.push_back(done.error());
  }
  json view = SignUpView(input);
  AddFormErrors(view, errors, "Le compte n'a pas été créé");
  return RenderPage(context, errors.front().code == "mail_failed" ? 503 : 400, "signup", view,
                    {"Créer un compte", {}, ""});
}

// ---- confirmation ------------------------------------------------------------------------

Response ConfirmPage(const WebContext& context, const Request& request) {
  // A GET only shows a button: mail scanners that open links must not use them up.
  const std::string token = request.Query("jeton").value_or("");
  if (token.empty() || token.size() > 128) {
    return Notice(context, 400, "invalid_link", "Le lien est incomplet : copiez-le en entier depuis le message.",
                  "Lien non valable");
  }
  return RenderPage(context, 200, "confirm_email", {{"csrf", CurrentCsrfToken()}, {"token", token}},
                    {"Confirmer votre adresse", {}, ""});
}

Response Confirm(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  auto confirmed = context.accounts->ConfirmEmail(form.value().Get("jeton"));
  if (!confirmed) return Notice(context, 400, "invalid_link", confirmed.error().message, "Lien non valable");
  return SeeOther("/compte/confirmee");
}

Response Resend(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  auto sent = context.accounts->ResendConfirmation(form.value().Get("email"));
  if (!sent) return RenderError(context, request, 503, sent.error().message);
  return SeeOther("/compte/messagerie");
}

// ---- login and logout --------------------------------------------------------------------

json LoginView(const std::string& email, const std::string& retour) {
  return {{"csrf", CurrentCsrfToken()},
          {"retour", retour},
          {"email", FormField("email", "Adresse électronique", "email", "username", email)},
          {"password", FormField("password", "Mot de passe", "password", "current-password")}};
}

Response LoginPage(const WebContext& context, const Request& request) {
  if (CurrentViewer().signed_in()) return SeeOther("/compte");
  return RenderPage(context, 200, "login", LoginView({}, request.Query("retour").value_or("")),
                    {"Se connecter", {}, ""});
}

Response LogIn(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string email = form.value().Get("email");
  const std::string retour = form.value().Get("retour");
  auto opened = context.accounts->LogIn(email, form.value().Get("password"), request.remote_address);
  if (!opened) {
    const Error& e = opened.error();
    json view = LoginView(email, retour);
    AddFormErrors(view, {Error{e.code, e.message, e.code == "bad_credentials" ? "password" : ""}},
              "La connexion a échoué");
    if (e.code == "unconfirmed") view["unconfirmed"] = accounts::NormaliseEmail(email);
    const int status = e.code == "too_many_attempts" ? 429 : e.code == "unconfirmed" ? 403 : 401;
    Response response = RenderPage(context, status, "login", view, {"Se connecter", {}, ""});
    if (status == 429) response.SetHeader("Retry-After", "900");
    return response;
  }
  NoteAuditedUser(opened.value().user.id);
  // A new session at each login (session fixation): the previous one of this browser ends.
  if (auto previous = CookieValue(request, kSessionCookie)) context.accounts->LogOut(*previous);
  Response response = SeeOther(SafeReturn(retour));
  const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(accounts::AccountPolicy{}.session_lifetime);
  response.AddHeader("Set-Cookie", SessionCookie(context, opened.value().token, static_cast<long>(lifetime.count())));
  return response;
}

Response LogOut(const WebContext& context, const Request& request) {
  if (auto token = CookieValue(request, kSessionCookie)) context.accounts->LogOut(*token);
  Response response = SeeOther("/");
  response.AddHeader("Set-Cookie", SessionCookie(context, "", 0));
  return response;
}

// ---- password reset ----------------------------------------------------------------------

json ForgotView(const std::string& email) {
  return {{"csrf", CurrentCsrfToken()}, {"email", FormField("email", "Adresse électronique", "email", "email", email)}};
}

Response ForgotPage(const WebContext& context, const Request&) {
  return RenderPage(context, 200, "forgot_password", ForgotView({}), {"Mot de passe oublié", {}, ""});
}

Response Forgot(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string email = form.value().Get("email");
  if (accounts::NormaliseEmail(email).empty()) {
    json view = ForgotView(email);
    AddFormErrors(view, {InvalidInput("L'adresse électronique n'est pas valide (format attendu : nom@domaine.fr).", "email")},
              "Le lien n'a pas été envoyé");
    return RenderPage(context, 400, "forgot_password", view, {"Mot de passe oublié", {}, ""});
  }
  auto sent = context.accounts->RequestPasswordReset(email);
  if (!sent) return RenderError(context, request, 503, sent.error().message);
  return SeeOther("/compte/messagerie");
}

json NewPasswordView(const std::string& token) {
  return {{"csrf", CurrentCsrfToken()},
          {"token", token},
          {"password", FormField("password", "Nouveau mot de passe", "password", "new-password", {},
                             "Au moins " + std::to_string(accounts::kMinPasswordLength) + " caractères.")},
          {"password_confirmation",
           FormField("password_confirmation", "Confirmation du mot de passe", "password", "new-password")}};
}

Response NewPasswordPage(const WebContext& context, const Request& request) {
  const std::string token = request.Query("jeton").value_or("");
  if (token.empty() || token.size() > 128) {
    return Notice(context, 400, "invalid_link", "Le lien est incomplet : copiez-le en entier depuis le message.",
                  "Lien non valable");
  }
  return RenderPage(context, 200, "new_password", NewPasswordView(token), {"Nouveau mot de passe", {}, ""});
}

Response NewPassword(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const std::string token = form.value().Get("jeton");
  const std::string password = form.value().Get("password");
  const std::string confirmation = form.value().Get("password_confirmation");
  if (auto errors = accounts::ValidateNewPassword(password, confirmation); !errors.empty()) {
    json view = NewPasswordView(token);
    AddFormErrors(view, errors, "Le mot de passe n'a pas été changé");
    return RenderPage(context, 400, "new_password", view, {"Nouveau mot de passe", {}, ""});
  }
  auto reset = context.accounts->ResetPassword(token, password, confirmation);
  if (!reset) return Notice(context, 400, "invalid_link", reset.error().message, "Lien non valable");
  NoteAuditedUser(reset.value());
  Response response = SeeOther("/compte/mot-de-passe-change");
  response.AddHeader("Set-Cookie", SessionCookie(context, "", 0));
  return response;
}

// ---- my account --------------------------------------------------------------------------

constexpr std::size_t kRecentNotifications = 20;

Response RenderAccount(const WebContext& context, int status, const std::string& error, bool saved) {
  const accounts::User& user = CurrentViewer().account->user;
  const notifications::Frequency chosen = context.store.NotificationFrequency(user.id);
  json frequencies = json::array();
  for (notifications::Frequency f : notifications::kFrequencies) {
    frequencies.push_back({{"value", notifications::FrequencyName(f)},
                           {"label", notifications::FrequencyLabel(f)},
                           {"checked", f == chosen}});
  }
  json recent = json::array();
  for (const auto& n : context.store.RecentNotifications(user.id, kRecentNotifications)) {
    recent.push_back({{"subject", n.subject}, {"link", n.link}, {"on", n.created_at.substr(0, 10)},
                      {"mailed", n.delivered}});
  }
  json view{{"name", user.display_name},
            {"email", user.email},
            {"created_on", user.created_at.substr(0, 10)},
            {"platform_admin", user.platform_admin},
            {"csrf", CurrentCsrfToken()},
            {"frequencies", frequencies},
            {"notifications", recent},
            {"has_notifications", !recent.empty()},
            {"saved", saved}};
  if (!error.empty()) view["frequency_error"] = error;
  return RenderPage(context, status, "account", view, {"Mon compte", {}, ""});
}

Response AccountPage(const WebContext& context, const Request& request) {
  const Viewer& viewer = CurrentViewer();
  if (!viewer.signed_in()) return SeeOther("/compte/connexion?retour=" + PercentEncode("/compte"));
  return RenderAccount(context, 200, "", request.Query("enregistre").has_value());
}

Response SaveNotificationSettings(const WebContext& context, const Request& request) {
  auto form = Form::Read(request);
  if (!form) return RenderError(context, request, 400, form.error().message);
  const auto frequency = notifications::ParseFrequency(form.value().Get("frequency"));
  if (!frequency) {
    return RenderAccount(context, 400,
                         "Choisissez un rythme : dès que possible, une fois par jour, une fois par semaine ou jamais.",
                         false);
  }
  context.store.SetNotificationFrequency(CurrentViewer().account->user.id, *frequency);
  return SeeOther("/compte?enregistre=1#notifications");
}

}  // namespace

void RegisterAccountPages(Router& router, const WebContext& context) {
  if (context.accounts == nullptr) return;
  auto add = [&](const char* method, const char* pattern, const char* name, PageHandler page) {
    AddPage(router, context, method, pattern, name, page);
  };
  add("GET", "/compte", "account_page", AccountPage);
  add("POST", "/compte/notifications", "notification_settings_save", SaveNotificationSettings);
  add("GET", "/compte/inscription", "signup_page", SignUpPage);
  add("POST", "/compte/inscription", "signup", SignUp);
  add("GET", "/compte/messagerie", "check_mail_page",
      [](const WebContext& c, const Request&) { return Notice(c, 200, "check_mail", {}, "Consultez votre messagerie"); });
  add("GET", "/compte/confirmation", "confirm_email_page", ConfirmPage);
  add("POST", "/compte/confirmation", "confirm_email", Confirm);
  add("POST", "/compte/confirmation/renvoyer", "resend_confirmation", Resend);
  add("GET", "/compte/confirmee", "email_confirmed_page",
      [](const WebContext& c, const Request&) { return Notice(c, 200, "confirmed", {}, "Adresse confirmée"); });
  add("GET", "/compte/connexion", "login_page", LoginPage);
  add("POST", "/compte/connexion", "login", LogIn);
  add("POST", "/compte/deconnexion", "logout", LogOut);
  add("GET", "/compte/mot-de-passe-oublie", "forgot_password_page", ForgotPage);
  add("POST", "/compte/mot-de-passe-oublie", "forgot_password", Forgot);
  add("GET", "/compte/nouveau-mot-de-passe", "new_password_page", NewPasswordPage);
  add("POST", "/compte/nouveau-mot-de-passe", "new_password", NewPassword);
  add("GET", "/compte/mot-de-passe-change", "password_changed_page", [](const WebContext& c, const Request&) {
    return Notice(c, 200, "password_changed", {}, "Mot de passe enregistré");
  });
}

}  // namespace boussole::web
