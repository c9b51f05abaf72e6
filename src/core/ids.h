// Device identity: OUI-ProductClass-SerialNumber, as TR-069 recommends for the CPE's username
// (tr069.md 1.3 and 1.7): every byte other than [A-Za-z0-9_] is percent-encoded, and the
// ProductClass part is left out when it is empty.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hearth {

std::string percent_encode_id_part(std::string_view part);
std::string make_device_id(std::string_view oui, std::string_view product_class,
                           std::string_view serial_number);

}  // namespace hearth

namespace hearth {

// A process-wide, strictly increasing 63-bit id: milliseconds since 2020 in the high bits and a
// sequence in the low 12 bits. Thread-safe. Used for tasks, faults and other rows the caller
// names before they are stored.
int64_t next_unique_id();

}  // namespace hearth
