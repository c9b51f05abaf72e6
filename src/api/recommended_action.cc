#include "api/recommended_action.h"

#include <cstring>

namespace hearth::api {

namespace {

using nlohmann::json;

bool is(const std::string& code, std::initializer_list<const char*> codes) {
  for (const char* c : codes) {
    if (code == c) return true;
  }
  return false;
}

std::string domain_of(const std::string& code) {
  const diag::RuleInfo* rule = diag::find_rule(code);
  return rule ? rule->domain : "";
}

// The radio the finding is about, else the first one the gateway can write.
const diag::Radio* radio_for(const ActionInput& in) {
  const diag::Finding& f = *in.primary;
  for (const diag::Radio& r : in.radios) {
    if (f.entity.kind == diag::EntityKind::kRadio && r.id == f.entity.id && !r.path.empty()) return &r;
  }
  for (const diag::Radio& r : in.radios) {
    if (!r.path.empty()) return &r;
  }
  return nullptr;
}

RecommendedAction make(std::string action, const diag::Finding& f, const char* fallback) {
  RecommendedAction a;
  a.action = std::move(action);
  a.reason = f.remedy.text.empty() ? fallback : f.remedy.text;
  return a;
}

RecommendedAction reboot(const ActionInput& in, const diag::Finding& f, const char* fallback) {
  RecommendedAction a = make("reboot", f, fallback);
  if (!in.gateway_device_id.empty()) a.task = json{{"name", "reboot"}};
  return a;
}

RecommendedAction firmware(const ActionInput& in, const diag::Finding& f) {
  RecommendedAction a = make("firmware", f, "A newer firmware image for this router exists.");
  a.reason = "Install the newer firmware (" + in.firmware_file + "). " + a.reason;
  if (!in.gateway_device_id.empty()) a.task = json{{"name", "download"}, {"fileId", in.firmware_file}};
  return a;
}

RecommendedAction restart_wifi(const ActionInput& in, const diag::Finding& f, const char* fallback) {
  RecommendedAction a = make("restart-wifi", f, fallback);
  if (in.gateway_device_id.empty()) return a;
  json off = json::array(), on = json::array();
  for (const diag::Radio& r : in.radios) {
    if (r.path.empty()) continue;
    if (r.enabled) off.push_back(json::array({r.path + "Enable", false, "xsd:boolean"}));
    on.push_back(json::array({r.path + "Enable", true, "xsd:boolean"}));
  }
  if (on.empty()) return a;
  if (!off.empty()) a.tasks.push_back({{"name", "setParameterValues"}, {"parameterValues", off}, {"maxAttempts", 1}});
  // Turning the Wi-Fi back on must not give up easily.
  a.tasks.push_back({{"name", "setParameterValues"}, {"parameterValues", on}, {"maxAttempts", 5}});
  return a;
}

// A congested or poorly chosen channel: let the radio choose again. With automatic selection
// off, switching it on makes the radio pick a quieter channel; with it on already, restarting
// the Wi-Fi makes it choose again.
RecommendedAction change_channel(const ActionInput& in, const diag::Finding& f) {
  const char* why = "The Wi-Fi channel is congested; another channel would be quieter.";
  const diag::Radio* r = radio_for(in);
  if (r != nullptr && r->auto_channel) return restart_wifi(in, f, why);
  RecommendedAction a = make("change-channel", f, why);
  if (r != nullptr && !in.gateway_device_id.empty()) {
    a.task = json{{"name", "setParameterValues"},
                  {"parameterValues", json::array({json::array({r->path + "AutoChannelEnable", true, "xsd:boolean"})})}};
  }
  return a;
}

}  // namespace

std::optional<RecommendedAction> recommend_action(const ActionInput& in, const std::string& home_id) {
  if (!in.primary) return std::nullopt;
  const diag::Finding& f = *in.primary;
  const std::string& code = f.code;
  const std::string domain = domain_of(code);
  const bool has_image = !in.firmware_file.empty();

  // Behind an incident, what the line or the gateway's reachability says is the incident's.
  if (code == "OUT-REG-1" ||
      (in.incident && (domain == "wan" || domain == "access-network" || is(code, {"DEV-OFFLINE-1", "PWR-CUT-1"})))) {
    RecommendedAction a = make("none", f, "");
    a.reason = "Wait for the incident: the access network's repair will bring the line back.";
    return a;
  }
  if (code == "PWR-CUT-1") {
    return make("none", f, "The router has lost power; the customer should check its power supply.");
  }
  if (code == "DEV-OFFLINE-1") {
    RecommendedAction a = make("check-line", f, "");
    a.reason = "The router is offline: check the line and that the router is powered and connected.";
    return a;
  }
  if (is(code, {"WAN-DOWN-1", "WAN-FLAP-1"})) {
    return make("check-line", f, "The internet line is down or unstable: check the line.");
  }
  if (code == "WAN-SPD-1") {
    RecommendedAction a = make("speed-test", f, "The line is slower than the plan: measure it.");
    a.request_path = "/api/v1/homes/" + home_id + "/checks";
    return a;
  }
  if (code == "SYS-CRASH-1") {
    if (has_image) return firmware(in, f);
    return make("dispatch", f, "The router keeps restarting and no newer firmware exists: replace it.");
  }
  if (f.remedy.action == "upgrade-firmware") {
    if (has_image) return firmware(in, f);
    if (code == "SYS-MEM-1") return reboot(in, f, "The router is running out of memory: restart it.");
    return make("none", f, "No newer firmware image is available yet.");
  }
  if (f.remedy.action == "change-channel") return change_channel(in, f);
  if (f.remedy.action == "reboot") {
    if (domain == "wifi") return restart_wifi(in, f, "Restarting the Wi-Fi renegotiates the slow links.");
    return reboot(in, f, "Restart the router.");
  }
  if (f.remedy.action == "add-extender") {
    return make("extender", f, "Coverage is weak: recommend a mesh extender.");
  }
  if (f.remedy.action == "move-extender") {
    return make("move-extender", f, "The extender's link is weak: move it closer to the router.");
  }
  if (f.remedy.action == "check-wifi-password") {
    return make("check-wifi-password", f, "Devices fail to join: check the Wi-Fi password with the customer.");
  }
  if (f.remedy.action == "steer-station") {
    return make("steer-station", f, "Move the device to a better band or access point.");
  }
  if (f.remedy.action == "replace-device") {
    return make("replace-client", f, "An old device slows the Wi-Fi down.");
  }
  if (f.remedy.action == "contact-provider") {
    return make("check-line", f, "Check the line.");
  }
  return make("none", f, "Nothing to do now.");
}

json recommended_action_json(const std::optional<RecommendedAction>& a, const std::string& device_id) {
  if (!a) return nullptr;
  const bool device_task = a->task || !a->tasks.empty();
  json out = {{"action", a->action},
              {"reason", a->reason},
              {"deviceId", device_task && !device_id.empty() ? json(device_id) : json(nullptr)},
              {"task", a->task ? *a->task : json(nullptr)}};
  if (!a->tasks.empty()) out["tasks"] = a->tasks;
  if (!a->request_path.empty()) out["request"] = {{"method", "POST"}, {"path", a->request_path}};
  return out;
}

}  // namespace hearth::api
