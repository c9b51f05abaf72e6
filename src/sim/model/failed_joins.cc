// The gateway's log of failed joins (failed_joins.h).
#include "sim/model/failed_joins.h"

#include <algorithm>

#include "sim/world/mix.h"

namespace hearth::sim::model {
namespace {

const Station* find_station(const Home& home, const Mac& mac) {
  for (const Station& s : home.stations) {
    if (s.mac == mac) return &s;
  }
  return nullptr;
}

bool band_enabled(const Home& home, Band b) {
  return b == Band::k2g ? home.wifi.radio_enabled_2g : b == Band::k5g && home.wifi.radio_enabled_5g;
}

// The time between two attempts: a minute, give or take kJitterMs, the same for the same
// station and attempt whatever the order of reads.
int64_t retry_after_ms(const Mac& mac, uint32_t attempt) {
  const double u = unit_from(mix64(mac_key(mac) ^ 0x6a6f696eULL, attempt));  // "join"
  return FailedJoinLog::kRetryMs + static_cast<int64_t>((2 * u - 1) * double(FailedJoinLog::kJitterMs));
}

}  // namespace

void FailedJoinLog::record(const Home& home, const Station& s, int64_t at_ms, std::vector<FailedJoin>* out) const {
  if (home.cond.powered_off || home.nodes.empty()) return;
  // The BSS it keeps trying (its node and band before it lost the network), or the gateway's
  // when that one is gone.
  uint8_t node = s.node;
  Band band = s.band == Band::k6g ? Band::k5g : s.band;
  if (node >= home.nodes.size() || !home.nodes[node].online) node = 0;
  if (!band_enabled(home, band)) band = band == Band::k2g ? Band::k5g : Band::k2g;
  if (!home.nodes[node].online || !band_enabled(home, band)) return;
  FailedJoin f;
  f.station = s.mac;
  f.bssid = home.nodes[node].mac.plus(static_cast<uint8_t>(2 + static_cast<int>(band)));
  f.band = band;
  f.node = node;
  f.time_ms = at_ms;
  out->push_back(f);
}

void FailedJoinLog::sync(const Home& home, int64_t boot_ms, int64_t now_ms) {
  if (now_ms <= synced_ms_) return;
  // Attempts already accounted for (at or before the last sync) are not made again.
  const int64_t from = std::max(boot_ms, synced_ms_ == INT64_MIN ? INT64_MIN : synced_ms_ + 1);
  for (const Station& s : home.stations) {
    if (!s.wrong_password) continue;
    const bool known = std::any_of(failing_.begin(), failing_.end(), [&](const Failing& f) { return f.station == s.mac; });
    // The first attempt a few seconds after it lost the network.
    if (!known) failing_.push_back(Failing{s.mac, std::max(s.associated_since_ms, from) + 2'000, 0});
  }
  std::vector<FailedJoin> fresh;
  for (Failing& f : failing_) {
    const Station* s = find_station(home, f.station);
    // Still failing: up to now. Joined again: until it did (its new association time).
    int64_t until = now_ms;
    if (s == nullptr) {
      until = synced_ms_;
    } else if (!s->wrong_password) {
      until = std::min(now_ms, s->associated_since_ms - 1);
    }
    for (; f.next_ms <= until; f.next_ms += retry_after_ms(f.station, ++f.attempt)) {
      if (f.next_ms >= from && s != nullptr) record(home, *s, f.next_ms, &fresh);
    }
  }
  std::erase_if(failing_, [&](const Failing& f) {
    const Station* s = find_station(home, f.station);
    return s == nullptr || !s->wrong_password;
  });
  std::stable_sort(fresh.begin(), fresh.end(), [](const FailedJoin& a, const FailedJoin& b) { return a.time_ms < b.time_ms; });
  for (FailedJoin& f : fresh) {
    f.instance = next_instance_++;
    ++count_[static_cast<size_t>(f.band)];
    rows_.push_back(f);
    if (rows_.size() > kKept) rows_.pop_front();
  }
  synced_ms_ = now_ms;
}

void FailedJoinLog::clear() {
  rows_.clear();
  count_ = {};
  next_instance_ = 1;
  // Stations still failing go on from the boot (sync() starts no earlier than boot_ms).
}

}  // namespace hearth::sim::model
