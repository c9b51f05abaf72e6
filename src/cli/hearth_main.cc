// hearth: the admin command line. It speaks hearthd's HTTP API only (never the store), so it works
// against any hearthd it can reach.
//
//   hearth [--url URL] [--token TOKEN] [--json] import FILE
//   hearth homes [--access-node ID] [--region ID] [-q TEXT] [--limit N]
//   hearth home ID
//   hearth devices [-q TEXT] [--limit N]
//   hearth diagnosis HOME
//   hearth fleet [--worst N]
//   hearth incidents | incident ID | maintenance ... | webhooks ... | home-status HOME
//     (regional disturbances: hearth_incidents.h)
//   hearth users list | add ... | update ID ... | delete ID  (staff users: hearth_users.h)
//
// URL defaults to $HEARTH_URL, then http://127.0.0.1:8080; TOKEN to $HEARTH_TOKEN. --json prints
// the API's answer as it came. Exit status: 0 done, 1 the request was refused or hearthd could not
// be reached, 2 a usage error.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/hearth_client.h"
#include "cli/hearth_incidents.h"
#include "cli/hearth_users.h"

namespace {

using nlohmann::json;
using namespace hearth::cli;

int run_import(const Options& o, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "hearth: cannot read " << file << "\n";
    return kUsage;
  }
  std::stringstream body;
  body << in.rdbuf();
  auto answer = call(o, "POST", "/api/v1/import", body.str(), o.import_timeout_s);
  if (!answer) return kRefused;
  if (o.raw_json) {
    std::cout << answer->body << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  const std::pair<const char*, const char*> kinds[] = {{"regions", "regions"},
                                                       {"accessNodes", "access nodes"},
                                                       {"subscribers", "subscribers"},
                                                       {"homes", "homes"}};
  for (const auto& [key, label] : kinds) {
    const json& c = field(answer->doc, key);
    rows.push_back(
        {label, text(field(c, "created")), text(field(c, "updated")), text(field(c, "unchanged"))});
  }
  print_table({"", "CREATED", "UPDATED", "UNCHANGED"}, rows);
  return 0;
}

int run_homes(const Options& o, const std::string& access_node, const std::string& region,
              const std::string& q, const std::string& offset, const std::string& limit) {
  auto page = call(o, "GET",
                   "/api/v1/homes" + query({{"accessNode", access_node},
                                            {"region", region},
                                            {"q", q},
                                            {"offset", offset},
                                            {"limit", limit}}),
                   {}, o.timeout_s);
  if (!page) return kRefused;
  if (o.raw_json) {
    std::cout << page->body << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const json& h : field(page->doc, "items")) {
    const json& s = field(h, "subscriber");
    rows.push_back({text(field(h, "id")), text(field(h, "account")),
                    s.is_object() ? text(field(s, "name")) : "-",
                    s.is_object() ? text(field(field(s, "address"), "city")) : "-",
                    text(field(h, "accessNode")), std::to_string(field(h, "devices").size())});
  }
  print_table({"HOME", "ACCOUNT", "NAME", "CITY", "ACCESS NODE", "DEVICES"}, rows);
  print_footer(page->doc, "homes");
  return 0;
}

int run_home(const Options& o, const std::string& id) {
  auto h = call(o, "GET", "/api/v1/homes/" + encode(id), {}, o.timeout_s);
  if (!h) return kRefused;
  if (o.raw_json) {
    std::cout << h->body << "\n";
    return 0;
  }
  const json& s = field(h->doc, "subscriber");
  const json& node = field(field(h->doc, "topology"), "accessNode");
  const json& region = field(field(h->doc, "topology"), "region");
  std::cout << "home         " << text(field(h->doc, "id")) << "\n";
  std::cout << "subscriber   " << text(field(h->doc, "account"));
  if (s.is_object()) {
    const json& email = field(s, "email");
    const json& address = field(s, "address");
    std::cout << "  " << text(field(s, "name"));
    if (email.is_string() && !email.get<std::string>().empty())
      std::cout << " <" << text(email) << ">";
    std::cout << "\naddress      " << text(field(address, "street")) << ", "
              << text(field(address, "postalCode")) << " " << text(field(address, "city"));
    std::cout << "\nportal       "
              << (field(s, "hasPassword") == true ? "has a password" : "no password yet");
  }
  std::cout << "\naccess node  " << text(field(h->doc, "accessNode"));
  if (node.is_object())
    std::cout << "  " << text(field(node, "name")) << " (" << text(field(node, "kind")) << ")";
  if (region.is_object())
    std::cout << "\nregion       " << text(field(region, "id")) << "  "
              << text(field(region, "name"));
  std::cout << "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const json& d : field(h->doc, "devices")) {
    const bool known = field(d, "known") == true;
    rows.push_back({text(field(d, "role")), text(field(d, "deviceId")),
                    text(field(d, "manufacturer")),
                    known ? text(field(d, "lastInform")) : "never connected",
                    text(field(d, "softwareVersion"))});
  }
  print_table({"ROLE", "DEVICE", "MANUFACTURER", "LAST INFORM", "SOFTWARE"}, rows);
  return 0;
}

