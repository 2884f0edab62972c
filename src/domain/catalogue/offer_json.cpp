#include "domain/catalogue/offer_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "domain/catalogue/vocabulary.h"
#include "domain/territories/territory.h"

namespace boussole::catalogue {
namespace {

using nlohmann::json;

const std::vector<std::string>& KnownFields() {
  static const std::vector<std::string> kFields{
      "slug", "name", "short_title", "initial_name", "porteurs", "programmes", "audiences",
      "types", "mobilization_steps", "destinations", "recurrence", "start_date",
      "predeposit_date", "submission_deadline", "is_call_for_projects", "perimeter",
      "adhoc_perimeter", "membership_list", "population_conditions", "themes", "categories", "description", "eligibility", "project_examples",
      "key_figures", "amounts", "is_charged", "contact", "origin_url", "application_url",
      "sources"};
  return kFields;
}

std::string Quoted(std::string_view text) { return "« " + std::string(text) + " »"; }

// Reads one document, recording errors as it goes; each Read* leaves the target empty when
// the value is absent or null.
class OfferReader {
 public:
  explicit OfferReader(const json& document) : doc_(document) {}

  std::vector<FieldError> TakeErrors() { return std::move(errors_); }
  std::size_t ErrorCount() const { return errors_.size(); }
  void Fail(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }

  const json* Get(const std::string& field) const {
    auto it = doc_.find(field);
    if (it == doc_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  void String(const std::string& field, std::string& out, bool required = false) {
    const json* value = Get(field);
    if (!value) {
      if (required) Fail(field, "champ obligatoire manquant.");
      return;
    }
    if (!value->is_string()) return Fail(field, "doit être une chaîne de caractères.");
    out = value->get<std::string>();
    if (required && out.empty()) Fail(field, "ne doit pas être vide.");
  }

  void Bool(const std::string& field, std::optional<bool>& out) {
    const json* value = Get(field);
    if (!value) return;
    if (!value->is_boolean()) return Fail(field, "doit valoir true, false ou null.");
    out = value->get<bool>();
  }

  void StringList(const std::string& field, std::vector<std::string>& out,
                  const Vocabulary* allowed = nullptr) {
    const json* value = Get(field);
    if (!value) return;
    if (!value->is_array()) return Fail(field, "doit être une liste.");
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      const std::string at = field + "[" + std::to_string(i) + "]";
      if (!item.is_string()) {
        Fail(at, "doit être une chaîne de caractères.");
        continue;
      }
      std::string text = item.get<std::string>();
      if (allowed && !Contains(*allowed, text)) {
        Fail(at, "valeur inconnue " + Quoted(text) + " (valeurs permises : " +
                     Keys(*allowed) + ").");
        continue;
      }
      if (std::find(out.begin(), out.end(), text) != out.end()) {
        Fail(at, "valeur en double " + Quoted(text) + ".");
        continue;
      }
      out.push_back(std::move(text));
    }
  }

  void Enum(const std::string& field, std::string& out, const Vocabulary& allowed) {
    String(field, out);
    if (!out.empty() && !Contains(allowed, out)) {
      Fail(field, "valeur inconnue " + Quoted(out) + " (valeurs permises : " + Keys(allowed) +
                      ").");
      out.clear();
    }
  }

  void Date(const std::string& field, std::string& out) {
    String(field, out);
    static const std::regex kDate(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
    if (!out.empty() && !std::regex_match(out, kDate)) {
      Fail(field, "date invalide " + Quoted(out) + " (format attendu : AAAA-MM-JJ).");
      out.clear();
    }
  }

  void Url(const std::string& field, std::string& out) {
    String(field, out);
    static const std::regex kUrl(R"(https?://[^\s<>"]+)");
    if (!out.empty() && !std::regex_match(out, kUrl)) {
      Fail(field, "adresse web invalide " + Quoted(out) + " (http:// ou https:// attendu).");
      out.clear();
    }
  }

  static std::string Keys(const Vocabulary& vocabulary) {
    std::string keys;
    for (const auto& [key, label] : vocabulary) {
      if (!keys.empty()) keys += ", ";
      keys += key;
    }
    return keys;
  }

 private:
  const json& doc_;
  std::vector<FieldError> errors_;
};

void ReadPorteurs(OfferReader& r, Offer& offer) {
  const json* value = r.Get("porteurs");
  if (!value) return;
  if (!value->is_array()) return r.Fail("porteurs", "doit être une liste.");
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    const std::string at = "porteurs[" + std::to_string(i) + "]";
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string() ||
        item["name"].get<std::string>().empty()) {
      r.Fail(at, "doit être un objet avec un nom (name).");
      continue;
    }
    Porteur porteur{item["name"].get<std::string>(), {}};
    if (item.contains("roles")) {
      OfferReader roles(item);
      roles.StringList("roles", porteur.roles, &PorteurRoles());
      for (auto& e : roles.TakeErrors()) r.Fail(at + "." + e.field, e.message);
    }
    offer.porteurs.push_back(std::move(porteur));
  }
}

void ReadKeyFigures(OfferReader& r, Offer& offer) {
  const json* value = r.Get("key_figures");
  if (!value) return;
  if (!value->is_array()) return r.Fail("key_figures", "doit être une liste.");
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    if (!item.is_object() || !item.value("label", json()).is_string() ||
        !item.value("value", json()).is_string()) {
      r.Fail("key_figures[" + std::to_string(i) + "]",
             "doit être un objet avec label et value (chaînes).");
      continue;
    }
    offer.key_figures.push_back({item["label"].get<std::string>(), item["value"].get<std::string>()});
  }
}

