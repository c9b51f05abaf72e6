// Where the checkout and the build directory are, for tests and benchmarks that read test data or
// start the built binaries. They come from one object file (build_paths.cc) rather than from
// compile definitions on every test: absolute paths in the flags of hundreds of files would make
// each checkout miss the compiler cache.
#pragma once

#include <string>

namespace hearth::testing {

std::string source_dir();  // the checkout, e.g. /work/hearth
std::string binary_dir();  // the build directory, e.g. /work/hearth/build

}  // namespace hearth::testing
