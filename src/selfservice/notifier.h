// How the portal reaches a customer outside the browser: password-reset links now, more later.
// Pluggable: the server picks one by configuration ([selfservice] notifier); the demo's logs the
// link (LogNotifier), a provider's would send an email or a text message.
#pragma once

#include <string>

#include "store/records.h"

namespace hearth::selfservice {

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Sends the one-time link. Must not block for long (queue it); must not throw.
  virtual void send_password_reset(const store::SubscriberRecord& subscriber, const std::string& link) = 0;
};

}  // namespace hearth::selfservice
