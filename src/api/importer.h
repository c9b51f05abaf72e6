// From an import document to the one WriteBatch that applies it: checks the file against itself
// and the store (import_file.h), hashes plain passwords with argon2id on a small pool of threads,
// and compares every entry with what the store holds.
//
// Idempotent: an entry equal to its stored record (timestamps aside) is "unchanged" and not
// written, so importing the same file twice writes nothing the second time. A plain password
// that the stored hash already verifies keeps that hash. A subscriber given neither password nor
// passwordHash keeps the stored hash (a password set later through the portal survives a
// re-import). New records get created = updated = now; changed ones keep `created` and get
// updated = now. A home's device list is replaced as given; a device it lists that another home
// held moves (store.h).
//
// Thread safety: plan_import may run on any thread; it blocks for as long as the hashing takes
// (~0.1 s of one core per plain password) and never on a network thread (import_handlers.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>

#include "api/import_file.h"
#include "core/result.h"
#include "store/store.h"

namespace hearth::api {

struct ImportCounts {
  size_t created = 0;
  size_t updated = 0;
  size_t unchanged = 0;
};

struct ImportPlan {
  ImportCounts regions;
  ImportCounts access_nodes;
  ImportCounts subscribers;
  ImportCounts homes;
  store::WriteBatch batch;  // empty when nothing changes
};

struct ImportOptions {
  unsigned hash_threads = 2;
  // Polled between password hashes; true ends the import with kUnavailable.
  std::function<bool()> cancelled;
};

// Whether a region, an access node or a subscriber exists, asked of the store (what an import
// file or a topology edit may refer to besides its own entries).
KnownIds store_known_ids(store::Store& store);

// kInvalidArgument naming the entries at fault; store errors as they come.
Result<ImportPlan> plan_import(store::Store& store, const nlohmann::json& doc, int64_t now_ms,
                               const ImportOptions& options);

// {"regions":{"created":n,"updated":n,"unchanged":n},"accessNodes":{...},"subscribers":{...},
//  "homes":{...}}
nlohmann::json import_counts_json(const ImportPlan& plan);

}  // namespace hearth::api
