// /api/v1/devices/{id}/faults: what went wrong on a device (CPE faults, failed transfers), and
// clearing them once dealt with.
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"

namespace hearth::api {

namespace {

using nlohmann::json;

// Enough to find one fault among those a device keeps.
constexpr size_t kFaultScanLimit = 100000;

void list_faults(const ApiDeps& deps, CallPtr call) {
  Result<store::DeviceRecord> d = load_device(deps, call->param("id"));
  if (!d) return call->fail(d.error());
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  Result<std::vector<store::FaultRecord>> faults =
      deps.store.list_faults(d->id, paging->offset + paging->limit + 1);
  if (!faults) return call->fail(faults.error());
  json items = json::array();
  for (size_t i = paging->offset; i < faults->size() && i < paging->offset + paging->limit; ++i) {
    items.push_back(fault_json((*faults)[i]));
  }
  const bool more = faults->size() > paging->offset + paging->limit;
  const std::optional<size_t> total = more ? std::nullopt : std::optional<size_t>(faults->size());
  call->reply(200, list_json(std::move(items), total, paging->offset, paging->limit, more));
}

void clear_faults(const ApiDeps& deps, CallPtr call) {
  Result<store::DeviceRecord> d = load_device(deps, call->param("id"));
  if (!d) return call->fail(d.error());
  store::WriteBatch batch;
  batch.add(store::ClearFaults{d->id, 0});
  write_then(deps, std::move(batch), call, [call] { call->respond(ApiResponse{204, "", "", {}}); });
}

void clear_fault(const ApiDeps& deps, CallPtr call) {
  Result<store::DeviceRecord> d = load_device(deps, call->param("id"));
  if (!d) return call->fail(d.error());
  Result<int64_t> id = parse_id(call->param("faultId"), "faultId");
  if (!id) return call->fail(id.error());
  Result<std::vector<store::FaultRecord>> faults = deps.store.list_faults(d->id, kFaultScanLimit);
  if (!faults) return call->fail(faults.error());
  bool found = false;
  for (const auto& f : *faults) found = found || f.id == *id;
  if (!found) return call->fail(make_error(ErrorCode::kNotFound, "no fault " + std::to_string(*id) + " on this device"));
  store::WriteBatch batch;
  batch.add(store::ClearFaults{d->id, *id});
  write_then(deps, std::move(batch), call, [call] { call->respond(ApiResponse{204, "", "", {}}); });
}

}  // namespace

void add_fault_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/devices/{id}/faults", [d](CallPtr c) { list_faults(*d, std::move(c)); });
  router.add("DELETE", "/api/v1/devices/{id}/faults", [d](CallPtr c) { clear_faults(*d, std::move(c)); });
  router.add("DELETE", "/api/v1/devices/{id}/faults/{faultId}", [d](CallPtr c) { clear_fault(*d, std::move(c)); });
}

}  // namespace hearth::api
