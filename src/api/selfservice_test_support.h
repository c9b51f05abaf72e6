// Helpers for tests of the customer portal's API: customers with passwords and homes in the
// harness' store, logging in, and calls with the session cookie and the CSRF token.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "api/api_test_support.h"
#include "selfservice/notifier.h"

namespace hearth::api::testing {

struct CustomerSession {
  std::string account;
  std::string cookie;  // the value of hearth_session
  std::string csrf;
};

struct CustomerSpec {
  std::string account = "A-1001";
  std::string name = "Alice Example";
  std::string email = "alice@example.net";
  std::string password = "correct horse battery";
  std::string home_id = "home-1";
  std::string access_node_id = "an-1";  // created (with region "r-1") when missing
  std::string gateway_serial = "SN0001";  // a gateway device record is added to the store too
};

// Writes the subscriber (password hashed with argon2id), region, access node, home and gateway.
// Returns the gateway's device id.
std::string add_customer(ApiHarness& h, const CustomerSpec& spec = {});
// Logs in through POST /api/v1/selfservice/login; fails the test unless it answers 200.
CustomerSession login_customer(ApiHarness& h, const std::string& login, const std::string& password);
// A request with the session's cookie and (csrf true) its X-CSRF-Token.
ApiResponse customer_call(ApiHarness& h, const CustomerSession& s, const std::string& method,
                          const std::string& target, const std::string& body = "", bool csrf = true);

// Keeps the links it was asked to send.
class RecordingNotifier : public selfservice::Notifier {
 public:
  void send_password_reset(const store::SubscriberRecord& subscriber, const std::string& link) override;
  std::vector<std::pair<std::string, std::string>> sent() const;  // (account, link)
 private:
  mutable std::mutex mu_;
  std::vector<std::pair<std::string, std::string>> sent_;
};

}  // namespace hearth::api::testing
