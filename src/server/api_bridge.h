// Maps HTTP requests of the API listener to api::Api calls and back.
#pragma once

#include "api/api.h"
#include "net/http_server.h"

namespace hearth::server {

void dispatch_api(api::Api& api, net::HttpRequest&& request, const net::ConnectionInfo& conn,
                  net::Respond respond);

}  // namespace hearth::server
