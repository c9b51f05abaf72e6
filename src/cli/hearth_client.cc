#include "cli/hearth_client.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iostream>

#include "net/http_client.h"

namespace hearth::cli {

using nlohmann::json;

std::string encode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    out += (out.empty() ? "?" : "&") + name + "=" + encode(value);
  }
  return out;
}

const json& field(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

std::string text(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "-";
  return j.dump();
}

std::optional<Answer> call(const Options& o, const std::string& method, const std::string& path,
                           std::string body, int timeout_s) {
  std::string base = o.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  hearth::net::HttpHeaders headers;
  if (!o.token.empty()) headers.add("Authorization", "Bearer " + o.token);
  if (!body.empty()) headers.add("Content-Type", "application/json");
  headers.add("Accept", "application/json");
  hearth::net::HttpClientOptions options;
  options.timeout = std::chrono::seconds(timeout_s);
  options.max_response_bytes = 256u << 20;
  auto r = hearth::net::http_request_sync(method, base + path, headers, std::move(body), options);
  if (!r) {
    std::cerr << "hearth: cannot reach " << base << ": " << r.error().message << "\n";
    return std::nullopt;
  }
  json answer = json::parse(r->body, nullptr, /*allow_exceptions=*/false);
  if (r->status < 200 || r->status > 299) {
    std::cerr << "hearth: " << method << " " << path << " refused (" << r->status << ")";
    const json& error = field(answer, "error");
    if (error.is_object())
      std::cerr << ": " << text(field(error, "code")) << ": " << text(field(error, "message"));
    std::cerr << "\n";
    return std::nullopt;
  }
  if (answer.is_discarded()) {
    std::cerr << "hearth: " << method << " " << path << ": the answer is not JSON\n";
    return std::nullopt;
  }
  return Answer{std::move(answer), std::move(r->body)};
}

void print_table(const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < cells.size(); ++c) {
      out += cells[c];
      if (c + 1 < cells.size()) out += std::string(width[c] - cells[c].size() + 2, ' ');
    }
    std::cout << out << "\n";
  };
  line(header);
  for (const auto& row : rows) line(row);
}

void print_footer(const json& page, const char* what) {
  const size_t shown = field(page, "items").size();
  std::cout << shown << " " << what;
  if (field(page, "total").is_number()) std::cout << " of " << field(page, "total").get<size_t>();
  if (field(page, "more") == true) std::cout << " (more with --offset)";
  std::cout << "\n";
}

}  // namespace hearth::cli
