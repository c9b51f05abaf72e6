// Subscribers, homes and topology as the API shows them (the conventions of views.h). A
// subscriber's password hash is never shown, only whether there is one.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "store/records.h"

namespace hearth::api {

nlohmann::json region_json(const store::RegionRecord& r);
// homes: how many homes hang off the node, when known.
nlohmann::json access_node_json(const store::AccessNodeRecord& n,
                                std::optional<uint64_t> homes = std::nullopt);
nlohmann::json subscriber_json(const store::SubscriberRecord& s);
nlohmann::json home_device_json(const store::HomeDevice& d);
nlohmann::json home_json(const store::HomeRecord& h);

}  // namespace hearth::api
