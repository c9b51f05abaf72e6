// The knowledge base and the operator's figures: the seed (every article the troubleshooting
// links, in en/de/sv, written once), search ranking and languages (with the fall-back to
// English), articles by id, operator CRUD with validation, and the troubleshooting figures.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "api/selfservice_test_support.h"
#include "selfservice/kb_seed.h"

namespace hearth::api::testing {
namespace {

using nlohmann::json;

constexpr int64_t kT0 = 1'767'225'600'000;  // the harness clock: 2026-01-01T00:00:00Z
constexpr int64_t kDay = 24 * 3600'000LL;

class PortalKbTest : public ::testing::Test {
 protected:
  PortalKbTest() {
    add_customer(h_);
    alice_ = login_customer(h_, "A-1001", "correct horse battery");
  }

  void seed() {
    Result<size_t> n = selfservice::seed_knowledge_base(h_.store(), kT0);
    ASSERT_TRUE(n.ok()) << n.error().message;
  }

  json search(const std::string& query) {
    const ApiResponse r = customer_call(h_, alice_, "GET", "/api/v1/selfservice/kb" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return body_json(r)["articles"];
  }

  std::vector<std::string> ids(const json& articles) {
    std::vector<std::string> out;
    for (const json& a : articles) out.push_back(a["id"]);
    return out;
  }

  ApiHarness h_;
  CustomerSession alice_;
};

TEST_F(PortalKbTest, SeedHasEveryLinkedArticleInThreeLanguagesOnce) {
  Result<size_t> first = selfservice::seed_knowledge_base(h_.store(), kT0);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 11u);
  Result<size_t> again = selfservice::seed_knowledge_base(h_.store(), kT0 + kDay);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0u);

  std::set<std::string> stored;
  Result<std::vector<store::KbArticleRecord>> articles = h_.store().list_kb_articles();
  ASSERT_TRUE(articles.ok());
  for (const store::KbArticleRecord& r : *articles) {
    stored.insert(r.id);
    EXPECT_EQ(r.updated_ms, kT0) << r.id;  // the second seed changed nothing
    const json j = json::parse(r.json);
    for (const char* lang : {"en", "de", "sv"}) {
      EXPECT_FALSE(j["text"][lang]["title"].get<std::string>().empty()) << r.id << " " << lang;
      EXPECT_NE(j["text"][lang]["body"].get<std::string>().find("\n\n"), std::string::npos) << r.id << " " << lang;
    }
    EXPECT_FALSE(j["tags"].empty()) << r.id;
  }
  for (const char* id : {"restart-router", "area-disturbance", "wifi-channel", "wifi-placement", "5ghz-band",
                         "speed-test", "firmware-update", "device-cannot-connect", "streaming-buffering",
                         "wifi-password", "guest-network"}) {
    EXPECT_TRUE(stored.count(id)) << id;
  }

  // An operator's deletion is not undone by the next start.
  ASSERT_EQ(h_.call("DELETE", "/api/v1/kb/guest-network").status, 204);
  EXPECT_EQ(*selfservice::seed_knowledge_base(h_.store(), kT0), 0u);
  EXPECT_EQ(h_.store().list_kb_articles()->size(), 10u);
}

TEST_F(PortalKbTest, SearchRanksAndSpeaksTheLanguage) {
  seed();
  EXPECT_EQ(search("").size(), 11u);
  EXPECT_EQ(search("?q=").size(), 11u);

  // The title beats a mention in the body; every term counts.
  std::vector<std::string> found = ids(search("?q=channel"));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], "wifi-channel");
  found = ids(search("?q=guest%20network"));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], "guest-network");
  found = ids(search("?q=RESTART"));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], "restart-router");
  EXPECT_TRUE(search("?q=zebra").empty());

  // German and Swedish words, in any case.
  json de = search("?q=kanal&lang=de");
  ASSERT_FALSE(de.empty());
  EXPECT_EQ(de[0]["id"], "wifi-channel");
  EXPECT_EQ(de[0]["title"], "Überlasteter WLAN-Kanal");
  json sv = search("?q=G%C3%84STN%C3%84TVERKET&lang=sv");  // GÄSTNÄTVERKET
  ASSERT_FALSE(sv.empty());
  EXPECT_EQ(sv[0]["id"], "guest-network");
  EXPECT_EQ(sv[0]["title"], "Gästnätverket");
  EXPECT_FALSE(sv[0]["summary"].get<std::string>().empty());

  // An article in English only is found and shown in English.
  const json only_en = {{"tags", {"fibre"}},
                        {"text", {{"en", {{"title", "Fibre box lights"}, {"body", "What the lights mean."}}}}}};
  ASSERT_EQ(h_.call("PUT", "/api/v1/kb/fibre-box", only_en.dump()).status, 200);
  sv = search("?q=fibre&lang=sv");
  ASSERT_EQ(sv.size(), 1u);
  EXPECT_EQ(sv[0]["title"], "Fibre box lights");
}

TEST_F(PortalKbTest, ArticleById) {
  seed();
  ApiResponse r = customer_call(h_, alice_, "GET", "/api/v1/selfservice/kb/5ghz-band?lang=sv");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = body_json(r);
  EXPECT_EQ(j["title"], "Använd 5 GHz-bandet");
  EXPECT_EQ(j["updatedAt"], "2026-01-01T00:00:00Z");
  EXPECT_NE(j["body"].get<std::string>().find("\n\n"), std::string::npos);
  ApiResponse de = customer_call(h_, alice_, "GET", "/api/v1/selfservice/kb/5ghz-band");
  EXPECT_EQ(body_json(de)["title"], "Use the 5 GHz band");
  EXPECT_EQ(customer_call(h_, alice_, "GET", "/api/v1/selfservice/kb/nope").status, 404);
}

