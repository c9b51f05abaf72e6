// Guided troubleshooting as the API sees it. Implemented by selfservice::Troubleshooter; api/
// tests may use a fake. Every call names the customer's account: a run of another account is
// kNotFound (never kPermissionDenied, which would tell that it exists).
//
// Runs are JSON values in the shape the OpenAPI document gives for TroubleshootRun; `lang`
// ("en", "de", "sv") picks the language of the texts in the answer.
// Callbacks run exactly once, on any thread.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace hearth::selfservice {

struct StartInput {
  std::string symptom;     // "no-internet", "wifi-slow", "device-cannot-connect", "no-coverage",
                           // "streaming-buffers"
  std::string words;       // the customer's own description (may be empty; at most 2,000 chars)
  std::string device_mac;  // the device in question ("" none)
  std::string lang = "en";
};

struct FixInput {
  std::string fix;         // "restart-gateway", "restart-wifi", "change-channel", "move-to-5ghz",
                           // "speed-test", "update-firmware"
  std::string target;      // the radio or station the fix is for, as offered ("" none)
  std::string lang = "en";
};

struct FinishInput {
  bool solved = false;     // "did this solve it?"
  int rating = 0;          // 1..5; 0: not given
  std::string comment;
  bool open_ticket = false;  // when not solved: create a ticket carrying the run
  std::string words;       // more words for the ticket
  std::string lang = "en";
};

using RunCallback = std::function<void(Result<nlohmann::json>)>;

class TroubleshootDesk {
 public:
  virtual ~TroubleshootDesk() = default;
  // Starts a run: a live refresh of the home (connection request, fresh telemetry, diagnosis),
  // then the checks in order. Calls back with the run when the first evaluation is done.
  virtual void start(const std::string& account, const StartInput& input, RunCallback done) = 0;
  virtual void get(const std::string& account, const std::string& run_id, const std::string& lang,
                   RunCallback done) = 0;
  // Applies a fix the run offered, waits for it, checks again and calls back with the run, whose
  // last action says whether the fix worked. kConflict when the run did not offer it.
  virtual void apply_fix(const std::string& account, const std::string& run_id, const FixInput& input,
                         RunCallback done) = 0;
  // Ends the run with the customer's answer and feedback; opens a ticket when asked.
  virtual void finish(const std::string& account, const std::string& run_id, const FinishInput& input,
                      RunCallback done) = 0;
};

}  // namespace hearth::selfservice
