#include "api/login_replies.h"

#include <algorithm>

#include "api/body_fields.h"
#include "api/customer_auth.h"
#include "api/errors.h"
#include "api/handler_support.h"

namespace hearth::api {

ApiResponse rate_limited(const RateLimiter::Decision& d) {
  const int64_t seconds = std::max<int64_t>((d.retry_after_ms + 999) / 1000, 1);
  ApiResponse r = portal_error(429, "rate_limited",
                               "too many attempts; try again in " + std::to_string(seconds) + " seconds");
  r.headers.set("Retry-After", std::to_string(seconds));
  return r;
}

ApiResponse invalid_credentials(int status) {
  return portal_error(status, "invalid_credentials", "the login or the password is wrong");
}

Result<std::string> secret_field(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return invalid_field(name, "required, a string");
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() > kMaxSecretBytes) {
    return invalid_field(name, "longer than " + std::to_string(kMaxSecretBytes) + " bytes");
  }
  return s;
}

bool password_length_ok(const std::string& password, size_t min_chars) {
  size_t chars = 0;
  for (unsigned char c : password) chars += (c & 0xC0) != 0x80;
  return chars >= min_chars && chars <= kMaxPasswordChars;
}

void write_then_set_cookie(const ApiDeps& deps, store::WriteBatch batch, const CallPtr& call,
                           nlohmann::json answer, std::string cookie) {
  write_then(deps, std::move(batch), call, [call, answer = std::move(answer), cookie = std::move(cookie)] {
    ApiResponse r = json_response(200, answer);
    r.headers.add("Set-Cookie", cookie);
    r.headers.set("Cache-Control", "no-store");
    call->respond(std::move(r));
  });
}

}  // namespace hearth::api
