#include "server/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "net/compression.h"

namespace hearth::server {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    base_ = fs::temp_directory_path() / ("hearth-web-" + std::to_string(rd()) + std::to_string(rd()));
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / ".git");
    write(root_ / "index.html", "<!doctype html><title>Hearth</title>");
    fs::create_directories(root_ / "ops");
    write(root_ / "ops" / "index.html", "<!doctype html><title>Hearth operations</title>");
    // Big and repetitive enough to be worth gzipping.
    std::string js;
    for (int i = 0; i < 200; ++i) js += "console.log('hearth portal line " + std::to_string(i) + "');\n";
    write(root_ / "assets" / "index-3f2a9c.js", js);
    write(root_ / "assets" / "index-77aa01.css", "body{margin:0}");
    write(root_ / "favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write(root_ / ".git" / "config", "secret");
    write(root_ / ".env", "secret");
    write(base_ / "secret.txt", "secret");
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
    fs::create_symlink(base_, root_ / "up");
    files_ = std::make_unique<StaticFiles>(root_.string());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(base_, ec);
  }
  static void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
  }
  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  net::HttpResponse get(const std::string& target, std::vector<net::HttpHeader> headers = {},
                        const std::string& method = "GET") {
    net::HttpRequest req;
    req.method = method;
    req.target = target;
    for (auto& h : headers) req.headers.add(h.name, h.value);
    return files_->serve(req);
  }

  fs::path base_;
  fs::path root_;
  std::unique_ptr<StaticFiles> files_;
};

TEST_F(StaticFilesTest, AnswersPagesWithIndexAndFilesByName) {
  struct Case {
    const char* target;
    int status;
    const char* body_from;  // file under the root, or "" for no check
    const char* type;
  };
  const Case cases[] = {
      {"/", 200, "index.html", "text/html; charset=utf-8"},
      {"/?lang=de", 200, "index.html", "text/html; charset=utf-8"},
      {"/index.html", 200, "index.html", "text/html; charset=utf-8"},
      {"/home", 200, "index.html", "text/html; charset=utf-8"},
      {"/agent/tickets/7", 200, "index.html", "text/html; charset=utf-8"},  // no agent/ built
      {"/ops/", 200, "ops/index.html", "text/html; charset=utf-8"},
      {"/ops", 200, "ops/index.html", "text/html; charset=utf-8"},
      {"/ops/campaigns?x=1", 200, "ops/index.html", "text/html; charset=utf-8"},
      {"/ops/index.html", 200, "ops/index.html", "text/html; charset=utf-8"},
      {"/assets", 200, "index.html", "text/html; charset=utf-8"},
      {"/assets/index-3f2a9c.js", 200, "assets/index-3f2a9c.js", "application/javascript; charset=utf-8"},
      {"/assets/index-77aa01.css", 200, "assets/index-77aa01.css", "text/css; charset=utf-8"},
      {"/favicon.svg", 200, "favicon.svg", "image/svg+xml"},
      {"/assets/missing-000000.js", 404, "", nullptr},
      {"/robots.txt", 404, "", nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target);
    const auto r = get(c.target);
    EXPECT_EQ(r.status, c.status);
    if (*c.body_from) {
      EXPECT_EQ(r.body, read(root_ / c.body_from));
    }
    if (c.type) {
      EXPECT_EQ(r.headers.get_or("Content-Type"), c.type);
    }
  }
}

