// /healthz, /metrics (Prometheus text format 0.0.4) and /api/openapi.json.
#include "api/errors.h"
#include "api/openapi.h"
#include "api/routes.h"

namespace hearth::api {

namespace {

void healthz(const ApiDeps& deps, CallPtr call) {
  // Alive means able to read the store: a node that cannot should leave the load balancer.
  Result<store::StoreStats> stats = deps.store.stats();
  if (!stats) return call->reply(503, {{"status", "unavailable"}});
  call->reply(200, {{"status", "ok"}});
}

// Counts the store keeps, read once per scrape. The write queue depth is exported by the ACS.
std::string store_metrics(const ApiDeps& deps) {
  Result<store::StoreStats> s = deps.store.stats();
  if (!s) return {};
  std::string out;
  const auto gauge = [&out](const char* name, const char* help, uint64_t v) {
    out += std::string("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " gauge\n" + name + ' ' +
           std::to_string(v) + '\n';
  };
  const auto counter = [&out](const char* name, const char* help, uint64_t v) {
    out += std::string("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n" + name + ' ' +
           std::to_string(v) + '\n';
  };
  gauge("hearth_store_devices", "Devices in the store", s->devices);
  gauge("hearth_store_parameters", "Parameters in the store", s->parameters);
  out += "# HELP hearth_store_tasks Queued tasks by state\n# TYPE hearth_store_tasks gauge\n";
  out += "hearth_store_tasks{state=\"pending\"} " + std::to_string(s->tasks_pending) + '\n';
  out += "hearth_store_tasks{state=\"running\"} " + std::to_string(s->tasks_running) + '\n';
  gauge("hearth_store_faults", "Device faults not yet cleared", s->faults);
  counter("hearth_store_commits_total", "Store transactions committed", s->commits);
  counter("hearth_store_batches_total", "Write batches committed", s->batches);
  counter("hearth_store_checkpoints_total", "Write-ahead log checkpoints in the background", s->checkpoints);
  counter("hearth_store_writer_checkpoints_total",
          "Write-ahead log checkpoints by the writer (the log outgrew its bound)", s->writer_checkpoints);
  return out;
}

void metrics(const ApiDeps& deps, CallPtr call) {
  ApiResponse r;
  r.status = 200;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = deps.metrics.render();
  r.body += store_metrics(deps);
  if (deps.extra_metrics) r.body += deps.extra_metrics();
  call->respond(std::move(r));
}

void openapi(CallPtr call) {
  ApiResponse r;
  r.status = 200;
  r.content_type = "application/json";
  r.body = std::string(openapi_document());
  call->respond(std::move(r));
}

}  // namespace

void add_system_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/healthz", [d](CallPtr c) { healthz(*d, std::move(c)); }, Access::kPublic);
  router.add("GET", "/metrics", [d](CallPtr c) { metrics(*d, std::move(c)); },
             deps.metrics_public ? Access::kPublic : Access::kAuthenticated);
  router.add("GET", "/api/openapi.json", [](CallPtr c) { openapi(std::move(c)); }, Access::kPublic);
}

}  // namespace hearth::api
