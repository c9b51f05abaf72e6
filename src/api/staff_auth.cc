#include "api/staff_auth.h"

#include "api/errors.h"
#include "core/clock.h"

namespace hearth::api {

namespace {

Error session_ended() {
  return make_error(ErrorCode::kUnauthenticated, "your session has ended; please log in again");
}

}  // namespace

bool has_staff_cookie(const ApiRequest& request) { return cookie_value(request, kStaffCookie).has_value(); }

Result<Principal> authenticate_staff(const ApiDeps& deps, const ApiRequest& request) {
  const std::optional<std::string> token = cookie_value(request, kStaffCookie);
  if (!token) return make_error(ErrorCode::kUnauthenticated, "please log in");
  Result<store::SessionRecord> session = load_session(deps, deps.staff, *token, kSessionKindStaff);
  if (!session) return session.error();
  // The user is read on every call, so that disabling someone (or a role change) takes effect at
  // once, not when their session ends.
  Result<std::optional<store::UserRecord>> user = deps.store.get_user(session->subject);
  if (!user) return make_error(ErrorCode::kUnavailable, "cannot check the session now; try again");
  if (!user->has_value() || (*user)->disabled || role_rank((*user)->role) < 2) return session_ended();
  Principal p;
  p.user_id = (*user)->id;
  p.name = (*user)->name.empty() ? (*user)->login : (*user)->name;
  p.role = (*user)->role;
  p.session_hash = std::move(session->token_hash);
  p.csrf_token = std::move(session->csrf_token);
  return p;
}

Status check_staff_change(const ApiDeps& deps, const ApiRequest& request, const Principal& principal) {
  if (request.method == "GET" || request.method == "HEAD") return ok_status();
  if (Status st = check_csrf(request, principal); !st) return st;
  // The console and the portal are served by the same listener; either configured address counts.
  if (check_origin_against(request, deps.staff.public_url).ok()) return ok_status();
  return check_origin_against(request, deps.portal.public_url);
}

NewSession new_staff_session(const ApiDeps& deps, const std::string& user_id, std::string_view user_agent) {
  return new_session(deps, deps.staff, kSessionKindStaff, user_id, user_agent);
}

std::string staff_cookie_header(const ApiDeps& deps, const std::string& token) {
  return cookie_header(kStaffCookie, token, deps.staff);
}

std::string cleared_staff_cookie_header(const ApiDeps& deps) { return cleared_cookie_header(kStaffCookie, deps.staff); }

bool verify_staff_password(const store::UserRecord* user, std::string_view password) {
  // A disabled user's password is still checked (against the dummy), so the timing says nothing.
  const bool usable = user != nullptr && !user->disabled;
  return verify_password_evenly(usable ? std::string_view(user->password_hash) : std::string_view(), password);
}

nlohmann::json user_json(const store::UserRecord& user) {
  return {{"id", user.id},
          {"login", user.login},
          {"name", user.name},
          {"email", user.email},
          {"role", user.role},
          {"disabled", user.disabled},
          {"createdAt", format_iso8601(from_unix_ms(user.created_ms))},
          {"updatedAt", format_iso8601(from_unix_ms(user.updated_ms))}};
}

}  // namespace hearth::api
