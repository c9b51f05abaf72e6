// File-name parsing for Download (tr069.md 3.2 Download; the simulator's own convention).
#include "sim/cpe/firmware_name.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/strings.h"

namespace hearth::sim::cpe {
namespace {

constexpr std::array<std::string_view, 11> kExtensions = {
    ".bin", ".img", ".fw", ".trx", ".chk", ".tar", ".gz", ".tgz", ".zip", ".w", ".pkg"};

bool digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

std::string_view base_name(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const size_t slash = url.rfind('/');
  return slash == std::string_view::npos ? url : url.substr(slash + 1);
}

std::string_view strip_extensions(std::string_view name) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view ext : kExtensions) {
      if (name.size() > ext.size() && hearth::ends_with(to_lower(name), ext)) {
        name.remove_suffix(ext.size());
        again = true;
      }
    }
  }
  return name;
}

// Lower case, letters and digits only.
std::string normalised(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

}  // namespace

bool image_for_other_model(std::string_view url, std::string_view target_file_name,
                           std::string_view own_product_class, const std::vector<std::string>& product_classes) {
  const std::string_view name =
      strip_extensions(target_file_name.empty() ? base_name(url) : base_name(target_file_name));
  const std::string own = normalised(own_product_class);
  size_t start = 0;
  while (start <= name.size()) {
    const size_t end = std::min(name.find_first_of("-_.", start), name.size());
    const std::string token = normalised(name.substr(start, end - start));
    if (!token.empty() && token != own) {
      for (const std::string& pc : product_classes) {
        if (normalised(pc) == token) return true;
      }
    }
    start = end + 1;
  }
  return false;
}

std::string firmware_version_from_file(std::string_view url, std::string_view target_file_name,
                                       const std::string& current, const std::string& latest) {
  const std::string_view name =
      strip_extensions(target_file_name.empty() ? base_name(url) : base_name(target_file_name));
  if (!latest.empty() && name.find(latest) != std::string_view::npos) return latest;
  for (size_t i = 0; i < name.size(); ++i) {
    const bool boundary = i == 0 || name[i - 1] == '-' || name[i - 1] == '_';
    if (!boundary) continue;
    const bool v_digit =
        (name[i] == 'v' || name[i] == 'V') && i + 1 < name.size() && digit(name[i + 1]);
    if (digit(name[i]) || v_digit) return std::string(name.substr(i));
  }
  return current + ".1";
}

}  // namespace hearth::sim::cpe
