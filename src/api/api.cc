#include "api/api.h"

#include <chrono>
#include <exception>

#include <spdlog/spdlog.h>

#include "api/audit_trail.h"
#include "api/customer_auth.h"
#include "api/errors.h"
#include "api/routes.h"
#include "api/staff_auth.h"

namespace hearth::api {

namespace {

// Bounded label values: a client cannot grow the metric families with made-up methods or paths.
std::string method_label(const std::string& method) {
  static const char* const kKnown[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
  for (const char* m : kKnown) {
    if (method == m) return method;
  }
  return "other";
}

}  // namespace

struct Api::Metrics {
  explicit Metrics(metrics::Registry& r)
      : requests(r.counter("hearth_api_requests_total", "API requests by method, route and status",
                           {"method", "route", "status"})),
        duration(r.histogram("hearth_api_request_duration_seconds", "API request latency by route",
                             metrics::default_latency_buckets(), {"route"})) {}
  metrics::CounterFamily& requests;
  metrics::HistogramFamily& duration;
};

Api::Api(ApiDeps deps)
    : deps_(std::move(deps)),
      auth_(deps_.store, deps_.bootstrap_token),
      metrics_(std::make_unique<Metrics>(deps_.metrics)) {
  (void)operation_id("", "");  // the audit trail's map of operationIds, built once, now
  add_system_routes(router_, deps_);
  add_device_routes(router_, deps_);
  add_task_routes(router_, deps_);
  add_fault_routes(router_, deps_);
  add_file_routes(router_, deps_);
  add_profile_routes(router_, deps_);
  add_token_routes(router_, deps_);
  add_import_routes(router_, deps_);
  add_home_routes(router_, deps_);
  add_diagnosis_routes(router_, deps_);
  add_line_event_routes(router_, deps_);
  add_topology_routes(router_, deps_);
  add_incident_routes(router_, deps_);
  add_maintenance_routes(router_, deps_);
  add_webhook_routes(router_, deps_);
  add_selfservice_auth_routes(router_, deps_);
  add_selfservice_routes(router_, deps_);
  add_selfservice_troubleshoot_routes(router_, deps_);
  add_staff_auth_routes(router_, deps_);
  add_user_routes(router_, deps_);
  add_audit_routes(router_, deps_);
  add_customer_routes(router_, deps_);
  add_ticket_routes(router_, deps_);
  add_fleet_routes(router_, deps_);
  add_campaign_routes(router_, deps_);
  add_settings_routes(router_, deps_);
}

Api::~Api() {
  // The routes first: a route may own a thread still answering calls (the import queue), and an
  // answer goes through metrics_.
  router_ = Router();
}

namespace {

// Whether the caller's role may use a route of `access` with this method (role_rank(), call.h).
bool role_allows(Access access, const std::string& method, const std::string& role) {
  const int rank = role_rank(role);
  const bool read = method == "GET" || method == "HEAD";
  switch (access) {
    case Access::kPublic:
      return true;
    case Access::kAuthenticated:
      return read ? rank >= 1 : rank >= 4;
    case Access::kAgent:
      return read ? rank >= 1 : rank >= 2;
    case Access::kSupervisor:
      return rank >= 3;
    case Access::kOperator:
      return rank >= 4;
    case Access::kCustomer:
      return false;
  }
  return false;
}

}  // namespace

void Api::handle(ApiRequest request, std::function<void(ApiResponse)> done) {
  const auto started = std::chrono::steady_clock::now();
  Result<Router::Match> match = router_.match(request.method, request.path);
  const Router::Route* route = match.ok() ? match->route : nullptr;
  Responder responder = [m = metrics_.get(), done = std::move(done), started,
                         method = method_label(request.method),
                         route_label = route ? route->pattern : std::string("unmatched")](ApiResponse r) {
    m->requests.with({method, route_label, std::to_string(r.status)}).inc();
    m->duration.with({route_label})
        .observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    done(std::move(r));
  };
  PathParams params;
  if (match.ok()) params = std::move(match->params);

  if (!match.ok()) {
    auto call = std::make_shared<Call>(std::move(request), std::move(params), std::move(responder));
    call->fail(match.error());
    return;
  }
  if (route != nullptr && route->access == Access::kCustomer) {
    auto call = std::make_shared<Call>(std::move(request), std::move(params), std::move(responder));
    // The portal: a session cookie only. A bearer token here is a client mixing up the two APIs;
    // it is refused rather than ignored so that the mistake shows. A staff cookie is not looked at.
    if (call->request().headers.get("Authorization")) {
      call->fail(make_error(ErrorCode::kUnauthenticated, "API tokens are not accepted here; log in to the portal"));
      return;
    }
    Result<Principal> principal = authenticate_customer(deps_, call->request());
    if (!principal) {
      call->fail(principal.error());
      return;
    }
    if (Status st = check_customer_change(deps_, call->request(), *principal); !st) {
      call->respond(portal_error(403, "csrf", st.error().message));
      return;
    }
    call->principal() = std::move(*principal);
    dispatch(*route, std::move(call));
    return;
  }
  // Unknown paths need a token too, so that probing without one learns nothing about routes.
  // An API token (the Authorization header) or a staff session (the hearth_staff cookie; the header
  // wins when both are there). A portal session cookie never reaches these routes.
  const bool needs_auth = route == nullptr || route->access != Access::kPublic;
  Result<Principal> principal = Principal{};
  const std::optional<std::string_view> authorization = request.headers.get("Authorization");
  const bool by_session = needs_auth && !authorization && has_staff_cookie(request);
  if (needs_auth) principal = by_session ? authenticate_staff(deps_, request) : auth_.authenticate(authorization);
  // Every change by an authenticated caller is audited, whatever its outcome.
  if (needs_auth && principal.ok() && route != nullptr && request.method != "GET" && request.method != "HEAD") {
    responder = audit_responder(deps_, *route, params, request, *principal, std::move(responder));
  }
  auto call = std::make_shared<Call>(std::move(request), std::move(params), std::move(responder));
  if (!principal) {
    call->fail(principal.error());
    return;
  }
  call->principal() = std::move(*principal);
  if (by_session) {
    if (Status st = check_staff_change(deps_, call->request(), call->principal()); !st) {
      call->respond(portal_error(403, "csrf", st.error().message));
      return;
    }
  }
  if (route == nullptr) {
    if (!match->allowed.empty()) {
      call->respond(method_not_allowed_response(match->allowed));
    } else {
      call->fail(make_error(ErrorCode::kNotFound, "no such API path: " + call->request().path));
    }
    return;
  }
  if (!role_allows(route->access, route->method, call->principal().role)) {
    const bool read_token = call->principal().role == kRoleRead && route->method != "GET";
    call->fail(make_error(ErrorCode::kPermissionDenied,
                          read_token ? std::string("this token may only read")
                                     : "the role '" + call->principal().role + "' may not do this"));
    return;
  }
  dispatch(*route, std::move(call));
}

void Api::dispatch(const Router::Route& route, CallPtr call) {
  // Handlers return errors as values; this is the last line of defence against a library throwing
  // (a bad_alloc on a huge body, a JSON accessor misused), so that one request cannot take the
  // server down.
  try {
    route.handler(call);
  } catch (const std::exception& e) {
    spdlog::error("api: {} {} threw: {}", route.method, route.pattern, e.what());
    if (!call->responded()) call->fail(make_error(ErrorCode::kInternal, e.what()));
  }
}

}  // namespace hearth::api
