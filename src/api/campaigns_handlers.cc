// /api/v1/campaigns: staged firmware and configuration roll-outs (campaigns/desk.h). Reads are
// open to every staff member and token; creating and acting on campaigns needs an operator.
#include <charconv>
#include <optional>
#include <string>

#include "api/errors.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "campaigns/desk.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr const char* kTargetStates[] = {"pending", "running", "done", "failed", "rolling-back",
                                         "rolled-back", "skipped"};

Error no_campaign_desk() {
  return make_error(ErrorCode::kUnavailable, "campaigns are not available on this server");
}

// Who is acting: the staff user, else the token.
std::string actor_of(const Call& call) {
  const Principal& p = call.principal();
  return p.user_id.empty() ? p.token_id : p.user_id;
}

void answer(const CallPtr& call, int status, const Result<json>& r) {
  if (!r) return call->fail(r.error());
  call->reply(status, *r);
}

void create_campaign(const ApiDeps& deps, const CallPtr& call) {
  if (deps.campaigns == nullptr) return call->fail(no_campaign_desk());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  answer(call, 201, deps.campaigns->create(*body, actor_of(*call)));
}

void preview_campaign(const ApiDeps& deps, const CallPtr& call) {
  if (deps.campaigns == nullptr) return call->fail(no_campaign_desk());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  answer(call, 200, deps.campaigns->preview(*body));
}

void list_campaigns(const ApiDeps& deps, const CallPtr& call) {
  if (deps.campaigns == nullptr) return call->fail(no_campaign_desk());
  answer(call, 200, deps.campaigns->list());
}

void get_campaign(const ApiDeps& deps, const CallPtr& call) {
  if (deps.campaigns == nullptr) return call->fail(no_campaign_desk());
  Result<int64_t> id = parse_id(call->param("id"), "id");
  if (!id) return call->fail(id.error());
  answer(call, 200, deps.campaigns->get(*id));
}

void list_targets(const ApiDeps& deps, const CallPtr& call) {
  if (deps.campaigns == nullptr) return call->fail(no_campaign_desk());
  Result<int64_t> id = parse_id(call->param("id"), "id");
  if (!id) return call->fail(id.error());
  int stage = -1;
  if (std::optional<std::string> s = call->query("stage"); s && !s->empty()) {
    const char* end = s->data() + s->size();
    auto [ptr, ec] = std::from_chars(s->data(), end, stage);
    if (ec != std::errc() || ptr != end || stage < 0) {
      return call->fail(make_error(ErrorCode::kInvalidArgument, "stage: a stage index (0: the canary)"));
    }
  }
  std::string state = call->query("state").value_or("");
  if (!state.empty()) {
    bool known = false;
    for (const char* s : kTargetStates) known = known || state == s;
    if (!known) {
      return call->fail(make_error(ErrorCode::kInvalidArgument,
                                   "state: one of pending, running, done, failed, rolling-back, rolled-back, skipped"));
    }
  }
  answer(call, 200, deps.campaigns->targets(*id, stage, state));
}

void act(const ApiDeps& deps, const CallPtr& call, const char* action) {
  if (deps.campaigns == nullptr) return call->fail(no_campaign_desk());
  Result<int64_t> id = parse_id(call->param("id"), "id");
  if (!id) return call->fail(id.error());
  answer(call, 200, deps.campaigns->act(*id, action, actor_of(*call)));
}

}  // namespace

void add_campaign_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/campaigns", [d](CallPtr c) { list_campaigns(*d, c); });
  router.add("POST", "/api/v1/campaigns", [d](CallPtr c) { create_campaign(*d, c); }, Access::kOperator);
  router.add("POST", "/api/v1/campaigns/preview", [d](CallPtr c) { preview_campaign(*d, c); }, Access::kOperator);
  router.add("GET", "/api/v1/campaigns/{id}", [d](CallPtr c) { get_campaign(*d, c); });
  router.add("GET", "/api/v1/campaigns/{id}/targets", [d](CallPtr c) { list_targets(*d, c); });
  for (const char* action : {"start", "pause", "resume", "rollback", "cancel"}) {
    router.add("POST", std::string("/api/v1/campaigns/{id}/") + action,
               [d, action](CallPtr c) { act(*d, c, action); }, Access::kOperator);
  }
}

}  // namespace hearth::api
