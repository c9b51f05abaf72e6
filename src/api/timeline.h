// A home's timeline for the agent console (GET /api/v1/homes/{id}/timeline): what happened to
// the home, from every source, newest first. merge_timeline is pure (staff_timeline_merge_test.cc); the
// handler (customers_handlers.cc) reads each source once, bounded, and hands them over.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/records.h"

namespace hearth::api {

struct TimelineEntry {
  int64_t time_ms = 0;
  // "inform", "boot", "bootstrap", "config", "firmware", "task", "optimisation", "finding",
  // "diagnostic", "selfservice", "ticket", "incident", "audit".
  std::string kind;
  std::string title;
  std::string detail;
  std::string device_id;  // "" none
  std::string outcome;    // "" none
  std::string ref_type;   // "task", "finding", "troubleshoot", "ticket", "incident", "audit"; "" none
  std::string ref_id;
};

// What the sources hold for the home; each as the store returns it, in any order.
struct TimelineSources {
  std::vector<store::EventRecord> events;        // of the home's devices
  std::vector<store::TaskRecord> tasks;          // of the home's devices
  std::vector<store::OptimisationRecord> optimisations;
  std::vector<store::FindingRecord> findings;    // each gives "opened" and, when ended, "closed"
  std::vector<store::TroubleshootRecord> runs;
  std::vector<store::TicketRecord> tickets;
  std::vector<store::IncidentRecord> incidents;  // that listed the home
  std::vector<store::AuditRecord> audit;         // of the home
};

struct TimelineWindow {
  int64_t from_ms = 0;  // entries at or after (0: no bound)
  int64_t to_ms = 0;    // entries before (0: no bound)
  size_t limit = 100;
};

// The entries within the window, newest first (equal times: in the order of the kinds above,
// then by ref id), at most `limit`. Periodic informs ("2 PERIODIC") are left out: they are the
// gateway's heartbeat and would push everything else off the page.
std::vector<TimelineEntry> merge_timeline(const TimelineSources& sources, const TimelineWindow& window);

// {time, kind, title, detail, deviceId?, outcome?, ref?:{type,id}}.
nlohmann::json timeline_entry_json(const TimelineEntry& e);

}  // namespace hearth::api
