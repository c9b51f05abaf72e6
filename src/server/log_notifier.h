// The demo's way of reaching customers: a password-reset link is written to hearthd's log (the
// one place where a link appears in the log, on purpose: the demo has no mail server). A
// provider plugs in its own selfservice::Notifier (email, text message) instead.
#pragma once

#include <string>

#include "selfservice/notifier.h"

namespace hearth::server {

class LogNotifier final : public selfservice::Notifier {
 public:
  void send_password_reset(const store::SubscriberRecord& subscriber, const std::string& link) override;
};

// The notifier the configuration names ([selfservice] notifier): "log" a process-wide
// LogNotifier, "none" (or anything else) null, which leaves reset links unsent.
selfservice::Notifier* notifier_for(const std::string& name);

}  // namespace hearth::server
