// Customer search for the agent console (GET /api/v1/customers?q=): one box for an account
// number, a name, an email, an address, a gateway serial or a MAC address.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api_deps.h"
#include "core/result.h"

namespace hearth::api {

inline constexpr size_t kDefaultCustomerResults = 20;
inline constexpr size_t kMaxCustomerResults = 100;

// The customers `q` finds, each with what matched: the account number exactly first, then a
// gateway whose serial number is q, then homes whose newest snapshot lists q as a MAC address
// (any of the usual forms; ApiDeps::diagnosis null: no MAC search), then a substring of the
// account, name, email or address (ASCII case ignored), at most `limit` customers, each once
// with its first match. JSON as the contract's GET /api/v1/customers.
Result<nlohmann::json> search_customers(const ApiDeps& deps, const std::string& q, size_t limit);

// {id, accessNode, gateway:{deviceId, serial, model}|null} of one home.
Result<nlohmann::json> home_brief_json(const ApiDeps& deps, const store::HomeRecord& home);

}  // namespace hearth::api
