// hearthd's REST API (/api/v1/..., /healthz, /metrics, /api/openapi.json) as a function from
// ApiRequest to ApiResponse. The HTTP server maps its requests to ApiRequest and back; nothing
// here knows about sockets.
//
// Thread safety: handle() may be called from many threads at once. The callback runs exactly
// once, on the calling thread or on another one (store writes complete on the store's writer
// thread, task waits on the ACS's threads).
// Lifetime: the Api (and everything in ApiDeps) must outlive every pending callback; stop the
// ACS and flush the store before destroying it.
#pragma once

#include <functional>
#include <memory>

#include "api/api_deps.h"
#include "api/authenticator.h"
#include "api/http.h"
#include "api/router.h"

namespace hearth::api {

class Api {
 public:
  explicit Api(ApiDeps deps);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  void handle(ApiRequest request, std::function<void(ApiResponse)> done);

  // The routes, for the OpenAPI consistency test and for the server's logs.
  const Router& router() const { return router_; }

 private:
  struct Metrics;
  void dispatch(const Router::Route& route, CallPtr call);

  ApiDeps deps_;
  Authenticator auth_;
  Router router_;
  std::unique_ptr<Metrics> metrics_;
};

}  // namespace hearth::api
