// Internal to net/: the Asio side of EventLoop, for the implementation files that build on it
// (client_connection.cc, loop_http_server.cc). Includes Asio; never include it outside src/net/*.cc.
#pragma once

#include <boost/asio/io_context.hpp>

#include "net/event_loop.h"

namespace hearth::net::detail {

boost::asio::io_context& io_context(EventLoop& loop);

// Runs `fn`, logging instead of letting an exception escape into the io_context.
void run_guarded(const char* what, const std::function<void()>& fn);

}  // namespace hearth::net::detail
