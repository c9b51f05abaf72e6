// What the commands of hearth (the admin command line) share: the connection options, one
// request to hearthd's HTTP API, and printing answers as tables.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hearth::cli {

// Exit statuses: 0 done, 1 refused or hearthd unreachable, 2 a usage error.
inline constexpr int kRefused = 1;
inline constexpr int kUsage = 2;

struct Options {
  std::string url = "http://127.0.0.1:8080";
  std::string token;
  bool raw_json = false;
  int timeout_s = 60;
  int import_timeout_s = 3600;  // hashing thousands of passwords takes minutes
};

// Percent-encodes a whole string (a path segment or a query value).
std::string encode(const std::string& s);
// "?a=1&b=x" from the pairs whose value is not empty.
std::string query(const std::vector<std::pair<std::string, std::string>>& params);

// j[key], or null when j is not an object or lacks the key (a const json must not be indexed
// with a key it does not have).
const nlohmann::json& field(const nlohmann::json& j, const char* key);
// A string as it is, null as "-", anything else as JSON.
std::string text(const nlohmann::json& j);

struct Answer {
  nlohmann::json doc;
  std::string body;  // as it came, for --json
};

// Sends one request; on success returns the answer. On failure prints why and returns nullopt
// (the caller exits with kRefused).
std::optional<Answer> call(const Options& o, const std::string& method, const std::string& path,
                           std::string body, int timeout_s);

// Prints rows under a header, each column as wide as its widest cell.
void print_table(const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);
// "N what [of TOTAL] [(more with --offset)]" under a page of a list.
void print_footer(const nlohmann::json& page, const char* what);

// hearth diagnosis HOME: the primary cause, the health and the open findings of a home.
int run_diagnosis(const Options& o, const std::string& home_id);
// hearth fleet: the fleet's health, primary causes, open findings and worst homes.
int run_fleet(const Options& o, const std::string& worst);

}  // namespace hearth::cli
