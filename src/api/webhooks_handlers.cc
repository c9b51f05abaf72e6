// /api/v1/webhooks: receivers of incident events (incidents_handlers.h, incidents/webhooks.h).
// The secret goes in once, with the POST, and never comes out again: not in the answer to the
// POST, not in the list.
#include <algorithm>
#include <utility>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/incidents_handlers.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr const char* kEvents[] = {"incident.opened", "incident.updated", "incident.resolved"};

bool is_known_event(const std::string& e) {
  return std::any_of(std::begin(kEvents), std::end(kEvents), [&](const char* k) { return e == k; });
}

void list_webhooks(const ApiDeps& deps, const CallPtr& call) {
  auto hooks = deps.store.list_webhooks();
  if (!hooks) return call->fail(hooks.error());
  json items = json::array();
  for (const store::WebhookRecord& w : *hooks) items.push_back(webhook_json(w));
  call->reply(200, {{"webhooks", std::move(items)}});
}

void add_webhook(const ApiDeps& deps, const CallPtr& call) {
  if (deps.incidents == nullptr) return call->fail(no_incident_desk());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  Result<incidents::WebhookInput> input = parse_webhook(*body);
  if (!input) return call->fail(input.error());
  Result<store::WebhookRecord> stored = deps.incidents->add_webhook(*input);
  if (!stored) return call->fail(stored.error());
  ApiResponse r = json_response(201, webhook_json(*stored));
  r.headers.set("Location", "/api/v1/webhooks/" + stored->id);
  r.headers.set("Cache-Control", "no-store");
  call->respond(std::move(r));
}

void delete_webhook(const ApiDeps& deps, const CallPtr& call) {
  if (deps.incidents == nullptr) return call->fail(no_incident_desk());
  if (Status s = deps.incidents->delete_webhook(call->param("id")); !s) {
    return call->fail(s.error());
  }
  call->respond(ApiResponse{204, "", "", {}});
}

void test_webhook(const ApiDeps& deps, const CallPtr& call) {
  if (deps.incidents == nullptr) return call->fail(no_incident_desk());
  const std::string& id = call->param("id");
  if (Status s = deps.incidents->test_webhook(id); !s) return call->fail(s.error());
  call->reply(202, {{"webhookId", id}, {"event", "ping"}, {"queued", true}});
}

}  // namespace

json webhook_json(const store::WebhookRecord& w) {
  // Deliberately absent: secret.
  return {{"id", w.id},
          {"url", w.url},
          {"events", w.events},
          {"enabled", w.enabled},
          {"createdAt", time_json(w.created_ms)},
          {"secretSet", !w.secret.empty()}};
}

Result<incidents::WebhookInput> parse_webhook(const json& body) {
  if (Status s = only_fields(body, {"url", "secret", "events", "enabled"}); !s) return s.error();
  incidents::WebhookInput in;
  Result<std::optional<std::string>> url = text_field(body, "url", kMaxWebhookUrl, true);
  if (!url) return url.error();
  in.url = std::move(**url);
  const std::string lower = to_lower(in.url);
  const size_t scheme = starts_with(lower, "https://") ? 8 : starts_with(lower, "http://") ? 7 : 0;
  if (scheme == 0 || in.url.size() == scheme || in.url.find(' ') != std::string::npos) {
    return invalid_field("url", "must be an http:// or https:// URL");
  }
  Result<std::optional<std::string>> secret = text_field(body, "secret", kMaxWebhookSecret, true);
  if (!secret) return secret.error();
  if ((*secret)->size() < kMinWebhookSecret) {
    return invalid_field("secret", "at least 16 characters");
  }
  in.secret = std::move(**secret);
  if (auto events = body.find("events"); events != body.end() && !events->is_null()) {
    if (!events->is_array()) return invalid_field("events", "must be an array of event names");
    for (const json& e : *events) {
      const std::string name = e.is_string() ? e.get<std::string>() : std::string();
      if (!is_known_event(name)) {
        return invalid_field("events",
                             "each one of incident.opened, incident.updated, incident.resolved");
      }
      if (std::find(in.events.begin(), in.events.end(), name) == in.events.end())
        in.events.push_back(name);
    }
  }
  if (auto enabled = body.find("enabled"); enabled != body.end() && !enabled->is_null()) {
    if (!enabled->is_boolean()) return invalid_field("enabled", "true or false");
    in.enabled = enabled->get<bool>();
  }
  return in;
}

void add_webhook_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/webhooks", [d](CallPtr c) { list_webhooks(*d, c); });
  router.add("POST", "/api/v1/webhooks", [d](CallPtr c) { add_webhook(*d, c); });
  router.add("DELETE", "/api/v1/webhooks/{id}", [d](CallPtr c) { delete_webhook(*d, c); });
  router.add("POST", "/api/v1/webhooks/{id}/test", [d](CallPtr c) { test_webhook(*d, c); });
}

}  // namespace hearth::api
