#include "core/clock.h"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace hearth {

const SystemClock& SystemClock::instance() {
  static const SystemClock clock;
  return clock;
}

int64_t to_unix_ms(SysTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

SysTime from_unix_ms(int64_t ms) {
  return SysTime(std::chrono::duration_cast<Duration>(std::chrono::milliseconds(ms)));
}

namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yy + (*m <= 2);
}

bool read_digits(const std::string& s, size_t& pos, size_t count, int* out) {
  int v = 0;
  for (size_t i = 0; i < count; ++i) {
    if (pos >= s.size() || !std::isdigit(static_cast<unsigned char>(s[pos]))) return false;
    v = v * 10 + (s[pos++] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string format_iso8601(SysTime t, bool with_millis) {
  const int64_t ms = to_unix_ms(t);
  int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  const int64_t frac = ms - secs * 1000;
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rem = secs - days * 86400;
  int64_t y;
  unsigned m, d;
  civil_from_days(days, &y, &m, &d);
  char buf[64];
  if (with_millis && frac != 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                  static_cast<long long>(y), m, d, static_cast<long long>(rem / 3600),
                  static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60),
                  static_cast<long long>(frac));
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                  m, d, static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                  static_cast<long long>(rem % 60));
  }
  return buf;
}

bool parse_iso8601_ms(const std::string& s, int64_t* unix_ms) {
  size_t pos = 0;
  int y, mo, d, h, mi, se;
  if (!read_digits(s, pos, 4, &y) || pos >= s.size() || s[pos++] != '-') return false;
  if (!read_digits(s, pos, 2, &mo) || pos >= s.size() || s[pos++] != '-') return false;
  if (!read_digits(s, pos, 2, &d) || pos >= s.size() || (s[pos] != 'T' && s[pos] != ' ')) return false;
  ++pos;
  if (!read_digits(s, pos, 2, &h) || pos >= s.size() || s[pos++] != ':') return false;
  if (!read_digits(s, pos, 2, &mi) || pos >= s.size() || s[pos++] != ':') return false;
  if (!read_digits(s, pos, 2, &se)) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  int64_t millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (digits < 3) millis = millis * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return false;
    for (int i = digits; i < 3; ++i) millis *= 10;
  }
  int64_t offset_s = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      const int sign = s[pos++] == '-' ? -1 : 1;
      int oh, om = 0;
      if (!read_digits(s, pos, 2, &oh)) return false;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size() && !read_digits(s, pos, 2, &om)) return false;
      if (oh > 23 || om > 59) return false;
      offset_s = sign * (oh * 3600 + om * 60);
    } else {
      return false;
    }
  }
  if (pos != s.size()) return false;
  const int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const int64_t secs = days * 86400 + h * 3600 + mi * 60 + se - offset_s;
  *unix_ms = secs * 1000 + millis;
  return true;
}

bool parse_iso8601(const std::string& text, SysTime* out) {
  int64_t ms = 0;
  if (!parse_iso8601_ms(text, &ms)) return false;
  constexpr int64_t kLimitMs = 9'000'000'000'000'000'000 / 1'000'000;  // well inside int64 nanoseconds
  if (ms > kLimitMs || ms < -kLimitMs) return false;
  *out = from_unix_ms(ms);
  return true;
}

}  // namespace hearth
