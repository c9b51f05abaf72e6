// Helpers of the flow: texts of findings, fix offers, the fixes already tried (flow_support.h).
#include "selfservice/flow_support.h"

#include <algorithm>

#include "core/strings.h"

namespace hearth::selfservice::flow {

Message msg(std::string id, std::map<std::string, std::string> params) {
  return Message{std::move(id), std::move(params)};
}

std::string band_text(diag::Band b) {
  switch (b) {
    case diag::Band::k2g: return "2.4 GHz";
    case diag::Band::k5g: return "5 GHz";
    case diag::Band::k6g: return "6 GHz";
  }
  return "2.4 GHz";
}

std::string radio_band_text(const Facts& f, const std::string& radio_id) {
  if (f.snapshot) {
    for (const auto& r : f.snapshot->radios) {
      if (r.id == radio_id) return band_text(r.band);
    }
  }
  for (diag::Band b : {diag::Band::k2g, diag::Band::k5g, diag::Band::k6g}) {
    if (ends_with(radio_id, std::string("/") + diag::band_name(b))) return band_text(b);
  }
  return "";
}

std::string station_text(const diag::Station& s) {
  return s.hostname.empty() ? s.mac : s.hostname;
}

Message finding_message(const Facts& f, const diag::Finding& x) {
  const std::string base = "finding." + x.code;
  if (x.entity.kind == diag::EntityKind::kStation) {
    std::string name = x.entity.label.empty() ? x.entity.id : x.entity.label;
    if (f.snapshot) {
      if (const diag::Station* s = find_station(*f.snapshot, x.entity.id)) name = station_text(*s);
    }
    return msg(base + ".station", {{"name", name}});
  }
  if (x.entity.kind == diag::EntityKind::kRadio) {
    const std::string band = radio_band_text(f, x.entity.id);
    if (!band.empty()) return msg(base + ".radio", {{"band", band}});
  }
  return msg(base);
}

bool tried_fix(const Facts& f, const std::string& fix, const std::string& target) {
  return std::any_of(f.tried.begin(), f.tried.end(), [&](const TriedFix& t) {
    return t.id == fix && (target.empty() || t.target == target);
  });
}

bool verified_fix(const Facts& f, const std::string& fix, const std::string& target) {
  return std::any_of(f.tried.begin(), f.tried.end(), [&](const TriedFix& t) {
    return t.id == fix && t.verified == true && (t.target.empty() || target.empty() || t.target == target);
  });
}

std::string fix_for_remedy(const std::string& action) {
  if (action == "change-channel") return "change-channel";
  if (action == "steer-station") return "move-to-5ghz";
  if (action == "reboot") return "restart-gateway";
  if (action == "upgrade-firmware") return "update-firmware";
  return "";
}

bool addressed(const Facts& f, const diag::Finding& x) {
  const std::string fix = fix_for_remedy(x.remedy.action);
  if (fix == "change-channel") return verified_fix(f, fix, x.entity.id);
  if (fix == "move-to-5ghz") {
    return verified_fix(f, fix, x.entity.kind == diag::EntityKind::kStation ? x.entity.id : "");
  }
  if (x.code == "SYS-FW-1") return verified_fix(f, "update-firmware", "");
  if (fix == "restart-gateway" || x.code == "SYS-MEM-1") return verified_fix(f, "restart-gateway", "");
  return false;
}

bool has_5ghz(const diag::HomeSnapshot& snap) {
  return std::any_of(snap.radios.begin(), snap.radios.end(),
                     [](const diag::Radio& r) { return r.band != diag::Band::k2g && r.enabled; });
}

bool wifi_symptom(Symptom s) {
  return s != Symptom::kNoInternet;
}

namespace {

// Whether the fix can be applied to this home at all.
bool available(const Facts& f, const std::string& fix, const std::string& target) {
  if (fix == "restart-gateway") return f.gateway != GatewayState::kUnknown;
  if (fix == "update-firmware") return !f.firmware_version.empty() && f.gateway != GatewayState::kOffline;
  if (f.gateway == GatewayState::kOffline || !f.snapshot) return false;
  if (fix == "speed-test") return f.snapshot->wan.up;
  if (fix == "move-to-5ghz") return f.band_steering_available && has_5ghz(*f.snapshot);
  if (fix == "change-channel") {
    return std::any_of(f.snapshot->radios.begin(), f.snapshot->radios.end(),
                       [&](const diag::Radio& r) { return r.id == target && !r.path.empty(); });
  }
  if (fix == "restart-wifi") {
    return std::any_of(f.snapshot->radios.begin(), f.snapshot->radios.end(),
                       [](const diag::Radio& r) { return !r.path.empty(); });
  }
  return false;
}

}  // namespace

void offer(const Facts& f, Step& step, const std::string& fix, const std::string& target) {
  if (!available(f, fix, target) || tried_fix(f, fix, target)) return;
  for (const auto& o : step.fixes) {
    if (o.id == fix && o.target == target) return;
  }
  FixOffer o;
  o.id = fix;
  o.target = target;
  if (fix == "change-channel") {
    o.label = msg("fix.change-channel", {{"band", radio_band_text(f, target)}});
    o.warning = msg("warn.change-channel");
  } else if (fix == "update-firmware") {
    o.label = msg("fix.update-firmware", {{"version", f.firmware_version}});
    o.warning = msg("warn.update-firmware");
  } else if (fix == "move-to-5ghz" && !target.empty()) {
    std::string name = target;
    if (f.snapshot) {
      if (const diag::Station* s = find_station(*f.snapshot, target)) name = station_text(*s);
    }
    o.label = msg("fix.move-to-5ghz.station", {{"name", name}});
    o.warning = msg("warn.move-to-5ghz");
  } else {
    o.label = msg("fix." + fix);
    if (fix == "restart-gateway") {
      o.warning = msg(f.gateway == GatewayState::kOffline ? "warn.restart-gateway.offline"
                                                          : "warn.restart-gateway");
    } else if (fix == "restart-wifi") {
      o.warning = msg("warn.restart-wifi");
    } else if (fix == "speed-test") {
      o.warning = msg("warn.speed-test");
    } else if (fix == "move-to-5ghz") {
      o.warning = msg("warn.move-to-5ghz");
    }
  }
  step.fixes.push_back(std::move(o));
}

void add_kb(Step& step, const std::string& id) {
  if (std::find(step.kb.begin(), step.kb.end(), id) == step.kb.end()) step.kb.push_back(id);
}

}  // namespace hearth::selfservice::flow
