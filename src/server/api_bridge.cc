#include "server/api_bridge.h"

namespace hearth::server {

void dispatch_api(api::Api& api, net::HttpRequest&& request, const net::ConnectionInfo& conn,
                  net::Respond respond) {
  api::ApiRequest req;
  req.method = request.method;
  if (Status st = api::parse_target(request.target, &req); !st) {
    respond(net::make_response(400, "{\"error\":{\"code\":\"invalid_argument\",\"message\":\"bad request target\"}}",
                               "application/json"));
    return;
  }
  for (const auto& h : request.headers) req.headers.add(h.name, h.value);
  req.body = std::move(request.body);
  req.remote_ip = conn.remote_ip;
  api.handle(std::move(req), [respond = std::move(respond)](api::ApiResponse r) {
    net::HttpResponse out;
    out.status = r.status;
    out.body = std::move(r.body);
    out.headers.set("Content-Type", r.content_type);
    for (const auto& [name, value] : r.headers.entries()) out.headers.add(name, value);
    out.headers.set("Cache-Control", "no-store");
    out.headers.set("X-Content-Type-Options", "nosniff");
    respond(std::move(out));
  });
}

}  // namespace hearth::server