void ReadAmounts(OfferReader& r, Offer& offer) {
  const json* value = r.Get("amounts");
  if (!value) return;
  if (!value->is_object()) return r.Fail("amounts", "doit être un objet.");
  for (const auto& [key, item] : value->items()) {
    const std::string at = "amounts." + key;
    if (key == "comment") {
      if (!item.is_null() && !item.is_string()) r.Fail(at, "doit être une chaîne de caractères.");
      else if (item.is_string()) offer.amounts.comment = item.get<std::string>();
      continue;
    }
    std::optional<double>* target = key == "subsidy_rate_min"   ? &offer.amounts.subsidy_rate_min
                                    : key == "subsidy_rate_max" ? &offer.amounts.subsidy_rate_max
                                    : key == "loan_amount"      ? &offer.amounts.loan_amount
                                                                : nullptr;
    if (!target) {
      r.Fail(at, "champ inconnu.");
      continue;
    }
    if (item.is_null()) continue;
    if (!item.is_number()) {
      r.Fail(at, "doit être un nombre ou null.");
      continue;
    }
    const double number = item.get<double>();
    if (number < 0 || (key != "loan_amount" && number > 100)) {
      r.Fail(at, "valeur hors bornes.");
      continue;
    }
    *target = number;
  }
}

void ReadSources(OfferReader& r, Offer& offer) {
  const json* value = r.Get("sources");
  if (!value || !value->is_array() || value->empty()) {
    return r.Fail("sources", "au moins une source (fichier et citation) est obligatoire.");
  }
  static const std::regex kSeed(R"([0-9]{3}_[0-9a-f]+\.txt)");
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    const std::string at = "sources[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      r.Fail(at, "doit être un objet.");
      continue;
    }
    Source source;
    OfferReader fields(item);
    fields.String("seed", source.seed, true);
    fields.String("quote", source.quote, true);
    fields.StringList("fields", source.fields);
    for (auto& e : fields.TakeErrors()) r.Fail(at + "." + e.field, e.message);
    if (!source.seed.empty() && !std::regex_match(source.seed, kSeed)) {
      r.Fail(at + ".seed", "nom de fichier source invalide " + Quoted(source.seed) + ".");
    }
    for (const std::string& field : source.fields) {
      if (std::find(KnownFields().begin(), KnownFields().end(), field) == KnownFields().end()) {
        r.Fail(at + ".fields", "champ inconnu " + Quoted(field) + ".");
      }
    }
    offer.sources.push_back(std::move(source));
  }
}

