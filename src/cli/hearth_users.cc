// hearth users (hearth_users.h): staff users for people at a terminal, over hearthd's HTTP API.
#include "cli/hearth_users.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "net/http_client.h"

namespace hearth::cli {

using nlohmann::json;

struct UserCommands {
  CLI::App* list = nullptr;
  CLI::App* add = nullptr;
  CLI::App* update = nullptr;
  CLI::App* remove = nullptr;

  std::string id, login, name, email, role;
  bool password_stdin = false;
  bool disable = false;
  bool enable = false;
};

namespace {

constexpr const char* kPasswordEnv = "HEARTH_USER_PASSWORD";

// The new password: the first line of standard input (--password-stdin), else the environment;
// nullopt when neither gives one.
std::optional<std::string> new_password(const UserCommands& c) {
  if (c.password_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  const char* env = std::getenv(kPasswordEnv);
  if (env != nullptr && *env != '\0') return std::string(env);
  return std::nullopt;
}

void print_user(const json& u) {
  std::cout << "user      " << text(field(u, "id")) << "  " << text(field(u, "login")) << "  ("
            << text(field(u, "role")) << (field(u, "disabled") == true ? ", disabled" : "") << ")\n";
  std::cout << "name      " << text(field(u, "name")) << "\n";
  std::cout << "email     " << text(field(u, "email")) << "\n";
}

int run_list(const Options& o) {
  auto list = call(o, "GET", "/api/v1/users", {}, o.timeout_s);
  if (!list) return kRefused;
  if (o.raw_json) {
    std::cout << list->body << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const json& u : field(list->doc, "users")) {
    rows.push_back({text(field(u, "id")), text(field(u, "login")), text(field(u, "name")),
                    text(field(u, "role")), field(u, "disabled") == true ? "yes" : "no",
                    text(field(u, "email"))});
  }
  print_table({"ID", "LOGIN", "NAME", "ROLE", "DISABLED", "EMAIL"}, rows);
  return 0;
}

int show(const Options& o, const Answer& a) {
  if (o.raw_json) {
    std::cout << a.body << "\n";
  } else {
    print_user(a.doc);
  }
  return 0;
}

int run_add(const Options& o, const UserCommands& c) {
  const std::optional<std::string> password = new_password(c);
  if (!password) {
    std::cerr << "hearth: users add needs a password: --password-stdin or " << kPasswordEnv << "\n";
    return kUsage;
  }
  json body = {{"login", c.login}, {"role", c.role}, {"password", *password}};
  if (!c.name.empty()) body["name"] = c.name;
  if (!c.email.empty()) body["email"] = c.email;
  auto u = call(o, "POST", "/api/v1/users", body.dump(), o.timeout_s);
  if (!u) return kRefused;
  return show(o, *u);
}

int run_update(const Options& o, const UserCommands& c) {
  json body = json::object();
  if (!c.name.empty()) body["name"] = c.name;
  if (!c.email.empty()) body["email"] = c.email;
  if (!c.role.empty()) body["role"] = c.role;
  if (c.disable) body["disabled"] = true;
  if (c.enable) body["disabled"] = false;
  if (c.password_stdin || std::getenv(kPasswordEnv) != nullptr) {
    const std::optional<std::string> password = new_password(c);
    if (!password) {
      std::cerr << "hearth: no password on standard input\n";
      return kUsage;
    }
    body["password"] = *password;
  }
  if (body.empty()) {
    std::cerr << "hearth: users update: nothing to change\n";
    return kUsage;
  }
  auto u = call(o, "PATCH", "/api/v1/users/" + encode(c.id), body.dump(), o.timeout_s);
  if (!u) return kRefused;
  return show(o, *u);
}

// DELETE answers 204 without a body, which call() would take for a bad answer.
int run_delete(const Options& o, const UserCommands& c) {
  std::string base = o.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string path = "/api/v1/users/" + encode(c.id);
  net::HttpHeaders headers;
  if (!o.token.empty()) headers.add("Authorization", "Bearer " + o.token);
  headers.add("Accept", "application/json");
  net::HttpClientOptions options;
  options.timeout = std::chrono::seconds(o.timeout_s);
  auto r = net::http_request_sync("DELETE", base + path, headers, {}, options);
  if (!r) {
    std::cerr << "hearth: cannot reach " << base << ": " << r.error().message << "\n";
    return kRefused;
  }
  if (r->status < 200 || r->status > 299) {
    std::cerr << "hearth: DELETE " << path << " refused (" << r->status << ")";
    const json answer = json::parse(r->body, nullptr, /*allow_exceptions=*/false);
    const json& error = field(answer, "error");
    if (error.is_object()) std::cerr << ": " << text(field(error, "code")) << ": " << text(field(error, "message"));
    std::cerr << "\n";
    return kRefused;
  }
  if (!o.raw_json) std::cout << "deleted user " << c.id << "\n";
  return 0;
}

}  // namespace

std::shared_ptr<UserCommands> add_user_commands(CLI::App& app) {
  auto c = std::make_shared<UserCommands>();
  CLI::App* users = app.add_subcommand("users", "staff users of the agent console and the dashboard");
  users->require_subcommand(1);
  c->list = users->add_subcommand("list", "list users");
  c->add = users->add_subcommand("add", "add a user (password: --password-stdin or HEARTH_USER_PASSWORD)");
  c->add->add_option("--login", c->login, "what the user types to log in (3-64 of A-Z a-z 0-9 . _ @ -)")
      ->required();
  c->add->add_option("--role", c->role, "agent, supervisor or operator")->required();
  c->add->add_option("--name", c->name, "the name shown in the console (default: the login)");
  c->add->add_option("--email", c->email, "the user's email address");
  c->add->add_flag("--password-stdin", c->password_stdin, "read the password from standard input");
  c->update = users->add_subcommand("update", "change a user");
  c->update->add_option("ID", c->id, "the user id")->required();
  c->update->add_option("--name", c->name, "a new name");
  c->update->add_option("--email", c->email, "a new email address");
  c->update->add_option("--role", c->role, "agent, supervisor or operator");
  CLI::Option* disable = c->update->add_flag("--disable", c->disable, "refuse their logins and end their sessions");
  CLI::Option* enable = c->update->add_flag("--enable", c->enable, "allow their logins again");
  disable->excludes(enable);
  c->update->add_flag("--password-stdin", c->password_stdin,
                      "set a new password read from standard input (ends their sessions)");
  c->remove = users->add_subcommand("delete", "delete a user and their sessions");
  c->remove->add_option("ID", c->id, "the user id")->required();
  return c;
}

std::optional<int> run_user_commands(const Options& o, const UserCommands& c) {
  if (*c.list) return run_list(o);
  if (*c.add) return run_add(o, c);
  if (*c.update) return run_update(o, c);
  if (*c.remove) return run_delete(o, c);
  return std::nullopt;
}

}  // namespace hearth::cli
