// From a checked import file to one WriteBatch and the counts (importer.h).
#include "api/importer.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "api/import_file.h"
#include "api/parallel.h"
#include "core/crypto.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

// Compares `record` (as the file gives it) with the stored one, counts it and, unless it is
// unchanged, stamps its times and adds its Put to the batch.
template <typename Record, typename Put>
void merge(Record record, const std::optional<Record>& stored, int64_t now_ms, ImportCounts* counts,
           store::WriteBatch* batch) {
  if (!stored) {
    record.created_ms = record.updated_ms = now_ms;
    ++counts->created;
  } else {
    record.created_ms = stored->created_ms;
    record.updated_ms = stored->updated_ms;
    if (record == *stored) {
      ++counts->unchanged;
      return;
    }
    record.updated_ms = now_ms;
    ++counts->updated;
  }
  batch->add(Put{std::move(record)});
}

// Each entry's stored record (nullopt: new), read in file order.
template <typename T, typename Entries, typename Key, typename Get>
Result<std::vector<std::optional<T>>> stored_records(const Entries& entries, Key key, Get get) {
  std::vector<std::optional<T>> out;
  out.reserve(entries.size());
  for (const auto& e : entries) {
    Result<std::optional<T>> r = get(key(e));
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

// An email the store gives to an account the file does not move off it is refused here with the
// entry's name, rather than as a conflict from the store.
Status check_emails(store::Store& store, const std::vector<ImportSubscriber>& subs) {
  std::unordered_map<std::string, std::string> email_in_file;  // account -> folded email
  for (const auto& s : subs) email_in_file[s.record.account] = to_lower(s.record.email);
  for (size_t i = 0; i < subs.size(); ++i) {
    const std::string& email = subs[i].record.email;
    if (email.empty()) continue;
    Result<std::optional<store::SubscriberRecord>> owner = store.find_subscriber_by_email(email);
    if (!owner) return owner.error();
    if (!owner->has_value() || (*owner)->account == subs[i].record.account) continue;
    auto moved = email_in_file.find((*owner)->account);
    if (moved != email_in_file.end() && moved->second != to_lower(email)) continue;
    return make_error(ErrorCode::kInvalidArgument,
                      "subscribers[" + std::to_string(i) + "].email: \"" + email +
                          "\" belongs to account \"" + (*owner)->account + "\"");
  }
  return ok_status();
}

// Sets record.password_hash of every subscriber that gave a plain password (or none at all).
Status resolve_passwords(std::vector<ImportSubscriber>& subs,
                         const std::vector<std::optional<store::SubscriberRecord>>& stored,
                         const ImportOptions& options) {
  std::vector<size_t> to_hash;
  for (size_t i = 0; i < subs.size(); ++i) {
    if (subs[i].password) {
      to_hash.push_back(i);
    } else if (subs[i].record.password_hash.empty() && stored[i]) {
      subs[i].record.password_hash = stored[i]->password_hash;
    }
  }
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::optional<Error> failure;
  parallel_for(to_hash.size(), options.hash_threads, [&](size_t k) {
    if (stop.load()) return;
    if (options.cancelled && options.cancelled()) {
      stop = true;
      std::lock_guard<std::mutex> lock(mu);
      failure = make_error(ErrorCode::kUnavailable, "import: hearthd is stopping");
      return;
    }
    ImportSubscriber& s = subs[to_hash[k]];
    const std::optional<store::SubscriberRecord>& old = stored[to_hash[k]];
    try {
      if (old && !old->password_hash.empty() &&
          crypto::verify_password(old->password_hash, *s.password)) {
        s.record.password_hash = old->password_hash;
      } else {
        s.record.password_hash = crypto::hash_password(*s.password);
      }
    } catch (const std::exception& e) {
      stop = true;
      std::lock_guard<std::mutex> lock(mu);
      failure =
          make_error(ErrorCode::kInternal, std::string("import: hashing a password: ") + e.what());
    }
  });
  if (failure) return *failure;
  return ok_status();
}

}  // namespace

KnownIds store_known_ids(store::Store& store) {
  auto has = [](auto result) -> Result<bool> {
    if (!result) return result.error();
    return result->has_value();
  };
  return KnownIds{
      [&store, has](const std::string& id) { return has(store.get_region(id)); },
      [&store, has](const std::string& id) { return has(store.get_access_node(id)); },
      [&store, has](const std::string& id) { return has(store.get_subscriber(id)); },
  };
}

Result<ImportPlan> plan_import(store::Store& store, const json& doc, int64_t now_ms,
                               const ImportOptions& options) {
  Result<ImportFile> parsed = parse_import_file(doc, store_known_ids(store));
  if (!parsed) return parsed.error();
  ImportFile& file = *parsed;
  if (Status s = check_emails(store, file.subscribers); !s) return s.error();

  auto regions = stored_records<store::RegionRecord>(
      file.regions, [](const auto& r) { return r.id; },
      [&](const std::string& id) { return store.get_region(id); });
  if (!regions) return regions.error();
  auto nodes = stored_records<store::AccessNodeRecord>(
      file.access_nodes, [](const auto& n) { return n.id; },
      [&](const std::string& id) { return store.get_access_node(id); });
  if (!nodes) return nodes.error();
  auto subs = stored_records<store::SubscriberRecord>(
      file.subscribers, [](const auto& s) { return s.record.account; },
      [&](const std::string& id) { return store.get_subscriber(id); });
  if (!subs) return subs.error();
  auto homes = stored_records<store::HomeRecord>(
      file.homes, [](const auto& h) { return h.record.id; },
      [&](const std::string& id) { return store.get_home(id); });
  if (!homes) return homes.error();

  if (Status s = resolve_passwords(file.subscribers, *subs, options); !s) return s.error();

  ImportPlan plan;
  for (size_t i = 0; i < file.regions.size(); ++i) {
    merge<store::RegionRecord, store::PutRegion>(std::move(file.regions[i]), (*regions)[i], now_ms,
                                                 &plan.regions, &plan.batch);
  }
  for (size_t i = 0; i < file.access_nodes.size(); ++i) {
    merge<store::AccessNodeRecord, store::PutAccessNode>(
        std::move(file.access_nodes[i]), (*nodes)[i], now_ms, &plan.access_nodes, &plan.batch);
  }
  // Emails that change hands within the file: their old holders let go of them first.
  for (size_t i = 0; i < file.subscribers.size(); ++i) {
    const auto& old = (*subs)[i];
    if (old && !old->email.empty() &&
        to_lower(old->email) != to_lower(file.subscribers[i].record.email)) {
      store::SubscriberRecord released = *old;
      released.email.clear();
      plan.batch.add(store::PutSubscriber{std::move(released)});
    }
  }
  for (size_t i = 0; i < file.subscribers.size(); ++i) {
    merge<store::SubscriberRecord, store::PutSubscriber>(
        std::move(file.subscribers[i].record), (*subs)[i], now_ms, &plan.subscribers, &plan.batch);
  }
  for (size_t i = 0; i < file.homes.size(); ++i) {
    store::HomeRecord& h = file.homes[i].record;
    const std::optional<store::HomeRecord>& old = (*homes)[i];
    if (!file.homes[i].plan_given && old) {
      h.plan_down_kbps = old->plan_down_kbps;
      h.plan_up_kbps = old->plan_up_kbps;
    }
    merge<store::HomeRecord, store::PutHome>(std::move(h), old, now_ms, &plan.homes, &plan.batch);
  }
  return plan;
}

json import_counts_json(const ImportPlan& plan) {
  auto counts = [](const ImportCounts& c) {
    return json{{"created", c.created}, {"updated", c.updated}, {"unchanged", c.unchanged}};
  };
  return {
      {"regions", counts(plan.regions)},
      {"accessNodes", counts(plan.access_nodes)},
      {"subscribers", counts(plan.subscribers)},
      {"homes", counts(plan.homes)},
  };
}

}  // namespace hearth::api
