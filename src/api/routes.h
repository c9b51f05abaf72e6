// Route registration, one function per resource (each in its own *_handlers.cc).
#pragma once

#include "api/api_deps.h"
#include "api/router.h"

namespace hearth::api {

// REQUIRES: deps outlives the router and every call it handles.
void add_device_routes(Router& router, const ApiDeps& deps);
void add_task_routes(Router& router, const ApiDeps& deps);
void add_fault_routes(Router& router, const ApiDeps& deps);
void add_file_routes(Router& router, const ApiDeps& deps);
void add_profile_routes(Router& router, const ApiDeps& deps);
void add_token_routes(Router& router, const ApiDeps& deps);
void add_system_routes(Router& router, const ApiDeps& deps);
void add_import_routes(Router& router, const ApiDeps& deps);
void add_home_routes(Router& router, const ApiDeps& deps);
void add_diagnosis_routes(Router& router, const ApiDeps& deps);   // diagnosis_handlers.h
void add_line_event_routes(Router& router, const ApiDeps& deps);  // line_events_handlers.h
void add_topology_routes(Router& router, const ApiDeps& deps);    // topology_handlers.cc
// Incidents and a home's status, maintenance, webhooks: incidents_handlers.h.
void add_incident_routes(Router& router, const ApiDeps& deps);
void add_maintenance_routes(Router& router, const ApiDeps& deps);
void add_webhook_routes(Router& router, const ApiDeps& deps);
// The customer portal (/api/v1/selfservice/...): sessions, logins and password resets
// (selfservice_auth_handlers.cc); the home, Wi-Fi, devices, history, knowledge base, tickets and
// the operator's figures (selfservice_handlers.cc); guided troubleshooting
// (selfservice_troubleshoot_handlers.cc).
void add_selfservice_auth_routes(Router& router, const ApiDeps& deps);
void add_selfservice_routes(Router& router, const ApiDeps& deps);
void add_selfservice_troubleshoot_routes(Router& router, const ApiDeps& deps);
// The agent console and the operator dashboard: staff sessions (staff_auth_handlers.cc), users
// (users_handlers.cc), the audit log (audit_handlers.cc), customer search and the customer's
// timeline (customers_handlers.cc), the ticket queue (tickets_handlers.cc), the fleet
// (fleet_handlers.cc), campaigns (campaigns_handlers.cc) and settings (settings_handlers.cc).
void add_staff_auth_routes(Router& router, const ApiDeps& deps);
void add_user_routes(Router& router, const ApiDeps& deps);
void add_audit_routes(Router& router, const ApiDeps& deps);
void add_customer_routes(Router& router, const ApiDeps& deps);
void add_ticket_routes(Router& router, const ApiDeps& deps);
void add_fleet_routes(Router& router, const ApiDeps& deps);
void add_campaign_routes(Router& router, const ApiDeps& deps);
void add_settings_routes(Router& router, const ApiDeps& deps);

}  // namespace hearth::api
