#include "store/sqlite/name_codec.h"

#include <gtest/gtest.h>

#include <map>

#include "core/strings.h"

namespace hearth::store::sqlite {
namespace {

// Encodes with a toy dictionary (ids in order of first sight), as SegmentWriter would.
class ToyDictionary {
 public:
  std::string encode(std::string_view name) {
    std::string out;
    for (const auto& piece : split_name(name)) {
      auto [it, added] = ids_.try_emplace(std::string(piece.text), ids_.size() * 37 + 1);
      append_token(it->second, piece.dot, &out);
    }
    return out;
  }
  std::string decode(std::string_view encoded) {
    std::string out;
    uint64_t id = 0;
    bool dot = false;
    while (!encoded.empty()) {
      EXPECT_TRUE(read_token(&encoded, &id, &dot));
      for (const auto& [text, known] : ids_) {
        if (known == id) out += text;
      }
      if (dot) out += '.';
    }
    return out;
  }

 private:
  std::map<std::string, uint64_t> ids_;
};

TEST(NameCodecTest, SplitsAtEveryDotAndMarksTheDot) {
  struct Case {
    std::string name;
    std::vector<std::pair<std::string, bool>> pieces;
  };
  const Case cases[] = {
      {"", {}},
      {"A", {{"A", false}}},
      {"A.", {{"A", true}}},
      {"A.B.C", {{"A", true}, {"B", true}, {"C", false}}},
      {"A.B.", {{"A", true}, {"B", true}}},
      {"A..B", {{"A", true}, {"", true}, {"B", false}}},
      {".", {{"", true}}},
      {".A", {{"", true}, {"A", false}}},
  };
  for (const auto& c : cases) {
    std::vector<std::pair<std::string, bool>> got;
    for (const auto& p : split_name(c.name)) got.emplace_back(std::string(p.text), p.dot);
    EXPECT_EQ(got, c.pieces) << c.name;
  }
}

TEST(NameCodecTest, TokensRoundTripIncludingMultiByteIds) {
  for (uint64_t id : {0ull, 1ull, 63ull, 64ull, 127ull, 128ull, 300ull, 1ull << 40}) {
    for (bool dot : {false, true}) {
      std::string encoded;
      append_token(id, dot, &encoded);
      append_token(5, true, &encoded);
      std::string_view in = encoded;
      uint64_t got = 0;
      bool got_dot = !dot;
      ASSERT_TRUE(read_token(&in, &got, &got_dot));
      EXPECT_EQ(got, id);
      EXPECT_EQ(got_dot, dot);
      ASSERT_TRUE(read_token(&in, &got, &got_dot));
      EXPECT_EQ(got, 5u);
      EXPECT_TRUE(in.empty());
    }
  }
  std::string_view truncated = "\x80";
  uint64_t id = 0;
  bool dot = false;
  EXPECT_FALSE(read_token(&truncated, &id, &dot));
}

TEST(NameCodecTest, UpperBoundIncrementsTheLastByteThatCan) {
  EXPECT_EQ(prefix_upper_bound("ab"), "ac");
  EXPECT_EQ(prefix_upper_bound(std::string("a\xff", 2)), "b");
  EXPECT_EQ(prefix_upper_bound(std::string("\xff\xff", 2)), "");
  EXPECT_EQ(prefix_upper_bound(""), "");
}

TEST(NameCodecTest, WholePiecePrefixStopsAfterTheLastDot) {
  EXPECT_EQ(whole_piece_prefix("A.B.C"), "A.B.");
  EXPECT_EQ(whole_piece_prefix("A.B."), "A.B.");
  EXPECT_EQ(whole_piece_prefix("A"), "");
  EXPECT_EQ(whole_piece_prefix(""), "");
}

// The property the parameters table relies on: for a path ending with '.', the names in the key
// range [encode(path), upper_bound) are exactly the names that start with the path as text.
TEST(NameCodecTest, PathRangeHoldsExactlyTheNamesUnderThePath) {
  ToyDictionary dict;
  const std::vector<std::string> names = {
      "Device.", "Device.WiFi.", "Device.WiFi", "Device.WiFiX.Foo", "Device.WiFi.SSID.1.SSID",
      "Device.WiFi.SSID.10.SSID", "Device.WiFi.SSID.1.", "Device..Odd", "Device.WiFi.SSID.1",
      "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID", "Device.WiFi.Radio.1.Channel",
  };
  // Enough segments that some ids need two bytes.
  for (int i = 0; i < 200; ++i) dict.encode("Filler" + std::to_string(i));
  const std::vector<std::string> paths = {"Device.", "Device.WiFi.", "Device.WiFi.SSID.1.",
                                          "Device.WiFi.SSID.", "Device..", "InternetGatewayDevice."};
  for (const auto& path : paths) {
    const std::string low = dict.encode(path);
    const std::string high = prefix_upper_bound(low);
    for (const auto& name : names) {
      const std::string encoded = dict.encode(name);
      EXPECT_EQ(dict.decode(encoded), name);
      const bool in_range = encoded >= low && encoded < high;
      EXPECT_EQ(in_range, starts_with(name, path)) << name << " under " << path;
    }
  }
}

}  // namespace
}  // namespace hearth::store::sqlite
