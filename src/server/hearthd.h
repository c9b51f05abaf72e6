// The hearthd process without its main(): store, ACS, API and the two HTTP listeners, wired
// together. Integration tests and benchmarks start it in-process or as the real binary.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "server/config.h"

namespace hearth::server {

class Hearthd {
 public:
  explicit Hearthd(ServerConfig config);
  ~Hearthd();
  Hearthd(const Hearthd&) = delete;
  Hearthd& operator=(const Hearthd&) = delete;

  // Opens the store, binds both listeners and starts serving. Errors say what failed
  // (kInvalidArgument for bad settings, kUnavailable for a taken port, ...).
  Status start();
  // Stops accepting, ends sessions in flight cleanly, flushes the store. Idempotent.
  void stop();

  // Bound addresses after start(), e.g. "127.0.0.1:41234".
  std::string cwmp_address() const;
  std::string http_address() const;

  struct Parts;  // opaque

 private:
  ServerConfig config_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace hearth::server
