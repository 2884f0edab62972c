#include "mail/smtp_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <new>

#include "mail/mime.h"

namespace boussole::mail {
namespace {

// curl_global_init is not safe to race with itself or with a first curl_easy_init; the
// process keeps libcurl until exit, so there is no matching cleanup.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  const std::string& data;
  std::size_t offset = 0;
};

std::size_t ReadChunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct EasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::string UrlPart(CURLU* url, CURLUPart part, unsigned flags) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK || value == nullptr) return {};
  std::string copy = value;
  curl_free(value);
  return copy;
}

Error UrlError(std::string_view url, const std::string& why) {
  return InvalidInput("L'adresse du serveur SMTP « " + std::string(url) + " » " + why, "smtp_url");
}

}  // namespace

Result<std::string> CheckSmtpUrl(std::string_view url) {
  if (std::any_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; })) {
    return InvalidInput("L'adresse du serveur SMTP contient un espace, un retour à la ligne ou un caractère de contrôle.",
                        "smtp_url");
  }
  const auto separator = url.find("://");
  std::string scheme(url.substr(0, separator == std::string_view::npos ? 0 : separator));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
  if (scheme != "smtp" && scheme != "smtps") {
    return UrlError(url, "doit commencer par smtp:// ou smtps:// (par exemple « smtp://127.0.0.1:2525 »).");
  }
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed) throw std::bad_alloc();
  if (curl_url_set(parsed.get(), CURLUPART_URL, std::string(url).c_str(), 0) != CURLUE_OK) {
    return UrlError(url, "n'est pas une URL valide.");
  }
  const std::string host = UrlPart(parsed.get(), CURLUPART_HOST, 0);
  if (host.empty()) return UrlError(url, "ne nomme pas de serveur.");
  const std::string query = UrlPart(parsed.get(), CURLUPART_QUERY, 0);
  if (!query.empty()) return UrlError(url, "ne doit pas avoir de paramètres (« ?… »).");
  return host + ":" + UrlPart(parsed.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
}

SmtpMailer::SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
  auto server = CheckSmtpUrl(settings_.url);
  // Never the URL itself in messages: it may hold a password.
  server_ = server ? server.value() : "(adresse non valide)";
  InitCurlOnce();
}

Status SmtpMailer::Send(const MailMessage& message) {
  auto built = BuildMessage(settings_.from, message, std::time(nullptr));
  if (!built) return built.error();
  const std::string& data = built.value();

  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) throw std::bad_alloc();
  const std::string envelope_from = "<" + settings_.from.address + ">";
  std::unique_ptr<curl_slist, ListDeleter> recipients(curl_slist_append(nullptr, ("<" + message.to + ">").c_str()));
  if (!recipients) throw std::bad_alloc();
  Upload upload{data};
  char reason[CURL_ERROR_SIZE] = "";

  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, settings_.url.c_str());
  // Only SMTP: a URL from the configuration must not reach another protocol.
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, &ReadChunk);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.total_timeout.count()));
  // Without it, libcurl uses SIGALRM for name resolution timeouts: not safe with threads.
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, reason);

  const CURLcode code = curl_easy_perform(handle);
  if (code == CURLE_OK) return Ok();
  long reply = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply);
  std::string why = reason[0] != '\0' ? reason : curl_easy_strerror(code);
  if (reply != 0) why += " (réponse SMTP " + std::to_string(reply) + ")";
  return Error{"mail_not_sent",
               "Le courriel pour " + message.to + " n'a pas pu être envoyé par le serveur SMTP " + server_ + " : " + why +
                   ".",
               {}};
}

}  // namespace boussole::mail
