// The diagnosis of homes as insight::DiagnosisReader has it (routes: add_diagnosis_routes in
// routes.h): /api/v1/homes/{id}/diagnosis, snapshot, findings, series, health, optimisation and
// checks, /api/v1/devices/{id}/diagnosis, /api/v1/diagnosis/summary and /api/v1/optimisations.
// Findings, diagnoses and snapshots are shown as diag/diagnosis_json.h writes them; this header
// adds the JSON of the reader's own types and the parameters these routes share.
//
// Every route answers 503 when the server runs no diagnosis (ApiDeps::diagnosis null), and 404
// for a home the store does not know.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "api/call.h"
#include "core/result.h"
#include "insight/reader.h"

namespace hearth::api {

inline constexpr int64_t kDefaultChecksTimeoutMs = 60'000;
inline constexpr int64_t kMaxChecksTimeoutMs = 300'000;
inline constexpr size_t kDefaultWorstHomes = 10;
// Without from/to, a series covers the last day.
inline constexpr int64_t kDefaultSeriesSpanMs = 24 * 3600'000LL;

// {"time","value","min","max","count"}; unknown numbers as null.
nlohmann::json series_point_json(const insight::SeriesPoint& point);
// {"homesDiagnosed","homesHealthy","openFindings":[{"code","title","homes"}],
//  "primaryCauses":[{"code","title","homes"}],"healthHistogram":[{"from","to","homes"}],
//  "worst":[{"homeId","health","primaryCause"}]}; counts by code sorted most homes first.
nlohmann::json fleet_summary_json(const insight::FleetSummary& summary);
// An optimisation log entry (diag::optimisation_entry_to_json) with its "homeId".
nlohmann::json optimisation_json(const insight::OptimisationEntry& entry);

// ?timeout= of the live checks: whole seconds, with or without a trailing "s" ("60s", "90"),
// 1 to 300; kDefaultChecksTimeoutMs when absent. In milliseconds.
Result<int64_t> checks_timeout_ms(const Call& call);
// ?limit=: absent or 0 gives `fallback`, above `max` is lowered to it.
Result<size_t> limit_param(const Call& call, size_t fallback, size_t max);

}  // namespace hearth::api
