#include "tests/support/build_paths.h"

namespace hearth::testing {

std::string source_dir() { return HEARTH_SOURCE_DIR; }
std::string binary_dir() { return HEARTH_BINARY_DIR; }

}  // namespace hearth::testing
