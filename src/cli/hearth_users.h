// The staff user commands of hearth, over /api/v1/users (an operator's or an admin token):
//
//   hearth users list
//   hearth users add --login L --role agent|supervisor|operator [--name N] [--email E]
//                    [--password-stdin]
//   hearth users update ID [--name N] [--email E] [--role R] [--disable | --enable]
//                    [--password-stdin]
//   hearth users delete ID
//
// A password never goes on the command line (where ps and shell histories would show it): it is
// read from the first line of standard input with --password-stdin, else from the environment
// variable HEARTH_USER_PASSWORD (for scripts). add needs one of them; update changes the password
// only when one is given.
#pragma once

#include <memory>
#include <optional>

#include "cli/hearth_client.h"

namespace CLI {
class App;
}  // namespace CLI

namespace hearth::cli {

struct UserCommands;

// Adds the commands to `app`. The result holds what they parse into: keep it until they ran.
std::shared_ptr<UserCommands> add_user_commands(CLI::App& app);

// Runs the command that was given and returns its exit status; nullopt when none of these was.
std::optional<int> run_user_commands(const Options& o, const UserCommands& commands);

}  // namespace hearth::cli
