#include "net/digest_authenticator.h"

#include <gtest/gtest.h>

namespace hearth::net {
namespace {

constexpr const char* kSecret = "0123456789abcdef0123456789abcdef";

class DigestAuthenticatorTest : public ::testing::Test {
 protected:
  // What a CPE would send in answer to our challenge.
  DigestCredentials answer(const std::string& challenge, const std::string& password = "pw",
                           const std::string& method = "POST", const std::string& uri = "/acs",
                           const std::string& body = "<soap/>", const std::string& user = "cpe") {
    auto h = compute_digest_authorization(challenge, method, uri, user, password, 1, "c0ffee", body);
    EXPECT_TRUE(h.ok());
    auto parsed = parse_authorization(h.ok() ? *h : std::string());
    EXPECT_TRUE(parsed.ok());
    return parsed.ok() ? parsed->digest : DigestCredentials{};
  }

  FakeClock clock;
  DigestAuthenticator auth{kSecret, "hearth", clock, std::chrono::seconds(300)};
  std::string ha1 = digest_ha1("cpe", "hearth", "pw");
};

TEST_F(DigestAuthenticatorTest, ChallengeOffersAuthAndAuthInt) {
  const std::string c = auth.make_challenge();
  auto parsed = parse_challenges(c);
  ASSERT_TRUE(parsed.ok());
  const AuthChallenge& d = (*parsed)[0];
  EXPECT_EQ(d.scheme, "Digest");
  EXPECT_EQ(d.param("realm"), "hearth");
  EXPECT_EQ(d.param("qop"), "auth,auth-int");
  EXPECT_EQ(d.param("nonce")->size(), 48u);
  EXPECT_FALSE(d.param("stale").has_value());
  EXPECT_NE(auth.make_challenge(true).find("stale=true"), std::string::npos);
}

TEST_F(DigestAuthenticatorTest, AcceptsTheRightAnswer) {
  EXPECT_EQ(auth.verify(answer(auth.make_challenge()), "POST", ha1, "<soap/>", "/acs"), DigestVerdict::kOk);
}

TEST_F(DigestAuthenticatorTest, AcceptsAuthIntAndNoQopAndMd5Sess) {
  const std::string nonce = auth.make_nonce();
  const std::string auth_int = "Digest realm=\"hearth\", nonce=\"" + nonce + "\", qop=\"auth-int\"";
  EXPECT_EQ(auth.verify(answer(auth_int), "POST", ha1, "<soap/>"), DigestVerdict::kOk);
  // auth-int covers the body: another body fails.
  EXPECT_EQ(auth.verify(answer(auth_int), "POST", ha1, "<tampered/>"), DigestVerdict::kWrongResponse);
  const std::string no_qop = "Digest realm=\"hearth\", nonce=\"" + nonce + "\"";
  EXPECT_EQ(auth.verify(answer(no_qop), "POST", ha1, ""), DigestVerdict::kOk);
  const std::string sess = "Digest realm=\"hearth\", nonce=\"" + nonce + "\", qop=auth, algorithm=MD5-sess";
  EXPECT_EQ(auth.verify(answer(sess), "POST", ha1, ""), DigestVerdict::kOk);
}

TEST_F(DigestAuthenticatorTest, NoncesAreStatelessAcrossInstancesSharingTheSecret) {
  DigestAuthenticator other_node{kSecret, "hearth", clock};
  EXPECT_EQ(other_node.verify(answer(auth.make_challenge()), "POST", ha1, "<soap/>"), DigestVerdict::kOk);
  DigestAuthenticator other_secret{"another secret another secret!!", "hearth", clock};
  EXPECT_EQ(other_secret.verify(answer(auth.make_challenge()), "POST", ha1, "<soap/>"), DigestVerdict::kBadNonce);
}

TEST_F(DigestAuthenticatorTest, OldNonceIsStaleOnlyWhenTheResponseIsRight) {
  const DigestCredentials good = answer(auth.make_challenge());
  const DigestCredentials bad = answer(auth.make_challenge(), "wrong");
  clock.advance(std::chrono::seconds(299));
  EXPECT_EQ(auth.verify(good, "POST", ha1, "<soap/>"), DigestVerdict::kOk);
  clock.advance(std::chrono::seconds(2));
  EXPECT_EQ(auth.verify(good, "POST", ha1, "<soap/>"), DigestVerdict::kStale);
  EXPECT_EQ(auth.verify(bad, "POST", ha1, "<soap/>"), DigestVerdict::kWrongResponse);
}

TEST_F(DigestAuthenticatorTest, RejectsEachKindOfWrongAnswer) {
  const DigestCredentials good = answer(auth.make_challenge());
  struct Case {
    const char* name;
    std::function<void(DigestCredentials&)> mutate;
    DigestVerdict expected;
  };
  const Case cases[] = {
      {"wrong realm", [](DigestCredentials& d) { d.realm = "other"; }, DigestVerdict::kWrongRealm},
      {"short nonce", [](DigestCredentials& d) { d.nonce = "abc"; }, DigestVerdict::kBadNonce},
      {"forged mac", [](DigestCredentials& d) { d.nonce.back() = d.nonce.back() == '0' ? '1' : '0'; },
       DigestVerdict::kBadNonce},
      {"non-hex time", [](DigestCredentials& d) { d.nonce[0] = 'z'; }, DigestVerdict::kBadNonce},
      {"other uri", [](DigestCredentials& d) { d.uri = "/elsewhere"; }, DigestVerdict::kWrongResponse},
      {"other nc", [](DigestCredentials& d) { d.nc = "00000002"; }, DigestVerdict::kWrongResponse},
      {"other cnonce", [](DigestCredentials& d) { d.cnonce = "x"; }, DigestVerdict::kWrongResponse},
      {"flipped response", [](DigestCredentials& d) { d.response[0] = d.response[0] == 'a' ? 'b' : 'a'; },
       DigestVerdict::kWrongResponse},
      {"unknown algorithm", [](DigestCredentials& d) { d.algorithm = "SHA-256"; }, DigestVerdict::kUnsupported},
      {"qop not offered", [](DigestCredentials& d) { d.qop = "auth-conf"; }, DigestVerdict::kUnsupported},
  };
  for (const auto& c : cases) {
    DigestCredentials d = good;
    c.mutate(d);
    EXPECT_EQ(auth.verify(d, "POST", ha1, "<soap/>", "/acs"), c.expected) << c.name;
  }
  EXPECT_EQ(auth.verify(good, "GET", ha1, "<soap/>"), DigestVerdict::kWrongResponse);
  EXPECT_EQ(auth.verify(good, "POST", digest_ha1("cpe", "hearth", "other"), "<soap/>"), DigestVerdict::kWrongResponse);
}

TEST_F(DigestAuthenticatorTest, RejectsNoncesFromTheFuture) {
  FakeClock later(clock.now() + std::chrono::hours(1));
  DigestAuthenticator future_node{kSecret, "hearth", later};
  EXPECT_EQ(auth.verify(answer(future_node.make_challenge()), "POST", ha1, "<soap/>"), DigestVerdict::kBadNonce);
}

TEST_F(DigestAuthenticatorTest, ChecksTheUriAgainstTheRequestTarget) {
  const std::string c = auth.make_challenge();
  EXPECT_EQ(auth.verify(answer(c, "pw", "POST", "/acs"), "POST", ha1, "<soap/>", "/acs"), DigestVerdict::kOk);
  EXPECT_EQ(auth.verify(answer(c, "pw", "POST", "http://acs.example.net:7547/acs"), "POST", ha1, "<soap/>", "/acs"),
            DigestVerdict::kOk);
  EXPECT_EQ(auth.verify(answer(c, "pw", "POST", "/other"), "POST", ha1, "<soap/>", "/acs"),
            DigestVerdict::kWrongResponse);
}

TEST_F(DigestAuthenticatorTest, NoncesFromAnotherRealmAreNotOurs) {
  DigestAuthenticator other_realm{kSecret, "other", clock};
  DigestCredentials d = answer(other_realm.make_challenge());
  d.realm = "hearth";
  EXPECT_EQ(auth.verify(d, "POST", ha1, "<soap/>"), DigestVerdict::kBadNonce);
  EXPECT_STREQ(digest_verdict_name(DigestVerdict::kStale), "stale");
}

}  // namespace
}  // namespace hearth::net
