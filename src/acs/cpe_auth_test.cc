#include "acs/cpe_auth.h"

#include <gtest/gtest.h>

#include "net/http_auth.h"

namespace hearth::acs {
namespace {

using Kind = CpeAuthVerdict::Kind;

class CpeAuthTest : public ::testing::Test {
 protected:
  CpeAuthTest() : digest("0123456789abcdef0123456789abcdef", "hearth", clock) {
    device.id = "00D09E-HG1-SN1";
    device.auth_username = device.id;
    device.auth_ha1 = net::digest_ha1(device.id, "hearth", "devpass");
  }
  std::string digest_header(const std::string& user, const std::string& pass) {
    auto h = net::compute_digest_authorization(digest.make_challenge(), "POST", "/", user, pass, 1, "abcdef");
    EXPECT_TRUE(h.ok());
    return h.ok() ? *h : std::string();
  }
  CpeAuthVerdict run(const store::DeviceRecord* d, std::optional<std::string> authorization, bool tls = false,
                     bool bootstrap = false) {
    CpeAuthRequest r;
    r.device = d;
    r.bootstrap = bootstrap;
    if (authorization) r.authorization = *authorization;
    r.method = "POST";
    r.target = "/";
    r.tls = tls;
    held = std::move(authorization);
    if (held) r.authorization = *held;
    return authenticate_cpe(config, digest, r);
  }
  FakeClock clock;
  AcsConfig config;
  net::DigestAuthenticator digest;
  store::DeviceRecord device;
  std::optional<std::string> held;
};

TEST_F(CpeAuthTest, UnknownDeviceIsRegisteredAndGetsCredentials) {
  auto v = run(nullptr, std::nullopt);
  EXPECT_EQ(v.kind, Kind::kAccept);
  EXPECT_TRUE(v.issue_credentials);
}

TEST_F(CpeAuthTest, KnownDeviceWithoutCredentialsIsChallengedWithDigest) {
  auto v = run(&device, std::nullopt);
  EXPECT_EQ(v.kind, Kind::kChallenge);
  EXPECT_EQ(v.www_authenticate.rfind("Digest ", 0), 0u);
  EXPECT_FALSE(v.close);
}

TEST_F(CpeAuthTest, RightDigestIsAccepted) {
  auto v = run(&device, digest_header(device.id, "devpass"));
  EXPECT_EQ(v.kind, Kind::kAccept);
  EXPECT_FALSE(v.issue_credentials);
}

TEST_F(CpeAuthTest, WrongPasswordIsChallengedAndClosed) {
  auto v = run(&device, digest_header(device.id, "nope"));
  EXPECT_EQ(v.kind, Kind::kChallenge);
  EXPECT_TRUE(v.close);
}

TEST_F(CpeAuthTest, MalformedAuthorizationDoesNotPass) {
  for (const char* h : {"Digest", "Digest username=\"x", "Basic !!!", "Bearer abc", "", "Digest a=b, a=b"}) {
    auto v = run(&device, std::string(h));
    EXPECT_EQ(v.kind, Kind::kChallenge) << h;
  }
}

TEST_F(CpeAuthTest, BasicOnlyOverTls) {
  const std::string basic = net::basic_authorization(device.id, "devpass");
  EXPECT_EQ(run(&device, basic, /*tls=*/false).kind, Kind::kChallenge);
  EXPECT_EQ(run(&device, basic, /*tls=*/true).kind, Kind::kAccept);
  auto tls_challenge = run(&device, std::nullopt, /*tls=*/true);
  EXPECT_EQ(tls_challenge.www_authenticate, "Basic realm=\"hearth\"");
}

TEST_F(CpeAuthTest, FactoryResetDeviceFallsBackToThePolicy) {
  auto v = run(&device, std::nullopt, false, /*bootstrap=*/true);
  EXPECT_EQ(v.kind, Kind::kAccept);
  EXPECT_TRUE(v.issue_credentials);
}

TEST_F(CpeAuthTest, BootstrapSecretPolicy) {
  config.unknown_device_policy = UnknownDevicePolicy::kBootstrapSecret;
  config.bootstrap_username = "isp";
  config.bootstrap_password = "shared";
  EXPECT_EQ(run(nullptr, std::nullopt).kind, Kind::kChallenge);
  EXPECT_EQ(run(nullptr, digest_header("isp", "wrong")).kind, Kind::kChallenge);
  auto ok = run(nullptr, digest_header("isp", "shared"));
  EXPECT_EQ(ok.kind, Kind::kAccept);
  EXPECT_TRUE(ok.issue_credentials);
}

TEST_F(CpeAuthTest, RejectPolicyRefusesUnknownDevices) {
  config.unknown_device_policy = UnknownDevicePolicy::kReject;
  EXPECT_EQ(run(nullptr, std::nullopt).kind, Kind::kReject);
  EXPECT_EQ(run(&device, digest_header(device.id, "devpass")).kind, Kind::kAccept);
}

TEST_F(CpeAuthTest, StaleNonceIsChallengedWithStale) {
  const std::string h = digest_header(device.id, "devpass");
  clock.advance(std::chrono::hours(1));
  auto v = run(&device, h);
  EXPECT_EQ(v.kind, Kind::kChallenge);
  EXPECT_NE(v.www_authenticate.find("stale=true"), std::string::npos);
  EXPECT_FALSE(v.close);
}

}  // namespace
}  // namespace hearth::acs
