// /api/v1/devices/{id}/tasks and /api/v1/tasks: queue an RPC for a device (optionally waking it
// with a connection request and waiting for the outcome), list, get, cancel, retry.
#include <algorithm>
#include <chrono>

#include "api/errors.h"
#include "api/handler_support.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"
#include "core/ids.h"
#include "device/task_spec.h"

namespace hearth::api {

namespace {

using nlohmann::json;
using acs::ConnectionRequestOutcome;

constexpr uint64_t kMaxWaitSeconds = 120;

// Waiting makes sense only when a session may come soon.
bool session_expected(ConnectionRequestOutcome outcome) {
  return outcome == ConnectionRequestOutcome::kOk || outcome == ConnectionRequestOutcome::kInSession ||
         outcome == ConnectionRequestOutcome::kBusy;
}

bool finished(store::TaskState s) {
  return s == store::TaskState::kDone || s == store::TaskState::kFault || s == store::TaskState::kCancelled;
}

struct CreateOptions {
  bool run_now = false;
  std::chrono::seconds wait{0};
};

Result<CreateOptions> create_options(const Call& call) {
  CreateOptions o;
  if (std::optional<std::string> run = call.query("run")) {
    if (*run != "now") return make_error(ErrorCode::kInvalidArgument, "run: the only value is \"now\"");
    o.run_now = true;
  }
  Result<std::optional<uint64_t>> wait = query_uint(call, "wait", UINT64_MAX);
  if (!wait) return wait.error();
  o.wait = std::chrono::seconds(std::min<uint64_t>(wait->value_or(0), kMaxWaitSeconds));
  return o;
}

void answer_task(CallPtr call, const store::TaskRecord& task, const std::optional<ConnectionRequestOutcome>& cr) {
  json body = task_json(task);
  if (cr) body["connectionRequest"] = acs::connection_request_outcome_name(*cr);
  ApiResponse r = json_response(finished(task.state) ? 200 : 202, body);
  r.headers.set("Location", "/api/v1/tasks/" + std::to_string(task.id));
  call->respond(std::move(r));
}

void wait_and_answer(const ApiDeps& deps, CallPtr call, store::TaskRecord task, CreateOptions options,
                     std::optional<ConnectionRequestOutcome> cr) {
  if (options.wait.count() == 0 || (cr && !session_expected(*cr))) return answer_task(call, task, cr);
  deps.control.wait_task(task.id, options.wait, [call, task, cr](Result<store::TaskRecord> r) {
    // The task exists: a failed wait still answers with what was queued.
    answer_task(call, r.ok() ? *r : task, cr);
  });
}

void create_task(const ApiDeps& deps, CallPtr call) {
  const std::string& body = call->request().body;
  if (body.size() > deps.max_json_body) {
    return call->fail(make_error(ErrorCode::kTooLarge, "body: larger than " + std::to_string(deps.max_json_body) + " bytes"));
  }
  Result<CreateOptions> options = create_options(*call);
  if (!options) return call->fail(options.error());
  Result<device::TaskSpec> spec = device::parse_task_spec(body);
  if (!spec) return call->fail(spec.error());
  Result<store::DeviceRecord> d = load_device(deps, call->param("id"));
  if (!d) return call->fail(d.error());
  if (auto* dl = std::get_if<device::DownloadSpec>(&spec->body); dl && !dl->file_id.empty()) {
    Result<std::optional<store::FileRecord>> f = deps.store.get_file(dl->file_id);
    if (!f) return call->fail(f.error());
    if (!f->has_value()) {
      return call->fail(make_error(ErrorCode::kInvalidArgument, "fileId: no file '" + dl->file_id + "' (upload it first)"));
    }
    // The CPE is told the real size and type of a file hearthd serves (tr069.md 3.2 Download).
    if (dl->file_size == 0) dl->file_size = (*f)->size;
    if (!(*f)->file_type.empty()) dl->file_type = (*f)->file_type;
  }

  store::TaskRecord task;
  task.id = next_unique_id();
  task.device_id = d->id;
  task.name = device::task_name(spec->body);
  task.args_json = device::task_spec_to_json(*spec);
  task.origin = "api";
  task.state = store::TaskState::kPending;
  task.created_ms = now_ms(deps);
  task.updated_ms = task.created_ms;

  const ApiDeps* dp = &deps;
  deps.control.submit_task(std::move(task), [dp, call, opts = *options](Result<store::TaskRecord> stored) {
    if (!stored) return call->fail(stored.error());
    if (!opts.run_now) return wait_and_answer(*dp, call, std::move(*stored), opts, std::nullopt);
    const std::string device_id = stored->device_id;
    dp->control.connection_request(device_id, [dp, call, opts, task = std::move(*stored)](ConnectionRequestOutcome outcome) {
      wait_and_answer(*dp, call, task, opts, outcome);
    });
  });
}

Result<std::optional<store::TaskState>> state_filter(const Call& call) {
  std::optional<std::string> text = call.query("state");
  if (!text) return std::optional<store::TaskState>();
  std::optional<store::TaskState> s = store::parse_task_state(*text);
  if (!s) {
    return make_error(ErrorCode::kInvalidArgument, "state: one of pending, running, done, fault, cancelled");
  }
  return std::optional<store::TaskState>(*s);
}

void list_tasks(const ApiDeps& deps, CallPtr call, const std::string& device_id) {
  Result<std::optional<store::TaskState>> state = state_filter(*call);
  if (!state) return call->fail(state.error());
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  store::TaskQuery q;
  q.device_id = device_id;
  q.state = *state;
  q.offset = paging->offset;
  q.limit = paging->limit + 1;  // one more tells whether another page follows
  Result<std::vector<store::TaskRecord>> tasks = deps.store.find_tasks(q);
  if (!tasks) return call->fail(tasks.error());
  const bool more = tasks->size() > paging->limit;
  if (more) tasks->pop_back();
  json items = json::array();
  for (const auto& t : *tasks) items.push_back(task_json(t));
  // The store counts no tasks; the total is known only on the last page (and when it is reached).
  std::optional<size_t> total;
  if (!more && (!tasks->empty() || paging->offset == 0)) total = paging->offset + tasks->size();
  call->reply(200, list_json(std::move(items), total, paging->offset, paging->limit, more));
}

void list_device_tasks(const ApiDeps& deps, CallPtr call) {
  Result<store::DeviceRecord> d = load_device(deps, call->param("id"));
  if (!d) return call->fail(d.error());
  list_tasks(deps, std::move(call), d->id);
}

void list_all_tasks(const ApiDeps& deps, CallPtr call) {
  const std::string device_id = call->query("deviceId").value_or("");
  list_tasks(deps, std::move(call), device_id);
}

void get_task(const ApiDeps& deps, CallPtr call) {
  Result<int64_t> id = parse_id(call->param("taskId"), "taskId");
  if (!id) return call->fail(id.error());
  Result<std::optional<store::TaskRecord>> t = deps.store.get_task(*id);
  if (!t) return call->fail(t.error());
  if (!t->has_value()) return call->fail(make_error(ErrorCode::kNotFound, "no task " + std::to_string(*id)));
  call->reply(200, task_json(**t));
}

using ControlOp = void (acs::DeviceControl::*)(int64_t, std::function<void(Result<store::TaskRecord>)>);

void control_task(const ApiDeps& deps, CallPtr call, ControlOp op) {
  Result<int64_t> id = parse_id(call->param("taskId"), "taskId");
  if (!id) return call->fail(id.error());
  (deps.control.*op)(*id, [call](Result<store::TaskRecord> t) {
    if (!t) return call->fail(t.error());
    call->reply(200, task_json(*t));
  });
}

}  // namespace

void add_task_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("POST", "/api/v1/devices/{id}/tasks", [d](CallPtr c) { create_task(*d, std::move(c)); },
             Access::kAgent);
  router.add("GET", "/api/v1/devices/{id}/tasks", [d](CallPtr c) { list_device_tasks(*d, std::move(c)); });
  router.add("GET", "/api/v1/tasks", [d](CallPtr c) { list_all_tasks(*d, std::move(c)); });
  router.add("GET", "/api/v1/tasks/{taskId}", [d](CallPtr c) { get_task(*d, std::move(c)); });
  const auto cancel = [d](CallPtr c) { control_task(*d, std::move(c), &acs::DeviceControl::cancel_task); };
  router.add("DELETE", "/api/v1/tasks/{taskId}", cancel, Access::kAgent);
  router.add("POST", "/api/v1/tasks/{taskId}/cancel", cancel, Access::kAgent);
  router.add("POST", "/api/v1/tasks/{taskId}/retry",
             [d](CallPtr c) { control_task(*d, std::move(c), &acs::DeviceControl::retry_task); }, Access::kAgent);
}

}  // namespace hearth::api
