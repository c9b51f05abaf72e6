// The word lists of names.h.
#include "sim/world/names.h"

#include <array>

namespace hearth::sim::names {
namespace {

constexpr std::array<const char*, 52> kFirstNames = {
    "Anna",  "Erik",   "Lars",   "Ingrid", "Sofia",  "Johan", "Maja",   "Karin",  "Nils",   "Astrid", "Björn",
    "Freja", "Emil",   "Liam",   "Oliver", "Emma",   "Olivia", "Jack",  "Grace",  "Thomas", "Sarah",  "James",
    "Lena",  "Jonas",  "Lukas",  "Felix",  "Hannah", "Paul",  "Julia",  "Mia",    "Finn",   "Ida",    "Henrik",
    "Sven",  "Elin",   "Jürgen", "Katrin", "Mats",   "Oskar", "Noah",   "Ella",   "Leon",   "Clara",  "Tobias",
    "Sanna", "Ruth",   "David",  "Peter",  "Amelia", "Harry", "Søren",  "Linnea"};

constexpr std::array<const char*, 44> kSurnames = {
    "Berg",     "Lindqvist", "Johansson", "Andersson", "Nilsson",   "Hansen",  "Larsen",  "Nielsen", "Olsen",
    "Virtanen", "Korhonen",  "Müller",    "Schmidt",   "Schneider", "Fischer", "Weber",   "Wagner",  "Becker",
    "Hoffmann", "Smith",     "Jones",     "Taylor",    "Brown",     "Wilson",  "Evans",   "Walker",  "Wright",
    "Hughes",   "Eriksson",  "Lund",      "Holm",      "Dahl",      "Strand",  "Bergström", "Sandberg", "Krüger",
    "Richter",  "Wolf",      "Carter",    "Hall",      "Sørensen",  "Åberg",   "Lehmann", "Kelly"};

constexpr std::array<const char*, 28> kStreets = {
    "Storgatan",   "Kyrkogatan",   "Hauptstraße", "Bahnhofstraße", "Mill Lane",    "Church Street", "High Street",
    "Lindenweg",   "Birkenweg",    "Strandvägen", "Skolevej",      "Parkveien",    "Station Road",  "Elm Grove",
    "Rosenstraße", "Torggata",     "Sjövägen",    "Bergstraße",    "Queens Road",  "Ringvej",       "Drottninggatan",
    "Gartenweg",   "Victoria Road", "Åsvägen",    "Schillerstraße", "Manor Close", "Fjordveien",    "Björkvägen"};

constexpr std::array<Town, 24> kTowns = {{
    {"Nordstad", 11100},  {"Ostheim", 24100},   {"Westby", 31200},    {"Lindholm", 41500},  {"Ashford", 52300},
    {"Bergdal", 61400},   {"Kirchberg", 72200}, {"Elmbridge", 81300}, {"Solvik", 13400},    {"Rosenau", 26500},
    {"Fjellby", 35600},   {"Hartwell", 44700},  {"Sjöstad", 55800},   {"Waldheim", 64900},  {"Brookfield", 73100},
    {"Havsund", 82400},   {"Eichendorf", 15500}, {"Kingsley", 27600}, {"Granvik", 38700},   {"Mühlental", 47800},
    {"Oakham", 56900},    {"Strandby", 67100},  {"Tannberg", 76200},  {"Northwick", 85300},
}};

constexpr std::array<const char*, 14> kNeighbourSsids = {
    "FRITZ!Box 7530", "Vodafone-####", "TP-Link_####", "NETGEAR99",   "Telenor-####", "Speedport 999",
    "Zyxel-####",     "dlink-####",    "HUAWEI-####",  "Linksys99999", "iPhone",      "DIRECT-##-HP",
    "Sky####",        "eduroam"};

constexpr std::array<const char*, 6> kPhones = {"{}s-iPhone", "Galaxy-S23", "Pixel-8", "{}s-Galaxy", "OnePlus-11",
                                                "{}-phone"};
constexpr std::array<const char*, 5> kLaptops = {"{}s-MacBook", "LAPTOP-######", "{}-ThinkPad",
                                                 "DESKTOP-######", "{}s-Laptop"};
constexpr std::array<const char*, 4> kTablets = {"{}s-iPad", "Galaxy-Tab-S9", "Fire-HD-10", "{}s-Tablet"};
constexpr std::array<const char*, 6> kTvs = {"LivingRoom-TV", "Bedroom-TV", "Samsung-TV", "LG-webOS-TV",
                                             "Chromecast", "AppleTV"};
constexpr std::array<const char*, 3> kConsoles = {"PS5", "Xbox-Series-X", "Nintendo-Switch"};
constexpr std::array<const char*, 10> kIot = {"Hue-Bridge",   "Echo-Dot",  "Nest-Thermostat", "Robot-Vacuum",
                                              "Ring-Doorbell", "Smart-Plug", "Sonos-Kitchen",  "Tado-Bridge",
                                              "Shelly-Plug",  "HP-Printer"};

}  // namespace

std::span<const char* const> first_names() { return kFirstNames; }
std::span<const char* const> surnames() { return kSurnames; }
std::span<const char* const> streets() { return kStreets; }
std::span<const Town> towns() { return kTowns; }
std::span<const char* const> neighbour_ssid_patterns() { return kNeighbourSsids; }

std::span<const char* const> hostname_patterns(int kind) {
  switch (kind) {
    case 0: return kPhones;
    case 1: return kLaptops;
    case 2: return kTablets;
    case 3: return kTvs;
    case 4: return kConsoles;
    default: return kIot;
  }
}

std::string ascii_fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    if (c == 0xC3 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[++i]);
      switch (d) {
        case 0x85: case 0x84: out += 'A'; break;            // Å Ä
        case 0x96: case 0x98: out += 'O'; break;            // Ö Ø
        case 0x9C: out += "Ue"; break;                      // Ü
        case 0x86: out += "Ae"; break;                      // Æ
        case 0xA5: case 0xA4: case 0xA0: case 0xA1: out += 'a'; break;  // å ä à á
        case 0xB6: case 0xB8: case 0xB3: out += 'o'; break;  // ö ø ó
        case 0xBC: out += "ue"; break;                      // ü
        case 0xA6: out += "ae"; break;                      // æ
        case 0x9F: out += "ss"; break;                      // ß
        case 0xA9: case 0xA8: out += 'e'; break;            // é è
        default: break;
      }
      continue;
    }
    // Skip the continuation bytes of any other multi-byte character.
    while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) ++i;
  }
  return out;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace hearth::sim::names
