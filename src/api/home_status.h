// The status of a home in a regional disturbance or planned maintenance, in words a customer
// understands, shared by the operators' GET /api/v1/homes/{id}/status (incidents_handlers.h:
// home_status_json, English) and the customer portal's home (selfservice_handlers.cc, in the
// customer's language). Implemented in home_status.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "outage/detector.h"
#include "outage/incident.h"

namespace hearth::api {

// "ok", "disturbance" or "maintenance": "maintenance" while a window is under way (or the
// incident is one); a window that has not started yet leaves it "ok".
std::string home_status_name(const std::optional<outage::HomeOutage>& outage, int64_t now_ms);

// The message of home_status_message (incidents_handlers.h) in `lang`: "en", "de" or "sv"
// (anything else: "en"). Times as HH:MM (UTC), with the date when it is not today's; the
// operator's incident title and maintenance description are quoted as written.
std::string home_status_message(const std::optional<outage::HomeOutage>& outage, int64_t now_ms,
                                std::string_view lang);

// The sentences about one maintenance window alone (under way, or to come), in `lang`.
std::string maintenance_message(const outage::Maintenance& m, int64_t now_ms, std::string_view lang);

}  // namespace hearth::api
