// The audit trail of staff and API-token changes: every call other than GET and HEAD made with an
// API token or a staff session writes one store::AuditRecord (AddAudit) when it is answered,
// whatever the outcome, refused ones included:
//   actor_kind  the staff member's role ("agent", "supervisor", "operator"), or "token"
//   actor       the user id or the token id
//   action      the route's operationId in the OpenAPI document; else "METHOD pattern"
//   account, home_id, device_id  from the path, completed from the store (a device's home, a
//               home's account, a task's device)
//   outcome     "ok" (2xx), "denied" (401, 403), "failed" (anything else)
//   json        {method, path, status, name, request, result}: the request body with secrets
//               redacted (api/redaction.h), the answer's id if it has one; at most 4 KB.
// Calls that do not authenticate are not written (anyone could fill the log with them); customer
// portal calls keep their own entries (selfservice/).
//
// The entry is queued to the store just before the answer goes out; nobody waits for it.
#pragma once

#include <string>

#include "api/api_deps.h"
#include "api/call.h"
#include "api/http.h"
#include "api/router.h"

namespace hearth::api {

inline constexpr size_t kMaxAuditDetails = 4096;

// The operationId of a route in the embedded OpenAPI document ("" when it has none). The map is
// built on the first call (Api's constructor makes it) and only read afterwards.
const std::string& operation_id(const std::string& method, const std::string& pattern);

// `next`, preceded by the audit entry of this call. REQUIRES: deps outlives every answer;
// principal is the authenticated caller (a token or a staff session).
Responder audit_responder(const ApiDeps& deps, const Router::Route& route, const PathParams& params,
                          const ApiRequest& request, const Principal& principal, Responder next);

}  // namespace hearth::api
