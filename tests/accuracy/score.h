// Scoring of the diagnosis against the simulator's ground truth: per scenario type, how often the
// primary cause is the right one, and how many healthy homes show a finding of warning level or
// above. Pure; the harness (diagnosis_accuracy.cc) feeds it the truth file and the API's answers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hearth::accuracy {

struct TruthEntry {
  std::string home_id;
  std::string scenario;
  std::string cause;
  int64_t start_ms = 0;
  int64_t end_ms = INT64_MAX;  // still active
};

// Reads hearth-sim's truth file ({"truth":[...]}); entries it cannot read are skipped.
std::vector<TruthEntry> parse_truth(const nlohmann::json& truth);

// What the API said of one home (GET /api/v1/homes/{id}/diagnosis).
struct Observed {
  std::string primary;               // the primary cause's code, "" when healthy
  std::vector<std::string> warnings; // codes of findings of warning or critical severity
};
Observed parse_diagnosis(const nlohmann::json& diagnosis);

struct ScenarioScore {
  std::string scenario;
  std::string cause;
  int homes = 0;
  int right = 0;
  std::map<std::string, int> named_instead;  // wrong primary causes ("" = healthy) and how often
};

struct Report {
  std::vector<ScenarioScore> scenarios;  // sorted by scenario name
  int problem_homes = 0;
  int right = 0;
  int healthy_homes = 0;
  int healthy_with_warning = 0;
  std::map<std::string, int> healthy_warnings;  // code -> healthy homes showing it
  double right_share() const { return problem_homes == 0 ? 1.0 : double(right) / problem_homes; }
  // The mean over scenario types of their shares: a big access-node outage weighs as one type.
  double mean_share() const;
  double false_share() const { return healthy_homes == 0 ? 0.0 : double(healthy_with_warning) / healthy_homes; }
  bool meets(double min_right, double max_false) const {
    return right_share() >= min_right && mean_share() >= min_right && false_share() <= max_false;
  }
  std::string table() const;       // for people
  nlohmann::json to_json() const;
};

// `homes`: every home of the fleet. A home with a truth entry active at `at_ms` is scored for it
// (one entry per home: the latest started); a home never touched by any entry is healthy; a home
// whose problem ended before at_ms is left out (it is recovering).
Report score(const std::vector<TruthEntry>& truth, const std::map<std::string, Observed>& observed,
             const std::vector<std::string>& homes, int64_t at_ms);

}  // namespace hearth::accuracy