void CheckPerimeter(OfferReader& r, const Offer& offer) {
  if (offer.perimeter.empty()) return;
  auto parsed = territories::TerritoryId::Parse(offer.perimeter);
  if (!parsed) r.Fail("perimeter", parsed.error().message);
}

constexpr std::size_t kMaxAdhocTerritories = 40000;  // every commune of France fits

void ReadAdhocPerimeter(OfferReader& r, Offer& offer) {
  const json* value = r.Get("adhoc_perimeter");
  if (!value) return;
  if (!value->is_object()) return r.Fail("adhoc_perimeter", "doit être un objet { name, territories }.");
  AdhocPerimeter& adhoc = offer.adhoc_perimeter;
  OfferReader fields(*value);
  for (const auto& [key, item] : value->items()) {
    if (key != "name" && key != "territories") fields.Fail(key, "champ inconnu.");
  }
  fields.String("name", adhoc.name, true);
  fields.StringList("territories", adhoc.territories);
  for (auto& e : fields.TakeErrors()) r.Fail("adhoc_perimeter." + e.field, e.message);
  if (adhoc.territories.empty()) r.Fail("adhoc_perimeter.territories", "doit lister au moins un territoire.");
  if (adhoc.territories.size() > kMaxAdhocTerritories) {
    r.Fail("adhoc_perimeter.territories", "trop de territoires (" + std::to_string(kMaxAdhocTerritories) + " au plus).");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < adhoc.territories.size(); ++i) {
    const std::string& id = adhoc.territories[i];
    const std::string at = "adhoc_perimeter.territories[" + std::to_string(i) + "]";
    if (auto parsed = territories::TerritoryId::Parse(id); !parsed) r.Fail(at, parsed.error().message);
    if (!seen.insert(id).second) r.Fail(at, "territoire en double " + Quoted(id) + ".");
  }
  if (!offer.perimeter.empty()) {
    r.Fail("adhoc_perimeter", "une offre a soit un périmètre (perimeter), soit un périmètre ad hoc, pas les deux.");
  }
}

void ReadMembershipList(OfferReader& r, Offer& offer) {
  r.String("membership_list", offer.membership_list);
  if (offer.membership_list.empty()) return;
  const bool valid = offer.membership_list.size() <= 60 &&
                     offer.membership_list.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
  if (!valid) r.Fail("membership_list", "doit être l'identifiant d'une liste : lettres minuscules, chiffres et tirets.");
}

std::optional<std::int64_t> ReadPopulation(OfferReader& r, const json& item, const char* key, const std::string& at) {
  auto it = item.find(key);
  if (it == item.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
    r.Fail(at + "." + key, "doit être un nombre entier d'habitants positif ou null.");
    return std::nullopt;
  }
  return it->get<std::int64_t>();
}

void ReadPopulationConditions(OfferReader& r, Offer& offer) {
  const json* value = r.Get("population_conditions");
  if (!value) return;
  if (!value->is_array()) return r.Fail("population_conditions", "doit être une liste.");
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    const std::string at = "population_conditions[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      r.Fail(at, "doit être un objet { territory_kind, min_population, max_population, effect }.");
      continue;
    }
    const std::size_t errors_before = r.ErrorCount();
    PopulationCondition condition;
    for (const auto& [key, field] : item.items()) {
      if (key != "territory_kind" && key != "min_population" && key != "max_population" && key != "effect") {
        r.Fail(at + "." + key, "champ inconnu.");
      }
    }
    OfferReader fields(item);
    fields.Enum("territory_kind", condition.territory_kind, PopulationTerritoryKinds());
    fields.Enum("effect", condition.effect, PopulationEffects());
    for (auto& e : fields.TakeErrors()) r.Fail(at + "." + e.field, e.message);
    if (condition.territory_kind.empty()) r.Fail(at + ".territory_kind", "champ obligatoire manquant.");
    if (condition.effect.empty()) r.Fail(at + ".effect", "champ obligatoire manquant.");
    condition.min_population = ReadPopulation(r, item, "min_population", at);
    condition.max_population = ReadPopulation(r, item, "max_population", at);
    if (!condition.min_population && !condition.max_population && r.ErrorCount() == errors_before) {
      r.Fail(at, "doit donner min_population, max_population ou les deux.");
    }
    if (condition.min_population && condition.max_population && *condition.min_population >= *condition.max_population) {
      r.Fail(at, "min_population doit être inférieur à max_population.");
    }
    if (r.ErrorCount() == errors_before) offer.population_conditions.push_back(std::move(condition));
  }
}

