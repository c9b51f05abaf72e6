// hearthd: the Hearth server. Flags override the configuration file; see README.md.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <malloc.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <pthread.h>

#include "core/crypto.h"
#include "core/log.h"
#include "server/config.h"
#include "server/hearthd.h"

int main(int argc, char** argv) {
  CLI::App app{"hearthd: the Hearth home-network management server (TR-069 ACS and API)"};
  std::string config_file, cwmp_listen, http_listen, store_url, log_format, log_level, files_dir;
  app.add_option("--config", config_file, "TOML configuration file");
  app.add_option("--cwmp-listen", cwmp_listen, "CWMP address ADDR:PORT (default 0.0.0.0:7547; port 0 = any)");
  app.add_option("--http-listen", http_listen, "API and web address ADDR:PORT (default 0.0.0.0:8080)");
  app.add_option("--store", store_url, "sqlite:PATH (default sqlite:hearth.db)");
  app.add_option("--files-dir", files_dir, "where uploaded firmware files are kept");
  app.add_option("--log-format", log_format, "text or json")->check(CLI::IsMember({"text", "json"}));
  app.add_option("--log-level", log_level, "trace, debug, info, warn or error");
  CLI11_PARSE(app, argc, argv);

  // Release builds link jemalloc; without it (sanitizer builds), keep glibc from returning freed
  // memory to the kernel after every store commit: trimming and faulting it back cost half of the
  // writer thread's time (bench/session_bench).
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  hearth::crypto::init();
  hearth::server::ServerConfig config;
  if (!config_file.empty()) {
    if (auto st = hearth::server::load_config_file(config_file, &config); !st) {
      std::fprintf(stderr, "hearthd: %s\n", st.error().message.c_str());
      return 2;
    }
  }
  if (!cwmp_listen.empty()) config.cwmp_listen = cwmp_listen;
  if (!http_listen.empty()) config.http_listen = http_listen;
  if (!store_url.empty()) config.store = store_url;
  if (!files_dir.empty()) config.files_dir = files_dir;
  if (!log_format.empty()) config.log_format = log_format == "json" ? hearth::LogFormat::kJson : hearth::LogFormat::kText;
  if (!log_level.empty()) config.log_level = log_level;
  hearth::setup_logging(config.log_format, config.log_level);

  // Signals are taken by sigwait below; every thread started from here on inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  hearth::server::Hearthd server(config);
  if (auto st = server.start(); !st) {
    spdlog::error("hearthd: cannot start: {}", st.error().message);
    server.stop();
    return 1;
  }
  std::cout << R"({"event":"listening","cwmp":")" << server.cwmp_address() << R"(","http":")"
            << server.http_address() << "\"}" << std::endl;

  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::info("hearthd: signal {}, stopping", sig);
  server.stop();
  spdlog::info("hearthd: stopped");
  return 0;
}
