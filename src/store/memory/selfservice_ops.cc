// MemoryState changes for the self-service and support ops (selfservice_ops.h).
#include "store/memory/selfservice_ops.h"

#include <algorithm>
#include <string>

namespace hearth::store::memory {

namespace {

// The session kind of a subscriber's own (customer portal) sessions.
constexpr const char* kCustomerKind = "customer";

Status require_subscriber(const char* op, const std::string& account, const MemoryState& s) {
  if (s.subscribers.count(account)) return ok_status();
  return make_error(ErrorCode::kNotFound, std::string(op) + ": no subscriber '" + account + "'");
}

// The account and home a ticket or a troubleshooting run refers to must both exist.
Status require_account_and_home(const char* op, const std::string& account,
                                const std::string& home_id, const MemoryState& s) {
  if (Status found = require_subscriber(op, account, s); !found) return found;
  if (s.homes.count(home_id)) return ok_status();
  return make_error(ErrorCode::kNotFound, std::string(op) + ": no home '" + home_id + "'");
}

}  // namespace

Status apply_selfservice_op(const PutSession& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->sessions, op.session.token_hash);
  s->sessions[op.session.token_hash] = op.session;
  return ok_status();
}

Status apply_selfservice_op(const DeleteSession& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->sessions, op.token_hash);
  s->sessions.erase(op.token_hash);
  return ok_status();
}

Status apply_selfservice_op(const DeleteSessionsOf& op, MemoryState* s, UndoLog* undo) {
  erase_where(
      &s->sessions,
      [&](const SessionRecord& r) {
        return r.kind == op.kind && r.subject == op.subject && r.token_hash != op.keep_token_hash;
      },
      undo);
  return ok_status();
}

Status apply_selfservice_op(const TouchSession& op, MemoryState* s, UndoLog* undo) {
  auto it = s->sessions.find(op.token_hash);
  if (it == s->sessions.end()) return ok_status();  // ended meanwhile: stays ended
  undo->remember(&s->sessions, op.token_hash);
  it->second.last_seen_ms = op.last_seen_ms;
  return ok_status();
}

Status apply_selfservice_op(const PutPasswordReset& op, MemoryState* s, UndoLog* undo) {
  if (Status found = require_subscriber("PutPasswordReset", op.reset.account, *s); !found) {
    return found;
  }
  undo->remember(&s->password_resets, op.reset.token_hash);
  s->password_resets[op.reset.token_hash] = op.reset;
  return ok_status();
}

Status apply_selfservice_op(const PutTroubleshoot& op, MemoryState* s, UndoLog* undo) {
  const TroubleshootRecord& r = op.run;
  if (Status found = require_account_and_home("PutTroubleshoot", r.account, r.home_id, *s);
      !found) {
    return found;
  }
  undo->remember(&s->troubleshoots, r.id);
  s->troubleshoots[r.id] = r;
  return ok_status();
}

Status apply_selfservice_op(const PutTicket& op, MemoryState* s, UndoLog* undo) {
  const TicketRecord& t = op.ticket;
  if (Status found = require_account_and_home("PutTicket", t.account, t.home_id, *s); !found) {
    return found;
  }
  undo->remember_value(&s->max_ticket_id);
  s->max_ticket_id = std::max(s->max_ticket_id, t.id);
  undo->remember(&s->tickets, t.id);
  s->tickets[t.id] = t;
  return ok_status();
}

Status apply_selfservice_op(const PutKbArticle& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->kb_articles, op.article.id);
  s->kb_articles[op.article.id] = op.article;
  return ok_status();
}

Status apply_selfservice_op(const DeleteKbArticle& op, MemoryState* s, UndoLog* undo) {
  undo->remember(&s->kb_articles, op.article_id);
  s->kb_articles.erase(op.article_id);
  return ok_status();
}

Status apply_selfservice_op(const AddAudit& op, MemoryState* s, UndoLog* undo) {
  AuditRecord entry = op.entry;
  entry.id = s->max_audit_id + 1;  // never an id used before, even one pruned since
  undo->remember_value(&s->max_audit_id);
  s->max_audit_id = entry.id;
  undo->remember(&s->audit, entry.id);
  s->audit[entry.id] = std::move(entry);
  return ok_status();
}

Status apply_selfservice_op(const PruneSelfService& op, MemoryState* s, UndoLog* undo) {
  if (op.expired_before_ms != 0) {
    erase_where(
        &s->sessions, [&](const SessionRecord& r) { return r.expires_ms < op.expired_before_ms; },
        undo);
    erase_where(
        &s->password_resets,
        [&](const PasswordResetRecord& r) { return r.expires_ms < op.expired_before_ms; }, undo);
  }
  if (op.audit_before_ms != 0) {
    erase_where(
        &s->audit, [&](const AuditRecord& r) { return r.time_ms < op.audit_before_ms; }, undo);
  }
  if (op.troubleshoot_before_ms != 0) {
    erase_where(
        &s->troubleshoots,
        [&](const TroubleshootRecord& r) { return r.updated_ms < op.troubleshoot_before_ms; },
        undo);
  }
  return ok_status();
}

Status check_subscriber_unreferenced(const std::string& account, const MemoryState& s) {
  for (const auto& [id, t] : s.tickets) {
    if (t.account == account) {
      return make_error(ErrorCode::kConflict, "DeleteSubscriber: account '" + account +
                                                  "' still has ticket " + std::to_string(id));
    }
  }
  for (const auto& [id, r] : s.troubleshoots) {
    if (r.account == account) {
      return make_error(ErrorCode::kConflict, "DeleteSubscriber: account '" + account +
                                                  "' still has troubleshooting run '" + id + "'");
    }
  }
  return ok_status();
}

void forget_subscriber(const std::string& account, MemoryState* s, UndoLog* undo) {
  erase_where(
      &s->sessions,
      [&](const SessionRecord& r) { return r.kind == kCustomerKind && r.subject == account; },
      undo);
  erase_where(
      &s->password_resets, [&](const PasswordResetRecord& r) { return r.account == account; },
      undo);
}

}  // namespace hearth::store::memory