void CheckBacking(OfferReader& r, const Offer& offer) {
  std::set<std::string> backed;
  for (const Source& source : offer.sources) backed.insert(source.fields.begin(), source.fields.end());
  for (const std::string& field : FilledFields(offer)) {
    if (!backed.count(field)) {
      r.Fail(field, "ce champ est rempli mais aucune source ne l'étaye (sources[].fields).");
    }
  }
}

}  // namespace

ParsedOffer ParseOffer(const json& document) {
  ParsedOffer result;
  if (!document.is_object()) {
    result.errors.push_back({"", "le document doit être un objet JSON."});
    return result;
  }
  Offer& offer = result.offer;
  OfferReader r(document);
  for (const auto& [key, value] : document.items()) {
    if (std::find(KnownFields().begin(), KnownFields().end(), key) == KnownFields().end()) {
      r.Fail(key, "champ inconnu.");
    }
  }
  r.String("slug", offer.slug, true);
  static const std::regex kSlug(R"([a-z0-9]+(-[a-z0-9]+)*)");
  if (!offer.slug.empty() && !std::regex_match(offer.slug, kSlug)) {
    r.Fail("slug", "identifiant invalide " + Quoted(offer.slug) +
                       " (minuscules, chiffres et tirets seulement).");
  }
  r.String("name", offer.name, true);
  r.String("short_title", offer.short_title);
  r.String("initial_name", offer.initial_name);
  ReadPorteurs(r, offer);
  r.StringList("programmes", offer.programmes);
  r.StringList("audiences", offer.audiences, &Audiences());
  r.StringList("types", offer.types, &OfferTypes());
  r.StringList("mobilization_steps", offer.mobilization_steps, &MobilizationSteps());
  r.StringList("destinations", offer.destinations, &Destinations());
  r.Enum("recurrence", offer.recurrence, Recurrences());
  r.Date("start_date", offer.start_date);
  r.Date("predeposit_date", offer.predeposit_date);
  r.Date("submission_deadline", offer.submission_deadline);
  r.Bool("is_call_for_projects", offer.is_call_for_projects);
  r.String("perimeter", offer.perimeter);
  CheckPerimeter(r, offer);
  ReadAdhocPerimeter(r, offer);
  ReadMembershipList(r, offer);
  ReadPopulationConditions(r, offer);
  r.StringList("themes", offer.themes, &Themes());
  r.StringList("categories", offer.categories);
  r.String("description", offer.description);
  r.String("eligibility", offer.eligibility);
  r.String("project_examples", offer.project_examples);
  ReadKeyFigures(r, offer);
  ReadAmounts(r, offer);
  r.Bool("is_charged", offer.is_charged);
  r.String("contact", offer.contact);
  r.Url("origin_url", offer.origin_url);
  r.Url("application_url", offer.application_url);
  ReadSources(r, offer);
  CheckBacking(r, offer);
  result.errors = r.TakeErrors();
  return result;
}

