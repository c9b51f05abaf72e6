// Cookies and Authorization of a simulated CPE, checked against the server-side helpers hearthd
// uses (DigestAuthenticator), table-driven where it fits.
#include "sim/engine/acs_http.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "net/digest_authenticator.h"
#include "net/http_auth.h"

namespace hearth::sim {
namespace {

net::HttpHeaders set_cookies(std::initializer_list<const char*> values) {
  net::HttpHeaders h;
  for (const char* v : values) h.add("Set-Cookie", v);
  return h;
}

TEST(CookieJarTest, KeepsNameValuePairsAndDropsAttributes) {
  struct Case {
    const char* name;
    std::vector<std::vector<const char*>> responses;
    std::string header;
  };
  const Case cases[] = {
      {"one cookie with attributes", {{"session=ab12; Path=/; HttpOnly"}}, "session=ab12"},
      {"two cookies in one response", {{"a=1", "b=2; Path=/"}}, "a=1; b=2"},
      {"a later value replaces", {{"session=old"}, {"session=new; Path=/"}}, "session=new"},
      {"max-age 0 removes", {{"a=1", "b=2"}, {"a=gone; Max-Age=0"}}, "b=2"},
      {"empty value removes", {{"a=1"}, {"a="}}, ""},
      {"garbage is ignored", {{"no-equals-sign", "=novalue", ""}}, ""},
      {"spaces trimmed", {{"  s = v ; path=/"}}, "s=v"},
  };
  for (const auto& c : cases) {
    CookieJar jar;
    for (const auto& r : c.responses) {
      net::HttpHeaders h;
      for (const char* v : r) h.add("Set-Cookie", v);
      jar.update(h);
    }
    EXPECT_EQ(jar.header(), c.header) << c.name;
    EXPECT_EQ(jar.empty(), c.header.empty()) << c.name;
  }
}

TEST(CookieJarTest, ClearForgetsEverything) {
  CookieJar jar;
  jar.update(set_cookies({"a=1"}));
  jar.clear();
  EXPECT_TRUE(jar.empty());
  EXPECT_EQ(jar.header(), "");
}

class AcsAuthorizationTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::init(); }
  FakeClock clock;
  net::DigestAuthenticator digest{"0123456789abcdef0123456789abcdef", "hearth", clock};

  net::HttpHeaders challenge() const {
    net::HttpHeaders h;
    h.add("WWW-Authenticate", digest.make_challenge());
    return h;
  }
  net::DigestVerdict check(const std::string& header, const std::string& password, const std::string& body) const {
    auto parsed = net::parse_authorization(header);
    if (!parsed.ok() || parsed->scheme != net::Authorization::Scheme::kDigest) return net::DigestVerdict::kBadNonce;
    return digest.verify(parsed->digest, "POST", net::digest_ha1("cpe-1", "hearth", password), body, "/acs");
  }
};

TEST_F(AcsAuthorizationTest, NothingBeforeAChallenge) {
  AcsAuthorization auth(false, "cpe-1", "pw");
  EXPECT_FALSE(auth.active());
  EXPECT_EQ(auth.header_for("POST", "/acs", "x"), "");
}

TEST_F(AcsAuthorizationTest, AnswersDigestAndCountsNonceUses) {
  AcsAuthorization auth(false, "cpe-1", "pw");
  ASSERT_TRUE(auth.answer(challenge()));
  const std::string first = auth.header_for("POST", "/acs", "<Inform/>");
  const std::string second = auth.header_for("POST", "/acs", "");
  EXPECT_EQ(check(first, "pw", "<Inform/>"), net::DigestVerdict::kOk);
  EXPECT_EQ(check(second, "pw", ""), net::DigestVerdict::kOk);
  EXPECT_NE(first.find("nc=00000001"), std::string::npos) << first;
  EXPECT_NE(second.find("nc=00000002"), std::string::npos) << second;
  EXPECT_EQ(check(first, "other", "<Inform/>"), net::DigestVerdict::kWrongResponse);
}

TEST_F(AcsAuthorizationTest, DigestCpeCannotAnswerABasicOnlyChallenge) {
  AcsAuthorization auth(false, "cpe-1", "pw");
  net::HttpHeaders h;
  h.add("WWW-Authenticate", "Basic realm=\"hearth\"");
  EXPECT_FALSE(auth.answer(h));
  EXPECT_FALSE(auth.active());
}

TEST_F(AcsAuthorizationTest, BasicModelAnswersWithBasicWhateverIsOffered) {
  AcsAuthorization auth(true, "cpe-1", "pw");
  ASSERT_TRUE(auth.answer(challenge()));
  const std::string header = auth.header_for("POST", "/acs", "");
  EXPECT_EQ(header, net::basic_authorization("cpe-1", "pw"));
  auto parsed = net::parse_authorization(header);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->basic.username, "cpe-1");
  EXPECT_EQ(parsed->basic.password, "pw");
}

TEST_F(AcsAuthorizationTest, NoCredentialsNoAnswer) {
  AcsAuthorization auth(false, "", "");
  EXPECT_FALSE(auth.answer(challenge()));
}

}  // namespace
}  // namespace hearth::sim
