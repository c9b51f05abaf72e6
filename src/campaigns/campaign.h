// A campaign as the runner keeps it: the plan the operator gave (selection, file or parameters,
// stages, thresholds) and what happened (stage results, log). The plan and the results travel in
// store::CampaignRecord::json; the API shapes (contract "Campaign") are built here too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "campaigns/plan.h"
#include "core/result.h"
#include "store/records.h"

namespace hearth::campaigns {

struct Selection {
  std::string model;             // exact model name or product class
  std::string software_version;  // exact
  std::string tag;
  std::vector<std::string> device_ids;

  bool empty() const { return model.empty() && software_version.empty() && tag.empty() && device_ids.empty(); }
};

struct ParameterSetting {
  std::string name;
  std::string value;
  std::string type;  // "xsd:string", ...; "": the type the device reported
};

// What became of one stage (index = position in Campaign::stages = CampaignTargetRecord::stage).
struct StageResult {
  std::string name;
  int size = 0;
  std::string state = "waiting";       // "waiting", "running", "observing", "passed", "failed"
  std::optional<double> health_before;  // mean health of the stage's homes when it started
  std::optional<double> health_after;   // ... after observe_minutes
  int64_t started_ms = 0;
  int64_t ended_ms = 0;                 // every target finished: observation starts here
  bool accepted = false;                // an operator resumed past its failures: not judged again
};

struct LogLine {
  int64_t time_ms = 0;
  std::string text;
};

struct Campaign {
  // ---- the record's columns ----
  int64_t id = 0;
  std::string name;
  std::string kind;  // "firmware", "config"
  State state = State::kDraft;
  std::string created_by;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  // ---- the plan ----
  Selection selection;
  std::string file_id;           // firmware
  std::string target_version;    // the file's version ("" unknown: any change counts)
  std::string rollback_file_id;  // firmware; "" none
  std::vector<ParameterSetting> parameters;  // config
  StagePlan stages_plan;
  Thresholds thresholds;
  int observe_minutes = 10;
  bool auto_advance = true;
  // ---- progress ----
  int current_stage = 0;
  std::string halt_reason;
  std::vector<StageResult> stages;
  std::vector<LogLine> log;      // oldest first, at most kMaxLog (the oldest go)

  static constexpr size_t kMaxLog = 200;
  void add_log(int64_t time_ms, std::string text);
};

// The record and back. from_record fails (kInternal) on a document it cannot read.
store::CampaignRecord to_record(const Campaign& c);
Result<Campaign> from_record(const store::CampaignRecord& r);

// The operator's request (POST /api/v1/campaigns), checked for its form only: kInvalidArgument
// naming the field. What needs the store (devices, files) is checked by the service.
Result<Campaign> parse_request(const nlohmann::json& body);
Result<Selection> parse_selection(const nlohmann::json& selection);
nlohmann::json selection_json(const Selection& s);

// Counts of one stage's targets; rolled-back and rolling-back targets count as done (they had
// been), skipped ones as pending.
StageCounts count_targets(const std::vector<store::CampaignTargetRecord>& targets, int stage);

// The contract's Campaign, with the stages' counts taken from the targets.
nlohmann::json campaign_json(const Campaign& c, const std::vector<store::CampaignTargetRecord>& targets);
nlohmann::json target_json(const store::CampaignTargetRecord& t);
// ISO 8601 UTC, or null for 0.
nlohmann::json time_value(int64_t unix_ms);

}  // namespace hearth::campaigns