TEST_F(StaticFilesTest, RefusesEveryWayOutOfTheRoot) {
  struct Case {
    const char* target;
    int status;
  };
  const Case cases[] = {
      {"/../secret.txt", 400},
      {"/assets/../../secret.txt", 400},
      {"/%2e%2e/secret.txt", 400},
      {"/%2E%2E/secret.txt", 400},
      {"/assets/%2e%2e%2f%2e%2e%2fsecret.txt", 400},
      {"/..%2fsecret.txt", 400},
      {"/.%2e/secret.txt", 400},
      {"/./index.html", 400},
      {"/assets\\..\\..\\secret.txt", 400},
      {"/%5c..%5csecret.txt", 400},
      {"/index.html%00.js", 400},
      {"/%zz.js", 400},
      {"relative.js", 400},
      {"/leak.txt", 404},        // a symlink to a file outside
      {"/up/secret.txt", 404},   // a symlink to a directory outside
      {"/.env", 404},
      {"/.git/config", 404},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target);
    const auto r = get(c.target);
    EXPECT_EQ(r.status, c.status);
    EXPECT_EQ(r.body.find("secret"), std::string::npos);
    EXPECT_FALSE(r.file_path.has_value());
  }
}

TEST_F(StaticFilesTest, CachesHashedAssetsForeverAndRevalidatesTheRest) {
  const auto asset = get("/assets/index-77aa01.css");
  EXPECT_EQ(asset.headers.get_or("Cache-Control"), "public, max-age=31536000, immutable");
  const auto index = get("/");
  EXPECT_EQ(index.headers.get_or("Cache-Control"), "no-cache");
  EXPECT_EQ(get("/favicon.svg").headers.get_or("Cache-Control"), "no-cache");

  for (const char* target : {"/", "/assets/index-77aa01.css"}) {
    SCOPED_TRACE(target);
    const auto first = get(target);
    const std::string etag = first.headers.get_or("ETag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(get(target).headers.get_or("ETag"), etag);  // stable
    const auto again = get(target, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(get(target, {{"If-None-Match", "\"other\", W/" + etag}}).status, 304);
    EXPECT_EQ(get(target, {{"If-None-Match", "\"other\""}}).status, 200);
  }
}

TEST_F(StaticFilesTest, ServesAChangedFileWithANewEtag) {
  const std::string before = get("/").headers.get_or("ETag");
  write(root_ / "index.html", "<!doctype html><title>Hearth, rebuilt</title>");
  const auto r = get("/");
  EXPECT_EQ(r.body, "<!doctype html><title>Hearth, rebuilt</title>");
  EXPECT_NE(r.headers.get_or("ETag"), before);
}

TEST_F(StaticFilesTest, GzipsTextForClientsThatAcceptIt) {
  const std::string js = read(root_ / "assets" / "index-3f2a9c.js");
  struct Case {
    const char* accept;
    bool gzip;
  };
  const Case cases[] = {
      {"", false},
      {"gzip", true},
      {"gzip, deflate, br", true},
      {"br;q=1.0, GZIP;q=0.5", true},
      {"*", true},
      {"gzip;q=0", false},
      {"gzip; q=0.000", false},
      {"deflate, br", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.accept);
    std::vector<net::HttpHeader> h;
    if (*c.accept) h.push_back({"Accept-Encoding", c.accept});
    const auto r = get("/assets/index-3f2a9c.js", h);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers.get_or("Vary"), "Accept-Encoding");
    EXPECT_TRUE(r.content_encoding.empty());  // compressed once here, not per response by the server
    if (c.gzip) {
      EXPECT_EQ(r.headers.get_or("Content-Encoding"), "gzip");
      EXPECT_LT(r.body.size(), js.size());
      auto plain = net::gzip_decode(r.body, 1 << 20);
      ASSERT_TRUE(plain.ok());
      EXPECT_EQ(*plain, js);
    } else {
      EXPECT_FALSE(r.headers.contains("Content-Encoding"));
      EXPECT_EQ(r.body, js);
    }
  }
  // The two representations have different validators.
  EXPECT_NE(get("/assets/index-3f2a9c.js", {{"Accept-Encoding", "gzip"}}).headers.get_or("ETag"),
            get("/assets/index-3f2a9c.js").headers.get_or("ETag"));
  // Tiny files are not worth it.
  EXPECT_FALSE(get("/favicon.svg", {{"Accept-Encoding", "gzip"}}).headers.contains("Content-Encoding"));
}

TEST_F(StaticFilesTest, SendsTheSecurityHeadersOnEveryAnswer) {
  for (const char* target : {"/", "/assets/index-3f2a9c.js", "/missing.js", "/../x", "/home"}) {
    SCOPED_TRACE(target);
    const auto r = get(target);
    EXPECT_EQ(r.headers.get_or("Content-Security-Policy"),
              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
              "frame-ancestors 'none'");
    EXPECT_EQ(r.headers.get_or("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.headers.get_or("Referrer-Policy"), "no-referrer");
  }
}

TEST_F(StaticFilesTest, HeadIsLikeGetAndOtherMethodsAreRefused) {
  const auto head = get("/", {}, "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.get_or("Content-Type"), "text/html; charset=utf-8");
  const auto post = get("/", {}, "POST");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.headers.get_or("Allow"), "GET, HEAD");
}

TEST_F(StaticFilesTest, WithoutARootEveryPageIsNotFound) {
  for (const std::string& root : {std::string(), (base_ / "nowhere").string()}) {
    StaticFiles none(root);
    EXPECT_EQ(none.root(), "");
    net::HttpRequest req;
    req.method = "GET";
    req.target = "/";
    EXPECT_EQ(none.serve(req).status, 404);
  }
}

TEST_F(StaticFilesTest, FindsTheRootFromTheExecutableOrTheWorkingDirectory) {
  // A source tree: <tree>/web/dist/index.html and <tree>/build/src/cli/hearthd.
  const fs::path tree = base_ / "tree";
  fs::create_directories(tree / "web" / "dist");
  fs::create_directories(tree / "build" / "src" / "cli");
  write(tree / "web" / "dist" / "index.html", "x");
  const std::string expected = fs::canonical(tree / "web" / "dist").string();
  const std::string exe = (tree / "build" / "src" / "cli" / "hearthd").string();

  EXPECT_EQ(find_web_root("/srv/portal", exe, tree.string()), "/srv/portal");
  EXPECT_EQ(find_web_root("", exe, "/"), expected);
  EXPECT_EQ(find_web_root("", "/usr/bin/hearthd", tree.string()), expected);
  EXPECT_EQ(find_web_root("", "", tree.string()), expected);
  EXPECT_EQ(find_web_root("", "/usr/bin/hearthd", base_.string()), "");
  EXPECT_EQ(find_web_root("", "", ""), "");
  EXPECT_FALSE(current_executable().empty());
}

TEST(StaticFilesRoutingTest, SendsApiPathsToTheApi) {
  const std::pair<const char*, bool> cases[] = {
      {"/api/v1/selfservice/home", true}, {"/api/openapi.json", true}, {"/api", true},
      {"/healthz", true},                 {"/metrics", true},          {"/", false},
      {"/apix", false},                   {"/assets/a.js", false},     {"/healthz/x", false},
  };
  for (const auto& [path, api] : cases) EXPECT_EQ(is_api_path(path), api) << path;
}

TEST(StaticFilesRoutingTest, NamesContentTypes) {
  const std::pair<const char*, const char*> cases[] = {
      {"a.html", "text/html; charset=utf-8"},
      {"a.JS", "application/javascript; charset=utf-8"},
      {"a.mjs", "application/javascript; charset=utf-8"},
      {"a.css", "text/css; charset=utf-8"},
      {"a.json", "application/json"},
      {"a.svg", "image/svg+xml"},
      {"a.png", "image/png"},
      {"a.ico", "image/x-icon"},
      {"a.woff2", "font/woff2"},
      {"a.webmanifest", "application/manifest+json"},
      {"a.bin", "application/octet-stream"},
      {"noext", "application/octet-stream"},
  };
  for (const auto& [name, type] : cases) EXPECT_EQ(content_type_for(name), type) << name;
}

}  // namespace
}  // namespace hearth::server
