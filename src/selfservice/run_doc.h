// A troubleshooting run as stored (store::TroubleshootRecord::json) and as the API shows it.
//
// The stored document keeps texts as message ids with parameters, so that one run can be shown
// in any language:
//   {"id","account","homeId","deviceId","symptom","words","device","state","createdMs","updatedMs",
//    "refresh":{"live","text":[msg]}, "steps":[step], "verdict":{"kind","text":[msg]},
//    "history":[{"atMs","steps","verdict"}]   (earlier evaluations, oldest first)
//    "actions":[{"fix","target","state","text":[msg],"verified","atMs","taskIds"}],
//    "diagnosis":{"timeMs","primary","health","findings":[{code,severity,entity,evidence}]},
//    "incidentId", "ticket":{"id"}|null, "feedback":{"rating","solved","comment"}|null,
//    "moreWords"}
//   msg: {"id","p":{name:value}}
//   step: {"check","outcome","text":[msg],"findings","fixes":[{"id","target","label":msg,
//          "warning":msg|null}],"kb","atMs"}
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnosis.h"
#include "selfservice/flow.h"
#include "store/records.h"

namespace hearth::selfservice {

nlohmann::json message_json(const Message& m);
std::vector<Message> messages_from(const nlohmann::json& list);
nlohmann::json messages_json(const std::vector<Message>& ms);

// Puts the evaluation into the run as its current steps and verdict; the previous ones, if any,
// go to "history".
void set_evaluation(nlohmann::json& doc, const Evaluation& e, int64_t at_ms);
// The diagnosis as the ticket keeps it: primary cause, health, findings with their evidence.
nlohmann::json diagnosis_json(const diag::Diagnosis& d);

// The fixes the run has applied (for Facts::tried).
std::vector<TriedFix> tried_fixes(const nlohmann::json& doc);
// The current offer of this fix: its target as offered. An empty `target` matches the offer when
// there is exactly one of that id. nullopt: not offered.
std::optional<std::string> offered_target(const nlohmann::json& doc, const std::string& fix,
                                          const std::string& target);
bool fix_running(const nlohmann::json& doc);

// The title of a knowledge-base article in a language, nullopt when there is none.
using KbTitle = std::function<std::optional<std::string>(const std::string& id, const std::string& lang)>;

// The run as the API shows it (the OpenAPI TroubleshootRun) in `lang`; `ticket_state` is the
// state of its ticket now ("" none).
nlohmann::json render_run(const nlohmann::json& doc, const std::string& lang, const KbTitle& kb_title,
                          const std::string& ticket_state);
// The short form for lists: id, symptom, state, verdict kind, created and updated.
nlohmann::json render_summary(const store::TroubleshootRecord& record);
// Every evaluation of the run and every action, rendered, for a ticket.
nlohmann::json ticket_steps(const nlohmann::json& doc, const std::string& lang);

}  // namespace hearth::selfservice
