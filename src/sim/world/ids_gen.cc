// Fleet-unique serials and MACs for generated nodes and stations (home_gen.h). Uniqueness comes
// from the home index and slot in the low bits, not from the (repeating) vendor prefixes.
#include <cstdio>

#include "sim/world/home_gen.h"

namespace hearth::sim::gen {
namespace {

// Gateway vendor prefixes when the model table's OUIs are not given.
constexpr Oui kNodeOuis[] = {{0x00, 0xE0, 0xFC}, {0x34, 0x4B, 0x50}, {0xC8, 0x0E, 0x14}, {0xF4, 0xF2, 0x6D},
                             {0x84, 0xA0, 0x6E}, {0x00, 0x1E, 0x74}, {0x2C, 0x39, 0x96}, {0x90, 0x5C, 0x44}};
// Client vendor prefixes by kind (phones, laptops, tablets, TVs, consoles, IoT).
constexpr Oui kStationOuis[6][3] = {
    {{0xF0, 0x18, 0x98}, {0x8C, 0x79, 0xF5}, {0x3C, 0x28, 0x6D}},
    {{0xA4, 0x83, 0xE7}, {0x70, 0x9C, 0xD1}, {0x48, 0x51, 0xC5}},
    {{0xDC, 0xA9, 0x04}, {0x50, 0x32, 0x37}, {0x44, 0x65, 0x0D}},
    {{0x64, 0x1C, 0xAE}, {0x78, 0x5D, 0xC8}, {0xF4, 0xF5, 0xD8}},
    {{0x00, 0xD9, 0xD1}, {0x98, 0x5F, 0xD3}, {0x98, 0x41, 0x5C}},
    {{0xEC, 0xB5, 0xFA}, {0x68, 0x54, 0xFD}, {0x18, 0xB4, 0x30}},
};

Mac make_mac(const Oui& oui, uint32_t low) {
  Mac m;
  m.b = {oui[0], oui[1], oui[2], static_cast<uint8_t>(low >> 16), static_cast<uint8_t>(low >> 8),
         static_cast<uint8_t>(low)};
  return m;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Oui node_oui(uint32_t model, const std::vector<std::string>* model_ouis) {
  if (model_ouis != nullptr && model < model_ouis->size()) {
    const std::string& text = (*model_ouis)[model];
    Oui oui{};
    size_t n = 0;
    for (char c : text) {
      const int v = hex_value(c);
      if (v < 0) continue;
      if (n < 6) oui[n / 2] = static_cast<uint8_t>(oui[n / 2] << 4 | v);
      ++n;
    }
    if (n >= 6) return oui;
  }
  return kNodeOuis[model % std::size(kNodeOuis)];
}

Mac node_mac(const Oui& oui, uint32_t home_index, uint32_t slot) {
  return make_mac(oui, ((home_index * 4 + slot) << 3) & 0xffffff);
}

Mac station_mac(const Oui& oui, uint32_t home_index, uint32_t slot) {
  return make_mac(oui, (home_index * 48 + slot) & 0xffffff);
}

Oui station_oui(StationKind kind, uint64_t pick_value) {
  return kStationOuis[static_cast<int>(kind) % 6][pick_value % 3];
}

std::string serial_prefix(uint32_t model, uint64_t fleet_seed) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "SN%c%04X", static_cast<char>('A' + model % 26),
                static_cast<unsigned>((fleet_seed ^ (fleet_seed >> 16) ^ (fleet_seed >> 32)) & 0xffff));
  return buf;
}

std::string node_serial(std::string_view prefix, uint32_t home_index, uint32_t slot) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08u", (home_index * 4 + slot) % 100000000u);
  return std::string(prefix) + buf;
}

uint32_t free_node_slot(const Home& home) {
  for (uint32_t slot = 0; slot < 4; ++slot) {
    bool used = false;
    for (const Node& n : home.nodes) {
      const std::string& s = n.serial;
      if (s.size() >= kSerialDigits &&
          s.compare(s.size() - kSerialDigits, kSerialDigits, node_serial("", home.index, slot)) == 0) {
        used = true;
      }
    }
    if (!used) return slot;
  }
  return 4;
}

}  // namespace hearth::sim::gen
