// WIFI-PHY-2, a legacy or slow client eating a radio's airtime (wifi-rules.md 3c "device
// capability", 3d "one sticky client at MCS 1 uses the airtime of six at MCS 7").
// Per station, when its traffic is known: a slow client (rule_support.h is_slow_client) whose
// traffic takes at least legacy_airtime_pct of the airtime at its PHY rate; clears below
// legacy_clear_airtime_pct. Without per-station traffic (TR-098): per radio, slow clients on a
// radio at least legacy_radio_util_pct busy for legacy_radio_window_ms, which neither
// neighbouring networks nor interference explain; clears below legacy_radio_clear_util_pct.
#include <algorithm>

#include "diag/rules/channel_load.h"
#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

bool legacy_eater(const HomeSnapshot& snap, const Station& s, const DiagConfig& config,
                  double pct) {
  if (!s.active) return false;
  const double a = station_airtime_pct(s, config);
  return known(a) && a >= pct && is_slow_client(snap, s, config);
}

void station_level(const RuleInput& in, const HomeSnapshot& snap, const DiagConfig& config,
                   std::vector<Observation>& out) {
  for (const Station& s : snap.stations) {
    if (!legacy_eater(snap, s, config, config.legacy_clear_airtime_pct)) continue;
    if (!legacy_eater(snap, s, config, config.legacy_airtime_pct)) {
      out.push_back(band_only("WIFI-PHY-2", station_entity(s)));
      continue;
    }
    const double airtime = station_airtime_pct(s, config);
    Observation o = raised("WIFI-PHY-2", station_entity(s), Severity::kWarning, 12);
    const std::string& mac = s.mac;
    o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
      const Station* p = find_station(h, mac);
      return p != nullptr && legacy_eater(h, *p, config, config.legacy_airtime_pct);
    });
    o.window_from_ms = o.since_ms;
    o.evidence = {evidence("airtimePct", airtime, "%"),
                  evidence("trafficMbps", station_traffic_mbps(s), "Mbit/s"),
                  evidence("phyDownMbps", s.phy_down_mbps, "Mbit/s")};
    if (s.generation > 0) o.evidence.push_back(evidence("wifiGeneration", s.generation, "count"));
    const Radio* r = radio_of(snap, s);
    if (r != nullptr && known(r->utilisation_pct))
      o.evidence.push_back(evidence("radioUtilisationPct", r->utilisation_pct, "%"));
    const std::string name = station_name(s);
    const std::string gen = s.generation > 0 ? "Wi-Fi " + num(s.generation) : "generation unknown";
    o.customer_text = name + " has older, slower Wi-Fi and takes about " + num(airtime) +
                      "% of the " + band_label(s.band) +
                      " Wi-Fi's airtime for itself, which slows down every other device on it.";
    o.agent_text = "Slow client " + s.mac + " (" + name + ", " + gen + ", capability " +
                   num(known(s.max_phy_mbps) ? s.max_phy_mbps : s.phy_down_mbps) + " Mbit/s) on " +
                   band_label(s.band) + " of " + node_label(snap, s.node) + ": " +
                   num(station_traffic_mbps(s), 1) + " Mbit/s at PHY " + num(s.phy_down_mbps) +
                   " Mbit/s = " + num(airtime) + "% airtime (>= " + num(config.legacy_airtime_pct) +
                   "%).";
    o.remedy = Remedy{
        RemedyKind::kRecommendation, "replace-device",
        "Connect " + name + " by cable or replace its Wi-Fi with a newer (Wi-Fi 5 or 6) adapter."};
    out.push_back(std::move(o));
  }
}

void radio_level(const RuleInput& in, const HomeSnapshot& snap, const DiagConfig& config,
                 std::vector<Observation>& out) {
  for (const Radio& radio : snap.radios) {
    if (!radio.enabled || !known(radio.utilisation_pct) ||
        radio.utilisation_pct < config.legacy_radio_clear_util_pct)
      continue;
    bool traffic_known = false;
    std::vector<const Station*> legacy;
    for (const Station& s : snap.stations) {
      if (!s.active || radio_of(snap, s) != &radio) continue;
      if (known(station_traffic_mbps(s))) traffic_known = true;
      if (is_slow_client(snap, s, config)) legacy.push_back(&s);
    }
    if (traffic_known || legacy.empty()) continue;  // the station-level check decides
    const RadioLoad load = radio_load(snap, radio, config);
    const bool explained = load.noise_raised || load.neighbours > config.congestion_neighbour_bss ||
                           load.clients > config.congestion_clients;
    if (explained) continue;
    const std::string& id = radio.id;
    const int64_t since = held_since(in.history, [&](const HomeSnapshot& h) {
      const Radio* r = find_radio(h, id);
      if (r == nullptr || !known(r->utilisation_pct) ||
          r->utilisation_pct < config.legacy_radio_util_pct)
        return false;
      for (const Station& s : h.stations) {
        if (radio_of(h, s) == r && known(station_traffic_mbps(s))) return false;
      }
      return true;
    });
    if (since == 0 || snap.time_ms - since < config.legacy_radio_window_ms) {
      out.push_back(band_only("WIFI-PHY-2", radio_entity(snap, radio)));
      continue;
    }
    Observation o = raised("WIFI-PHY-2", radio_entity(snap, radio), Severity::kWarning, 12);
    o.since_ms = since;
    o.window_from_ms = since;
    std::string names;
    double slowest = kUnknown;
    for (size_t i = 0; i < legacy.size(); ++i) {
      names += (i == 0 ? "" : i + 1 == legacy.size() ? " and " : ", ") + station_name(*legacy[i]);
      if (!known(slowest) || legacy[i]->phy_down_mbps < slowest) slowest = legacy[i]->phy_down_mbps;
    }
    o.evidence = {evidence("radioUtilisationPct", radio.utilisation_pct, "%"),
                  evidence("legacyClients", static_cast<double>(legacy.size()), "count"),
                  evidence("slowestPhyMbps", slowest, "Mbit/s")};
    const std::string label = radio_label(snap, radio);
    o.customer_text = "Older Wi-Fi devices (" + names + ") slow down " + label +
                      ", which is busy " + num(radio.utilisation_pct) + "% of the time.";
    o.agent_text = "Radio " + radio.id + ": utilisation " + num(radio.utilisation_pct) + "% with " +
                   num(static_cast<double>(legacy.size())) + " single-stream legacy clients (" +
                   names + "), no per-station traffic reported; not explained by neighbours (" +
                   (load.neighbours >= 0 ? num(load.neighbours) : "unknown") + " BSSs) or noise.";
    o.remedy =
        Remedy{RemedyKind::kRecommendation, "replace-device",
               "Connect the busiest of " + names + " by cable or give it a newer Wi-Fi adapter."};
    out.push_back(std::move(o));
  }
}

}  // namespace

void wifi_phy_2(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  station_level(in, *snap, config, out);
  radio_level(in, *snap, config, out);
}

}  // namespace hearth::diag::rules