TEST_F(PortalKbTest, OperatorCrudAndValidation) {
  const json article = {
      {"tags", {"router", "lights"}},
      {"symptoms", {"no-internet"}},
      {"text",
       {{"en", {{"title", "Router lights"}, {"body", "Green is good.\n\nRed is not."}}},
        {"de", {{"title", "Router-Lampen"}, {"body", "Grün ist gut."}}}}}};
  ApiResponse r = h_.call("PUT", "/api/v1/kb/router-lights", article.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_json(r)["text"]["de"]["title"], "Router-Lampen");
  r = h_.call("GET", "/api/v1/kb/router-lights");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_json(r)["symptoms"], json({"no-internet"}));
  EXPECT_EQ(body_json(h_.call("GET", "/api/v1/kb"))["articles"].size(), 1u);

  const struct {
    const char* id;
    json body;
    const char* field;
  } bad[] = {
      {"Bad_Id", article, "id"},
      {"x", {{"text", {{"de", {{"title", "t"}, {"body", "b"}}}}}}, "text.en"},
      {"x", {{"tags", {"a"}}}, "text"},
      {"x", {{"text", {{"en", {{"title", "t"}, {"body", "b"}}}, {"fr", {{"title", "t"}, {"body", "b"}}}}}}, "text.fr"},
      {"x", {{"text", {{"en", {{"title", ""}, {"body", "b"}}}}}}, "text.en"},
      {"x", {{"text", {{"en", {{"title", "t"}}}}}}, "text.en"},
      {"x", {{"tags", "router"}, {"text", {{"en", {{"title", "t"}, {"body", "b"}}}}}}, "tags"},
      {"x", {{"symptoms", {1}}, {"text", {{"en", {{"title", "t"}, {"body", "b"}}}}}}, "symptoms"},
      {"x", {{"colour", 1}, {"text", {{"en", {{"title", "t"}, {"body", "b"}}}}}}, "colour"},
  };
  for (const auto& c : bad) {
    r = h_.call("PUT", std::string("/api/v1/kb/") + c.id, c.body.dump());
    EXPECT_EQ(r.status, 400) << c.body;
    const std::string message = body_json(r)["error"]["message"];
    EXPECT_EQ(message.find(c.field), 0u) << message;
  }
  ASSERT_EQ(h_.call("DELETE", "/api/v1/kb/router-lights").status, 204);
  EXPECT_EQ(h_.call("GET", "/api/v1/kb/router-lights").status, 404);
  EXPECT_EQ(h_.call("DELETE", "/api/v1/kb/router-lights").status, 404);
  // Operators' routes are not for customers, and customers' not for tokens.
  EXPECT_EQ(customer_call(h_, alice_, "GET", "/api/v1/kb").status, 401);
  EXPECT_EQ(h_.call("GET", "/api/v1/selfservice/kb").status, 401);
}

TEST_F(PortalKbTest, StatsArithmetic) {
  // Runs: (symptom, state, ticket id, rating, created).
  const struct {
    const char* symptom;
    const char* state;
    int64_t ticket;
    int rating;
    int64_t created_ms;
  } runs[] = {
      {"wifi-slow", "resolved", 0, 5, kT0 - 1 * kDay},
      {"wifi-slow", "resolved", 0, 4, kT0 - 2 * kDay},
      {"wifi-slow", "ticket", 7, 2, kT0 - 3 * kDay},
      {"no-internet", "resolved", 0, 0, kT0 - 4 * kDay},
      {"no-internet", "abandoned", 0, 0, kT0 - 5 * kDay},
      {"no-internet", "open", 0, 0, kT0 - 40 * kDay},  // before the default 30 days
  };
  store::WriteBatch batch;
  int n = 0;
  for (const auto& r : runs) {
    store::TroubleshootRecord t;
    t.id = "ts-" + std::to_string(++n);
    t.account = "A-1001";
    t.home_id = "home-1";
    t.symptom = r.symptom;
    t.state = r.state;
    t.ticket_id = r.ticket;
    t.rating = r.rating;
    t.created_ms = t.updated_ms = r.created_ms;
    t.json = "{}";
    batch.add(store::PutTroubleshoot{t});
  }
  ASSERT_TRUE(h_.store().write_sync(std::move(batch)).ok());

  ApiResponse r = h_.call("GET", "/api/v1/selfservice-stats");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = body_json(r);
  EXPECT_EQ(j["runs"], 5);
  EXPECT_EQ(j["resolved"], 3);
  EXPECT_EQ(j["resolvedWithoutTicket"], 3);
  EXPECT_EQ(j["shareResolvedWithoutTicket"], 0.6);
  EXPECT_EQ(j["tickets"], 1);
  EXPECT_EQ(j["ticketsAvoided"], 3);
  EXPECT_EQ(j["ratingCount"], 3);
  EXPECT_EQ(j["ratingAverage"], 3.67);
  EXPECT_EQ(j["bySymptom"], json({{"no-internet", 2}, {"wifi-slow", 3}}));

  j = body_json(h_.call("GET", "/api/v1/selfservice-stats?from=2025-12-01T00:00:00Z&to=2025-12-29T00:00:00Z"));
  EXPECT_EQ(j["runs"], 2);  // the 4 and 5 days old ones; the 40 days old is before from
  EXPECT_EQ(j["ratingAverage"], nullptr);
  j = body_json(h_.call("GET", "/api/v1/selfservice-stats?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z"));
  EXPECT_EQ(j["runs"], 0);
  EXPECT_EQ(j["shareResolvedWithoutTicket"], nullptr);
  EXPECT_EQ(h_.call("GET", "/api/v1/selfservice-stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z").status, 400);
}

}  // namespace
}  // namespace hearth::api::testing
