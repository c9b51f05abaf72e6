// POST /api/v1/import: subscribers, homes and topology from an import file (import_file.h),
// applied as one WriteBatch (importer.h): all of it or, when anything is wrong, none of it.
//
// The work (parsing up to ApiDeps::max_import_body of JSON, reading the store, hashing passwords)
// takes seconds to minutes, so it runs on a JobQueue of its own, one import at a time, never on
// a network thread; the answer comes once the batch is committed.
#include <exception>
#include <memory>
#include <string>

#include "api/errors.h"
#include "api/handler_support.h"
#include "api/importer.h"
#include "api/job_queue.h"
#include "api/parallel.h"
#include "api/request_params.h"
#include "api/routes.h"

namespace hearth::api {

namespace {

using nlohmann::json;

// Imports waiting behind the running one; more are refused (503) rather than queued for ever.
constexpr size_t kMaxWaitingImports = 4;

void run_import(const ApiDeps& deps, const JobQueue& queue, const CallPtr& call) {
  Result<json> doc = parse_json_object(call->request().body, deps.max_import_body);
  if (!doc) return call->fail(doc.error());
  ImportOptions options;
  options.hash_threads = hashing_threads();
  options.cancelled = [&queue] { return queue.stopping(); };
  Result<ImportPlan> plan = plan_import(deps.store, *doc, now_ms(deps), options);
  if (!plan) return call->fail(plan.error());
  json answer = import_counts_json(*plan);
  if (plan->batch.empty()) return call->reply(200, answer);
  write_then(deps, std::move(plan->batch), call, [&deps, call, answer = std::move(answer)] {
    if (deps.incidents != nullptr) deps.incidents->topology_changed();
    call->reply(200, answer);
  });
}

}  // namespace

void add_import_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  // Owned by the route: destroyed (after the imports it holds have answered) with the router.
  auto queue = std::make_shared<JobQueue>(kMaxWaitingImports);
  router.add("POST", "/api/v1/import", [d, queue](CallPtr call) {
    const JobQueue* q = queue.get();
    auto job = [d, q, call] {
      // Off the network thread, Api::dispatch's guard is not around this: keep a library's
      // exception (bad_alloc on a huge file) from ending the process.
      try {
        run_import(*d, *q, call);
      } catch (const std::exception& e) {
        if (!call->responded())
          call->fail(make_error(ErrorCode::kInternal, std::string("import: ") + e.what()));
      }
    };
    if (!queue->post(std::move(job))) {
      call->fail(
          make_error(ErrorCode::kUnavailable, "import: too many imports waiting; try again later"));
    }
  });
}

}  // namespace hearth::api
