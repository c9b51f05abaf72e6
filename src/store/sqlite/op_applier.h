// Applies one write op on the writer's connection, inside the open transaction: checks it
// (op_checks.h), then hands it to the writer for its kind of row. Writer thread only.
#pragma once

#include "core/result.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/device_writer.h"
#include "store/sqlite/diagnosis_writer.h"
#include "store/sqlite/incident_writer.h"
#include "store/sqlite/parameter_writer.h"
#include "store/sqlite/record_writer.h"
#include "store/sqlite/segment_writer.h"
#include "store/sqlite/selfservice_writer.h"
#include "store/sqlite/staff_writer.h"
#include "store/sqlite/topology_writer.h"
#include "store/store.h"

namespace hearth::store::sqlite {

class OpApplier {
 public:
  OpApplier(Connection* conn, SegmentWriter* segments)
      : devices_(conn, &counts_),
        parameters_(conn, segments, &counts_),
        records_(conn),
        topology_(conn),
        diagnosis_(conn),
        incidents_(conn),
        selfservice_(conn),
        staff_(conn) {}

  Status apply(const WriteOp& op);
  // Rows added or removed by the ops applied since the last call.
  RowCounts take_counts();

 private:
  // Tickets and troubleshooting runs keep a subscriber; its sessions and reset links go with it.
  Status delete_subscriber(const DeleteSubscriber& op);

  RowCounts counts_;
  DeviceWriter devices_;
  ParameterWriter parameters_;
  RecordWriter records_;
  TopologyWriter topology_;
  DiagnosisWriter diagnosis_;
  IncidentWriter incidents_;
  SelfServiceWriter selfservice_;
  StaffWriter staff_;
};

}  // namespace hearth::store::sqlite
