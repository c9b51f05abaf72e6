#include "net/http_auth.h"

#include <gtest/gtest.h>

#include "core/crypto.h"

namespace hearth::net {
namespace {

// RFC 2617 3.5 example.
constexpr const char* kRfcChallenge =
    "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
    "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
constexpr const char* kRfcAuthorization =
    "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
    "uri=\"/dir/index.html\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", "
    "response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

TEST(AuthorizationParserTest, ParsesTheRfc2617Example) {
  auto a = parse_authorization(kRfcAuthorization);
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_EQ(a->scheme, Authorization::Scheme::kDigest);
  const DigestCredentials& d = a->digest;
  EXPECT_EQ(d.username, "Mufasa");
  EXPECT_EQ(d.realm, "testrealm@host.com");
  EXPECT_EQ(d.nonce, "dcd98b7102dd2f0e8b11d0f600bfb0c093");
  EXPECT_EQ(d.uri, "/dir/index.html");
  EXPECT_EQ(d.qop, "auth");
  EXPECT_EQ(d.nc, "00000001");
  EXPECT_EQ(d.cnonce, "0a4f113b");
  EXPECT_EQ(d.opaque, "5ccc069c403ebaf9f0171e9517f40e41");
  EXPECT_EQ(d.response, "6629fae49393a05397450978507c4ef1");
  EXPECT_EQ(digest_request_response(d, digest_ha1("Mufasa", "testrealm@host.com", "Circle Of Life"), "GET", ""),
            d.response);
}

TEST(AuthorizationParserTest, ToleratesSpacingCaseAndEscapes) {
  auto a = parse_authorization(
      "digest   USERNAME = \"a\\\"b\" ,realm=\"r\",nonce=n1,uri=\"/\",response=\"0123456789ABCDEF0123456789abcdef\"");
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->digest.username, "a\"b");
  EXPECT_EQ(a->digest.nonce, "n1");
  EXPECT_EQ(a->digest.response, "0123456789abcdef0123456789abcdef");
  EXPECT_TRUE(a->digest.qop.empty());
}

TEST(AuthorizationParserTest, ParsesBasic) {
  auto a = parse_authorization("Basic " + crypto::base64_encode("00D09E-SN1:pa:ss"));
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->scheme, Authorization::Scheme::kBasic);
  EXPECT_EQ(a->basic.username, "00D09E-SN1");
  EXPECT_EQ(a->basic.password, "pa:ss");
  auto empty = parse_authorization("Basic " + crypto::base64_encode(":"));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->basic.username, "");
}

