// SQL reads of the diagnosis (diagnosis_queries.h).
#include "store/sqlite/diagnosis_queries.h"

#include <algorithm>
#include <limits>

#include "store/sqlite/query_support.h"

namespace hearth::store::sqlite {

namespace {

// A home's series within [from_ms, to_ms) (to_ms 0: no bound): the newest `limit` rows are
// read newest first along the primary key, then turned oldest first.
template <typename T, typename Read>
Result<std::vector<T>> time_range(Connection* conn, const char* sql, const std::string& home_id,
                                  int64_t from_ms, int64_t to_ms, size_t limit, Read read) {
  auto stmt = conn->prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind_text(1, home_id).bind(2, from_ms);
  stmt->bind(3, to_ms == 0 ? std::numeric_limits<int64_t>::max() : to_ms).bind(4, clamp(limit));
  auto rows = read_all<T>(*stmt, read);
  if (rows) std::reverse(rows->begin(), rows->end());
  return rows;
}

FindingRecord read_finding(const Statement& s) {
  FindingRecord f;
  f.home_id = s.column_text(0);
  f.code = s.column_text(1);
  f.severity = s.column_text(2);
  f.entity = s.column_text(3);
  f.start_ms = s.column_int64(4);
  f.end_ms = s.column_int64(5);
  f.json = s.column_text(6);
  return f;
}

const char* const kDiagnosisSelect =
    "SELECT home_id, time_ms, health, primary_code, json FROM diagnoses";
DiagnosisRecord read_diagnosis(const Statement& s) {
  return DiagnosisRecord{s.column_text(0), s.column_int64(1), static_cast<int>(s.column_int64(2)),
                         s.column_text(3), s.column_text(4)};
}

OptimisationRecord read_optimisation(const Statement& s) {
  return OptimisationRecord{s.column_int64(0), s.column_text(1), s.column_int64(2),
                            s.column_text(3), s.column_text(4)};
}

}  // namespace

Result<std::vector<TelemetrySampleRecord>> query_telemetry(Connection* conn,
                                                           const std::string& home_id,
                                                           int64_t from_ms, int64_t to_ms,
                                                           size_t limit) {
  return time_range<TelemetrySampleRecord>(
      conn,
      "SELECT home_id, time_ms, data FROM telemetry_raw WHERE home_id = ?1 AND time_ms >= ?2 "
      "AND time_ms < ?3 ORDER BY time_ms DESC LIMIT ?4",
      home_id, from_ms, to_ms, limit, [](const Statement& s) {
        return TelemetrySampleRecord{s.column_text(0), s.column_int64(1), s.column_text(2)};
      });
}

Result<std::vector<TelemetryRollupRecord>> query_rollups(Connection* conn,
                                                         const std::string& home_id,
                                                         int64_t from_ms, int64_t to_ms,
                                                         size_t limit) {
  return time_range<TelemetryRollupRecord>(
      conn,
      "SELECT home_id, hour_ms, data FROM telemetry_hourly WHERE home_id = ?1 AND hour_ms >= ?2 "
      "AND hour_ms < ?3 ORDER BY hour_ms DESC LIMIT ?4",
      home_id, from_ms, to_ms, limit, [](const Statement& s) {
        return TelemetryRollupRecord{s.column_text(0), s.column_int64(1), s.column_text(2)};
      });
}

Result<std::vector<FindingRecord>> query_findings(Connection* conn, const FindingQuery& q) {
  // Parameter numbers are fixed per field, so the SQL text depends only on which are set. The
  // literal end_ms = 0 lets SQLite use the partial index of open findings.
  std::string sql =
      "SELECT home_id, code, severity, entity, start_ms, end_ms, json FROM findings WHERE 1";
  if (!q.home_id.empty()) sql += " AND home_id = ?1";
  if (q.open_only) sql += " AND end_ms = 0";
  if (!q.code.empty()) sql += " AND code = ?2";
  if (q.since_ms != 0) sql += " AND (end_ms = 0 OR end_ms >= ?3)";
  sql += " ORDER BY start_ms DESC, home_id, code, entity LIMIT ?4 OFFSET ?5";
  auto stmt = conn->prepare(sql);
  if (!stmt) return stmt.error();
  if (!q.home_id.empty()) stmt->bind_text(1, q.home_id);
  if (!q.code.empty()) stmt->bind_text(2, q.code);
  if (q.since_ms != 0) stmt->bind(3, q.since_ms);
  stmt->bind(4, clamp(q.limit)).bind(5, clamp(q.offset));
  return read_all<FindingRecord>(*stmt, read_finding);
}

Result<std::optional<DiagnosisRecord>> query_diagnosis(Connection* conn,
                                                       const std::string& home_id) {
  static const std::string sql = std::string(kDiagnosisSelect) + " WHERE home_id = ?1";
  return one_by_text<DiagnosisRecord>(conn, sql, home_id, read_diagnosis);
}

Result<std::vector<DiagnosisRecord>> query_diagnoses(Connection* conn, const DiagnosisQuery& q) {
  std::string sql = std::string(kDiagnosisSelect) + " WHERE 1";
  if (q.unhealthy_only) sql += " AND primary_code <> ''";
  if (!q.primary_code.empty()) sql += " AND primary_code = ?1";
  sql += q.worst_first ? " ORDER BY health, home_id" : " ORDER BY home_id";
  sql += " LIMIT ?2 OFFSET ?3";
  auto stmt = conn->prepare(sql);
  if (!stmt) return stmt.error();
  if (!q.primary_code.empty()) stmt->bind_text(1, q.primary_code);
  stmt->bind(2, clamp(q.limit)).bind(3, clamp(q.offset));
  return read_all<DiagnosisRecord>(*stmt, read_diagnosis);
}

Result<std::vector<OptimisationRecord>> query_optimisations(Connection* conn,
                                                            const std::string& home_id,
                                                            size_t limit) {
  auto stmt = conn->prepare(
      home_id.empty()
          ? "SELECT id, home_id, time_ms, action, json FROM optimisations "
            "ORDER BY time_ms DESC, id DESC LIMIT ?2"
          : "SELECT id, home_id, time_ms, action, json FROM optimisations WHERE home_id = ?1 "
            "ORDER BY time_ms DESC, id DESC LIMIT ?2");
  if (!stmt) return stmt.error();
  if (!home_id.empty()) stmt->bind_text(1, home_id);
  stmt->bind(2, clamp(limit));
  return read_all<OptimisationRecord>(*stmt, read_optimisation);
}

}  // namespace hearth::store::sqlite
