// The firmware version a Download installs, taken from the file name the way operators name
// images ("HG8245Q2-V5R021C00S120.bin" -> "V5R021C00S120", "gw_fw-2.4.1.img" -> "2.4.1"). Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hearth::sim::cpe {

// The version in `url`'s last path segment (or in `target_file_name` when that is set): the
// model's latest firmware if the name contains it, else the part from the first token that
// starts with a digit or 'v'/'V' + digit after a '-', '_' or the start, without the extension.
// When the name holds none, a version derived from `current` (`current` + ".1"), so that an
// upgrade always changes SoftwareVersion.
std::string firmware_version_from_file(std::string_view url, std::string_view target_file_name,
                                       const std::string& current, const std::string& latest);

// Whether the image's file name (as above) says it is built for another model: one of its tokens
// (split at '-', '_' and '.') equals one of `product_classes` other than `own_product_class`.
// Compared without ASCII case and without the characters a file name cannot hold ("FRITZ!Box"
// is "FRITZBox"). A gateway checks the image's header before flashing and refuses such an image.
bool image_for_other_model(std::string_view url, std::string_view target_file_name,
                           std::string_view own_product_class, const std::vector<std::string>& product_classes);

}  // namespace hearth::sim::cpe
