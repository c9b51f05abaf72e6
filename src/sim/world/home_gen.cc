// One generated home (home_gen.h): subscriber, footprint, WAN line, gateway and extenders placed
// for a healthy mesh, Wi-Fi settings; environment and stations come from their own files.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/radio.h"
#include "sim/world/home_gen.h"
#include "sim/world/mix.h"

namespace hearth::sim::gen {
namespace {

constexpr char kPasswordChars[] = "abcdefghijkmnpqrstuvwxyz23456789";
constexpr float kHealthyBackhaulDbm = -65;

std::string random_chars(Rng& rng, size_t n) {
  std::string out(n, ' ');
  for (char& c : out) c = kPasswordChars[rng.below(sizeof kPasswordChars - 1)];
  return out;
}

std::string hex4(Rng& rng) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(rng.below(0x10000)));
  return buf;
}

void make_subscriber(Home& home, const HomeContext& ctx, Rng& rng, std::vector<std::string>& household) {
  Subscriber& s = home.subscriber;
  s.account = std::to_string(1000001u + ctx.index);
  const std::string first = pick(rng, names::first_names());
  const std::string last = pick(rng, names::surnames());
  s.name = first + " " + last;
  s.email = names::to_lower_ascii(names::ascii_fold(first) + "." + names::ascii_fold(last)) + "@example.net";
  const uint64_t street = rng.below(names::streets().size());
  s.street = std::string(names::streets()[street]) + " " + std::to_string(rng.range(1, 120));
  const uint32_t base = ctx.town != nullptr ? ctx.town->postal_base : 10000;
  char postal[8];
  std::snprintf(postal, sizeof postal, "%05u", base + static_cast<uint32_t>(street * 7 % 90));
  s.postal_code = postal;
  s.city = ctx.town != nullptr ? ctx.town->name : "Nordstad";
  s.password = "demo-" + random_chars(rng, 8);

  // The household: the subscriber and up to four others (for hostnames).
  const int max_people = ctx.density >= 3 ? 3 : 5;
  const int people = static_cast<int>(rng.range(1, max_people));
  household.assign(1, first);
  for (int i = 1; i < people; ++i) household.emplace_back(pick(rng, names::first_names()));
}

void make_footprint(Home& home, Rng& rng) {
  float area = 0;
  switch (home.env.density) {
    case 3:
      area = static_cast<float>(rng.range(35, 110));
      home.floors = rng.chance(0.08) ? 2 : 1;
      break;
    case 2:
      area = static_cast<float>(rng.range(50, 120));
      home.floors = rng.chance(0.45) ? 2 : 1;
      break;
    case 1:
      area = static_cast<float>(rng.range(60, 130));
      home.floors = static_cast<uint8_t>(rng.chance(0.3) ? 1 : rng.chance(0.78) ? 2 : 3);
      break;
    default:
      area = static_cast<float>(rng.range(70, 160));
      home.floors = rng.chance(0.5) ? 2 : 1;
      break;
  }
  const float aspect = 1.0f + static_cast<float>(rng.uniform()) * 0.8f;
  home.size_x_m = std::round(std::sqrt(area * aspect) * 10.0f) / 10.0f;
  home.size_y_m = std::round(area / home.size_x_m * 10.0f) / 10.0f;
}

void make_wan(Home& home, const HomeContext& ctx, Rng& rng) {
  struct Plan {
    uint32_t down, up;
  };
  static constexpr Plan kFiber[] = {{100000, 100000}, {250000, 250000}, {500000, 500000}, {1000000, 1000000}};
  static constexpr Plan kDsl[] = {{16000, 1000}, {50000, 10000}, {100000, 40000}, {250000, 40000}};
  static constexpr Plan kCable[] = {{100000, 10000}, {250000, 25000}, {500000, 50000}, {1000000, 50000}};
  static constexpr double kWeights[] = {0.15, 0.45, 0.80, 1.0};  // cumulative
  const double u = rng.uniform();
  size_t plan = 0;
  while (plan < 3 && u >= kWeights[plan]) ++plan;
  Wan& w = home.wan;
  w.access = ctx.access;
  switch (ctx.access) {
    case Wan::Access::kFiber:
      w.plan_down_kbps = kFiber[plan].down;
      w.plan_up_kbps = kFiber[plan].up;
      w.base_latency_ms = static_cast<float>(rng.range(30, 80)) / 10.0f;
      break;
    case Wan::Access::kDsl:
      w.plan_down_kbps = kDsl[plan].down;
      w.plan_up_kbps = kDsl[plan].up;
      w.base_latency_ms = static_cast<float>(rng.range(120, 250)) / 10.0f;
      w.base_loss_pct = static_cast<float>(rng.range(0, 10)) / 100.0f;
      break;
    case Wan::Access::kCable:
      w.plan_down_kbps = kCable[plan].down;
      w.plan_up_kbps = kCable[plan].up;
      w.base_latency_ms = static_cast<float>(rng.range(100, 180)) / 10.0f;
      w.base_loss_pct = static_cast<float>(rng.range(0, 5)) / 100.0f;
      break;
  }
  // Public addresses from 198.18.0.0/15 (reserved for tests), then the shared 100.64.0.0/10.
  constexpr uint32_t kBench = (198u << 24) | (18u << 16);
  constexpr uint32_t kShared = (100u << 24) | (64u << 16);
  w.ipv4 = ctx.index < 131070 ? kBench + ctx.index + 1 : kShared + (ctx.index - 131070) + 1;
}

