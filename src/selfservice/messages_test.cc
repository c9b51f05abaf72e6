// Every text exists in English, German and Swedish with the same parameters, and every message
// the flow produces on the fixture homes is in the tables.
#include "selfservice/messages.h"

#include <gtest/gtest.h>

#include "selfservice/flow_test_support.h"

namespace hearth::selfservice {
namespace {

TEST(MessagesTest, EveryIdInEveryLanguageWithTheSameParameters) {
  const MessageTable& en = messages_en();
  for (const MessageTable* other : {&messages_de(), &messages_sv()}) {
    EXPECT_EQ(other->size(), en.size());
    for (const auto& [id, text] : en) {
      auto it = other->find(id);
      ASSERT_NE(it, other->end()) << id;
      EXPECT_EQ(message_params(it->second), message_params(text)) << id;
      EXPECT_FALSE(it->second.empty()) << id;
    }
  }
}

TEST(MessagesTest, EveryFixAndSymptomAndCheckHasItsTexts) {
  for (const char* fix : {"restart-gateway", "restart-wifi", "change-channel", "move-to-5ghz", "speed-test",
                          "update-firmware"}) {
    EXPECT_TRUE(messages_en().count(std::string("fix.") + fix)) << fix;
  }
  for (const char* s : {"no-internet", "wifi-slow", "device-cannot-connect", "no-coverage", "streaming-buffers"}) {
    EXPECT_TRUE(messages_en().count(std::string("symptom.") + s)) << s;
  }
  for (Check c : {Check::kArea, Check::kGateway, Check::kLine, Check::kWifi, Check::kDevice}) {
    EXPECT_TRUE(messages_en().count(std::string("title.") + check_name(c)));
  }
  for (VerdictKind v : {VerdictKind::kAreaOutage, VerdictKind::kFixOffered, VerdictKind::kNoProblem,
                        VerdictKind::kNeedsTicket, VerdictKind::kFixed, VerdictKind::kNotFixed}) {
    EXPECT_TRUE(messages_en().count(std::string("verdict.") + verdict_name(v)));
  }
}

TEST(MessagesTest, RendersParametersAndFallsBack) {
  Message m{"device.connected", {{"name", "phone"}, {"band", "5 GHz"}, {"bars", "3"}}};
  EXPECT_EQ(render(m, "en"), "phone is connected on 5 GHz with 3 of 4 signal bars.");
  EXPECT_EQ(render(m, "xx"), render(m, "en"));
  EXPECT_NE(render(m, "de"), render(m, "en"));
  // A variant the table lacks falls back to the plain text, and unknown findings to a general one.
  EXPECT_EQ(render(Message{"finding.WIFI-SPD-1.radio", {{"band", "5 GHz"}}}, "en"),
            messages_en().at("finding.WIFI-SPD-1"));
  EXPECT_EQ(render(Message{"finding.NEW-1", {}}, "sv"), messages_sv().at("finding.other"));
  EXPECT_EQ(render(std::vector<Message>{{"area.ok", {}}, {"area.no_restart", {}}}, "en"),
            messages_en().at("area.ok") + " " + messages_en().at("area.no_restart"));
}

// Every rule code has a plain text, so no finding falls back to the general sentence.
TEST(MessagesTest, EveryRuleCodeHasAText) {
  for (const diag::RuleInfo& r : diag::all_rules()) {
    EXPECT_TRUE(messages_en().count(std::string("finding.") + r.code)) << r.code;
  }
}

}  // namespace
}  // namespace hearth::selfservice
