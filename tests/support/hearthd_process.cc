#include "tests/support/hearthd_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/build_paths.h"

namespace hearth::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "hearth-test-XXXXXX").string();
  char* p = mkdtemp(tmpl.data());
  path_ = p != nullptr ? p : "";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

HearthdProcess::HearthdProcess(const std::string& dir, Options options) : dir_(dir), options_(std::move(options)) {
  if (options_.binary.empty()) options_.binary = hearth::testing::binary_dir() + "/src/cli/hearthd";
  if (options_.store_path.empty()) options_.store_path = dir_ + "/hearth.db";
}

HearthdProcess::~HearthdProcess() {
  if (pid_ > 0) kill_hard();
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

bool HearthdProcess::start(std::string* error) {
  std::vector<std::string> args = {options_.binary, "--cwmp-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0",
                                   "--store", "sqlite:" + options_.store_path, "--log-level", "warn"};
  if (!options_.config_toml.empty()) {
    const std::string path = dir_ + "/hearthd.toml";
    std::ofstream(path) << options_.config_toml;
    args.push_back("--config");
    args.push_back(path);
  }
  for (const auto& a : options_.extra_args) args.push_back(a);
  int fds[2];
  if (pipe(fds) != 0) {
    *error = "pipe failed";
    return false;
  }
  pid_ = fork();
  if (pid_ < 0) {
    *error = "fork failed";
    return false;
  }
  if (pid_ == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    for (const auto& [k, v] : options_.env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  stdout_fd_ = fds[0];
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      *error = "hearthd did not print its listening line";
      return false;
    }
    pollfd pfd{stdout_fd_, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[512];
    const ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) {
      *error = "hearthd exited before listening";
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
      return false;
    }
    line.append(buf, static_cast<size_t>(n));
  }
  auto j = nlohmann::json::parse(line.substr(0, line.find('\n')), nullptr, false);
  if (!j.is_object() || j.value("event", "") != "listening") {
    *error = "unexpected first line: " + line;
    return false;
  }
  cwmp_url_ = "http://" + j["cwmp"].get<std::string>() + "/";
  http_url_ = "http://" + j["http"].get<std::string>();
  return true;
}

int HearthdProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void HearthdProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace hearth::testing