int run_devices(const Options& o, const std::string& q, const std::string& offset,
                const std::string& limit) {
  auto page =
      call(o, "GET", "/api/v1/devices" + query({{"q", q}, {"offset", offset}, {"limit", limit}}),
           {}, o.timeout_s);
  if (!page) return kRefused;
  if (o.raw_json) {
    std::cout << page->body << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const json& d : field(page->doc, "items")) {
    rows.push_back({text(field(d, "id")), text(field(d, "modelName")),
                    text(field(d, "softwareVersion")), text(field(d, "lastInform")),
                    text(field(d, "lastAddress"))});
  }
  print_table({"DEVICE", "MODEL", "SOFTWARE", "LAST INFORM", "ADDRESS"}, rows);
  print_footer(page->doc, "devices");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hearth: administer a hearthd over its HTTP API"};
  app.fallthrough();  // global options may follow the command
  app.require_subcommand(1);
  Options o;
  app.add_option("--url", o.url, "hearthd's API, default http://127.0.0.1:8080")
      ->envname("HEARTH_URL");
  app.add_option("--token", o.token, "an API token (admin for import)")->envname("HEARTH_TOKEN");
  app.add_flag("--json", o.raw_json, "print the API's JSON answer as it came");
  app.add_option("--timeout", o.timeout_s,
                 "seconds to wait for an answer (import: --import-timeout)")
      ->check(CLI::PositiveNumber);

  std::string file, access_node, region, q, offset, limit, home_id;
  CLI::App* import =
      app.add_subcommand("import", "import subscribers, homes and topology from a file");
  import->add_option("FILE", file, "an import file (format hearth-import)")->required();
  import
      ->add_option("--import-timeout", o.import_timeout_s,
                   "seconds to wait for the import, default 3600")
      ->check(CLI::PositiveNumber);
  CLI::App* homes = app.add_subcommand("homes", "list homes");
  homes->add_option("--access-node", access_node, "only the homes on this access node");
  homes->add_option("--region", region, "only the homes in this region");
  homes->add_option("-q", q, "search name, account, address, email or home id");
  homes->add_option("--offset", offset, "homes to skip");
  homes->add_option("--limit", limit, "homes to show (at most 1000)");
  CLI::App* home = app.add_subcommand("home", "show one home");
  home->add_option("ID", home_id, "the home id")->required();
  CLI::App* devices = app.add_subcommand("devices", "list devices");
  devices->add_option("-q", q, "search id, serial number, model or product class");
  devices->add_option("--offset", offset, "devices to skip");
  devices->add_option("--limit", limit, "devices to show (at most 1000)");
  CLI::App* diagnosis =
      app.add_subcommand("diagnosis", "show a home's diagnosis: primary cause, health, findings");
  diagnosis->add_option("HOME", home_id, "the home id")->required();
  std::string worst;
  CLI::App* fleet = app.add_subcommand("fleet", "show the diagnosis of the whole fleet");
  fleet->add_option("--worst", worst, "homes of lowest health to list, default 10 (at most 1000)");
  const std::shared_ptr<IncidentCommands> outage = add_incident_commands(app);
  const std::shared_ptr<UserCommands> users = add_user_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kUsage;
  }
  if (*import) return run_import(o, file);
  if (*homes) return run_homes(o, access_node, region, q, offset, limit);
  if (*home) return run_home(o, home_id);
  if (*devices) return run_devices(o, q, offset, limit);
  if (*diagnosis) return run_diagnosis(o, home_id);
  if (*fleet) return run_fleet(o, worst);
  if (std::optional<int> status = run_incident_commands(o, *outage)) return *status;
  if (std::optional<int> status = run_user_commands(o, *users)) return *status;
  return kUsage;
}
