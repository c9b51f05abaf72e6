// Helpers the parts of the flow share (flow.cc, flow_wifi.cc, flow_verify.cc). Internal.
#pragma once

#include <string>
#include <vector>

#include "selfservice/flow.h"

namespace hearth::selfservice::flow {

Message msg(std::string id, std::map<std::string, std::string> params = {});

// "2.4 GHz", "5 GHz", "6 GHz".
std::string band_text(diag::Band b);
// The band of a radio by its id ("<node>/<band>") or from the snapshot; "" unknown.
std::string radio_band_text(const Facts& f, const std::string& radio_id);
// How the customer knows a station: its hostname, else its MAC.
std::string station_text(const diag::Station& s);

// The finding's sentence for the customer, by its code and entity.
Message finding_message(const Facts& f, const diag::Finding& finding);

// A tried fix with this id (and target, "" any) that was seen to work.
bool verified_fix(const Facts& f, const std::string& fix, const std::string& target);
bool tried_fix(const Facts& f, const std::string& fix, const std::string& target);
// A verified fix made this finding moot although it is still open (persistence windows).
bool addressed(const Facts& f, const diag::Finding& finding);

// The fix a finding's remedy maps to ("" none): change-channel, steer-station -> move-to-5ghz,
// reboot -> restart-gateway, upgrade-firmware -> update-firmware.
std::string fix_for_remedy(const std::string& action);
// Adds the offer to the step when the fix is available and not tried yet (nor offered already).
void offer(const Facts& f, Step& step, const std::string& fix, const std::string& target);
void add_kb(Step& step, const std::string& id);

bool wifi_symptom(Symptom s);
bool has_5ghz(const diag::HomeSnapshot& snap);

// The Wi-Fi check and the device check (flow_wifi.cc).
Step check_wifi(const Facts& f);
Step check_device(const Facts& f);

}  // namespace hearth::selfservice::flow
