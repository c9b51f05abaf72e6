// Hostile and broken input on the CWMP port: each gets a clear answer, the server keeps serving
// the others, and nothing corrupt is stored.
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/http_client.h"
#include "tests/integration/acs_fixture.h"

namespace hearth::testing {
namespace {

using nlohmann::json;

class BadInputTest : public AcsFixture {
 protected:
  Result<net::HttpResponse> raw_post(const std::string& body, net::HttpHeaders headers = {},
                                     const std::string& method = "POST") {
    if (!headers.contains("Content-Type")) headers.set("Content-Type", "text/xml");
    net::HttpClientOptions opts;
    opts.timeout = std::chrono::milliseconds(20000);
    return net::http_request_sync(method, hearthd->cwmp_url(), headers, body, opts);
  }
  void expect_still_serving() {
    auto cpe = make_cpe("SN-HEALTHY-" + std::to_string(++healthy_));
    auto s = cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}});
    EXPECT_TRUE(s.ok) << s.error;
  }
  int healthy_ = 0;
};

TEST_F(BadInputTest, MalformedMessagesGet400AndTheServerGoesOn) {
  const std::string inform_head =
      R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap-env:Body><cwmp:Inform><DeviceId><OUI>00D09E</OUI>)";
  const std::string cases[] = {
      "<not xml",
      inform_head,  // truncated
      R"(<Envelope xmlns="urn:example:not-soap"><Body><Inform/></Body></Envelope>)",
      R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><cwmp:Inform xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><DeviceId><OUI>00D09E</OUI></DeviceId></cwmp:Inform></soap-env:Body></soap-env:Envelope>)",
      std::string(1000, '<'),
      std::string("\xff\xfe\x00<", 4),
  };
  for (const auto& body : cases) {
    auto r = raw_post(body);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, 400) << body.substr(0, 60);
  }
  expect_still_serving();
}

// Opens a TCP connection to hearthd's CWMP port.
int connect_to(const std::string& url) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  const auto colon = url.rfind(':');
  addr.sin_port = htons(static_cast<uint16_t>(std::stoi(url.substr(colon + 1))));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

TEST_F(BadInputTest, OversizedBodyGets413BeforeItIsSent) {
  int fd = connect_to(hearthd->cwmp_url());
  ASSERT_GE(fd, 0);
  const std::string head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 9437184\r\n\r\n";
  ASSERT_EQ(write(fd, head.data(), head.size()), static_cast<ssize_t>(head.size()));
  char buf[256] = {};
  const ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf).rfind("HTTP/1.1 413", 0), 0u) << buf;
  expect_still_serving();
}

TEST_F(BadInputTest, OnlyPostIsAccepted) {
  auto r = raw_post("", {}, "PUT");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->headers.get_or("Allow"), "POST");
}

TEST_F(BadInputTest, MessagesOutsideASessionAreRefused) {
  auto empty = raw_post("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->status, 204);
  auto response = raw_post(
      R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap-env:Body><cwmp:RebootResponse/></soap-env:Body></soap-env:Envelope>)");
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 400);
}

TEST_F(BadInputTest, BrokenAuthorizationHeadersAreChallengedNotCrashed) {
  auto cpe = make_cpe("SN-AUTH");
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  ASSERT_FALSE(cpe->username.empty());
  const std::string inform =
      R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap-env:Body><cwmp:Inform><DeviceId><OUI>00D09E</OUI><ProductClass>TestGW</ProductClass><SerialNumber>SN-AUTH</SerialNumber></DeviceId><Event><EventStruct><EventCode>2 PERIODIC</EventCode><CommandKey/></EventStruct></Event><ParameterList/></cwmp:Inform></soap-env:Body></soap-env:Envelope>)";
  const char* headers[] = {"Digest", "Digest username=", "Digest username=\"a\", realm=\"b\"", "Basic",
                           "Basic ###", "Digest username=\"x\" nonce=\"unterminated", "NTLM abc",
                           "Digest username=\"00D09E-TestGW-SN-AUTH\", realm=\"hearth\", nonce=\"00\", uri=\"/\", response=\"00\""};
  for (const char* h : headers) {
    net::HttpHeaders hs;
    hs.set("Authorization", h);
    auto r = raw_post(inform, hs);
    ASSERT_TRUE(r.ok()) << h;
    EXPECT_EQ(r->status, 401) << h;
    EXPECT_TRUE(r->headers.contains("WWW-Authenticate")) << h;
  }
  net::HttpHeaders huge;
  huge.set("Authorization", "Digest username=\"" + std::string(10000, 'a') + "\"");
  auto r = raw_post(inform, huge);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->status == 401 || r->status == 431) << r->status;
  expect_still_serving();
}

TEST_F(BadInputTest, UnknownCpeMethodGetsFault8000) {
  auto cpe = make_cpe("SN-KICK");
  cpe->username.clear();
  auto first = cpe->post(R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap-env:Body><cwmp:Inform><DeviceId><OUI>00D09E</OUI><ProductClass>TestGW</ProductClass><SerialNumber>SN-KICK</SerialNumber></DeviceId><Event><EventStruct><EventCode>5 KICKED</EventCode><CommandKey/></EventStruct></Event><ParameterList/></cwmp:Inform></soap-env:Body></soap-env:Envelope>)");
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->status, 200);
  auto kicked = cpe->post(R"(<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">k1</cwmp:ID></soap-env:Header><soap-env:Body><cwmp:Kicked><Command>x</Command></cwmp:Kicked></soap-env:Body></soap-env:Envelope>)");
  ASSERT_TRUE(kicked.ok());
  EXPECT_EQ(kicked->status, 200);
  EXPECT_NE(kicked->body.find("<FaultCode>8000</FaultCode>"), std::string::npos) << kicked->body;
  EXPECT_NE(kicked->body.find(">k1<"), std::string::npos);
}

TEST_F(BadInputTest, GarbageValuesAreKeptRawNotPoisoned) {
  auto cpe = make_cpe("SN-GARBAGE");
  cpe->tree["Device.DeviceInfo.UpTime"] = CpeParam{"not-a-number", cwmp::ValueType::kUnsignedInt, false, 0};
  cpe->tree["Device.DeviceInfo.FirstUseDate"] = CpeParam{"yesterday", cwmp::ValueType::kDateTime, false, 0};
  ASSERT_TRUE(cpe->run_session({{"0 BOOTSTRAP", ""}, {"1 BOOT", ""}}).ok);
  auto dev = api->get(device_path(*cpe) + "?parameters=Device.DeviceInfo.");
  ASSERT_EQ(dev.status, 200) << dev.body;
  bool seen = false;
  for (const auto& p : dev.json["parameters"]) {
    if (p["name"] == "Device.DeviceInfo.UpTime") {
      EXPECT_EQ(p["value"], "not-a-number");
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(BadInputTest, SlowClientDoesNotHoldUpOthers) {
  // A client that sends half a header and then nothing.
  int fd = connect_to(hearthd->cwmp_url());
  ASSERT_GE(fd, 0);
  const char partial[] = "POST / HTTP/1.1\r\nHost: x\r\nContent-Le";
  ASSERT_GT(write(fd, partial, sizeof partial - 1), 0);
  expect_still_serving();
  close(fd);
}

}  // namespace
}  // namespace hearth::testing
