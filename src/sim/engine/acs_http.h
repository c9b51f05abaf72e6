// The HTTP side of a simulated CPE talking to its ACS within one session: the cookies the ACS set
// (tr069.md 1.6: returned on every later request of the session) and the Authorization it sends
// after a 401 (tr069.md 1.7: Digest, or Basic for models that only do Basic; once challenged it
// keeps sending credentials on the session's later requests, Digest with a growing nc).
// Pure apart from the random cnonce; not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/http_types.h"

namespace hearth::sim {

class CookieJar {
 public:
  // Takes every Set-Cookie of a response: "name=value; Path=/; ..." (attributes ignored); an
  // empty value or Max-Age=0 removes the cookie.
  void update(const net::HttpHeaders& response_headers);
  // The Cookie header value ("a=1; b=2"), empty when there is none.
  std::string header() const;
  bool empty() const { return cookies_.empty(); }
  void clear() { cookies_.clear(); }

 private:
  std::vector<std::pair<std::string, std::string>> cookies_;
};

class AcsAuthorization {
 public:
  // `basic`: the model answers with Basic whatever the ACS offers (ModelInfo::digest_auth false).
  AcsAuthorization(bool basic, std::string username, std::string password);

  // Takes a 401's WWW-Authenticate challenges; false when there is nothing this CPE can answer
  // (no Digest challenge for a Digest CPE, or no credentials).
  bool answer(const net::HttpHeaders& response_headers);
  // The Authorization value for the next request, or empty before any challenge.
  std::string header_for(std::string_view method, std::string_view uri, std::string_view body);
  bool active() const { return active_; }

 private:
  bool basic_;
  std::string username_;
  std::string password_;
  std::string challenge_;  // the WWW-Authenticate value answered (Digest)
  std::string cnonce_;
  unsigned nc_ = 0;
  bool active_ = false;
};

}  // namespace hearth::sim
