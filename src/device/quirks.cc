#include "device/quirks.h"

namespace hearth::device {

const Quirks& quirks_for(const std::vector<QuirkRule>& rules, const std::string& oui,
                         const std::string& product_class) {
  static const Quirks kDefaults;
  for (const auto& rule : rules) {
    if ((rule.oui.empty() || rule.oui == oui) &&
        (rule.product_class.empty() || rule.product_class == product_class)) {
      return rule.quirks;
    }
  }
  return kDefaults;
}

}  // namespace hearth::device
