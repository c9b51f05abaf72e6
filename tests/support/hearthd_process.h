// Starts the real hearthd binary on loopback with port 0 and a temporary store, for integration
// tests and benchmarks; stops it by its pid.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace hearth::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class HearthdProcess {
 public:
  struct Options {
    std::string binary;                  // default: the build's src/cli/hearthd
    std::string store_path;              // default: <dir>/hearth.db
    std::string config_toml;             // written to <dir>/hearthd.toml when not empty
    std::vector<std::string> extra_args;
    std::map<std::string, std::string> env;  // added to the environment
  };

  HearthdProcess(const std::string& dir, Options options);
  ~HearthdProcess();  // SIGKILL if still running

  // Starts and waits for the "listening" line (up to 30 s). False with a message on failure.
  bool start(std::string* error);
  // SIGTERM and wait; returns the exit status (or -1).
  int stop();
  // SIGKILL and wait: for durability tests.
  void kill_hard();

  const std::string& cwmp_url() const { return cwmp_url_; }   // "http://127.0.0.1:PORT/"
  const std::string& http_url() const { return http_url_; }   // "http://127.0.0.1:PORT"
  pid_t pid() const { return pid_; }

 private:
  std::string dir_;
  Options options_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string cwmp_url_;
  std::string http_url_;
};

}  // namespace hearth::testing
