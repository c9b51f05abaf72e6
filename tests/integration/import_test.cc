// The import path end to end: the real `hearth` CLI binary imports a file into the real hearthd
// over loopback; the homes come back through the API and the CLI, survive a restart, a second
// import changes nothing, and a bad file is refused whole.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/integration/api_client.h"
#include "tests/support/build_paths.h"
#include "tests/support/hearthd_process.h"

namespace hearth::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kImportToken = "import-test-token";

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the hearth binary with `args` and the environment cleared of HEARTH_* but for `env`;
// waits for it (by its pid) and returns its exit code and output.
CliResult run_cli(const std::string& dir, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env = {}) {
  const std::string out_path = dir + "/cli.out", err_path = dir + "/cli.err";
  std::vector<std::string> argv_s = {hearth::testing::binary_dir() + "/src/cli/hearth"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    unsetenv("HEARTH_URL");
    unsetenv("HEARTH_TOKEN");
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  CliResult r;
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
    r.exit_code = WEXITSTATUS(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

json import_file() {
  return json::parse(R"json({
    "format": "hearth-import", "version": 1,
    "regions": [{"id": "region-1", "name": "Nordstad"}],
    "accessNodes": [{"id": "an-01", "name": "OLT Nordstad 1/1", "kind": "olt-port", "region": "region-1"},
                    {"id": "an-02", "name": "OLT Nordstad 1/2", "kind": "olt-port", "region": "region-1"}],
    "subscribers": [
      {"account": "1000001", "name": "Anna Berg", "email": "anna.berg@example.net",
       "address": {"street": "Storgatan 12", "postalCode": "11122", "city": "Nordstad"},
       "password": "initial portal password (demo data)"},
      {"account": "1000002", "name": "Bo Ek", "email": "bo.ek@example.net",
       "address": {"street": "Kungsvägen 3", "postalCode": "11123", "city": "Nordstad"}}],
    "homes": [
      {"id": "home-000001", "account": "1000001", "accessNode": "an-01",
       "devices": [{"role": "gateway", "serial": "HRS00000001", "oui": "00E0FC", "productClass": "HG8245Q2",
                    "manufacturer": "Huawei Technologies Co., Ltd"},
                   {"role": "extender", "serial": "HRS00000001E1", "oui": "00E0FC", "productClass": "WA8021V5",
                    "manufacturer": "Huawei Technologies Co., Ltd"}]},
      {"id": "home-000002", "account": "1000002", "accessNode": "an-02",
       "devices": [{"role": "gateway", "serial": "HRS00000002", "oui": "00E0FC", "productClass": "HG8245Q2",
                    "manufacturer": "Huawei Technologies Co., Ltd"}]}]
  })json");
}

class ImportIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  void TearDown() override {
    if (hearthd_) {
      EXPECT_EQ(hearthd_->stop(), 0);
    }
  }
  void start() {
    HearthdProcess::Options opts;
    opts.env["HEARTH_BOOTSTRAP_TOKEN"] = kImportToken;
    hearthd_ = std::make_unique<HearthdProcess>(dir_.path(), opts);
    std::string error;
    ASSERT_TRUE(hearthd_->start(&error)) << error;
    api_ = std::make_unique<ApiClient>(hearthd_->http_url(), kImportToken);
  }
  std::string write(const std::string& name, const json& doc) {
    const std::string path = dir_.path() + "/" + name;
    std::ofstream(path) << doc.dump(2);
    return path;
  }
  CliResult cli(std::vector<std::string> args) {
    return run_cli(dir_.path(), args,
                   {{"HEARTH_URL", hearthd_->http_url()}, {"HEARTH_TOKEN", kImportToken}});
  }

  TempDir dir_;
  std::unique_ptr<HearthdProcess> hearthd_;
  std::unique_ptr<ApiClient> api_;
};

TEST_F(ImportIntegrationTest, ImportsThroughTheCliAndReadsBackThroughTheApi) {
  const std::string file = write("fleet.json", import_file());
  const CliResult first = cli({"import", file, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const json counts = json::parse(first.out);
  EXPECT_EQ(counts["regions"]["created"], 1);
  EXPECT_EQ(counts["accessNodes"]["created"], 2);
  EXPECT_EQ(counts["subscribers"]["created"], 2);
  EXPECT_EQ(counts["homes"]["created"], 2);

  const ApiResult home = api_->get("/api/v1/homes/home-000001");
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_EQ(home.json["subscriber"]["name"], "Anna Berg");
  EXPECT_EQ(home.json["subscriber"]["hasPassword"], true);
  EXPECT_EQ(home.json["topology"]["accessNode"]["name"], "OLT Nordstad 1/1");
  EXPECT_EQ(home.json["topology"]["region"]["name"], "Nordstad");
  ASSERT_EQ(home.json["devices"].size(), 2u);
  EXPECT_EQ(home.json["devices"][0]["deviceId"], "00E0FC-HG8245Q2-HRS00000001");
  EXPECT_EQ(home.json["devices"][0]["known"], false);
  EXPECT_EQ(home.body.find("argon2id"), std::string::npos) << "the password hash leaked";

  const ApiResult nodes = api_->get("/api/v1/access-nodes?region=region-1");
  ASSERT_EQ(nodes.status, 200);
  EXPECT_EQ(nodes.json["items"][0]["homes"], 1);

  // The CLI's own views.
  const CliResult shown = cli({"home", "home-000001"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("Anna Berg <anna.berg@example.net>"));
  EXPECT_THAT(shown.out, HasSubstr("OLT Nordstad 1/1"));
  EXPECT_THAT(shown.out, HasSubstr("never connected"));
  const CliResult listed = cli({"homes", "--access-node", "an-02"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("home-000002"));
  EXPECT_EQ(listed.out.find("home-000001"), std::string::npos);
  EXPECT_THAT(listed.out, HasSubstr("1 homes of 1"));
  const CliResult devices = cli({"devices"});
  EXPECT_EQ(devices.exit_code, 0) << devices.err;
  EXPECT_THAT(devices.out, HasSubstr("0 devices of 0"));

  // Again: nothing changes, and the table says so.
  const CliResult again = cli({"import", file});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("UNCHANGED"));
  EXPECT_THAT(again.out, ::testing::MatchesRegex("(.|\n)*homes +0 +0 +2\n(.|\n)*"));
  const CliResult again_json = cli({"--json", "import", file});
  ASSERT_EQ(again_json.exit_code, 0) << again_json.err;
  const json unchanged = json::parse(again_json.out);
  for (const char* kind : {"regions", "accessNodes", "subscribers", "homes"}) {
    EXPECT_EQ(unchanged[kind]["created"], 0) << kind;
    EXPECT_EQ(unchanged[kind]["updated"], 0) << kind;
  }
  EXPECT_EQ(unchanged["homes"]["unchanged"], 2);

  // It all survives a restart.
  ASSERT_EQ(hearthd_->stop(), 0);
  start();
  const ApiResult after = api_->get("/api/v1/homes?q=berg");
  ASSERT_EQ(after.status, 200) << after.body;
  ASSERT_EQ(after.json["items"].size(), 1u);
  EXPECT_EQ(after.json["items"][0]["id"], "home-000001");
}

TEST_F(ImportIntegrationTest, ABadFileIsRefusedAndNothingIsWritten) {
  json doc = import_file();
  doc["regions"].push_back({{"id", "region-2"}, {"name", "Sydby"}});
  doc["homes"][1]["accessNode"] = "an-99";
  const CliResult r = cli({"import", write("bad.json", doc)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("(400)"));
  EXPECT_THAT(r.err, HasSubstr("homes[1].accessNode: unknown access node \"an-99\""));
  const ApiResult regions = api_->get("/api/v1/regions");
  ASSERT_EQ(regions.status, 200);
  EXPECT_EQ(regions.json["total"], 0);
  EXPECT_EQ(api_->get("/api/v1/homes").json["total"], 0);
  EXPECT_EQ(api_->get("/api/v1/subscribers/1000001").status, 404);
}

TEST_F(ImportIntegrationTest, UsageErrorsAndRefusals) {
  EXPECT_EQ(cli({}).exit_code, 2);              // no command
  EXPECT_EQ(cli({"import"}).exit_code, 2);      // no file
  EXPECT_EQ(cli({"frobnicate"}).exit_code, 2);  // no such command
  EXPECT_EQ(cli({"import", dir_.path() + "/missing.json"}).exit_code, 2);
  EXPECT_EQ(cli({"--help"}).exit_code, 0);
  // Refused: a wrong token, an unknown home, nobody listening.
  const CliResult wrong =
      run_cli(dir_.path(), {"--url", hearthd_->http_url(), "--token", "nope", "homes"});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_THAT(wrong.err, HasSubstr("401"));
  const CliResult unknown = cli({"home", "home-404"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no home 'home-404'"));
  const CliResult nobody = run_cli(dir_.path(), {"--url", "http://127.0.0.1:9", "homes"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_THAT(nobody.err, HasSubstr("cannot reach"));
}

}  // namespace
}  // namespace hearth::testing
