// /api/v1/settings: the live diagnosis thresholds and outage parameters (settings_desk.h). Any
// staff member or token reads them; only operators change them.
#include "api/request_params.h"
#include "api/routes.h"
#include "api/settings_desk.h"

namespace hearth::api {

namespace {

Error no_settings() { return make_error(ErrorCode::kUnavailable, "settings are not available"); }

void get_settings(const ApiDeps& deps, const CallPtr& call) {
  if (deps.settings == nullptr) return call->fail(no_settings());
  call->reply(200, deps.settings->get());
}

void put_settings(const ApiDeps& deps, const CallPtr& call) {
  if (deps.settings == nullptr) return call->fail(no_settings());
  Result<nlohmann::json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  Result<nlohmann::json> now = deps.settings->update(*body);
  if (!now) return call->fail(now.error());
  call->reply(200, *now);
}

}  // namespace

void add_settings_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/settings", [d](CallPtr c) { get_settings(*d, c); }, Access::kAuthenticated);
  router.add("PUT", "/api/v1/settings", [d](CallPtr c) { put_settings(*d, c); }, Access::kOperator);
}

}  // namespace hearth::api
