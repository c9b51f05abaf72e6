// Test helper: reads a fixture from tests/data/cwmp/.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/build_paths.h"

namespace hearth::cwmp::testing {

inline std::string read_fixture(const std::string& name) {
  std::ifstream in(hearth::testing::source_dir() + "/tests/data/cwmp/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace hearth::cwmp::testing