int extender_count(const Home& home, Rng& rng) {
  const float total = home.size_x_m * home.size_y_m * static_cast<float>(home.floors);
  double p = 0.04;
  if (total >= 250) p = 0.8;
  else if (total >= 150) p = 0.6;
  else if (total >= 90) p = 0.3;
  if (!rng.chance(p)) return 0;
  if (total >= 250 && rng.chance(0.25)) return rng.chance(0.2) ? 3 : 2;
  return 1;
}

// Moves an extender toward its parent until the wireless backhaul is healthy.
void place_for_backhaul(Home& home, uint8_t e) {
  Node& ext = home.nodes[e];
  const Node& parent = home.nodes[ext.backhaul_parent];
  for (int step = 0; step < 12 && !ext.wired_backhaul; ++step) {
    if (node_to_node_dbm(home, e, ext.backhaul_parent, Band::k5g) >= kHealthyBackhaulDbm) return;
    if (step == 6 && ext.floor != parent.floor) ext.floor = parent.floor;
    ext.x_m = ext.x_m + (parent.x_m - ext.x_m) * 0.2f;
    ext.y_m = ext.y_m + (parent.y_m - ext.y_m) * 0.2f;
  }
}

void make_nodes(Home& home, const HomeContext& ctx, Rng& rng) {
  const auto model = static_cast<uint8_t>(rng.below(std::max<uint32_t>(ctx.model_count, 1)));
  const Oui oui = node_oui(model, ctx.model_ouis);
  const std::string prefix = serial_prefix(model, ctx.fleet_seed);
  const int extenders = extender_count(home, rng);
  const int8_t tx = rng.chance(0.1) ? 17 : rng.chance(0.1) ? 23 : 20;
  for (int i = 0; i <= extenders; ++i) {
    Node n;
    n.gateway = i == 0;
    n.model = model;
    n.serial = node_serial(prefix, ctx.index, static_cast<uint32_t>(i));
    n.mac = node_mac(oui, ctx.index, static_cast<uint32_t>(i));
    n.tx_power_dbm = tx;
    n.width_5g_mhz = rng.chance(0.05) ? 40 : 80;
    if (i == 0) {
      const bool central = rng.chance(0.2);
      n.x_m = home.size_x_m * static_cast<float>(central ? 0.4 + 0.2 * rng.uniform() : 0.05 + 0.2 * rng.uniform());
      n.y_m = home.size_y_m * static_cast<float>(0.2 + 0.6 * rng.uniform());
      n.floor = 0;
    } else {
      n.x_m = home.size_x_m * static_cast<float>(0.6 + 0.3 * rng.uniform());
      n.y_m = home.size_y_m * static_cast<float>(i == 2 ? 0.1 + 0.3 * rng.uniform() : 0.4 + 0.5 * rng.uniform());
      n.floor = static_cast<uint8_t>(std::min<int>(home.floors - 1, i == 2 ? 0 : i));
      n.wired_backhaul = rng.chance(0.25);
      n.backhaul_parent = (i == 3 && home.floors == 3) ? 1 : 0;
      n.width_5g_mhz = home.nodes[0].width_5g_mhz;
    }
    home.nodes.push_back(std::move(n));
    if (i > 0) place_for_backhaul(home, static_cast<uint8_t>(i));
  }
}

void make_wifi(Home& home, Rng& rng) {
  WifiConfig& w = home.wifi;
  const std::string last = names::ascii_fold(home.subscriber.name.substr(home.subscriber.name.find(' ') + 1));
  switch (rng.below(4)) {
    case 0: w.ssid = last; break;
    case 1: w.ssid = last + "-Home"; break;
    case 2: w.ssid = "Hearth-" + hex4(rng); break;
    default: w.ssid = last + "_WiFi"; break;
  }
  w.passphrase = random_chars(rng, 12);
  w.guest_enabled = rng.chance(0.15);
  if (w.guest_enabled) w.guest_ssid = w.ssid + "-Guest";
}

}  // namespace

Home build_home(const HomeContext& ctx) {
  Home home;
  home.index = ctx.index;
  char id[24];
  std::snprintf(id, sizeof id, "home-%06u", ctx.index + 1);
  home.id = id;
  home.seed = mix64(ctx.fleet_seed, ctx.index + 1);
  home.flaky_flash = ctx.index % kFlakyFlashEvery == kFlakyFlashIndex;
  home.env.density = ctx.density;
  Rng rng(home.seed);
  std::vector<std::string> household;
  make_subscriber(home, ctx, rng, household);
  make_footprint(home, rng);
  make_wan(home, ctx, rng);
  generate_environment(home, rng);
  make_nodes(home, ctx, rng);
  choose_channels(home, rng);
  make_wifi(home, rng);
  generate_stations(home, rng, household);
  return home;
}

}  // namespace hearth::sim::gen
