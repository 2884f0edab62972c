#include "integration/instance_writes.h"

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

std::optional<std::int64_t> IdFromLocation(const HttpResponse& r) {
  if (r.status != 303) return std::nullopt;
  const auto it = r.headers.find("location");
  if (it == r.headers.end()) return std::nullopt;
  try {
    return std::stoll(it->second.substr(it->second.rfind('/') + 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string UniquePdf(const std::string& tag) {
  return "%PDF-1.4\n1 0 obj << /Title (" + tag + ") >> endobj\ntrailer << >>\n%%EOF\n";
}

std::int64_t CreateCommune(const std::string& database_url, const std::string& name) {
  auto store = std::move(storage::OpenStore(database_url)).value();
  return store
      ->CreateOrganisation({organisations::Kind::kCollectivite, name,
                            territories::TerritoryId{territories::Kind::kCommune, "52250"}},
                           "2026-11-25T09:00:00Z")
      .id;
}

FormBrowser SignedInMember(int port, SmtpSink& sink, const std::string& database_url, const std::string& email,
                           std::int64_t organisation) {
  FormBrowser browser = SignedInBrowser(port, sink, database_url, email);
  auto store = std::move(storage::OpenStore(database_url)).value();
  const auto user = store->FindUserByEmail(email);
  if (!user || !store->AddMember(organisation, user->id, organisations::MemberRole::kMember, "2026-11-25T09:00:00Z").ok()) {
    throw std::runtime_error("could not make " + email + " a member");
  }
  return browser;
}

std::optional<std::int64_t> CreateRequest(FormBrowser& browser, std::int64_t organisation, const std::string& title) {
  const std::string base = "/organisations/" + std::to_string(organisation) + "/demandes";
  if (browser.Get(base + "/nouvelle").status != 200) return std::nullopt;
  return IdFromLocation(browser.Post(base, "workflow=anct&title=" + Encoded(title) +
                                               "&theme=&besoin=Un+plan+guide&deja_tente=Une+etude+en+2019"));
}

bool AddComment(FormBrowser& browser, std::int64_t request, const std::string& text) {
  const std::string page = "/demandes/" + std::to_string(request);
  if (browser.Get(page).status != 200) return false;
  return browser.Post(page + "/commentaires", "text=" + Encoded(text)).status == 303;
}

bool AttachFile(FormBrowser& browser, std::int64_t request, const std::string& name, const std::string& bytes) {
  const std::string page = "/demandes/" + std::to_string(request);
  if (browser.Get(page).status != 200) return false;
  return browser.PostMultipart(page + "/fichiers", {{"text", "Pièce : " + name}},
                               {{"fichier", name, "application/pdf", bytes}})
             .status == 303;
}

std::optional<std::string> CreateProject(FormBrowser& browser, std::int64_t organisation, const std::string& name) {
  const std::string base = "/organisations/" + std::to_string(organisation) + "/projets";
  if (browser.Get(base + "/nouveau").status != 200) return std::nullopt;
  HttpResponse r = browser.Post(base, "name=" + Encoded(name) +
                                          "&public_description=Un+plan+guide+pour+le+centre"
                                          "&private_description=Budget+a+confirmer&territory=52250&stage=preop"
                                          "&themes=urbanisme-logement-amenagement&budget=250000&contract=pvd");
  if (r.status != 303) return std::nullopt;
  return r.headers["location"];
}

}  // namespace boussole::testing
