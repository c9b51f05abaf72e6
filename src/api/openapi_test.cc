// The OpenAPI document must stay true to the router: every route documented, nothing documented
// that does not exist, and the file compiled into the binary is the one in the source tree.
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api_test_support.h"
#include "api/openapi.h"
#include "core/strings.h"
#include "diag/diagnosis.h"
#include "tests/support/build_paths.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

json document() {
  json doc = json::parse(openapi_document(), nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << "openapi.json is not valid JSON";
  return doc;
}

TEST(OpenApiTest, IsAnOpenApi303DocumentWithBearerSecurity) {
  const json doc = document();
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_TRUE(doc["info"]["title"].is_string());
  EXPECT_TRUE(doc["info"]["version"].is_string());
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["type"], "http");
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
  EXPECT_EQ(doc["security"], json::parse(R"([{"bearerAuth":[]}])"));
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndNothingElse) {
  ApiHarness h;
  const json doc = document();
  std::set<std::string> routes;
  for (const auto& route : h.api().router().routes()) {
    const std::string method = to_lower(route.method);
    routes.insert(method + " " + route.pattern);
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    const json& op = doc["paths"][route.pattern];
    ASSERT_TRUE(op.contains(method)) << route.method << " " << route.pattern;
    EXPECT_TRUE(op[method].contains("responses")) << route.method << " " << route.pattern;
    EXPECT_TRUE(op[method]["operationId"].is_string()) << route.method << " " << route.pattern;
    const bool is_public = route.access == Access::kPublic;
    const bool doc_public = op[method].contains("security") && op[method]["security"].empty();
    if (route.pattern != "/metrics") {
      EXPECT_EQ(is_public, doc_public) << route.pattern;
    }
  }
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      if (method == "parameters") continue;
      EXPECT_TRUE(routes.count(method + " " + path)) << "documented but not routed: " << method << " " << path;
    }
  }
}

TEST(OpenApiTest, PathParametersAreDeclared) {
  const json doc = document();
  for (const auto& [path, ops] : doc["paths"].items()) {
    std::set<std::string> in_path;
    for (size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1)) {
      in_path.insert(path.substr(i + 1, path.find('}', i) - i - 1));
    }
    for (const auto& [method, op] : ops.items()) {
      if (method == "parameters") continue;
      std::set<std::string> declared;
      for (const json* list : {&ops, &op}) {
        if (!list->contains("parameters")) continue;
        for (const json& p : (*list)["parameters"]) {
          json param = p;
          if (p.contains("$ref")) {
            const std::string ref = p["$ref"];
            param = doc["components"]["parameters"][ref.substr(ref.rfind('/') + 1)];
          }
          if (param["in"] == "path") declared.insert(param["name"].get<std::string>());
        }
      }
      EXPECT_EQ(declared, in_path) << method << " " << path;
    }
  }
}

TEST(OpenApiTest, EveryReferenceResolves) {
  const json doc = document();
  std::vector<const json*> stack{&doc};
  size_t refs = 0;
  while (!stack.empty()) {
    const json* j = stack.back();
    stack.pop_back();
    if (j->is_object()) {
      if (j->contains("$ref")) {
        const std::string ref = (*j)["$ref"];
        ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
        EXPECT_TRUE(doc.contains(json::json_pointer(ref.substr(1)))) << ref;
        ++refs;
      }
      for (const auto& item : j->items()) stack.push_back(&item.value());
    } else if (j->is_array()) {
      for (const auto& item : *j) stack.push_back(&item);
    }
  }
  EXPECT_GT(refs, 20u);
}

TEST(OpenApiTest, EmbeddedCopyMatchesTheSourceFile) {
  std::ifstream in(hearth::testing::source_dir() + "/src/api/openapi.json", std::ios::binary);
  ASSERT_TRUE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), std::string(openapi_document()));
}

TEST(OpenApiTest, EveryCauseCodeIsDocumentedWithItsTitle) {
  const json doc = document();
  const json& cause = doc["components"]["schemas"]["CauseCode"];
  ASSERT_TRUE(cause["enum"].is_array());
  const std::string description = cause["description"];
  std::set<std::string> documented;
  for (const json& code : cause["enum"]) documented.insert(code.get<std::string>());
  ASSERT_FALSE(diag::all_rules().empty());
  std::set<std::string> codes;
  for (const diag::RuleInfo& rule : diag::all_rules()) {
    codes.insert(rule.code);
    EXPECT_TRUE(documented.count(rule.code)) << rule.code << " is not in the CauseCode enum";
    const std::string line =
        std::string("- `") + rule.code + "` (" + rule.domain + "): " + rule.title;
    EXPECT_NE(description.find(line), std::string::npos) << "CauseCode description lacks: " << line;
  }
  EXPECT_EQ(documented, codes) << "the CauseCode enum lists codes no rule has";
}

}  // namespace
}  // namespace hearth::api::testing
