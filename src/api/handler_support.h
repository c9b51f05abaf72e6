// Small steps most handlers share.
#pragma once

#include <functional>
#include <string>

#include "api/api_deps.h"
#include "api/call.h"
#include "store/store.h"

namespace hearth::api {

// The device, or kNotFound naming it.
Result<store::DeviceRecord> load_device(const ApiDeps& deps, const std::string& device_id);

// Writes the batch; on success runs `then` (on the store's thread), on failure answers the call
// with the error.
void write_then(const ApiDeps& deps, store::WriteBatch batch, CallPtr call, std::function<void()> then);

int64_t now_ms(const ApiDeps& deps);

}  // namespace hearth::api
