// Fetcher against the fake ACS's file server: Digest, failures as TransferComplete fault codes.
#include "sim/engine/fetcher.h"

#include <gtest/gtest.h>

#include "sim/engine/fake_acs.h"

namespace hearth::sim {
namespace {

using namespace std::chrono_literals;

FetchOutcome fetch(net::EventLoop& loop, FetchRequest request) {
  std::optional<FetchOutcome> out;
  Fetcher f(loop, std::move(request), 5s, [&](FetchOutcome o) {
    out = std::move(o);
    loop.stop();
  });
  f.start();
  const auto guard = loop.call_after(20s, [&] { loop.stop(); });
  loop.run();
  loop.cancel(guard);
  return out.value_or(FetchOutcome{false, 0, 1, "no callback"});
}

TEST(FetcherTest, FetchesWithDigestAndReportsTheSize) {
  testing::FakeAcs acs([](const std::string&) { return std::string(); });
  acs.add_file("fw.bin", std::string(12345, 'x'));
  net::EventLoop loop;
  const auto r = fetch(loop, FetchRequest{acs.file_url("fw.bin"), "dl", "dlpw", "key"});
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.size, 12345u);
  EXPECT_EQ(r.fault_code, 0u);
  EXPECT_EQ(acs.file_requests(), 1);
}

TEST(FetcherTest, FailuresMapToTransferFaultCodes) {
  testing::FakeAcs acs([](const std::string&) { return std::string(); });
  acs.add_file("fw.bin", "data");
  uint16_t dead_port = 0;
  {
    testing::FakeAcs gone([](const std::string&) { return std::string(); });
    dead_port = static_cast<uint16_t>(std::stoi(gone.url().substr(gone.url().rfind(':') + 1)));
  }
  struct Case {
    const char* name;
    FetchRequest request;
    uint32_t fault;
  };
  const Case cases[] = {
      {"wrong password", {acs.file_url("fw.bin"), "dl", "nope", ""}, 9012},
      {"no credentials for a protected file", {acs.file_url("fw.bin"), "", "", ""}, 9012},
      {"missing file", {acs.file_url("missing.bin"), "dl", "dlpw", ""}, 9016},
      {"nothing listening", {"http://127.0.0.1:" + std::to_string(dead_port) + "/f", "", "", ""}, 9015},
      {"https is not simulated", {"https://127.0.0.1:1/f", "", "", ""}, 9015},
      {"not a URL", {"ftp://x", "", "", ""}, 9015},
  };
  net::EventLoop loop;
  for (const auto& c : cases) {
    const auto r = fetch(loop, c.request);
    EXPECT_FALSE(r.ok) << c.name;
    EXPECT_EQ(r.fault_code, c.fault) << c.name << ": " << r.error;
  }
}

TEST(FetcherTest, FaultCodeTable) {
  EXPECT_EQ(fetch_fault_code(200, false), 0u);
  EXPECT_EQ(fetch_fault_code(0, false), 9015u);
  EXPECT_EQ(fetch_fault_code(401, false), 9012u);
  EXPECT_EQ(fetch_fault_code(200, true), 9012u);
  EXPECT_EQ(fetch_fault_code(403, false), 9016u);
  EXPECT_EQ(fetch_fault_code(404, false), 9016u);
  EXPECT_EQ(fetch_fault_code(500, false), 9010u);
}

}  // namespace
}  // namespace hearth::sim
