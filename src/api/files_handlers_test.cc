#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "api/api_test_support.h"
#include "core/crypto.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

TEST(FilesApiTest, UploadListGetDelete) {
  ApiHarness h;
  const std::string bytes("\x7f" "ELF firmware\0\x01\x02", 16);
  ApiResponse r = h.call("PUT", "/api/v1/files/fw-2.3.bin?oui=00D09E&productClass=HG8245&version=2.3", bytes);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers.get("Location"), "/api/v1/files/fw-2.3.bin");
  json j = body_json(r);
  EXPECT_EQ(j["id"], "fw-2.3.bin");
  EXPECT_EQ(j["fileType"], "1 Firmware Upgrade Image");
  EXPECT_EQ(j["oui"], "00D09E");
  EXPECT_EQ(j["productClass"], "HG8245");
  EXPECT_EQ(j["version"], "2.3");
  EXPECT_EQ(j["size"], 16);
  EXPECT_EQ(j["sha256"], crypto::sha256_hex(bytes));
  EXPECT_EQ(j["created"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(j["url"], "http://acs.test:7547/files/fw-2.3.bin");

  Result<std::filesystem::path> path = h.files().path_for("fw-2.3.bin");
  ASSERT_TRUE(path.ok());
  std::ifstream in(*path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), bytes);

  r = h.call("PUT", "/api/v1/files/fw-2.3.bin?fileType=3%20Vendor%20Configuration%20File", "v2");
  ASSERT_EQ(r.status, 200) << r.body;  // replaced
  EXPECT_EQ(body_json(r)["fileType"], "3 Vendor Configuration File");
  EXPECT_EQ(body_json(r)["size"], 2);

  ASSERT_EQ(h.call("PUT", "/api/v1/files/cfg.xml", "<x/>").status, 201);
  j = body_json(h.call("GET", "/api/v1/files"));
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(j["items"].size(), 2u);

  r = h.call("GET", "/api/v1/files/cfg.xml");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_json(r)["size"], 4);

  EXPECT_EQ(h.call("DELETE", "/api/v1/files/cfg.xml").status, 204);
  EXPECT_FALSE(h.files().exists("cfg.xml"));
  EXPECT_EQ(h.call("GET", "/api/v1/files/cfg.xml").status, 404);
  EXPECT_EQ(h.call("DELETE", "/api/v1/files/cfg.xml").status, 404);
}

TEST(FilesApiTest, BadUploadsAreRefused) {
  ApiHarness h;
  struct Case {
    std::string target;
    std::string body;
    std::string field;
  };
  const Case cases[] = {
      {"/api/v1/files/..", "x", "name"},
      {"/api/v1/files/.hidden", "x", "name"},
      {"/api/v1/files/a%2Fb", "x", "name"},
      {"/api/v1/files/a%20b", "x", "name"},
      {"/api/v1/files/" + std::string(200, 'f'), "x", "name"},
      {"/api/v1/files/empty.bin", "", "body"},
      {"/api/v1/files/a.bin?version=" + std::string(100, 'v'), "x", "version"},
      {"/api/v1/files/a.bin?fileType=", "x", "fileType"},
      {"/api/v1/files/a.bin?oui=%0A", "x", "oui"},
  };
  for (const Case& c : cases) {
    const ApiResponse r = h.call("PUT", c.target, c.body);
    EXPECT_EQ(r.status, 400) << c.target;
    const std::string message = body_json(r)["error"]["message"];
    EXPECT_EQ(message.rfind(c.field, 0), 0u) << message;
  }
  EXPECT_EQ(body_json(h.call("GET", "/api/v1/files"))["total"], 0);
}

}  // namespace
}  // namespace hearth::api::testing
