#include "integration/instance_writes.h"

#include <functional>
#include <regex>

#include "storage/store.h"
#include "support/signed_in.h"

namespace boussole::testing {
namespace {

std::string Encoded(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

WriteResult Outcome(const HttpResponse& r) {
  WriteResult result{r.status, 0};
  const auto it = r.headers.find("location");
  if (r.status == 303 && it != r.headers.end()) {
    try {
      result.id = std::stoll(it->second.substr(it->second.rfind('/') + 1));
    } catch (const std::exception&) {
      result.id = 0;
    }
  }
  return result;
}

// Reads `page` (for the CSRF field, as a browser does) then posts; a server that is gone
// (connection refused or closed) is status 0.
WriteResult PageThenPost(FormBrowser& browser, const std::string& page,
                         const std::function<HttpResponse(const HttpResponse&)>& post) {
  try {
    const HttpResponse before = browser.Get(page);
    if (before.status != 200) return {before.status, 0};
    return Outcome(post(before));
  } catch (const std::exception&) {
    return {0, 0};
  }
}

}  // namespace

std::string UniquePdf(const std::string& tag, std::size_t padding) {
  return "%PDF-1.4\n1 0 obj << /Title (" + tag + ") >> endobj\n%" + std::string(padding, 'x') +
         "\ntrailer << >>\n%%EOF\n";
}

std::int64_t CreateCommune(const std::string& database_url, const std::string& name) {
  auto store = std::move(storage::OpenStore(database_url)).value();
  return store
      ->CreateOrganisation({organisations::Kind::kCollectivite, name,
                            territories::TerritoryId{territories::Kind::kCommune, "52250"}},
                           "2026-11-25T09:00:00Z")
      .id;
}

FormBrowser SignedInMember(int port, const std::string& database_url, const std::string& email,
                           std::int64_t organisation) {
  FormBrowser browser = SignedInBrowser(port, database_url, email);
  auto store = std::move(storage::OpenStore(database_url)).value();
  const auto user = store->FindUserByEmail(email);
  if (!user || !store->AddMember(organisation, user->id, organisations::MemberRole::kMember, "2026-11-25T09:00:00Z").ok()) {
    throw std::runtime_error("could not make " + email + " a member");
  }
  return browser;
}

WriteResult CreateRequest(FormBrowser& browser, std::int64_t organisation, const std::string& title) {
  const std::string base = "/organisations/" + std::to_string(organisation) + "/demandes";
  return PageThenPost(browser, base + "/nouvelle", [&](const HttpResponse&) {
    return browser.Post(base, "workflow=anct&title=" + Encoded(title) +
                                  "&theme=&besoin=Un+plan+guide&deja_tente=Une+etude+en+2019");
  });
}

WriteResult SubmitRequest(FormBrowser& browser, std::int64_t request) {
  const std::string page = "/demandes/" + std::to_string(request);
  return PageThenPost(browser, page, [&](const HttpResponse& before) {
    std::smatch m;
    if (!std::regex_search(before.body, m, std::regex(R"(name="version" value="(\d+)\")"))) return HttpResponse{};
    return browser.PostMultipart(page + "/transitions", {{"besoin", "Un plan guide"},
                                                         {"deja_tente", "Une étude"},
                                                         {"version", m[1].str()},
                                                         {"transition", "deposer"}});
  });
}

WriteResult AddComment(FormBrowser& browser, std::int64_t request, const std::string& text) {
  const std::string page = "/demandes/" + std::to_string(request);
  return PageThenPost(browser, page,
                      [&](const HttpResponse&) { return browser.Post(page + "/commentaires", "text=" + Encoded(text)); });
}

WriteResult AttachFile(FormBrowser& browser, std::int64_t request, const std::string& name, const std::string& note,
                       const std::string& bytes) {
  const std::string page = "/demandes/" + std::to_string(request);
  return PageThenPost(browser, page, [&](const HttpResponse&) {
    return browser.PostMultipart(page + "/fichiers", {{"text", note}}, {{"fichier", name, "application/pdf", bytes}});
  });
}

WriteResult CreateProject(FormBrowser& browser, std::int64_t organisation, const std::string& name) {
  const std::string base = "/organisations/" + std::to_string(organisation) + "/projets";
  return PageThenPost(browser, base + "/nouveau", [&](const HttpResponse&) {
    return browser.Post(base, "name=" + Encoded(name) +
                                  "&public_description=Un+plan+guide+pour+le+centre"
                                  "&private_description=Budget+a+confirmer&territory=52250&stage=preop"
                                  "&themes=urbanisme-logement-amenagement&budget=250000&contract=pvd");
  });
}

}  // namespace boussole::testing
