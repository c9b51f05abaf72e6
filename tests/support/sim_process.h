// hearth-sim as a child process with its stdout on a pipe, for integration tests and the
// diagnosis accuracy harness; stopped by its pid.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace hearth::testing {

class SimProcess {
 public:
  // `args` are hearth-sim's arguments; the binary is the build's src/cli/hearth-sim.
  explicit SimProcess(std::vector<std::string> args);
  ~SimProcess();  // SIGKILL if still running

  bool start();
  // The next stdout line, or "" if none within `timeout`.
  std::string read_line(std::chrono::milliseconds timeout);
  // SIGTERM and wait; the exit status, or -1.
  int stop();
  // Runs to completion (for --export only); the exit status.
  int wait();
  pid_t pid() const { return pid_; }

 private:
  std::vector<std::string> args_;
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace hearth::testing
