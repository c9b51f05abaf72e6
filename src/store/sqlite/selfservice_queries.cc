// SQL reads of sessions, resets, troubleshooting runs, tickets, articles and the audit log
// (selfservice_queries.h).
#include "store/sqlite/selfservice_queries.h"

#include "store/sqlite/query_support.h"

namespace hearth::store::sqlite {

namespace {

const char* const kSessionSelect =
    "SELECT token_hash, kind, subject, csrf_token, created_ms, expires_ms, last_seen_ms, "
    "user_agent FROM sessions";
SessionRecord read_session(const Statement& s) {
  SessionRecord r;
  r.token_hash = s.column_text(0);
  r.kind = s.column_text(1);
  r.subject = s.column_text(2);
  r.csrf_token = s.column_text(3);
  r.created_ms = s.column_int64(4);
  r.expires_ms = s.column_int64(5);
  r.last_seen_ms = s.column_int64(6);
  r.user_agent = s.column_text(7);
  return r;
}

PasswordResetRecord read_reset(const Statement& s) {
  return PasswordResetRecord{s.column_text(0), s.column_text(1), s.column_int64(2),
                             s.column_int64(3), s.column_int64(4)};
}

const char* const kTroubleshootSelect =
    "SELECT t.id, t.account, t.home_id, t.symptom, t.state, t.rating, t.solved, t.ticket_id, "
    "t.created_ms, t.updated_ms, t.json FROM troubleshoots t";
TroubleshootRecord read_troubleshoot(const Statement& s) {
  TroubleshootRecord r;
  r.id = s.column_text(0);
  r.account = s.column_text(1);
  r.home_id = s.column_text(2);
  r.symptom = s.column_text(3);
  r.state = s.column_text(4);
  r.rating = static_cast<int>(s.column_int64(5));
  r.solved = static_cast<int>(s.column_int64(6));
  r.ticket_id = s.column_int64(7);
  r.created_ms = s.column_int64(8);
  r.updated_ms = s.column_int64(9);
  r.json = s.column_text(10);
  return r;
}

const char* const kTicketSelect =
    "SELECT t.id, t.account, t.home_id, t.state, t.source, t.cause_code, t.incident_id, "
    "t.assignee, t.created_ms, t.updated_ms, t.json FROM tickets t";
TicketRecord read_ticket(const Statement& s) {
  TicketRecord t;
  t.id = s.column_int64(0);
  t.account = s.column_text(1);
  t.home_id = s.column_text(2);
  t.state = s.column_text(3);
  t.source = s.column_text(4);
  t.cause_code = s.column_text(5);
  t.incident_id = s.column_int64(6);
  t.assignee = s.column_text(7);
  t.created_ms = s.column_int64(8);
  t.updated_ms = s.column_int64(9);
  t.json = s.column_text(10);
  return t;
}

KbArticleRecord read_article(const Statement& s) {
  return KbArticleRecord{s.column_text(0), s.column_int64(1), s.column_text(2)};
}

AuditRecord read_audit(const Statement& s) {
  AuditRecord a;
  a.id = s.column_int64(0);
  a.time_ms = s.column_int64(1);
  a.actor_kind = s.column_text(2);
  a.actor = s.column_text(3);
  a.action = s.column_text(4);
  a.account = s.column_text(5);
  a.home_id = s.column_text(6);
  a.device_id = s.column_text(7);
  a.outcome = s.column_text(8);
  a.json = s.column_text(9);
  return a;
}

// Parameter numbers are fixed per field, so the SQL text depends only on which are set (and the
// statement cache holds one statement per combination).
enum TroubleshootParam { kRunAccount = 1, kRunHome, kRunFrom, kRunTo, kRunLimit, kRunOffset };

std::string troubleshoots_sql(const TroubleshootQuery& q) {
  std::string sql = std::string(kTroubleshootSelect) + " WHERE 1";
  if (!q.account.empty()) sql += " AND t.account = ?1";
  if (!q.home_id.empty()) sql += " AND t.home_id = ?2";
  if (q.from_ms != 0) sql += " AND t.created_ms >= ?3";
  if (q.to_ms != 0) sql += " AND t.created_ms < ?4";
  sql += " ORDER BY t.created_ms DESC, t.id DESC LIMIT ?5 OFFSET ?6";
  return sql;
}

enum TicketParam {
  kTicketAccount = 1,
  kTicketHome,
  kTicketState,
  kTicketAssignee,
  kTicketIncident,
  kTicketLimit,
  kTicketOffset
};

std::string tickets_sql(const TicketQuery& q) {
  std::string sql = std::string(kTicketSelect) + " WHERE 1";
  if (!q.account.empty()) sql += " AND t.account = ?1";
  if (!q.home_id.empty()) sql += " AND t.home_id = ?2";
  if (q.state == "open") {
    sql += " AND t.state <> 'solved'";
  } else if (!q.state.empty()) {
    sql += " AND t.state = ?3";
  }
  if (!q.assignee.empty()) sql += " AND t.assignee = ?4";
  if (q.incident_id != 0) sql += " AND t.incident_id = ?5";
  sql += " ORDER BY t.created_ms DESC, t.id DESC LIMIT ?6 OFFSET ?7";
  return sql;
}

enum AuditParam {
  kAuditActor = 1,
  kAuditAccount,
  kAuditHome,
  kAuditDevice,
  kAuditPrefix,
  kAuditFrom,
  kAuditTo,
  kAuditLimit,
  kAuditOffset
};

std::string audit_sql(const AuditQuery& q) {
  std::string sql =
      "SELECT a.id, a.time_ms, a.actor_kind, a.actor, a.action, a.account, a.home_id, "
      "a.device_id, a.outcome, a.json FROM audit a WHERE 1";
  if (!q.actor.empty()) sql += " AND a.actor = ?1";
  if (!q.account.empty()) sql += " AND a.account = ?2";
  if (!q.home_id.empty()) sql += " AND a.home_id = ?3";
  if (!q.device_id.empty()) sql += " AND a.device_id = ?4";
  // A byte-wise prefix match: no LIKE, so '%' and '_' in the prefix are plain characters.
  if (!q.action_prefix.empty()) {
    sql += " AND substr(CAST(a.action AS BLOB), 1, length(CAST(?5 AS BLOB))) = CAST(?5 AS BLOB)";
  }
  if (q.from_ms != 0) sql += " AND a.time_ms >= ?6";
  if (q.to_ms != 0) sql += " AND a.time_ms < ?7";
  sql += " ORDER BY a.time_ms DESC, a.id DESC LIMIT ?8 OFFSET ?9";
  return sql;
}

}  // namespace

Result<std::optional<SessionRecord>> query_session(Connection* conn,
                                                   const std::string& token_hash) {
  static const std::string sql = std::string(kSessionSelect) + " WHERE token_hash = ?1";
  return one_by_text<SessionRecord>(conn, sql, token_hash, read_session);
}

Result<std::optional<PasswordResetRecord>> query_password_reset(Connection* conn,
                                                                const std::string& token_hash) {
  static const std::string sql =
      "SELECT token_hash, account, created_ms, expires_ms, used_ms FROM password_resets "
      "WHERE token_hash = ?1";
  return one_by_text<PasswordResetRecord>(conn, sql, token_hash, read_reset);
}

Result<std::optional<TroubleshootRecord>> query_troubleshoot(Connection* conn,
                                                             const std::string& id) {
  static const std::string sql = std::string(kTroubleshootSelect) + " WHERE t.id = ?1";
  return one_by_text<TroubleshootRecord>(conn, sql, id, read_troubleshoot);
}

Result<std::vector<TroubleshootRecord>> query_troubleshoots(Connection* conn,
                                                            const TroubleshootQuery& q) {
  auto stmt = conn->prepare(troubleshoots_sql(q));
  if (!stmt) return stmt.error();
  if (!q.account.empty()) stmt->bind_text(kRunAccount, q.account);
  if (!q.home_id.empty()) stmt->bind_text(kRunHome, q.home_id);
  if (q.from_ms != 0) stmt->bind(kRunFrom, q.from_ms);
  if (q.to_ms != 0) stmt->bind(kRunTo, q.to_ms);
  stmt->bind(kRunLimit, clamp(q.limit)).bind(kRunOffset, clamp(q.offset));
  return read_all<TroubleshootRecord>(*stmt, read_troubleshoot);
}

Result<std::optional<TicketRecord>> query_ticket(Connection* conn, int64_t id) {
  auto stmt = conn->prepare(std::string(kTicketSelect) + " WHERE t.id = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  return read_one<TicketRecord>(*stmt, read_ticket);
}

Result<std::vector<TicketRecord>> query_tickets(Connection* conn, const TicketQuery& q) {
  auto stmt = conn->prepare(tickets_sql(q));
  if (!stmt) return stmt.error();
  if (!q.account.empty()) stmt->bind_text(kTicketAccount, q.account);
  if (!q.home_id.empty()) stmt->bind_text(kTicketHome, q.home_id);
  if (!q.state.empty() && q.state != "open") stmt->bind_text(kTicketState, q.state);
  if (!q.assignee.empty()) stmt->bind_text(kTicketAssignee, q.assignee);
  if (q.incident_id != 0) stmt->bind(kTicketIncident, q.incident_id);
  stmt->bind(kTicketLimit, clamp(q.limit)).bind(kTicketOffset, clamp(q.offset));
  return read_all<TicketRecord>(*stmt, read_ticket);
}

Result<std::optional<KbArticleRecord>> query_kb_article(Connection* conn, const std::string& id) {
  static const std::string sql = "SELECT id, updated_ms, json FROM kb_articles WHERE id = ?1";
  return one_by_text<KbArticleRecord>(conn, sql, id, read_article);
}

Result<std::vector<KbArticleRecord>> query_kb_articles(Connection* conn) {
  auto stmt = conn->prepare("SELECT id, updated_ms, json FROM kb_articles ORDER BY id");
  if (!stmt) return stmt.error();
  return read_all<KbArticleRecord>(*stmt, read_article);
}

Result<std::vector<AuditRecord>> query_audit(Connection* conn, const AuditQuery& q) {
  auto stmt = conn->prepare(audit_sql(q));
  if (!stmt) return stmt.error();
  if (!q.actor.empty()) stmt->bind_text(kAuditActor, q.actor);
  if (!q.account.empty()) stmt->bind_text(kAuditAccount, q.account);
  if (!q.home_id.empty()) stmt->bind_text(kAuditHome, q.home_id);
  if (!q.device_id.empty()) stmt->bind_text(kAuditDevice, q.device_id);
  if (!q.action_prefix.empty()) stmt->bind_text(kAuditPrefix, q.action_prefix);
  if (q.from_ms != 0) stmt->bind(kAuditFrom, q.from_ms);
  if (q.to_ms != 0) stmt->bind(kAuditTo, q.to_ms);
  stmt->bind(kAuditLimit, clamp(q.limit)).bind(kAuditOffset, clamp(q.offset));
  return read_all<AuditRecord>(*stmt, read_audit);
}

}  // namespace hearth::store::sqlite
