// A fresh temporary directory for a test, removed with everything in it by the destructor.
#pragma once

#include <string>

namespace hearth::net::testing {

// Created under $TMPDIR (or /tmp); path() is empty if that failed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace hearth::net::testing
