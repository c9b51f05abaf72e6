// WIFI-CHAN-1, poor channel plan (info; wifi-rules.md 3b): a 2.4 GHz radio off the
// non-overlapping channels 1, 6 and 11, or two of the home's own 2.4 GHz radios on different but
// overlapping channels (within 4 channels: they interfere instead of sharing the air politely).
#include <cctype>
#include <cstdlib>

#include "diag/rules/rule_list.h"
#include "diag/rules/rule_support.h"

namespace hearth::diag::rules {
namespace {

bool on_grid(int channel) {
  return channel == 1 || channel == 6 || channel == 11;
}

// Another 2.4 GHz radio of the home on an overlapping, different channel; nullptr when none.
const Radio* overlapping_own(const HomeSnapshot& snap, const Radio& radio) {
  for (const Radio& r : snap.radios) {
    if (&r == &radio || r.band != Band::k2g || !r.enabled || r.channel <= 0) continue;
    const int d = std::abs(r.channel - radio.channel);
    if (d > 0 && d <= 4) return &r;
  }
  return nullptr;
}

bool poor(const HomeSnapshot& snap, const Radio& radio) {
  if (radio.band != Band::k2g || !radio.enabled || radio.channel <= 0) return false;
  return !on_grid(radio.channel) || overlapping_own(snap, radio) != nullptr;
}

}  // namespace

void wifi_chan_1(const RuleInput& in, const DiagConfig& config, std::vector<Observation>& out) {
  (void)config;
  const HomeSnapshot* snap = in.latest();
  if (snap == nullptr || in.context.offline) return;
  for (const Radio& radio : snap->radios) {
    if (!poor(*snap, radio)) continue;
    Observation o = raised("WIFI-CHAN-1", radio_entity(*snap, radio), Severity::kInfo, 2);
    const std::string& id = radio.id;
    o.since_ms = held_since(in.history, [&](const HomeSnapshot& h) {
      const Radio* r = find_radio(h, id);
      return r != nullptr && poor(h, *r);
    });
    o.window_from_ms = o.since_ms;
    o.evidence = {evidence("channel", radio.channel, "count")};
    const Radio* other = overlapping_own(*snap, radio);
    const std::string label = radio_label(*snap, radio);
    if (other != nullptr) {
      o.evidence.push_back(evidence("overlappingOwnChannel", other->channel, "count"));
      o.customer_text =
          "Two of your own Wi-Fi access points use neighbouring channels and disturb each other.";
      o.agent_text = "Radio " + radio.id + " on channel " + num(radio.channel) +
                     " overlaps the home's radio " + other->id + " on channel " +
                     num(other->channel) + "; use the same or non-overlapping channels.";
    } else {
      o.customer_text =
          label + " uses channel " + num(radio.channel) +
          ", which overlaps the usual channels 1, 6 and 11 and catches more interference.";
      o.agent_text = "Radio " + radio.id + " on 2.4 GHz channel " + num(radio.channel) +
                     ", off the 1/6/11 grid: partial overlap with networks on two grid channels.";
    }
    o.customer_text[0] =
        static_cast<char>(std::toupper(static_cast<unsigned char>(o.customer_text[0])));
    o.remedy = Remedy{RemedyKind::kAutomatic, "change-channel",
                      "Move " + label + " to channel 1, 6 or 11."};
    out.push_back(std::move(o));
  }
}

}  // namespace hearth::diag::rules
