#include "store/records.h"

#include <gtest/gtest.h>

namespace hearth::store {
namespace {

TEST(TaskStateTest, NamesRoundTrip) {
  const struct {
    TaskState state;
    const char* name;
  } cases[] = {
      {TaskState::kPending, "pending"}, {TaskState::kRunning, "running"},
      {TaskState::kDone, "done"},       {TaskState::kFault, "fault"},
      {TaskState::kCancelled, "cancelled"},
  };
  for (const auto& c : cases) {
    EXPECT_STREQ(task_state_name(c.state), c.name);
    EXPECT_EQ(parse_task_state(c.name), c.state) << c.name;
  }
}

TEST(TaskStateTest, UnknownNamesDoNotParse) {
  for (const char* name : {"", "Pending", "canceled", "done "}) {
    EXPECT_FALSE(parse_task_state(name).has_value()) << name;
  }
}

}  // namespace
}  // namespace hearth::store
