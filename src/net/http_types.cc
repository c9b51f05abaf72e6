#include "net/http_types.h"

#include "core/strings.h"

namespace hearth::net {

std::optional<std::string_view> HttpHeaders::get(std::string_view name) const {
  for (const auto& h : list_) {
    if (iequals(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

std::string HttpHeaders::get_or(std::string_view name, std::string_view fallback) const {
  const auto v = get(name);
  return std::string(v ? *v : fallback);
}

std::vector<std::string_view> HttpHeaders::get_all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& h : list_) {
    if (iequals(h.name, name)) out.emplace_back(h.value);
  }
  return out;
}

void HttpHeaders::add(std::string name, std::string value) {
  list_.push_back(HttpHeader{std::move(name), std::move(value)});
}

void HttpHeaders::set(std::string_view name, std::string value) {
  erase(name);
  list_.push_back(HttpHeader{std::string(name), std::move(value)});
}

size_t HttpHeaders::erase(std::string_view name) {
  const size_t before = list_.size();
  std::erase_if(list_, [&](const HttpHeader& h) { return iequals(h.name, name); });
  return before - list_.size();
}

std::string_view HttpRequest::path() const {
  const std::string_view t(target);
  return t.substr(0, t.find('?'));
}

std::string_view HttpRequest::query() const {
  const std::string_view t(target);
  const size_t q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

HttpResponse make_response(int status, std::string body, std::string content_type) {
  HttpResponse r;
  r.status = status;
  if (!body.empty()) r.headers.add("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

namespace {

bool is_cookie_separator(char c) { return c == ';' || c == ','; }
bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

// tr069.md 1.6 / quirk 3: GenieACS's cookie regex accepts ',' and ';' and quoted values; so do we.
std::vector<std::pair<std::string, std::string>> parse_cookies(std::string_view header) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  const size_t n = header.size();
  while (i < n) {
    while (i < n && (is_space(header[i]) || is_cookie_separator(header[i]))) ++i;
    const size_t name_start = i;
    while (i < n && header[i] != '=' && !is_cookie_separator(header[i])) ++i;
    const std::string_view name = trim(header.substr(name_start, i - name_start));
    if (i >= n || header[i] != '=') continue;  // a pair without '=' (or the end): skip it
    ++i;                                       // '='
    while (i < n && is_space(header[i])) ++i;
    std::string value;
    if (i < n && header[i] == '"') {
      ++i;
      while (i < n && header[i] != '"') {
        if (header[i] == '\\' && i + 1 < n) ++i;
        value.push_back(header[i++]);
      }
      if (i < n) ++i;  // closing quote; an unterminated one just ends the value
      while (i < n && !is_cookie_separator(header[i])) ++i;
    } else {
      const size_t value_start = i;
      while (i < n && !is_cookie_separator(header[i])) ++i;
      value = std::string(trim(header.substr(value_start, i - value_start)));
    }
    if (!name.empty()) out.emplace_back(std::string(name), std::move(value));
  }
  return out;
}

std::optional<std::string> find_cookie(const HttpHeaders& headers, std::string_view name) {
  for (const auto header : headers.get_all("Cookie")) {
    for (auto& [k, v] : parse_cookies(header)) {
      if (k == name) return std::move(v);
    }
  }
  return std::nullopt;
}

namespace {

std::string decode_query_component(std::string_view s) {
  std::string plus_as_space(s);
  for (char& c : plus_as_space) {
    if (c == '+') c = ' ';
  }
  if (auto decoded = percent_decode(plus_as_space)) return std::move(*decoded);
  return plus_as_space;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string_view part : split(query, '&')) {
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(decode_query_component(part), std::string());
    } else {
      out.emplace_back(decode_query_component(part.substr(0, eq)), decode_query_component(part.substr(eq + 1)));
    }
  }
  return out;
}

std::optional<std::string> query_param(std::string_view query, std::string_view key) {
  for (auto& [k, v] : parse_query(query)) {
    if (k == key) return std::move(v);
  }
  return std::nullopt;
}

}  // namespace hearth::net
