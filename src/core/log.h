// Logging set-up. Human-readable lines by default, JSON lines on request. Code logs through
// spdlog's default logger; secrets (passwords, tokens, Authorization headers) are never logged.
#pragma once

#include <string>

namespace hearth {

enum class LogFormat { kText, kJson };

// level: trace, debug, info, warn, error, off. Logs go to stderr (stdout is for machine output).
void setup_logging(LogFormat format, const std::string& level);

}  // namespace hearth
