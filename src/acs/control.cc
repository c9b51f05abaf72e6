#include "acs/control.h"

namespace hearth::acs {

const char* connection_request_outcome_name(ConnectionRequestOutcome outcome) {
  switch (outcome) {
    case ConnectionRequestOutcome::kOk: return "ok";
    case ConnectionRequestOutcome::kNoUrl: return "no_url";
    case ConnectionRequestOutcome::kInSession: return "in_session";
    case ConnectionRequestOutcome::kUnreachable: return "unreachable";
    case ConnectionRequestOutcome::kAuthFailed: return "auth_failed";
    case ConnectionRequestOutcome::kBusy: return "busy";
    case ConnectionRequestOutcome::kError: return "error";
  }
  return "error";
}

}  // namespace hearth::acs
