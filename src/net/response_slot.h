// Internal to the HTTP server: how a handler's answer reaches its connection. The Respond a
// handler receives may be called from any thread, late, after the connection or the whole server
// is gone, or never; the slot makes each of those safe (see http_server.h).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "net/http_server.h"

namespace hearth::net::detail {

// Shared by the connection and every copy of one request's Respond. Thread-safe.
class ResponseSlot {
 public:
  // `wake` tells the connection that a response is there; it is called with the slot's lock held,
  // so it must only post (never run the connection inline), and never after abandon().
  explicit ResponseSlot(std::function<void()> wake) : wake_(std::move(wake)) {}

  // Keeps the first response (later ones are ignored) and wakes the connection.
  void deliver(HttpResponse response);
  // The delivered response, once; nullopt while there is none.
  std::optional<HttpResponse> take();
  // The connection stops waiting: later deliveries are dropped.
  void abandon();

 private:
  std::mutex mu_;
  std::optional<HttpResponse> response_;
  bool delivered_ = false;
  bool abandoned_ = false;
  std::function<void()> wake_;
};

// The Respond handed to a handler. When every copy of it is destroyed without being called, the
// slot receives a 500 so the connection never waits forever.
Respond make_respond(std::shared_ptr<ResponseSlot> slot);

}  // namespace hearth::net::detail