// tr069.md quirk 8: hostile or broken headers are errors, never crashes.
TEST(AuthorizationParserTest, RejectsMalformedHeaders) {
  const std::string ok_fields = "username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\", ";
  const std::string resp = "response=\"0123456789abcdef0123456789abcdef\"";
  const std::string cases[] = {
      "",
      " ",
      "Digest",
      "Digest ",
      "Basic",
      "Basic !!!notbase64",
      "Basic " + crypto::base64_encode("nocolon"),
      "Basic abc def",
      "Bearer token",
      "Negotiate YIIB",
      "Digest username=\"unterminated",
      "Digest username=\"u\\",
      "Digest " + ok_fields + "response=\"" + std::string(10, 'a'),
      "Digest " + ok_fields,
      "Digest " + ok_fields + "response=\"nothex-nothex-nothex-nothex-1234\"",
      "Digest " + ok_fields + "response=\"abc\"",
      "Digest realm=\"r\", nonce=\"n\", uri=\"/\", " + resp,
      "Digest username=\"u\", nonce=\"n\", uri=\"/\", " + resp,
      "Digest username=\"u\", realm=\"r\", uri=\"/\", " + resp,
      "Digest username=\"u\", realm=\"r\", nonce=\"n\", " + resp,
      "Digest username=\"u\", realm=\"r\", nonce=\"\", uri=\"/\", " + resp,
      "Digest " + ok_fields + resp + ", qop=auth",
      "Digest " + ok_fields + resp + ", qop=auth, nc=00000001",
      "Digest " + ok_fields + resp + ", qop=auth, cnonce=\"c\"",
      "Digest " + ok_fields + resp + ", qop=auth, cnonce=\"c\", nc=zz",
      "Digest " + ok_fields + resp + ", qop=auth, cnonce=\"c\", nc=123456789",
      "Digest " + ok_fields + resp + ", qop=bogus, cnonce=\"c\", nc=1",
      "Digest " + ok_fields + resp + ", username=\"again\"",
      "Digest " + ok_fields + resp + " trailing",
      "Digest " + ok_fields + resp + ", =value",
      "Digest " + ok_fields + resp + ", key=",
      "Digest " + ok_fields + resp + ", Basic realm=\"x\"",
      "Digest\tusername",
      "Digest,,,,",
      "Digest username==\"u\"",
      std::string("Digest username=\"u\0\", realm", 28),
      "\x01\x02\xff\xfe",
      "Digest " + std::string(9000, 'a'),
      "Digest username=\"" + std::string(kMaxAuthHeaderLength, 'x') + "\"",
      "Basic " + std::string(100000, 'A'),
  };
  for (const auto& c : cases) {
    auto a = parse_authorization(c);
    EXPECT_FALSE(a.ok()) << "accepted: " << c.substr(0, 120);
    if (!a.ok()) {
      EXPECT_EQ(a.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST(AuthorizationParserTest, SurvivesEveryPrefixAndByteFlipOfAValidHeader) {
  const std::string valid = kRfcAuthorization;
  for (size_t i = 0; i <= valid.size(); ++i) (void)parse_authorization(valid.substr(0, i));
  for (size_t i = 0; i < valid.size(); ++i) {
    for (char c : {'"', '\\', ',', '=', ' ', '\0', '\xff'}) {
      std::string s = valid;
      s[i] = c;
      (void)parse_authorization(s);
    }
  }
}

TEST(ChallengeParserTest, SplitsSeveralChallenges) {
  auto c = parse_challenges("Digest realm=\"a\", nonce=\"b\", qop=\"auth\", Basic realm=\"a\", Negotiate, Bearer x==");
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ(c->size(), 4u);
  EXPECT_EQ((*c)[0].scheme, "Digest");
  EXPECT_EQ((*c)[0].param("REALM"), "a");
  EXPECT_EQ((*c)[0].param("qop"), "auth");
  EXPECT_EQ((*c)[1].scheme, "Basic");
  EXPECT_EQ((*c)[1].param("realm"), "a");
  EXPECT_EQ((*c)[2].scheme, "Negotiate");
  EXPECT_TRUE((*c)[2].params.empty());
  EXPECT_EQ((*c)[3].scheme, "Bearer");
  EXPECT_EQ((*c)[3].param(""), "x==");
}

TEST(ChallengeParserTest, RejectsGarbage) {
  for (const std::string c : {"", ",,", "Digest realm=\"a", "Digest realm=, nonce=\"x\"", "=x", "Digest realm=\"a\" junk=\"",
                              "Digest realm=a realm=b"}) {
    EXPECT_FALSE(parse_challenges(c).ok()) << c;
  }
}

TEST(DigestClientTest, AnswersTheRfcChallengeLikeTheRfc) {
  auto h = compute_digest_authorization(kRfcChallenge, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", 1,
                                        "0a4f113b");
  ASSERT_TRUE(h.ok()) << h.error().message;
  auto parsed = parse_authorization(*h);
  ASSERT_TRUE(parsed.ok()) << *h;
  EXPECT_EQ(parsed->digest.response, "6629fae49393a05397450978507c4ef1");
  EXPECT_EQ(parsed->digest.opaque, "5ccc069c403ebaf9f0171e9517f40e41");
  EXPECT_EQ(parsed->digest.qop, "auth");
  EXPECT_EQ(parsed->digest.nc, "00000001");
}

TEST(DigestClientTest, HandlesEveryQopAndAlgorithm) {
  struct Case {
    const char* challenge;
    const char* qop;
  };
  const Case cases[] = {
      {"Digest realm=\"r\", nonce=\"n\"", ""},
      {"Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", "auth-int"},
      {"Digest realm=\"r\", nonce=\"n\", qop=\"auth-int, auth\"", "auth"},
      {"Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=MD5-sess", "auth"},
      {"Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-256", "auth"},
      {"Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-256-sess", "auth"},
      {"Basic realm=\"x\", Digest realm=\"r\", nonce=\"n\", qop=auth", "auth"},
  };
  for (const auto& c : cases) {
    auto h = compute_digest_authorization(c.challenge, "POST", "/acs", "user", "pass", 7, "cn", "body");
    ASSERT_TRUE(h.ok()) << c.challenge << ": " << h.error().message;
    auto parsed = parse_authorization(*h);
    ASSERT_TRUE(parsed.ok()) << *h;
    const DigestCredentials& d = parsed->digest;
    EXPECT_EQ(d.qop, c.qop) << c.challenge;
    if (*c.qop != '\0') {
      EXPECT_EQ(d.nc, "00000007");
    }
    const bool sha = d.algorithm.rfind("SHA-256", 0) == 0;
    const std::string ha1 = sha ? crypto::sha256_hex("user:r:pass") : digest_ha1("user", "r", "pass");
    EXPECT_EQ(digest_request_response(d, ha1, "POST", "body"), d.response) << c.challenge;
  }
}

TEST(DigestClientTest, RefusesChallengesItCannotAnswer) {
  for (const char* c : {"Basic realm=\"x\"", "Digest realm=\"r\"", "Digest realm=\"r\", nonce=\"n\", qop=\"bogus\"",
                        "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", "garbage \"", ""}) {
    EXPECT_FALSE(compute_digest_authorization(c, "GET", "/", "u", "p", 1, "c").ok()) << c;
  }
}

TEST(BasicTest, VerifiesAgainstAStoredHa1InAnyCase) {
  const std::string ha1 = digest_ha1("dev", "hearth", "secret");
  EXPECT_TRUE(verify_basic({"dev", "secret"}, "hearth", ha1));
  std::string upper = ha1;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_TRUE(verify_basic({"dev", "secret"}, "hearth", upper));
  EXPECT_FALSE(verify_basic({"dev", "wrong"}, "hearth", ha1));
  EXPECT_FALSE(verify_basic({"other", "secret"}, "hearth", ha1));
  EXPECT_FALSE(verify_basic({"dev", "secret"}, "hearth", ""));
  auto parsed = parse_authorization(basic_authorization("dev", "secret"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(verify_basic(parsed->basic, "hearth", ha1));
}

}  // namespace
}  // namespace hearth::net
