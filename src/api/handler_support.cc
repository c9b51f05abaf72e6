#include "api/handler_support.h"

#include "core/clock.h"

namespace hearth::api {

Result<store::DeviceRecord> load_device(const ApiDeps& deps, const std::string& device_id) {
  Result<std::optional<store::DeviceRecord>> d = deps.store.get_device(device_id);
  if (!d) return d.error();
  if (!d->has_value()) return make_error(ErrorCode::kNotFound, "no device '" + device_id + "'");
  return std::move(**d);
}

void write_then(const ApiDeps& deps, store::WriteBatch batch, CallPtr call, std::function<void()> then) {
  deps.store.write(std::move(batch), [call, then = std::move(then)](Status st) {
    if (!st) {
      call->fail(st.error());
      return;
    }
    then();
  });
}

int64_t now_ms(const ApiDeps& deps) { return to_unix_ms(deps.clock.now()); }

}  // namespace hearth::api
