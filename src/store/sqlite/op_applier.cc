#include "store/sqlite/op_applier.h"

#include "store/op_checks.h"

namespace hearth::store::sqlite {

namespace {
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;
}  // namespace

Status OpApplier::apply(const WriteOp& op) {
  if (Status s = check_op(op); !s) return s;
  return std::visit(
      Overloaded{
          [&](const UpsertDevice& o) { return devices_.upsert(o); },
          [&](const DeleteDevice& o) { return devices_.remove(o); },
          [&](const PutParameterValues& o) { return parameters_.put_values(o); },
          [&](const PutParameterInfo& o) { return parameters_.put_info(o); },
          [&](const DeleteParameters& o) { return parameters_.remove(o); },
          [&](const AddEvents& o) { return devices_.add_events(o); },
          [&](const PutTask& o) { return records_.put_task(o); },
          [&](const DeleteTask& o) { return records_.delete_task(o); },
          [&](const AddFault& o) { return records_.add_fault(o); },
          [&](const ClearFaults& o) { return records_.clear_faults(o); },
          [&](const PutFile& o) { return records_.put_file(o); },
          [&](const DeleteFile& o) { return records_.delete_file(o); },
          [&](const PutProfile& o) { return records_.put_profile(o); },
          [&](const DeleteProfile& o) { return records_.delete_profile(o); },
          [&](const PutToken& o) { return records_.put_token(o); },
          [&](const DeleteToken& o) { return records_.delete_token(o); },
          [&](const PutMeta& o) { return records_.put_meta(o); },
          [&](const PutRegion& o) { return topology_.put_region(o); },
          [&](const DeleteRegion& o) { return topology_.delete_region(o); },
          [&](const PutAccessNode& o) { return topology_.put_access_node(o); },
          [&](const DeleteAccessNode& o) { return topology_.delete_access_node(o); },
          [&](const PutSubscriber& o) { return topology_.put_subscriber(o); },
          [&](const DeleteSubscriber& o) { return delete_subscriber(o); },
          [&](const PutHome& o) { return topology_.put_home(o); },
          [&](const DeleteHome& o) { return topology_.delete_home(o); },
          [&](const PutTelemetrySample& o) { return diagnosis_.put_sample(o); },
          [&](const PutTelemetryRollup& o) { return diagnosis_.put_rollup(o); },
          [&](const PutFinding& o) { return diagnosis_.put_finding(o); },
          [&](const PutDiagnosis& o) { return diagnosis_.put_diagnosis(o); },
          [&](const AddOptimisation& o) { return diagnosis_.add_optimisation(o); },
          [&](const PruneDiagnosis& o) { return diagnosis_.prune(o); },
          [&](const PutIncident& o) { return incidents_.put_incident(o); },
          [&](const PutMaintenance& o) { return incidents_.put_maintenance(o); },
          [&](const DeleteMaintenance& o) { return incidents_.delete_maintenance(o); },
          [&](const PutWebhook& o) { return incidents_.put_webhook(o); },
          [&](const DeleteWebhook& o) { return incidents_.delete_webhook(o); },
          [&](const PutWebhookDelivery& o) { return incidents_.put_delivery(o); },
          [&](const DeleteWebhookDelivery& o) { return incidents_.delete_delivery(o); },
          [&](const PruneIncidents& o) { return incidents_.prune(o); },
          [&](const PutSession& o) { return selfservice_.put_session(o); },
          [&](const DeleteSession& o) { return selfservice_.delete_session(o); },
          [&](const DeleteSessionsOf& o) { return selfservice_.delete_sessions_of(o); },
          [&](const TouchSession& o) { return selfservice_.touch_session(o); },
          [&](const PutPasswordReset& o) { return selfservice_.put_reset(o); },
          [&](const PutTroubleshoot& o) { return selfservice_.put_troubleshoot(o); },
          [&](const PutTicket& o) { return selfservice_.put_ticket(o); },
          [&](const PutKbArticle& o) { return selfservice_.put_article(o); },
          [&](const DeleteKbArticle& o) { return selfservice_.delete_article(o); },
          [&](const AddAudit& o) { return selfservice_.add_audit(o); },
          [&](const PruneSelfService& o) { return selfservice_.prune(o); },
          [&](const PutUser& o) { return staff_.put_user(o); },
          [&](const DeleteUser& o) { return staff_.delete_user(o); },
          [&](const PutCampaign& o) { return staff_.put_campaign(o); },
          [&](const DeleteCampaign& o) { return staff_.delete_campaign(o); },
          [&](const PutCampaignTargets& o) { return staff_.put_targets(o); },
      },
      op);
}

Status OpApplier::delete_subscriber(const DeleteSubscriber& op) {
  if (Status s = selfservice_.refuse_if_referred(op); !s) return s;
  if (Status s = topology_.delete_subscriber(op); !s) return s;
  return selfservice_.forget_subscriber(op);
}

RowCounts OpApplier::take_counts() {
  RowCounts out = counts_;
  counts_ = RowCounts{};
  return out;
}

}  // namespace hearth::store::sqlite
