#include "api/api.h"

#include <chrono>
#include <exception>

#include <spdlog/spdlog.h>

#include "api/customer_auth.h"
#include "api/errors.h"
#include "api/routes.h"

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
}

Api::~Api() {
  // The routes first: a route may own a thread still answering calls (the import queue), and an
  // answer goes through metrics_.
  router_ = Router();
}

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
  auto call = std::make_shared<Call>(std::move(request), std::move(params), std::move(responder));

  if (!match.ok()) {
    call->fail(match.error());
    return;
  }
  if (route != nullptr && route->access == Access::kCustomer) {
    // The portal: a session cookie only. A bearer token here is a client mixing up the two APIs;
    // it is refused rather than ignored so that the mistake shows.
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
  // Only the Authorization header counts: a portal session cookie never reaches these routes.
  if (route == nullptr || route->access != Access::kPublic) {
    Result<Principal> principal = auth_.authenticate(call->request().headers.get("Authorization"));
    if (!principal) {
      call->fail(principal.error());
      return;
    }
    call->principal() = std::move(*principal);
  }
  if (route == nullptr) {
    if (!match->allowed.empty()) {
      call->respond(method_not_allowed_response(match->allowed));
    } else {
      call->fail(make_error(ErrorCode::kNotFound, "no such API path: " + call->request().path));
    }
    return;
  }
  if (route->access != Access::kPublic && route->method != "GET" && call->principal().role != kRoleAdmin) {
    call->fail(make_error(ErrorCode::kPermissionDenied, "this token may only read"));
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
