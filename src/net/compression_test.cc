#include "net/compression.h"

#include <gtest/gtest.h>

namespace hearth::net {
namespace {

std::string sample(size_t n) {
  std::string s;
  for (size_t i = 0; s.size() < n; ++i) s += "<ParameterValueStruct><Name>Device.X." + std::to_string(i) + "</Name>";
  s.resize(n);
  return s;
}

TEST(CompressionTest, ParsesCodingTokens) {
  EXPECT_EQ(parse_content_coding("gzip"), ContentCoding::kGzip);
  EXPECT_EQ(parse_content_coding(" X-GZIP "), ContentCoding::kGzip);
  EXPECT_EQ(parse_content_coding("Deflate"), ContentCoding::kDeflate);
  EXPECT_EQ(parse_content_coding(""), ContentCoding::kIdentity);
  EXPECT_EQ(parse_content_coding("identity"), ContentCoding::kIdentity);
  EXPECT_EQ(parse_content_coding("br"), ContentCoding::kUnsupported);
  EXPECT_EQ(parse_content_coding("compress"), ContentCoding::kUnsupported);
}

TEST(CompressionTest, RoundTripsEveryFraming) {
  for (size_t n : {0u, 1u, 1000u, 300000u}) {
    const std::string data = sample(n);
    auto g = gzip_decode(gzip_encode(data), n + 1);
    ASSERT_TRUE(g.ok()) << n;
    EXPECT_EQ(*g, data);
    auto z = deflate_decode(deflate_encode(data), n + 1);
    ASSERT_TRUE(z.ok()) << n;
    EXPECT_EQ(*z, data);
    auto raw = deflate_decode(raw_deflate_encode(data), n + 1);
    ASSERT_TRUE(raw.ok()) << n;
    EXPECT_EQ(*raw, data);
  }
}

TEST(CompressionTest, DecodesConcatenatedGzipMembers) {
  auto r = gzip_decode(gzip_encode("hello ") + gzip_encode("world"), 100);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "hello world");
}

TEST(CompressionTest, StopsAtTheOutputLimit) {
  const std::string bomb = gzip_encode(std::string(10u << 20, 'a'));  // 10 MiB of 'a', ~10 KiB packed
  EXPECT_LT(bomb.size(), 64u * 1024);
  auto r = gzip_decode(bomb, 1u << 20);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTooLarge);
  auto exact = gzip_decode(gzip_encode("12345"), 5);
  EXPECT_TRUE(exact.ok());
  EXPECT_FALSE(gzip_decode(gzip_encode("123456"), 5).ok());
  auto identity = decode_content("123456", ContentCoding::kIdentity, 5);
  ASSERT_FALSE(identity.ok());
  EXPECT_EQ(identity.error().code, ErrorCode::kTooLarge);
}

TEST(CompressionTest, RejectsCorruptAndTruncatedInput) {
  const std::string good = gzip_encode(sample(5000));
  const std::string cases[] = {
      "",
      "not compressed at all",
      good.substr(0, good.size() / 2),
      good.substr(0, good.size() - 4),
      std::string("\x1f\x8b\x08\x00", 4),
      good + "trailing garbage",
  };
  for (const auto& c : cases) {
    auto r = gzip_decode(c, 1u << 20);
    ASSERT_FALSE(r.ok()) << c.size();
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(deflate_decode("garbage!", 1000).ok());
  EXPECT_FALSE(deflate_decode(deflate_encode(sample(100)).substr(0, 10), 1000).ok());
  EXPECT_FALSE(decode_content("x", ContentCoding::kUnsupported, 10).ok());
}

}  // namespace
}  // namespace hearth::net
