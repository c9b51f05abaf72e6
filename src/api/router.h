// Routes: a method and a path pattern whose segments are literals or {name} parameters, e.g.
// "/api/v1/devices/{id}/tags/{tag}". A parameter matches one whole segment and is
// percent-decoded exactly once (device ids hold '%' by nature: tr069.md 1.7).
//
// Routes are added at start-up and then only read: match() may run on many threads at once.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "api/call.h"
#include "core/result.h"

namespace hearth::api {

enum class Access {
  kPublic,         // no token needed (health, the OpenAPI document)
  kAuthenticated,  // reads: any staff member or token; changes: operators (and admin tokens)
  kAgent,          // reads: any staff member or token; changes: agents and above
  kSupervisor,     // supervisors and operators only, reads included (the audit log)
  kOperator,       // operators (and admin tokens) only, reads included (users)
  kCustomer,       // a customer's portal session (cookie); changes also need its X-CSRF-Token.
                   // API tokens do not reach these routes, nor sessions the others.
};

class Router {
 public:
  using Handler = std::function<void(CallPtr)>;

  struct Route {
    std::string method;
    std::string pattern;
    Access access = Access::kAuthenticated;
    Handler handler;
    std::vector<std::string> segments;  // the pattern split at '/'
  };

  // REQUIRES: the pattern starts with '/' and each "{...}" is a whole segment.
  void add(std::string method, std::string pattern, Handler handler, Access access = Access::kAuthenticated);

  struct Match {
    const Route* route = nullptr;        // null: no route for this method
    PathParams params;
    std::vector<std::string> allowed;    // methods the path accepts (for 405), when route is null
  };
  // kInvalidArgument when a parameter segment holds a malformed %-escape.
  Result<Match> match(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace hearth::api
