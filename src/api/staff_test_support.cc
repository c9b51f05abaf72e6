#include "api/staff_test_support.h"

#include <chrono>
#include <future>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/crypto.h"

namespace hearth::api::testing {

std::string set_cookie_value(const ApiResponse& r, const std::string& name) {
  for (const auto& [field, value] : r.headers.entries()) {
    if (field != "Set-Cookie" || value.rfind(name + "=", 0) != 0) continue;
    return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
  }
  return "";
}

ApiResponse send_request(ApiHarness& h, ApiRequest request) {
  std::promise<ApiResponse> promise;
  std::future<ApiResponse> future = promise.get_future();
  h.api().handle(std::move(request), [&promise](ApiResponse r) { promise.set_value(std::move(r)); });
  // A safety net against a handler that never answers, not a synchronisation device.
  if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << "no answer";
    std::abort();  // the callback still refers to the promise
  }
  return future.get();
}

std::string add_user(ApiHarness& h, const StaffSpec& spec) {
  crypto::init();
  const int64_t now = to_unix_ms(h.clock().now());
  store::UserRecord u;
  u.id = spec.id.empty() ? "u-" + spec.login : spec.id;
  u.login = spec.login;
  u.name = spec.name;
  u.email = spec.email;
  u.role = spec.role;
  u.password_hash = spec.password.empty() ? "" : crypto::hash_password(spec.password);
  u.disabled = spec.disabled;
  u.created_ms = now;
  u.updated_ms = now;
  const Status st = h.store().write_sync(store::WriteBatch().add(store::PutUser{u}));
  EXPECT_TRUE(st.ok()) << st.error().message;
  return u.id;
}

StaffSession login_staff(ApiHarness& h, const std::string& login, const std::string& password) {
  const nlohmann::json body = {{"login", login}, {"password", password}};
  const ApiResponse r = h.call("POST", "/api/v1/staff/session", body.dump(), "");
  EXPECT_EQ(r.status, 200) << r.body;
  StaffSession s;
  const nlohmann::json j = body_json(r);
  if (r.status != 200 || !j.is_object()) return s;
  s.user_id = j["user"].value("id", "");
  s.csrf = j.value("csrfToken", "");
  s.cookie = set_cookie_value(r, "hearth_staff");
  EXPECT_FALSE(s.cookie.empty()) << "no hearth_staff cookie";
  return s;
}

StaffSession add_and_login(ApiHarness& h, const StaffSpec& spec) {
  add_user(h, spec);
  return login_staff(h, spec.login, spec.password);
}

ApiResponse staff_call(ApiHarness& h, const StaffSession& s, const std::string& method, const std::string& target,
                       const std::string& body, bool csrf,
                       const std::vector<std::pair<std::string, std::string>>& extra) {
  ApiRequest request = ApiHarness::request(method, target, body, "");
  request.headers.add("Host", "console.test");
  if (!s.cookie.empty()) request.headers.add("Cookie", "hearth_staff=" + s.cookie);
  if (csrf && !s.csrf.empty()) request.headers.add("X-CSRF-Token", s.csrf);
  for (const auto& [name, value] : extra) request.headers.add(name, value);
  return send_request(h, std::move(request));
}

std::vector<store::AuditRecord> audit_entries(ApiHarness& h) {
  h.store().flush();
  store::AuditQuery q;
  q.limit = 10'000;
  Result<std::vector<store::AuditRecord>> entries = h.store().list_audit(q);
  EXPECT_TRUE(entries.ok());
  return entries.ok() ? *entries : std::vector<store::AuditRecord>{};
}

}  // namespace hearth::api::testing
