// The guided-troubleshooting flow, pure: from the customer's symptom and what is known of the home
// (the area's disturbances, the gateway, the diagnosis, the snapshot, the fixes already tried) to
// the checks in order, each with its outcome, its plain-words text, the findings it rests on, the
// fixes it offers and the knowledge-base articles it links, and a verdict. No I/O and no clock:
// the troubleshooter (troubleshooter.h) gathers the facts and carries out the fixes.
//
// Order of the checks: a disturbance in the area, the gateway online, the line, the Wi-Fi, the
// device in question. The flow stops at the check that explains the symptom. An area disturbance
// stops everything and never offers a restart.
//
// Texts are message ids with parameters (messages.h renders them in en, de or sv).
#pragma once

#include <cstdint>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnosis.h"
#include "diag/snapshot.h"
#include "outage/detector.h"

namespace hearth::selfservice {

enum class Symptom : uint8_t { kNoInternet, kWifiSlow, kDeviceCannotConnect, kNoCoverage, kStreamingBuffers };
// "no-internet", "wifi-slow", "device-cannot-connect", "no-coverage", "streaming-buffers"
const char* symptom_name(Symptom s);
std::optional<Symptom> parse_symptom(std::string_view name);

enum class Check : uint8_t { kArea, kGateway, kLine, kWifi, kDevice };
const char* check_name(Check c);  // "area", "gateway", "line", "wifi", "device"

enum class Outcome : uint8_t { kOk, kProblem, kUnknown, kSkipped };
const char* outcome_name(Outcome o);  // "ok", "problem", "unknown", "skipped"

// The one-click fixes. Ids: "restart-gateway", "restart-wifi", "change-channel", "move-to-5ghz",
// "speed-test", "update-firmware".
bool is_fix_id(std::string_view id);

// A text to show: a message id of messages.h and its parameters.
struct Message {
  std::string id;
  std::map<std::string, std::string> params;
  bool operator==(const Message&) const = default;
};

struct FixOffer {
  std::string id;                  // a fix id
  std::string target;              // radio id (change-channel), station MAC (move-to-5ghz), "" whole home
  Message label;
  std::optional<Message> warning;  // what the customer should know before (restarts)
  bool operator==(const FixOffer&) const = default;
};

struct Step {
  Check check = Check::kArea;
  Outcome outcome = Outcome::kOk;
  std::vector<Message> text;       // sentences: what was checked, what was found
  std::vector<std::string> findings;  // finding codes this step rests on
  std::vector<FixOffer> fixes;
  std::vector<std::string> kb;     // knowledge-base article ids
};

enum class VerdictKind : uint8_t { kAreaOutage, kFixOffered, kNoProblem, kNeedsTicket, kFixed, kNotFixed };
// "area-outage", "fix-offered", "no-problem", "needs-ticket", "fixed", "not-fixed"
const char* verdict_name(VerdictKind k);

struct Verdict {
  VerdictKind kind = VerdictKind::kNoProblem;
  std::vector<Message> text;
};

// A fix the run has applied, and whether it was seen to work.
struct TriedFix {
  std::string id;
  std::string target;
  std::optional<bool> verified;  // nullopt: could not tell (or still running)
  bool running = false;
};

enum class GatewayState : uint8_t {
  kLive,     // answered a live refresh just now
  kRecent,   // no live answer, but in touch within its inform interval
  kOffline,  // silent (or the diagnosis says it is offline)
  kUnknown,  // never seen
};

struct Facts {
  Symptom symptom = Symptom::kNoInternet;
  bool outage_known = true;                 // false: the incident desk could not be asked
  std::optional<outage::HomeOutage> outage;  // the area's incident or maintenance, nullopt: none
  GatewayState gateway = GatewayState::kUnknown;
  int64_t last_contact_ms = 0;
  diag::Diagnosis diagnosis;
  std::optional<diag::HomeSnapshot> snapshot;
  std::string device_mac;                   // the device in question (lower case), "" none
  double plan_down_mbps = diag::kUnknown;
  std::vector<TriedFix> tried;
  bool band_steering_available = false;     // the gateway has a band steering switch, now off
  std::string firmware_version;             // a newer firmware image for the model ("" none)
  int64_t now_ms = 0;                       // for the area's times only (no decisions by time)
};

struct Evaluation {
  std::vector<Step> steps;
  Verdict verdict;
};

Evaluation evaluate(const Facts& facts);

// Whether a fix worked, judged from the snapshots before and after (the findings themselves
// clear only after their persistence windows). nullopt: cannot tell (no fresh data).
struct VerifyInput {
  std::string fix;
  std::string target;
  int64_t applied_ms = 0;                    // when the fix was sent
  std::optional<diag::HomeSnapshot> before;
  std::optional<diag::HomeSnapshot> after;
  int64_t last_boot_ms = 0;                  // the gateway's last boot (device record)
  std::string firmware_before;               // the gateway's software version before and after
  std::string firmware_after;
};
std::optional<bool> verify(const VerifyInput& in);

// The station a MAC names in the snapshot (case-insensitive), or null.
const diag::Station* find_station(const diag::HomeSnapshot& snap, const std::string& mac);
// The number of characters (UTF-8 code points) of a text: the customer's words are limited to
// kMaxWords of them.
inline constexpr size_t kMaxWords = 2000;
size_t char_count(std::string_view text);
// 0..4 signal bars: >= -55 dBm 4, >= -65 3, >= -72 2, >= -80 1, else (or unknown) 0.
int signal_bars(double signal_dbm);

}  // namespace hearth::selfservice
