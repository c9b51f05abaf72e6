#include "net/url.h"

#include <gtest/gtest.h>

namespace hearth::net {
namespace {

TEST(UrlTest, ParsesTheUsualForms) {
  struct Case {
    const char* text;
    const char* scheme;
    const char* host;
    uint16_t port;
    const char* target;
    bool ipv6;
    const char* host_header;
  };
  const Case cases[] = {
      {"http://10.0.0.1:7547/cr/abc", "http", "10.0.0.1", 7547, "/cr/abc", false, "10.0.0.1:7547"},
      {"http://cpe.example.net", "http", "cpe.example.net", 80, "/", false, "cpe.example.net"},
      {"HTTP://CPE.Example.NET:80/", "http", "cpe.example.net", 80, "/", false, "cpe.example.net"},
      {"https://acs.example.net/x?y=1#frag", "https", "acs.example.net", 443, "/x?y=1", false, "acs.example.net"},
      {"http://[2001:db8::1]:30005/", "http", "2001:db8::1", 30005, "/", true, "[2001:db8::1]:30005"},
      {"http://[::1]/p", "http", "::1", 80, "/p", true, "[::1]"},
      {"http://host?q=1", "http", "host", 80, "/?q=1", false, "host"},
      {"  http://trimmed/  ", "http", "trimmed", 80, "/", false, "trimmed"},
  };
  for (const auto& c : cases) {
    auto u = parse_url(c.text);
    ASSERT_TRUE(u.ok()) << c.text << ": " << u.error().message;
    EXPECT_EQ(u->scheme, c.scheme) << c.text;
    EXPECT_EQ(u->host, c.host) << c.text;
    EXPECT_EQ(u->port, c.port) << c.text;
    EXPECT_EQ(u->target, c.target) << c.text;
    EXPECT_EQ(u->ipv6, c.ipv6) << c.text;
    EXPECT_EQ(u->host_header(), c.host_header) << c.text;
  }
}

// tr069.md quirk 30: garbage URLs are refused with a clear error.
TEST(UrlTest, RejectsGarbage) {
  const std::string cases[] = {
      "",
      "   ",
      "10.0.0.1:7547",
      "ftp://host/",
      "javascript:alert(1)",
      "http://",
      "http:///path",
      "http://:80/",
      "http://user:pass@host/",
      "http://@host/",
      "http://host:/",
      "http://host:0/",
      "http://host:65536/",
      "http://host:99999999999999999999/",
      "http://host:-1/",
      "http://host:80x/",
      "http://host:80:81/",
      "http://ho st/",
      "http://host/pa th",
      "http://host/\r\nX-Injected: 1",
      "http://h\xc3\xa9st/",
      "http://host%41/",
      "http://[2001:db8::1/",
      "http://[not-ipv6]/",
      "http://[fe80::1%25eth0]/",
      "http://[::1]x/",
      "http://2001:db8::1/",
      "http://999.1.1.1/",
      "http://1.2.3/",
      "http://-host/",
      "http://.host/",
      "http://ho!st/",
      "http://" + std::string(300, 'a') + "/",
      "http://host/" + std::string(kMaxUrlLength, 'a'),
      "0.0.0.0",
      "(null)",
  };
  for (const auto& c : cases) {
    auto u = parse_url(c);
    EXPECT_FALSE(u.ok()) << "accepted: " << c.substr(0, 80);
    if (!u.ok()) {
      EXPECT_EQ(u.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace hearth::net
