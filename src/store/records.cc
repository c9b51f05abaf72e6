#include "store/records.h"

namespace hearth::store {

namespace {
struct TaskStateName {
  TaskState state;
  const char* name;
};
constexpr TaskStateName kTaskStateNames[] = {
    {TaskState::kPending, "pending"}, {TaskState::kRunning, "running"}, {TaskState::kDone, "done"},
    {TaskState::kFault, "fault"},     {TaskState::kCancelled, "cancelled"},
};
}  // namespace

const char* task_state_name(TaskState s) {
  for (const auto& entry : kTaskStateNames) {
    if (entry.state == s) return entry.name;
  }
  return "unknown";
}

std::optional<TaskState> parse_task_state(const std::string& s) {
  for (const auto& entry : kTaskStateNames) {
    if (s == entry.name) return entry.state;
  }
  return std::nullopt;
}

}  // namespace hearth::store
