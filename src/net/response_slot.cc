#include "net/response_slot.h"

namespace hearth::net::detail {

void ResponseSlot::deliver(HttpResponse response) {
  std::lock_guard lock(mu_);
  if (delivered_) return;
  delivered_ = true;
  if (abandoned_) return;
  response_ = std::move(response);
  if (wake_) wake_();
}

std::optional<HttpResponse> ResponseSlot::take() {
  std::lock_guard lock(mu_);
  std::optional<HttpResponse> out = std::move(response_);
  response_.reset();
  return out;
}

void ResponseSlot::abandon() {
  std::lock_guard lock(mu_);
  abandoned_ = true;
  wake_ = nullptr;
}

namespace {

// Shared by the copies of one Respond; its destructor answers for a handler that dropped it.
class Responder {
 public:
  explicit Responder(std::shared_ptr<ResponseSlot> slot) : slot_(std::move(slot)) {}
  ~Responder() { slot_->deliver(make_response(500, "the request was dropped\n")); }
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;
  void operator()(HttpResponse r) const { slot_->deliver(std::move(r)); }

 private:
  std::shared_ptr<ResponseSlot> slot_;
};

}  // namespace

Respond make_respond(std::shared_ptr<ResponseSlot> slot) {
  auto responder = std::make_shared<Responder>(std::move(slot));
  return [responder](HttpResponse r) { (*responder)(std::move(r)); };
}

}  // namespace hearth::net::detail
