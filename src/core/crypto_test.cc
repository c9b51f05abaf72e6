#include "core/crypto.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

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

TEST(CryptoTest, RandomValuesNeverRepeatAcrossRefillsAndThreads) {
  // 16-byte values over many refills of the per-thread buffer, on two threads at once.
  std::set<std::string> seen;
  std::mutex mu;
  auto draw = [&] {
    std::vector<std::string> mine;
    for (int i = 0; i < 2000; ++i) mine.push_back(random_hex(16));
    std::lock_guard<std::mutex> lock(mu);
    for (auto& v : mine) EXPECT_TRUE(seen.insert(std::move(v)).second);
  };
  std::thread other(draw);
  draw();
  other.join();
  EXPECT_EQ(seen.size(), 4000u);
  EXPECT_EQ(random_hex(2048).size(), 4096u);  // larger than the buffer takes another path
}

TEST(CryptoTest, AForkedChildDoesNotRepeatTheParentsRandomValues) {
  (void)random_hex(16);  // the buffer holds bytes now
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string v = random_hex(16);
    const ssize_t n = write(pipe_fds[1], v.data(), v.size());
    _exit(n == static_cast<ssize_t>(v.size()) ? 0 : 1);
  }
  const std::string mine = random_hex(16);
  char buf[32];
  ssize_t got = 0;
  while (got < 32) {
    const ssize_t n = read(pipe_fds[0], buf + got, sizeof buf - static_cast<size_t>(got));
    if (n <= 0) break;
    got += n;
  }
  int status = 0;
  waitpid(child, &status, 0);
  close(pipe_fds[0]);
  close(pipe_fds[1]);
  ASSERT_EQ(got, 32);
  EXPECT_NE(std::string(buf, 32), mine);
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
