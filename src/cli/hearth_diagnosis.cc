// hearth diagnosis HOME and hearth fleet: the diagnosis of one home (GET
// /api/v1/homes/{id}/diagnosis) and of the fleet (GET /api/v1/diagnosis/summary), for people.
#include <iostream>
#include <string>
#include <vector>

#include "cli/hearth_client.h"

namespace hearth::cli {

namespace {

using nlohmann::json;

// "station Annas-iPhone", "wan", "radio gw/5GHz".
std::string entity_text(const json& entity) {
  std::string out = text(field(entity, "kind"));
  const json& label = field(entity, "label");
  const json& id = field(entity, "id");
  const json& name = label.is_string() && !label.get<std::string>().empty() ? label : id;
  if (name.is_string() && !name.get<std::string>().empty()) out += " " + name.get<std::string>();
  return out;
}

// A line "label  value" when the value is a non-empty string.
void print_line(const char* label, const json& value) {
  if (!value.is_string() || value.get<std::string>().empty()) return;
  std::cout << label << value.get<std::string>() << "\n";
}

void print_code_counts(const char* header, const json& counts) {
  std::vector<std::vector<std::string>> rows;
  for (const json& c : counts)
    rows.push_back({text(field(c, "code")), text(field(c, "title")), text(field(c, "homes"))});
  if (rows.empty()) return;
  std::cout << "\n";
  print_table({header, "TITLE", "HOMES"}, rows);
}

}  // namespace

int run_diagnosis(const Options& o, const std::string& home_id) {
  auto d = call(o, "GET", "/api/v1/homes/" + encode(home_id) + "/diagnosis", {}, o.timeout_s);
  if (!d) return kRefused;
  if (o.raw_json) {
    std::cout << d->body << "\n";
    return 0;
  }
  const json& doc = d->doc;
  const json& primary = field(doc, "primaryCause");
  std::cout << "home         " << text(field(doc, "homeId")) << "\n";
  std::cout << "health       " << text(field(doc, "health")) << "/100";
  if (field(doc, "time").is_string())
    std::cout << "  (diagnosed " << text(field(doc, "time")) << ")";
  std::cout << "\n";
  if (primary.is_object()) {
    std::cout << "primary      " << text(field(primary, "code")) << "  "
              << text(field(primary, "title")) << "  [" << text(field(primary, "severity")) << ", "
              << text(field(primary, "domain")) << "] " << entity_text(field(primary, "entity"))
              << "\n";
    const json& remedy = field(primary, "remedy");
    if (field(remedy, "text").is_string() && !field(remedy, "text").get<std::string>().empty()) {
      std::cout << "remedy       " << text(field(remedy, "kind")) << ": "
                << text(field(remedy, "text")) << "\n";
    }
  } else {
    std::cout << "primary      none: no problem found\n";
  }
  print_line("customer     ", field(doc, "customerSummary"));
  print_line("agent        ", field(doc, "agentSummary"));

  std::vector<std::vector<std::string>> rows;
  for (const json& f : field(doc, "findings")) {
    rows.push_back({text(field(f, "severity")), text(field(f, "code")), text(field(f, "title")),
                    entity_text(field(f, "entity")), text(field(f, "start")),
                    text(field(f, "healthCost"))});
  }
  std::cout << "\n";
  if (rows.empty()) {
    std::cout << "no open findings\n";
  } else {
    print_table({"SEVERITY", "CODE", "TITLE", "ENTITY", "SINCE", "COST"}, rows);
  }
  return 0;
}

int run_fleet(const Options& o, const std::string& worst) {
  auto s = call(o, "GET", "/api/v1/diagnosis/summary" + query({{"worst", worst}}), {}, o.timeout_s);
  if (!s) return kRefused;
  if (o.raw_json) {
    std::cout << s->body << "\n";
    return 0;
  }
  const json& doc = s->doc;
  const json& diagnosed = field(doc, "homesDiagnosed");
  const json& healthy = field(doc, "homesHealthy");
  std::cout << "homes diagnosed  " << text(diagnosed) << "\n";
  std::cout << "healthy          " << text(healthy);
  if (diagnosed.is_number_unsigned() && healthy.is_number_unsigned() &&
      diagnosed.get<uint64_t>() > 0) {
    std::cout << " (" << healthy.get<uint64_t>() * 100 / diagnosed.get<uint64_t>() << "%)";
  }
  std::string histogram;
  for (const json& b : field(doc, "healthHistogram")) {
    if (!histogram.empty()) histogram += "  ";
    histogram +=
        text(field(b, "from")) + "-" + text(field(b, "to")) + ": " + text(field(b, "homes"));
  }
  std::cout << "\nhealth           " << histogram << "\n";
  print_code_counts("PRIMARY CAUSE", field(doc, "primaryCauses"));
  print_code_counts("OPEN FINDING", field(doc, "openFindings"));
  std::vector<std::vector<std::string>> rows;
  for (const json& w : field(doc, "worst")) {
    rows.push_back(
        {text(field(w, "homeId")), text(field(w, "health")), text(field(w, "primaryCause"))});
  }
  if (!rows.empty()) {
    std::cout << "\n";
    print_table({"WORST HOME", "HEALTH", "PRIMARY CAUSE"}, rows);
  }
  return 0;
}

}  // namespace hearth::cli
