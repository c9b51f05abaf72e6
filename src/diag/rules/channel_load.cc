// Busy-channel classification (channel_load.h).
#include "diag/rules/channel_load.h"

#include <algorithm>

#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

bool on_radio(const HomeSnapshot& snap, const Station& s, const Radio& radio) {
  if (s.radio >= 0 && static_cast<size_t>(s.radio) < snap.radios.size())
    return &snap.radios[static_cast<size_t>(s.radio)] == &radio;
  return s.node == radio.node && s.band == radio.band;
}

// Above the band's absolute level, or (2.4 GHz) far above the same node's 5 GHz floor: a
// non-Wi-Fi transmitter raises the floor of its band only.
bool noise_raised(const HomeSnapshot& snap, const Radio& radio, const DiagConfig& config) {
  if (!known(radio.noise_dbm)) return false;
  if (radio.noise_dbm > interference_noise_dbm(config, radio.band)) return true;
  if (radio.band != Band::k2g) return false;
  for (const Radio& r : snap.radios) {
    if (r.node == radio.node && r.band == Band::k5g && known(r.noise_dbm)) {
      return radio.noise_dbm - r.noise_dbm >= config.interference_noise_rise_db;
    }
  }
  return false;
}

}  // namespace

RadioLoad radio_load(const HomeSnapshot& snap, const Radio& radio, const DiagConfig& config) {
  RadioLoad l;
  l.utilisation_pct = radio.utilisation_pct;
  l.own_pct = radio.utilisation_self_pct;
  double estimated = kUnknown;
  int clients = 0;
  bool slow_clients = false;
  for (const Station& s : snap.stations) {
    if (!s.active || !on_radio(snap, s, radio)) continue;
    ++clients;
    slow_clients = slow_clients || is_slow_client(snap, s, config);
    const double a = station_airtime_pct(s, config);
    if (known(a)) estimated = (known(estimated) ? estimated : 0) + a;
  }
  l.clients = std::max(clients, radio.clients);
  if (known(estimated) && (!known(l.own_pct) || estimated > l.own_pct))
    l.own_pct = std::min(100.0, estimated);
  l.neighbours = radio.neighbour_bss;
  if (l.neighbours < 0) {
    for (const Radio& r : snap.radios) {
      if (r.band == radio.band && r.channel == radio.channel && r.neighbour_bss >= 0)
        l.neighbours = std::max(l.neighbours, r.neighbour_bss);
    }
  }
  l.noise_raised = noise_raised(snap, radio, config);

  const double busy = known(l.utilisation_pct) ? l.utilisation_pct : 0;
  if (known(l.own_pct) && busy > 0 && l.own_pct >= config.congestion_own_share * busy) {
    l.cause = LoadCause::kOwnTraffic;
  } else if (l.noise_raised) {
    l.cause = LoadCause::kInterference;
  } else if (l.clients > config.congestion_clients) {
    l.cause = LoadCause::kClients;
  } else if (l.neighbours > config.congestion_neighbour_bss) {
    l.cause = LoadCause::kNeighbours;
  } else if (!known(l.own_pct) && slow_clients) {
    // Nothing says how much airtime the home itself uses, and slow clients share the radio:
    // their traffic may well be what keeps it busy (WIFI-PHY-2 says so); not interference.
    l.cause = LoadCause::kUnknown;
  } else if (l.neighbours >= 0 && radio.band == Band::k2g) {
    // Busy, not from the home, not from a crowd of networks: on 2.4 GHz, where microwave ovens,
    // baby monitors and video senders live, that is interference. On 5/6 GHz it is not told.
    l.cause = LoadCause::kInterference;
  } else {
    l.cause = LoadCause::kUnknown;
  }
  return l;
}

int64_t busy_since(std::span<const HomeSnapshot> history, const std::string& radio_id, double pct) {
  return held_since(history, [&](const HomeSnapshot& h) {
    const Radio* r = find_radio(h, radio_id);
    return r != nullptr && known(r->utilisation_pct) && r->utilisation_pct >= pct;
  });
}

const char* load_cause_text(LoadCause cause) {
  switch (cause) {
    case LoadCause::kOwnTraffic:
      return "the home's own traffic";
    case LoadCause::kClients:
      return "the many devices connected to it";
    case LoadCause::kNeighbours:
      return "many neighbouring Wi-Fi networks on the same channel";
    case LoadCause::kInterference:
      return "interference from other devices or a few very busy neighbours";
    case LoadCause::kUnknown:
      return "traffic on the channel";
  }
  return "traffic on the channel";
}

}  // namespace hearth::diag::rules
