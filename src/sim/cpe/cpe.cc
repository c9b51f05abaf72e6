// Cpe's public face (cpe.h): forwards to Cpe::State, whose parts live in cpe_lifecycle.cc
// (power, boot, timers), cpe_session.cc (the session), cpe_rpc*.cc, cpe_notify.cc and
// cpe_transfer.cc (the ACS's requests).
#include "sim/cpe.h"

#include "sim/cpe/cpe_state.h"

namespace hearth::sim {

Cpe::Cpe(Home& home, const ModelInfo& model, std::unique_ptr<DataModel> data_model,
         CpeOptions options, uint64_t seed)
    : s_(std::make_unique<State>(home, model, std::move(data_model), options, seed)) {}

Cpe::~Cpe() = default;
Cpe::Cpe(Cpe&&) noexcept = default;
Cpe& Cpe::operator=(Cpe&&) noexcept = default;

const ModelInfo& Cpe::model() const {
  return *s_->model;
}
DataModel& Cpe::data_model() {
  return *s_->dm;
}

int64_t Cpe::next_session_ms(int64_t now_ms) const {
  return s_->next_wake(now_ms);
}
void Cpe::tick(int64_t now_ms) {
  s_->tick(now_ms);
}
bool Cpe::online(int64_t now_ms) const {
  return s_->online(now_ms);
}
bool Cpe::in_session() const {
  return s_->session != nullptr;
}

std::string Cpe::begin_session(int64_t now_ms) {
  return s_->begin_session(now_ms);
}
Cpe::Next Cpe::on_response(int http_status, std::string_view body, int64_t now_ms) {
  return s_->on_response(http_status, body, now_ms);
}
void Cpe::session_failed(int64_t now_ms) {
  s_->fail_session(now_ms);
}
uint32_t Cpe::retry_count() const {
  return s_->retry_count;
}

std::string Cpe::acs_username() const {
  return s_->dm->acs_username();
}
std::string Cpe::acs_password() const {
  return s_->dm->acs_password();
}
std::string Cpe::acs_url(int64_t now_ms) const {
  std::string url = s_->dm->acs_url();
  if (url.empty()) {
    if (const auto p = s_->dm->get(s_->root_path("ManagementServer.URL"), now_ms)) url = p->value;
  }
  return url;
}

bool Cpe::connection_request(int64_t now_ms) {
  return s_->connection_request(now_ms);
}
std::string Cpe::connection_request_username() const {
  return s_->dm->connection_request_username();
}
std::string Cpe::connection_request_password() const {
  return s_->dm->connection_request_password();
}

void Cpe::set_connection_request_url(const std::string& url) {
  // The URL is forced active (tr069.md 3.2): a change after the first boot is a value change.
  const auto before =
      s_->dm->get(s_->root_path("ManagementServer.ConnectionRequestURL"), s_->booted_ms);
  s_->dm->set_connection_request_url(url);
  if (s_->power == cpe::Power::kUp && before && before->value != url) {
    cpe::add_event(s_->events, cpe::kValueChange);
  }
}

std::optional<FetchRequest> Cpe::take_fetch() {
  return s_->take_fetch();
}
void Cpe::download_finished(bool ok, uint64_t size, int64_t now_ms, uint32_t fault_code) {
  s_->download_finished(ok, size, now_ms, fault_code);
}

const Cpe::Stats& Cpe::stats() const {
  return s_->stats;
}

}  // namespace hearth::sim