json OfferToJson(const Offer& o) {
  auto text_or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  auto optional_bool = [](const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); };
  auto optional_number = [](const std::optional<double>& n) { return n ? json(*n) : json(nullptr); };
  json porteurs = json::array();
  for (const Porteur& p : o.porteurs) porteurs.push_back({{"name", p.name}, {"roles", p.roles}});
  json figures = json::array();
  for (const KeyFigure& f : o.key_figures) figures.push_back({{"label", f.label}, {"value", f.value}});
  json sources = json::array();
  for (const Source& s : o.sources) {
    sources.push_back({{"seed", s.seed}, {"quote", s.quote}, {"fields", s.fields}});
  }
  json doc = json::object();
  doc["slug"] = o.slug;
  doc["name"] = o.name;
  doc["short_title"] = o.short_title;
  doc["initial_name"] = o.initial_name;
  doc["porteurs"] = porteurs;
  doc["programmes"] = o.programmes;
  doc["audiences"] = o.audiences;
  doc["types"] = o.types;
  doc["mobilization_steps"] = o.mobilization_steps;
  doc["destinations"] = o.destinations;
  doc["recurrence"] = text_or_null(o.recurrence);
  doc["start_date"] = text_or_null(o.start_date);
  doc["predeposit_date"] = text_or_null(o.predeposit_date);
  doc["submission_deadline"] = text_or_null(o.submission_deadline);
  doc["is_call_for_projects"] = optional_bool(o.is_call_for_projects);
  doc["perimeter"] = text_or_null(o.perimeter);
  doc["adhoc_perimeter"] = o.adhoc_perimeter.empty()
                               ? json(nullptr)
                               : json{{"name", o.adhoc_perimeter.name}, {"territories", o.adhoc_perimeter.territories}};
  if (!o.membership_list.empty()) doc["membership_list"] = o.membership_list;
  json conditions = json::array();
  for (const PopulationCondition& c : o.population_conditions) {
    conditions.push_back({{"territory_kind", c.territory_kind},
                          {"min_population", c.min_population ? json(*c.min_population) : json(nullptr)},
                          {"max_population", c.max_population ? json(*c.max_population) : json(nullptr)},
                          {"effect", c.effect}});
  }
  doc["population_conditions"] = conditions;
  doc["themes"] = o.themes;
  doc["categories"] = o.categories;
  doc["description"] = o.description;
  doc["eligibility"] = o.eligibility;
  doc["project_examples"] = o.project_examples;
  doc["key_figures"] = figures;
  doc["amounts"] = {{"subsidy_rate_min", optional_number(o.amounts.subsidy_rate_min)},
                    {"subsidy_rate_max", optional_number(o.amounts.subsidy_rate_max)},
                    {"loan_amount", optional_number(o.amounts.loan_amount)},
                    {"comment", o.amounts.comment}};
  doc["is_charged"] = optional_bool(o.is_charged);
  doc["contact"] = o.contact;
  doc["origin_url"] = text_or_null(o.origin_url);
  doc["application_url"] = text_or_null(o.application_url);
  doc["sources"] = sources;
  return doc;
}

std::vector<std::string> FilledFields(const Offer& o) {
  std::vector<std::string> filled;
  auto check = [&](const char* name, bool has_value) {
    if (has_value) filled.emplace_back(name);
  };
  check("name", !o.name.empty());
  check("short_title", !o.short_title.empty());
  check("initial_name", !o.initial_name.empty());
  check("porteurs", !o.porteurs.empty());
  check("programmes", !o.programmes.empty());
  check("audiences", !o.audiences.empty());
  check("types", !o.types.empty());
  check("mobilization_steps", !o.mobilization_steps.empty());
  check("destinations", !o.destinations.empty());
  check("recurrence", !o.recurrence.empty());
  check("start_date", !o.start_date.empty());
  check("predeposit_date", !o.predeposit_date.empty());
  check("submission_deadline", !o.submission_deadline.empty());
  check("is_call_for_projects", o.is_call_for_projects.has_value());
  check("perimeter", !o.perimeter.empty());
  check("adhoc_perimeter", !o.adhoc_perimeter.empty());
  check("population_conditions", !o.population_conditions.empty());
  check("themes", !o.themes.empty());
  check("categories", !o.categories.empty());
  check("description", !o.description.empty());
  check("eligibility", !o.eligibility.empty());
  check("project_examples", !o.project_examples.empty());
  check("key_figures", !o.key_figures.empty());
  check("amounts", !o.amounts.empty());
  check("is_charged", o.is_charged.has_value());
  check("contact", !o.contact.empty());
  check("origin_url", !o.origin_url.empty());
  check("application_url", !o.application_url.empty());
  return filled;
}

}  // namespace boussole::catalogue
