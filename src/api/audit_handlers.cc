// GET /api/v1/audit: the audit log for supervisors and operators, newest first, filtered by actor,
// account, home, device, action (a prefix: "wifi." matches "wifi.update") and time, in pages
// (offset, limit, hasMore).
#include "api/errors.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "core/clock.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxFilterBytes = 256;

json entry_json(const store::AuditRecord& a) {
  // The details are stored as JSON text; an entry that is not (written by an older version) is
  // shown as text rather than dropped.
  json details = a.json.empty() ? json(nullptr) : json::parse(a.json, nullptr, false);
  if (details.is_discarded()) details = a.json;
  const auto text_or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"id", std::to_string(a.id)},
          {"time", format_iso8601(from_unix_ms(a.time_ms))},
          {"actorKind", a.actor_kind},
          {"actor", a.actor},
          {"action", a.action},
          {"account", text_or_null(a.account)},
          {"homeId", text_or_null(a.home_id)},
          {"deviceId", text_or_null(a.device_id)},
          {"outcome", a.outcome},
          {"details", std::move(details)}};
}

Result<std::string> filter(const Call& call, std::string_view name) {
  std::string v = call.query(name).value_or("");
  if (v.size() > kMaxFilterBytes) {
    return make_error(ErrorCode::kInvalidArgument, std::string(name) + ": longer than 256 bytes");
  }
  return v;
}

void list_audit(const ApiDeps& deps, CallPtr call) {
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  store::AuditQuery q;
  struct Filter {
    const char* name;
    std::string* field;
  };
  for (const Filter& f : {Filter{"actor", &q.actor}, Filter{"account", &q.account}, Filter{"homeId", &q.home_id},
                          Filter{"deviceId", &q.device_id}, Filter{"action", &q.action_prefix}}) {
    Result<std::string> v = filter(*call, f.name);
    if (!v) return call->fail(v.error());
    *f.field = std::move(*v);
  }
  Result<std::optional<int64_t>> from = query_time(*call, "from");
  if (!from) return call->fail(from.error());
  Result<std::optional<int64_t>> to = query_time(*call, "to");
  if (!to) return call->fail(to.error());
  q.from_ms = from->value_or(0);
  q.to_ms = to->value_or(0);
  if (q.from_ms != 0 && q.to_ms != 0 && q.to_ms <= q.from_ms) {
    return call->fail(make_error(ErrorCode::kInvalidArgument, "to: must be after from"));
  }
  q.offset = paging->offset;
  q.limit = paging->limit + 1;  // one more tells whether there is a next page
  Result<std::vector<store::AuditRecord>> entries = deps.store.list_audit(q);
  if (!entries) return call->fail(entries.error());
  const bool has_more = entries->size() > paging->limit;
  if (has_more) entries->resize(paging->limit);
  json out = json::array();
  for (const store::AuditRecord& a : *entries) out.push_back(entry_json(a));
  call->reply(200, {{"entries", std::move(out)},
                    {"offset", paging->offset},
                    {"limit", paging->limit},
                    {"hasMore", has_more}});
}

}  // namespace

void add_audit_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/audit", [d](CallPtr c) { list_audit(*d, std::move(c)); }, Access::kSupervisor);
}

}  // namespace hearth::api
