// The regional-disturbance commands of hearth: incidents, incident, maintenance, webhooks and
// home-status, over /api/v1/incidents, /api/v1/maintenance, /api/v1/webhooks and
// /api/v1/homes/{id}/status.
//
//   hearth incidents [--state S] [--access-node N] [--region R] [--home H] [--offset N] [--limit N]
//   hearth incident ID [--note TEXT] [--etr ISO|none] [--title T] [--close] [--merge-into ID]
//   hearth maintenance list [--active]
//   hearth maintenance add (--access-node N | --region R) --start ISO --end ISO [--description D]
//   hearth maintenance delete ID
//   hearth webhooks list
//   hearth webhooks add --url U --secret S [--events e1,e2] [--disabled]
//   hearth webhooks delete ID | test ID
//   hearth home-status HOME
#pragma once

#include <memory>
#include <optional>

#include "cli/hearth_client.h"

namespace CLI {
class App;
}  // namespace CLI

namespace hearth::cli {

// The options of these commands, filled in by parsing.
struct IncidentCommands;

// Adds the commands to `app`. The result holds what they parse into: keep it until they ran.
std::shared_ptr<IncidentCommands> add_incident_commands(CLI::App& app);

// Runs the command that was given and returns its exit status; nullopt when none of these was.
std::optional<int> run_incident_commands(const Options& o, const IncidentCommands& commands);

}  // namespace hearth::cli
