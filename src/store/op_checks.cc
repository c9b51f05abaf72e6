#include "store/op_checks.h"

#include <set>
#include <string>
#include <string_view>
#include <type_traits>

namespace hearth::store {

namespace {

template <typename Names>
bool has_empty_name(const Names& names) {
  for (const auto& n : names) {
    if constexpr (std::is_same_v<std::decay_t<decltype(n)>, cwmp::ParameterValue>) {
      if (n.name.empty()) return true;
    } else {
      if (n.first.empty()) return true;
    }
  }
  return false;
}

}  // namespace

const char* op_name(const WriteOp& op) {
  static constexpr const char* kNames[] = {
      "UpsertDevice", "DeleteDevice", "PutParameterValues", "PutParameterInfo", "DeleteParameters",
      "AddEvents",    "PutTask",      "DeleteTask",         "AddFault",         "ClearFaults",
      "PutFile",      "DeleteFile",   "PutProfile",         "DeleteProfile",    "PutToken",
      "DeleteToken",  "PutMeta",      "PutRegion",          "DeleteRegion",     "PutAccessNode",
      "DeleteAccessNode", "PutSubscriber", "DeleteSubscriber", "PutHome",       "DeleteHome",
      "PutTelemetrySample", "PutTelemetryRollup", "PutFinding", "PutDiagnosis", "AddOptimisation",
      "PruneDiagnosis", "PutIncident", "PutMaintenance", "DeleteMaintenance", "PutWebhook",
      "DeleteWebhook", "PutWebhookDelivery", "DeleteWebhookDelivery", "PruneIncidents",
      "PutSession", "DeleteSession", "DeleteSessionsOf", "TouchSession", "PutPasswordReset",
      "PutTroubleshoot", "PutTicket", "PutKbArticle", "DeleteKbArticle", "AddAudit",
      "PruneSelfService", "PutUser", "DeleteUser", "PutCampaign", "DeleteCampaign",
      "PutCampaignTargets",
  };
  static_assert(std::size(kNames) == std::variant_size_v<WriteOp>);
  return kNames[op.index()];
}

namespace {

// Returns what is wrong with an op, or "" when nothing is.
struct Checker {
  std::string operator()(const UpsertDevice& o) const {
    if (o.device.id.empty()) return "empty device id";
    for (const auto& tag : o.device.tags) {
      if (tag.empty()) return "empty tag";
    }
    return "";
  }
  std::string operator()(const DeleteDevice& o) const {
    return o.device_id.empty() ? "empty device id" : "";
  }
  std::string operator()(const PutParameterValues& o) const {
    if (o.device_id.empty()) return "empty device id";
    return has_empty_name(o.values) ? "empty parameter name" : "";
  }
  std::string operator()(const PutParameterInfo& o) const {
    if (o.device_id.empty()) return "empty device id";
    return has_empty_name(o.names) ? "empty parameter name" : "";
  }
  std::string operator()(const DeleteParameters& o) const {
    return o.device_id.empty() ? "empty device id" : "";
  }
  std::string operator()(const AddEvents& o) const {
    for (const auto& e : o.events) {
      if (e.device_id.empty()) return "empty device id";
    }
    return "";
  }
  std::string operator()(const PutTask& o) const {
    if (o.task.id < 0) return "negative task id";
    if (o.task.device_id.empty()) return "empty device id";
    return o.task.name.empty() ? "empty task name" : "";
  }
  std::string operator()(const DeleteTask& o) const { return o.task_id <= 0 ? "no task id" : ""; }
  std::string operator()(const AddFault& o) const {
    if (o.fault.id < 0) return "negative fault id";
    return o.fault.device_id.empty() ? "empty device id" : "";
  }
  std::string operator()(const ClearFaults& o) const {
    return o.device_id.empty() && o.fault_id == 0 ? "neither device nor fault" : "";
  }
  std::string operator()(const PutFile& o) const { return o.file.id.empty() ? "empty file id" : ""; }
  std::string operator()(const DeleteFile& o) const { return o.file_id.empty() ? "empty file id" : ""; }
  std::string operator()(const PutProfile& o) const {
    return o.profile.name.empty() ? "empty profile name" : "";
  }
  std::string operator()(const DeleteProfile& o) const {
    return o.name.empty() ? "empty profile name" : "";
  }
  std::string operator()(const PutToken& o) const {
    if (o.token.id.empty()) return "empty token id";
    return o.token.token_hash.empty() ? "empty token hash" : "";
  }
  std::string operator()(const DeleteToken& o) const {
    return o.token_id.empty() ? "empty token id" : "";
  }
  std::string operator()(const PutMeta& o) const { return o.key.empty() ? "empty key" : ""; }
  std::string operator()(const PutRegion& o) const {
    return o.region.id.empty() ? "empty region id" : "";
  }
  std::string operator()(const DeleteRegion& o) const {
    return o.region_id.empty() ? "empty region id" : "";
  }
  std::string operator()(const PutAccessNode& o) const {
    if (o.access_node.id.empty()) return "empty access node id";
    return o.access_node.region_id.empty() ? "empty region id" : "";
  }
  std::string operator()(const DeleteAccessNode& o) const {
    return o.access_node_id.empty() ? "empty access node id" : "";
  }
  std::string operator()(const PutSubscriber& o) const {
    return o.subscriber.account.empty() ? "empty account" : "";
  }
  std::string operator()(const DeleteSubscriber& o) const {
    return o.account.empty() ? "empty account" : "";
  }
  std::string operator()(const PutHome& o) const {
    const HomeRecord& h = o.home;
    if (h.id.empty()) return "empty home id";
    if (h.account.empty()) return "empty account";
    if (h.access_node_id.empty()) return "empty access node id";
    std::set<std::string_view> seen;
    for (const auto& d : h.devices) {
      if (d.device_id.empty()) return "empty device id";
      if (!seen.insert(d.device_id).second) return "device '" + d.device_id + "' listed twice";
    }
    return "";
  }
  std::string operator()(const DeleteHome& o) const {
    return o.home_id.empty() ? "empty home id" : "";
  }
  std::string operator()(const PutTelemetrySample& o) const {
    return o.sample.home_id.empty() ? "empty home id" : "";
  }
  std::string operator()(const PutTelemetryRollup& o) const {
    return o.rollup.home_id.empty() ? "empty home id" : "";
  }
  std::string operator()(const PutFinding& o) const {
    if (o.finding.home_id.empty()) return "empty home id";
    return o.finding.code.empty() ? "empty finding code" : "";
  }
  std::string operator()(const PutDiagnosis& o) const {
    return o.diagnosis.home_id.empty() ? "empty home id" : "";
  }
  std::string operator()(const AddOptimisation& o) const {
    if (o.entry.id < 0) return "negative optimisation id";
    return o.entry.home_id.empty() ? "empty home id" : "";
  }
  std::string operator()(const PruneDiagnosis& o) const {
    return o.raw_before_ms < 0 || o.rollup_before_ms < 0 || o.findings_before_ms < 0 ||
                   o.optimisations_before_ms < 0
               ? "negative bound"
               : "";
  }
  std::string operator()(const PutIncident& o) const {
    const IncidentRecord& r = o.incident;
    if (r.id <= 0) return "incident id must be positive";
    if (r.scope != "access-node" && r.scope != "region") return "unknown scope '" + r.scope + "'";
    if (r.state != "suspected" && r.state != "confirmed" && r.state != "resolved") {
      return "unknown state '" + r.state + "'";
    }
    for (const auto& home : r.homes) {
      if (home.empty()) return "empty home id";
    }
    return "";
  }
  std::string operator()(const PutMaintenance& o) const {
    const MaintenanceRecord& m = o.maintenance;
    if (m.id.empty()) return "empty maintenance id";
    if (m.access_node_id.empty() == m.region_id.empty()) {
      return "needs exactly one of access node and region";
    }
    return m.end_ms <= m.start_ms ? "end not after start" : "";
  }
  std::string operator()(const DeleteMaintenance& o) const {
    return o.maintenance_id.empty() ? "empty maintenance id" : "";
  }
  std::string operator()(const PutWebhook& o) const {
    if (o.webhook.id.empty()) return "empty webhook id";
    // Events are stored one per line: an empty one or one with a line break would not come back.
    for (const auto& e : o.webhook.events) {
      if (e.empty()) return "empty event";
      if (e.find('\n') != std::string::npos) return "event with a line break";
    }
    return "";
  }
  std::string operator()(const DeleteWebhook& o) const {
    return o.webhook_id.empty() ? "empty webhook id" : "";
  }
  std::string operator()(const PutWebhookDelivery& o) const {
    if (o.delivery.id.empty()) return "empty delivery id";
    return o.delivery.webhook_id.empty() ? "empty webhook id" : "";
  }
  std::string operator()(const DeleteWebhookDelivery& o) const {
    return o.delivery_id.empty() ? "empty delivery id" : "";
  }
  std::string operator()(const PruneIncidents& o) const {
    return o.resolved_before_ms < 0 || o.maintenance_before_ms < 0 ? "negative bound" : "";
  }
  std::string operator()(const PutSession& o) const {
    if (o.session.token_hash.empty()) return "empty token hash";
    if (o.session.kind.empty()) return "empty session kind";
    return o.session.subject.empty() ? "empty subject" : "";
  }
  std::string operator()(const DeleteSession& o) const {
    return o.token_hash.empty() ? "empty token hash" : "";
  }
  std::string operator()(const DeleteSessionsOf& o) const {
    if (o.kind.empty()) return "empty session kind";
    return o.subject.empty() ? "empty subject" : "";
  }
  std::string operator()(const TouchSession& o) const {
    return o.token_hash.empty() ? "empty token hash" : "";
  }
  std::string operator()(const PutPasswordReset& o) const {
    if (o.reset.token_hash.empty()) return "empty token hash";
    return o.reset.account.empty() ? "empty account" : "";
  }
  std::string operator()(const PutTroubleshoot& o) const {
    const TroubleshootRecord& r = o.run;
    if (r.id.empty()) return "empty troubleshoot id";
    if (r.account.empty()) return "empty account";
    if (r.home_id.empty()) return "empty home id";
    return r.ticket_id < 0 ? "negative ticket id" : "";
  }
  std::string operator()(const PutTicket& o) const {
    const TicketRecord& t = o.ticket;
    if (t.id <= 0) return "ticket id must be positive";
    if (t.account.empty()) return "empty account";
    return t.home_id.empty() ? "empty home id" : "";
  }
  std::string operator()(const PutKbArticle& o) const {
    return o.article.id.empty() ? "empty article id" : "";
  }
  std::string operator()(const DeleteKbArticle& o) const {
    return o.article_id.empty() ? "empty article id" : "";
  }
  std::string operator()(const AddAudit& o) const {
    if (o.entry.id != 0) return "audit ids are assigned by the store";
    return o.entry.action.empty() ? "empty action" : "";
  }
  std::string operator()(const PruneSelfService& o) const {
    return o.expired_before_ms < 0 || o.audit_before_ms < 0 || o.troubleshoot_before_ms < 0
               ? "negative bound"
               : "";
  }
  std::string operator()(const PutUser& o) const {
    if (o.user.id.empty()) return "empty user id";
    return o.user.login.empty() ? "empty login" : "";
  }
  std::string operator()(const DeleteUser& o) const {
    return o.user_id.empty() ? "empty user id" : "";
  }
  std::string operator()(const PutCampaign& o) const {
    return o.campaign.id <= 0 ? "campaign id must be positive" : "";
  }
  std::string operator()(const DeleteCampaign& o) const {
    return o.campaign_id <= 0 ? "campaign id must be positive" : "";
  }
  std::string operator()(const PutCampaignTargets& o) const {
    for (const auto& t : o.targets) {
      if (t.campaign_id <= 0) return "campaign id must be positive";
      if (t.device_id.empty()) return "empty device id";
      if (t.stage < 0) return "negative stage";
      if (t.task_id < 0) return "negative task id";
    }
    return "";
  }
};

}  // namespace

Status check_op(const WriteOp& op) {
  const std::string problem = std::visit(Checker{}, op);
  if (problem.empty()) return ok_status();
  return make_error(ErrorCode::kInvalidArgument, std::string(op_name(op)) + ": " + problem);
}

}  // namespace hearth::store
