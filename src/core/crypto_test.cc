#include "core/crypto.h"

#include <gtest/gtest.h>

namespace hearth::crypto {
namespace {

TEST(CryptoTest, PasswordHashIsArgon2idAndVerifies) {
  const std::string h = hash_password("correct horse");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(h, "correct horse"));
  EXPECT_FALSE(verify_password(h, "wrong"));
  EXPECT_FALSE(verify_password("garbage", "x"));
}

TEST(CryptoTest, KnownDigests) {
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hmac_sha1_hex("key", "The quick brown fox jumps over the lazy dog"),
            "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9");
}

TEST(CryptoTest, TokensAreRandomAndUrlSafe) {
  const auto a = random_token(), b = random_token();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
  EXPECT_EQ(random_hex(8).size(), 16u);
}

TEST(CryptoTest, Base64RoundTrip) {
  std::string out;
  ASSERT_TRUE(base64_decode(base64_encode("user:pa:ss"), &out));
  EXPECT_EQ(out, "user:pa:ss");
  EXPECT_FALSE(base64_decode("!!!", &out));
}

TEST(CryptoTest, ConstantTimeEquality) {
  EXPECT_TRUE(equal_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_constant_time("abc", "ab"));
}

}  // namespace
}  // namespace hearth::crypto
