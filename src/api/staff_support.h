// Small steps the agent console's handlers share (customers_handlers.cc, home_overview.cc,
// tickets_handlers.cc, fleet_handlers.cc): customers and tickets as the console shows them, who
// the caller is, ticket ids, firmware images and a home's open incident.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api_deps.h"
#include "api/call.h"
#include "core/result.h"
#include "store/records.h"
#include "store/store.h"

namespace hearth::api {

// A MAC address as a search term may write it: "aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF",
// "aabbccddeeff" or "aabb.ccdd.eeff", in either case. Lower-case "aa:bb:cc:dd:ee:ff", or nullopt
// when `text` is not one.
std::optional<std::string> mac_from_text(std::string_view text);

// {account, name, email, street, postalCode, city}.
nlohmann::json customer_json(const store::SubscriberRecord& s);

// Who made a call, as tickets and audit entries name them: the staff user's id, else the token's
// id; and the actor kind of audit entries: the staff role, else "token".
std::string principal_actor(const Principal& p);
std::string principal_actor_kind(const Principal& p);

// Display names of customers and staff users, each read from the store once per request.
class NameCache {
 public:
  explicit NameCache(store::Store& store) : store_(store) {}
  // The subscriber's name; "" when unknown.
  std::string customer(const std::string& account);
  // The user's name (or, for a token, its name); "" when unknown or empty.
  std::string staff(const std::string& id);

 private:
  store::Store& store_;
  std::map<std::string, std::string> customers_;
  std::map<std::string, std::string> staff_;
};

// TicketSummary: {id, account, customerName, homeId, state, source, causeCode, incidentId,
// assignee, assigneeName, subject, createdAt, updatedAt}; ids as strings, "" as null.
nlohmann::json ticket_summary_json(const store::TicketRecord& t, NameCache& names);

// Compares dotted version strings by their numeric parts ("1.10" > "1.9"); text parts compare
// as text. Negative, zero or positive.
int compare_versions(const std::string& a, const std::string& b);
// The newest firmware image (file type "1 Firmware Upgrade Image") for the device's product
// class (and OUI, when the file names one) that is newer than what it runs.
std::optional<store::FileRecord> newer_firmware(const std::vector<store::FileRecord>& files,
                                                const store::DeviceRecord& device);

// The newest open incident that lists the home; nullopt when none.
Result<std::optional<store::IncidentRecord>> open_incident_of(store::Store& store,
                                                              const std::string& home_id);
// The incident as the console's status shows it: {id, state, cause, accessNode, since, etr,
// affectedHomes}.
nlohmann::json incident_status_json(const store::IncidentRecord& r);

}  // namespace hearth::api
