#include "net/http_auth.h"

#include <cstdio>

#include "core/crypto.h"
#include "core/strings.h"

namespace hearth::net {

namespace {

bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

bool is_token68_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '+' || c == '/';
}

bool is_hex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

Error invalid(std::string message) { return make_error(ErrorCode::kInvalidArgument, std::move(message)); }

using Params = std::vector<std::pair<std::string, std::string>>;

// RFC 7235 2.1 grammar: challenge / credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ].
class AuthLexer {
 public:
  explicit AuthLexer(std::string_view s) : s_(s) {}

  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }
  size_t pos() const { return pos_; }
  void rewind(size_t pos) { pos_ = pos; }

  void skip_ows() {
    while (!at_end() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  void skip_ows_and_commas() {
    while (!at_end() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == ',')) ++pos_;
  }

  std::string_view token() {
    const size_t start = pos_;
    while (!at_end() && is_tchar(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }

  // A token68 standing alone (followed by the end or a comma); rewinds and returns empty if not.
  std::string_view token68() {
    const size_t start = pos_;
    while (!at_end() && is_token68_char(s_[pos_])) ++pos_;
    if (pos_ == start) return {};
    while (!at_end() && s_[pos_] == '=') ++pos_;
    const size_t end = pos_;
    skip_ows();
    if (at_end() || peek() == ',') return s_.substr(start, end - start);
    pos_ = start;
    return {};
  }

  // At an opening quote: reads the quoted-string, undoing backslash escapes.
  bool quoted_string(std::string* out) {
    ++pos_;  // the opening quote
    while (!at_end()) {
      const char c = s_[pos_++];
      if (c == '"') return true;
      if (c == '\\') {
        if (at_end()) return false;
        out->push_back(s_[pos_++]);
      } else {
        out->push_back(c);
      }
    }
    return false;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// Reads "name=value" pairs until the end or until a token that starts a new challenge (a token
// not followed by '='); `*new_scheme` tells which.
Status parse_params(AuthLexer& lex, Params* params, bool* new_scheme) {
  *new_scheme = false;
  for (;;) {
    lex.skip_ows_and_commas();
    if (lex.at_end()) return ok_status();
    const size_t start = lex.pos();
    const std::string_view name = lex.token();
    if (name.empty()) return invalid("unexpected character in authentication parameters");
    lex.skip_ows();
    if (lex.peek() != '=') {
      lex.rewind(start);
      *new_scheme = true;
      return ok_status();
    }
    lex.rewind(lex.pos() + 1);  // '='
    lex.skip_ows();
    std::string value;
    if (lex.peek() == '"') {
      if (!lex.quoted_string(&value)) return invalid("unterminated quoted string");
    } else {
      value = std::string(lex.token());
      if (value.empty()) return invalid("parameter without a value");
    }
    std::string key = to_lower(name);
    for (const auto& p : *params) {
      if (p.first == key) return invalid("repeated parameter " + key);
    }
    params->emplace_back(std::move(key), std::move(value));
    lex.skip_ows();
    if (!lex.at_end() && lex.peek() != ',') return invalid("unexpected character after a parameter value");
  }
}

std::optional<std::string_view> find_param(const Params& params, std::string_view name) {
  for (const auto& p : params) {
    if (p.first == name) return std::string_view(p.second);
  }
  return std::nullopt;
}

Result<Authorization> parse_basic(AuthLexer& lex) {
  lex.skip_ows();
  const std::string_view b64 = lex.token68();
  if (b64.empty()) return invalid("Basic without credentials");
  lex.skip_ows();
  if (!lex.at_end()) return invalid("trailing data after Basic credentials");
  std::string decoded;
  if (!crypto::base64_decode(b64, &decoded)) return invalid("Basic credentials are not base64");
  const size_t colon = decoded.find(':');
  if (colon == std::string::npos) return invalid("Basic credentials without ':'");
  Authorization a;
  a.scheme = Authorization::Scheme::kBasic;
  a.basic.username = decoded.substr(0, colon);
  a.basic.password = decoded.substr(colon + 1);
  return a;
}

Result<Authorization> parse_digest(AuthLexer& lex) {
  Params params;
  bool new_scheme = false;
  if (auto s = parse_params(lex, &params, &new_scheme); !s.ok()) return s.error();
  if (new_scheme) return invalid("unexpected token in Digest credentials");
  Authorization a;
  a.scheme = Authorization::Scheme::kDigest;
  DigestCredentials& d = a.digest;
  struct Field {
    const char* name;
    std::string* out;
    bool required;
  };
  const Field fields[] = {
      {"username", &d.username, true}, {"realm", &d.realm, true},   {"nonce", &d.nonce, true},
      {"uri", &d.uri, true},           {"response", &d.response, true}, {"algorithm", &d.algorithm, false},
      {"cnonce", &d.cnonce, false},    {"opaque", &d.opaque, false}, {"qop", &d.qop, false},
      {"nc", &d.nc, false},
  };
  for (const Field& f : fields) {
    const auto v = find_param(params, f.name);
    if (!v && f.required) return invalid(std::string("Digest credentials without ") + f.name);
    if (v) *f.out = std::string(*v);
  }
  if (d.nonce.empty() || d.uri.empty()) return invalid("Digest credentials with an empty nonce or uri");
  if ((d.response.size() != 32 && d.response.size() != 64) || !is_hex(d.response)) {
    return invalid("Digest response is not a hex digest");
  }
  d.response = to_lower(d.response);
  if (!d.qop.empty()) {
    d.qop = to_lower(d.qop);
    if (d.qop != "auth" && d.qop != "auth-int") return invalid("unsupported Digest qop");
    if (d.cnonce.empty()) return invalid("Digest qop without cnonce");
    if (d.nc.empty() || d.nc.size() > 8 || !is_hex(d.nc)) return invalid("Digest qop without a valid nc");
  }
  return a;
}

// The hash an algorithm name selects, or nullptr when unsupported.
using HashFn = std::string (*)(std::string_view);
HashFn hash_for(std::string_view algorithm, bool* sess) {
  *sess = false;
  if (algorithm.empty() || iequals(algorithm, "MD5")) return &crypto::md5_hex;
  if (iequals(algorithm, "SHA-256")) return &crypto::sha256_hex;
  *sess = true;
  if (iequals(algorithm, "MD5-sess")) return &crypto::md5_hex;
  if (iequals(algorithm, "SHA-256-sess")) return &crypto::sha256_hex;
  return nullptr;
}

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  bool first = true;
  for (auto p : parts) {
    if (!first) out.push_back(':');
    out.append(p);
    first = false;
  }
  return out;
}

void append_quoted(std::string* out, std::string_view name, std::string_view value) {
  out->append(name);
  out->append("=\"");
  for (char c : value) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

std::optional<std::string_view> AuthChallenge::param(std::string_view name) const {
  return find_param(params, to_lower(name));
}

Result<Authorization> parse_authorization(std::string_view header) {
  if (header.size() > kMaxAuthHeaderLength) return invalid("Authorization header too long");
  AuthLexer lex(trim(header));
  const std::string_view scheme = lex.token();
  if (scheme.empty()) return invalid("Authorization header without a scheme");
  if (!lex.at_end() && lex.peek() != ' ' && lex.peek() != '\t') return invalid("malformed authentication scheme");
  if (iequals(scheme, "Basic")) return parse_basic(lex);
  if (iequals(scheme, "Digest")) return parse_digest(lex);
  return invalid("unsupported authentication scheme");
}

Result<std::vector<AuthChallenge>> parse_challenges(std::string_view header) {
  if (header.size() > kMaxAuthHeaderLength) return invalid("WWW-Authenticate header too long");
  std::vector<AuthChallenge> out;
  AuthLexer lex(header);
  for (;;) {
    lex.skip_ows_and_commas();
    if (lex.at_end()) break;
    AuthChallenge c;
    c.scheme = std::string(lex.token());
    if (c.scheme.empty()) return invalid("malformed challenge");
    if (!lex.at_end() && lex.peek() != ' ' && lex.peek() != '\t' && lex.peek() != ',') {
      return invalid("malformed authentication scheme");
    }
    lex.skip_ows();
    if (const std::string_view t68 = lex.token68(); !t68.empty()) {
      c.params.emplace_back("", std::string(t68));
      out.push_back(std::move(c));
      continue;
    }
    bool new_scheme = false;
    if (auto s = parse_params(lex, &c.params, &new_scheme); !s.ok()) return s.error();
    out.push_back(std::move(c));
  }
  if (out.empty()) return invalid("empty WWW-Authenticate header");
  return out;
}

std::string digest_ha1(std::string_view username, std::string_view realm, std::string_view password) {
  return crypto::md5_hex(join({username, realm, password}));
}

// RFC 2617 3.2.2.1-3.2.2.3.
std::optional<std::string> digest_request_response(const DigestCredentials& c, std::string_view ha1,
                                                   std::string_view method, std::string_view body) {
  bool sess = false;
  const HashFn h = hash_for(c.algorithm, &sess);
  if (h == nullptr) return std::nullopt;
  const std::string a1 = sess ? h(join({ha1, c.nonce, c.cnonce})) : std::string(ha1);
  std::string a2;
  if (c.qop.empty() || c.qop == "auth") {
    a2 = h(join({method, c.uri}));
  } else if (c.qop == "auth-int") {
    a2 = h(join({method, c.uri, h(body)}));
  } else {
    return std::nullopt;
  }
  if (c.qop.empty()) return h(join({a1, c.nonce, a2}));
  return h(join({a1, c.nonce, c.nc, c.cnonce, c.qop, a2}));
}

bool verify_basic(const BasicCredentials& credentials, std::string_view realm, std::string_view stored_ha1) {
  const std::string ha1 = digest_ha1(credentials.username, realm, credentials.password);
  return crypto::equal_constant_time(ha1, to_lower(stored_ha1));
}

std::string basic_authorization(std::string_view username, std::string_view password) {
  return "Basic " + crypto::base64_encode(join({username, password}));
}

Result<std::string> compute_digest_authorization(std::string_view challenge_header, std::string_view method,
                                                 std::string_view uri, std::string_view username,
                                                 std::string_view password, unsigned nc, std::string_view cnonce,
                                                 std::string_view body) {
  auto challenges = parse_challenges(challenge_header);
  if (!challenges.ok()) return challenges.error();
  const AuthChallenge* digest = nullptr;
  for (const auto& c : *challenges) {
    if (iequals(c.scheme, "Digest")) {
      digest = &c;
      break;
    }
  }
  if (digest == nullptr) return invalid("no Digest challenge");
  const auto nonce = digest->param("nonce");
  if (!nonce || nonce->empty()) return invalid("Digest challenge without a nonce");

  DigestCredentials d;
  d.username = std::string(username);
  d.realm = std::string(digest->param("realm").value_or(""));
  d.nonce = std::string(*nonce);
  d.uri = std::string(uri);
  d.algorithm = std::string(digest->param("algorithm").value_or(""));
  d.opaque = std::string(digest->param("opaque").value_or(""));
  if (const auto qop_list = digest->param("qop")) {
    bool has_auth = false, has_auth_int = false;
    for (const auto option : split(*qop_list, ',')) {
      has_auth = has_auth || iequals(trim(option), "auth");
      has_auth_int = has_auth_int || iequals(trim(option), "auth-int");
    }
    if (has_auth) {
      d.qop = "auth";
    } else if (has_auth_int) {
      d.qop = "auth-int";
    } else {
      return invalid("Digest challenge offers no supported qop");
    }
    char nc_text[16];
    std::snprintf(nc_text, sizeof(nc_text), "%08x", nc);
    d.nc = nc_text;
    d.cnonce = std::string(cnonce);
  }
  bool sess = false;
  const HashFn h = hash_for(d.algorithm, &sess);
  if (h == nullptr) return invalid("unsupported Digest algorithm " + d.algorithm);
  const auto response = digest_request_response(d, h(join({username, d.realm, password})), method, body);
  if (!response) return invalid("cannot compute the Digest response");

  std::string out = "Digest ";
  append_quoted(&out, "username", d.username);
  out += ", ";
  append_quoted(&out, "realm", d.realm);
  out += ", ";
  append_quoted(&out, "nonce", d.nonce);
  out += ", ";
  append_quoted(&out, "uri", d.uri);
  if (!d.algorithm.empty()) out += ", algorithm=" + d.algorithm;
  if (!d.qop.empty()) {
    out += ", qop=" + d.qop + ", nc=" + d.nc + ", ";
    append_quoted(&out, "cnonce", d.cnonce);
  }
  out += ", ";
  append_quoted(&out, "response", *response);
  if (!d.opaque.empty()) {
    out += ", ";
    append_quoted(&out, "opaque", d.opaque);
  }
  return out;
}

}  // namespace hearth::net
