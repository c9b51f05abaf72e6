#include "core/ids.h"

namespace hearth {

std::string percent_encode_id_part(std::string_view part) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(part.size());
  for (unsigned char c : part) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string make_device_id(std::string_view oui, std::string_view product_class,
                           std::string_view serial_number) {
  std::string id = percent_encode_id_part(oui);
  if (!product_class.empty()) {
    id += '-';
    id += percent_encode_id_part(product_class);
  }
  id += '-';
  id += percent_encode_id_part(serial_number);
  return id;
}

}  // namespace hearth

#include <atomic>
#include <chrono>

namespace hearth {

int64_t next_unique_id() {
  static std::atomic<int64_t> last{0};
  constexpr int64_t kEpochMs = 1'577'836'800'000;  // 2020-01-01T00:00:00Z
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count() -
                         kEpochMs;
  int64_t candidate = now_ms << 12;
  int64_t prev = last.load();
  for (;;) {
    const int64_t next = candidate > prev ? candidate : prev + 1;
    if (last.compare_exchange_weak(prev, next)) return next;
  }
}

}  // namespace hearth
