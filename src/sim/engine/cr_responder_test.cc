// Connection-request answering: paths, Digest with the home's credentials, 503, dead homes.
#include "sim/engine/cr_responder.h"

#include <gtest/gtest.h>

#include <map>

#include "core/crypto.h"
#include "net/http_auth.h"

namespace hearth::sim {
namespace {

using namespace std::chrono_literals;

TEST(CrPathTest, RoundTripsAndRejectsOtherShapes) {
  const std::string p = cr_path(42, 0x0123456789abcdefULL);
  EXPECT_EQ(p, "/0000002a0123456789abcdef");
  auto parsed = parse_cr_path(p);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->first, 42u);
  EXPECT_EQ(parsed->second, 0x0123456789abcdefULL);
  for (const char* bad : {"/", "", "/0000002a0123456789abcde", "/0000002a0123456789abcdefg",
                          "/0000002A0123456789ABCDEF", "x0000002a0123456789abcdef", "/0000002a0123456789abcdeX"}) {
    EXPECT_FALSE(parse_cr_path(bad).has_value()) << bad;
  }
}

class CrResponderTest : public ::testing::Test {
 protected:
  struct FakeHome {
    uint64_t token;
    bool on = true;
    std::string user = "cr-user";
    std::string password = "cr-pass";
    bool accepts = true;
    int accepted = 0;
  };

  void SetUp() override {
    crypto::init();
    homes[0] = FakeHome{111};
    homes[1] = FakeHome{222};
    homes[2] = FakeHome{333};
    CrResponder::Homes hooks;
    hooks.token = [this](uint32_t h) -> std::optional<uint64_t> {
      auto it = homes.find(h);
      if (it == homes.end()) return std::nullopt;
      return it->second.token;
    };
    hooks.answers = [this](uint32_t h) { return homes.at(h).on; };
    hooks.credentials = [this](uint32_t h) { return std::make_pair(homes.at(h).user, homes.at(h).password); };
    hooks.accept = [this](uint32_t h) {
      auto& home = homes.at(h);
      if (home.accepts) ++home.accepted;
      return home.accepts;
    };
    responder = std::make_unique<CrResponder>(clock, "0123456789abcdef0123456789abcdef", hooks);
  }

  static net::HttpRequest get(const std::string& path, const std::string& authorization = {}) {
    net::HttpRequest r;
    r.method = "GET";
    r.target = path;
    if (!authorization.empty()) r.headers.add("Authorization", authorization);
    return r;
  }

  // The full exchange an ACS makes: GET, take the challenge, GET with Digest.
  std::optional<net::HttpResponse> authenticated_get(uint32_t home, const std::string& user, const std::string& pw) {
    const std::string path = cr_path(home, homes.at(home).token);
    auto first = responder->handle(get(path));
    if (!first || first->status != 401) return first;
    auto auth = net::compute_digest_authorization(first->headers.get_or("WWW-Authenticate"), "GET", path, user, pw,
                                                  1, "abcdef");
    EXPECT_TRUE(auth.ok());
    return responder->handle(get(path, *auth));
  }

  FakeClock clock;
  std::map<uint32_t, FakeHome> homes;
  std::unique_ptr<CrResponder> responder;
};

TEST_F(CrResponderTest, UnknownPathsGet404) {
  for (const std::string& path : {std::string("/"), std::string("/favicon.ico"), cr_path(0, 999), cr_path(7, 111)}) {
    auto r = responder->handle(get(path));
    ASSERT_TRUE(r.has_value()) << path;
    EXPECT_EQ(r->status, 404) << path;
  }
  EXPECT_EQ(responder->stats().not_found, 4u);
}

TEST_F(CrResponderTest, ChallengesThenAcceptsTheRightCredentials) {
  auto first = responder->handle(get(cr_path(1, 222)));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->status, 401);
  const std::string challenge = first->headers.get_or("WWW-Authenticate");
  EXPECT_EQ(challenge.rfind("Digest ", 0), 0u) << challenge;
  EXPECT_NE(challenge.find("realm=\"hearth-sim\""), std::string::npos);

  auto r = authenticated_get(1, "cr-user", "cr-pass");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(homes[1].accepted, 1);
  EXPECT_EQ(responder->stats().accepted, 1u);
}

TEST_F(CrResponderTest, WrongCredentialsAreChallengedAgainAndNothingHappens) {
  struct Case {
    const char* name;
    const char* user;
    const char* pw;
  };
  for (const Case& c : {Case{"wrong password", "cr-user", "nope"}, Case{"wrong user", "someone", "cr-pass"}}) {
    auto r = authenticated_get(0, c.user, c.pw);
    ASSERT_TRUE(r.has_value()) << c.name;
    EXPECT_EQ(r->status, 401) << c.name;
  }
  auto basic = responder->handle(get(cr_path(0, 111), net::basic_authorization("cr-user", "cr-pass")));
  ASSERT_TRUE(basic.has_value());
  EXPECT_EQ(basic->status, 401) << "Basic is not enough (tr069.md 6.1)";
  auto garbage = responder->handle(get(cr_path(0, 111), "Digest garbage\"\"\""));
  ASSERT_TRUE(garbage.has_value());
  EXPECT_EQ(garbage->status, 401);
  EXPECT_EQ(homes[0].accepted, 0);
}

TEST_F(CrResponderTest, RateLimitedHomeAnswers503) {
  homes[2].accepts = false;
  auto r = authenticated_get(2, "cr-user", "cr-pass");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(responder->stats().refused, 1u);
}

TEST_F(CrResponderTest, HomeWithoutCredentialsAnswers503) {
  homes[2].password.clear();
  auto r = responder->handle(get(cr_path(2, 333)));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 503);
}

TEST_F(CrResponderTest, SwitchedOffHomeDoesNotAnswer) {
  homes[1].on = false;
  EXPECT_FALSE(responder->handle(get(cr_path(1, 222))).has_value());
  EXPECT_EQ(responder->stats().unanswered, 1u);
  EXPECT_EQ(homes[1].accepted, 0);
}

TEST_F(CrResponderTest, OldNonceIsStale) {
  const std::string path = cr_path(0, 111);
  auto first = responder->handle(get(path));
  ASSERT_TRUE(first.has_value());
  auto auth = net::compute_digest_authorization(first->headers.get_or("WWW-Authenticate"), "GET", path, "cr-user",
                                                "cr-pass", 1, "abcdef");
  ASSERT_TRUE(auth.ok());
  clock.advance(1h);
  auto r = responder->handle(get(path, *auth));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 401);
  EXPECT_NE(r->headers.get_or("WWW-Authenticate").find("stale=true"), std::string::npos);
  EXPECT_EQ(homes[0].accepted, 0);
}

}  // namespace
}  // namespace hearth::sim
