// The customer portal's home, Wi-Fi, devices, history, knowledge base, tickets and the
// operator's figures (routes: add_selfservice_routes in routes.h), in four files:
//   selfservice_handlers.cc       registration, history, tickets, and the helpers below
//   selfservice_home_handlers.cc  GET home, GET home/health, POST home/speed-test
//   selfservice_wifi_handlers.cc  GET/PUT wifi, PUT devices/{mac}
//   selfservice_kb_handlers.cc    the knowledge base (customers and operators), selfservice-stats
// Every customer route starts from customer_home() (portal_support.h): a customer sees and
// changes only their own home, and what belongs to another home is 404.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/api_deps.h"
#include "api/call.h"
#include "api/router.h"
#include "core/result.h"
#include "store/records.h"

namespace hearth::api {

void add_selfservice_home_routes(Router& router, const ApiDeps& deps);
void add_selfservice_wifi_routes(Router& router, const ApiDeps& deps);
void add_selfservice_kb_routes(Router& router, const ApiDeps& deps);

// A text in the portal's three languages.
struct Localised {
  const char* en;
  const char* de;
  const char* sv;
};
// The text in `lang` ("en", "de", "sv"; anything else: English).
const char* in_lang(const Localised& text, std::string_view lang);

// The gateway the home lists (role "gateway", else its first device); null when it lists none.
const store::HomeDevice* home_gateway(const store::HomeRecord& home);

// The names a customer gave the devices of a home: meta "device-names:<home id>", a JSON object
// MAC (lower case) -> name. Empty when none were given.
std::string device_names_key(const std::string& home_id);
Result<std::map<std::string, std::string>> load_device_names(const ApiDeps& deps,
                                                             const std::string& home_id);

// An audit entry for a change the customer of `call` made to `home` (actor_kind "customer").
// `details` must hold no secrets.
store::AuditRecord customer_audit(const Call& call, const store::HomeRecord& home,
                                  std::string action, std::string outcome,
                                  const nlohmann::json& details, int64_t now_ms);

// "aa:bb:cc:dd:ee:ff" from a MAC written with ':' or '-' in either case; nullopt when malformed.
std::optional<std::string> normalise_mac(std::string_view text);

}  // namespace hearth::api
