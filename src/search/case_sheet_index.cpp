#include "search/case_sheet_index.h"

#include <algorithm>

#include "search/text_analyzer.h"

namespace boussole::search {
namespace {

bool ListHas(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string KindOf(const std::string& typed_id) { return typed_id.substr(0, typed_id.find(':')); }

}  // namespace

CaseSheetIndex::CaseSheetIndex(std::vector<projects::Project> sheets,
                               std::map<std::string, std::vector<std::string>> ancestors)
    : sheets_(std::move(sheets)) {
  std::stable_sort(sheets_.begin(), sheets_.end(),
                   [](const auto& a, const auto& b) { return a.published_at > b.published_at; });
  for (const projects::Project& p : sheets_) {
    Entry e;
    // Everything the sheet shows is searchable; the private description never is.
    const std::string text = p.name + "\n" + p.public_description + "\n" + p.sheet.context + "\n" + p.sheet.actions +
                             "\n" + p.sheet.results + "\n" + p.sheet.testimony + "\n" + p.sheet.partners;
    e.terms = AnalyzeTerms(text);
    std::sort(e.terms.begin(), e.terms.end());
    e.terms.erase(std::unique(e.terms.begin(), e.terms.end()), e.terms.end());
    e.covering.push_back(p.territory);
    if (auto found = ancestors.find(p.territory); found != ancestors.end()) {
      e.covering.insert(e.covering.end(), found->second.begin(), found->second.end());
    }
    entries_.push_back(std::move(e));
  }
}

CaseSheetResults CaseSheetIndex::Search(const CaseSheetQuery& query) const {
  const std::vector<std::string> words = AnalyzeTerms(query.text);
  CaseSheetResults out;
  std::vector<const projects::Project*> matching;
  for (std::size_t i = 0; i < sheets_.size(); ++i) {
    const Entry& e = entries_[i];
    const bool text_ok = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
      return std::binary_search(e.terms.begin(), e.terms.end(), w);
    });
    const bool territory_ok = query.territory.empty() || ListHas(e.covering, query.territory);
    if (!text_ok || !territory_ok) continue;
    // The theme facet counts with the other filters, not its own: choosing a theme keeps
    // the others' counts meaningful.
    for (const std::string& theme : sheets_[i].themes) ++out.theme_counts[theme];
    const bool theme_ok = query.themes.empty() || std::any_of(query.themes.begin(), query.themes.end(), [&](const auto& t) {
                            return ListHas(sheets_[i].themes, t);
                          });
    if (!theme_ok) continue;
    ++out.kind_counts[KindOf(sheets_[i].territory)];
    matching.push_back(&sheets_[i]);
  }
  out.total = matching.size();
  const std::size_t per_page = std::max<std::size_t>(query.per_page, 1);
  const std::size_t first = (std::max<std::size_t>(query.page, 1) - 1) * per_page;
  for (std::size_t i = first; i < matching.size() && i < first + per_page; ++i) out.items.push_back(matching[i]);
  return out;
}

const projects::Project* CaseSheetIndex::Find(std::int64_t project_id) const {
  for (const auto& p : sheets_) {
    if (p.id == project_id) return &p;
  }
  return nullptr;
}

}  // namespace boussole::search
