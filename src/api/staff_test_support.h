// Helpers for tests of the staff console's API: users in the harness' store, logging in, and
// calls with the hearth_staff cookie and the CSRF token.
#pragma once

#include <string>
#include <vector>

#include "api/api_test_support.h"
#include "store/records.h"

namespace hearth::api::testing {

struct StaffSpec {
  std::string id;  // "": "u-" + login
  std::string login = "olivia";
  std::string name = "Olivia Operator";
  std::string email = "olivia@isp.test";
  std::string role = "operator";
  std::string password = "operator password 1";
  bool disabled = false;
};

struct StaffSession {
  std::string user_id;
  std::string cookie;  // the value of hearth_staff
  std::string csrf;
};

// Writes the user (password hashed with argon2id) straight into the store; returns its id.
std::string add_user(ApiHarness& h, const StaffSpec& spec = {});

// Logs in through POST /api/v1/staff/session; fails the test unless it answers 200.
StaffSession login_staff(ApiHarness& h, const std::string& login, const std::string& password);
// add_user, then login_staff.
StaffSession add_and_login(ApiHarness& h, const StaffSpec& spec);

// A request with the session's cookie (when it has one) and (csrf true) its X-CSRF-Token, from
// Host console.test; `extra` headers are added as given.
ApiResponse staff_call(ApiHarness& h, const StaffSession& s, const std::string& method, const std::string& target,
                       const std::string& body = "", bool csrf = true,
                       const std::vector<std::pair<std::string, std::string>>& extra = {});

// Sends a prepared request and waits for the answer.
ApiResponse send_request(ApiHarness& h, ApiRequest request);

// The value the response's Set-Cookie gives `name` ("" when it sets none).
std::string set_cookie_value(const ApiResponse& r, const std::string& name);

// Every audit entry, newest first, after the store has committed what was queued.
std::vector<store::AuditRecord> audit_entries(ApiHarness& h);

}  // namespace hearth::api::testing
