// Reads of sessions, password resets, troubleshooting runs, tickets, knowledge-base articles and
// the audit log, on a read connection (the filters and orders are those of store.h). Any thread
// holding the connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace hearth::store::sqlite {

Result<std::optional<SessionRecord>> query_session(Connection* conn, const std::string& token_hash);
Result<std::optional<PasswordResetRecord>> query_password_reset(Connection* conn,
                                                                const std::string& token_hash);
Result<std::optional<TroubleshootRecord>> query_troubleshoot(Connection* conn,
                                                             const std::string& id);
Result<std::vector<TroubleshootRecord>> query_troubleshoots(Connection* conn,
                                                            const TroubleshootQuery& query);
Result<std::optional<TicketRecord>> query_ticket(Connection* conn, int64_t id);
Result<std::vector<TicketRecord>> query_tickets(Connection* conn, const TicketQuery& query);
Result<std::optional<KbArticleRecord>> query_kb_article(Connection* conn, const std::string& id);
Result<std::vector<KbArticleRecord>> query_kb_articles(Connection* conn);
Result<std::vector<AuditRecord>> query_audit(Connection* conn, const AuditQuery& query);

}  // namespace hearth::store::sqlite
