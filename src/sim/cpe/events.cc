// Event bookkeeping for the Inform (tr069.md 5, retry column).
#include "sim/cpe/events.h"

#include <algorithm>
#include <cctype>

namespace hearth::sim::cpe {
namespace {

bool is_multi(std::string_view code) {
  return code.size() > 2 && code[0] == 'M' && code[1] == ' ';
}

bool same(const cwmp::EventStruct& e, std::string_view code, std::string_view key) {
  return e.code == code && (!is_multi(code) || e.command_key == key);
}

// Numbered events sort by their number; everything else after them, in arrival order.
int rank(const cwmp::EventStruct& e) {
  if (e.code.empty() || !std::isdigit(static_cast<unsigned char>(e.code[0]))) return 1000;
  int n = 0;
  for (char c : e.code) {
    if (!std::isdigit(static_cast<unsigned char>(c))) break;
    n = n * 10 + (c - '0');
  }
  return std::min(n, 999);
}

}  // namespace

void add_event(EventList& events, std::string_view code, std::string_view command_key) {
  for (const auto& e : events) {
    if (same(e, code, command_key)) return;
  }
  events.push_back(
      cwmp::EventStruct{std::string(code), is_multi(code) ? std::string(command_key) : ""});
}

bool has_event(const EventList& events, std::string_view code) {
  return std::any_of(events.begin(), events.end(), [&](const auto& e) { return e.code == code; });
}

void restore_events(EventList& later, EventList earlier) {
  std::erase_if(earlier, [](const auto& e) { return e.code == kConnectionRequest; });
  for (auto& e : later) add_event(earlier, e.code, e.command_key);
  later = std::move(earlier);
}

void drop_on_reboot(EventList& events) {
  std::erase_if(events, [](const auto& e) {
    return e.code == kBoot || e.code == kValueChange || e.code == kConnectionRequest ||
           e.code == kDiagnosticsComplete;
  });
}

EventList inform_order(EventList events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return events;
}

}  // namespace hearth::sim::cpe
