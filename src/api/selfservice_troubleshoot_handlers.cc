// /api/v1/selfservice/troubleshoot: guided troubleshooting for the logged-in customer. The runs
// live in selfservice::TroubleshootDesk; this file checks the input, picks the language and lists
// the customer's runs from the store.
#include <utility>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/portal_support.h"
#include "api/request_params.h"
#include "api/router.h"
#include "api/routes.h"
#include "selfservice/flow.h"
#include "selfservice/run_doc.h"

namespace hearth::api {

namespace {

using nlohmann::json;

using selfservice::kMaxWords;
constexpr size_t kMaxMac = 64;
constexpr const char* kBase = "/api/v1/selfservice/troubleshoot";

Error no_troubleshooter() {
  return make_error(ErrorCode::kUnavailable, "guided troubleshooting is not available");
}

// Answers 200 (or `status`) with the run, or the error.
selfservice::RunCallback answer(CallPtr call, int status = 200) {
  return [call, status](Result<json> run) {
    if (!run) return call->fail(run.error());
    ApiResponse r = json_response(status, *run);
    if (status == 201 && run->contains("id") && (*run)["id"].is_string()) {
      r.headers.set("Location", std::string(kBase) + "/" + (*run)["id"].get<std::string>());
    }
    call->respond(std::move(r));
  };
}

Result<std::optional<bool>> bool_field(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return invalid_field(name, "true or false");
  return std::optional<bool>(it->get<bool>());
}

void start(const ApiDeps& deps, const CallPtr& call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status s = only_fields(*body, {"symptom", "words", "device"}); !s) return call->fail(s.error());
  auto symptom = text_field(*body, "symptom", 64, true);
  if (!symptom) return call->fail(symptom.error());
  if (!selfservice::parse_symptom(**symptom)) {
    return call->fail(invalid_field("symptom", "one of no-internet, wifi-slow, device-cannot-connect, "
                                               "no-coverage, streaming-buffers"));
  }
  auto words = text_field(*body, "words", kMaxWords * 4, false, Lines::kMany);
  if (!words) return call->fail(words.error());
  if (*words && selfservice::char_count(**words) > kMaxWords) {
    return call->fail(invalid_field("words", "longer than 2000 characters"));
  }
  auto device = text_field(*body, "device", kMaxMac, false);
  if (!device) return call->fail(device.error());
  selfservice::StartInput in;
  in.symptom = **symptom;
  in.words = words->value_or("");
  in.device_mac = device->value_or("");
  in.lang = request_lang(*call);
  deps.troubleshooter->start(call->principal().account, in, answer(call, 201));
}

void list(const ApiDeps& deps, const CallPtr& call) {
  store::TroubleshootQuery q;
  q.account = call->principal().account;
  q.limit = 50;
  auto runs = deps.store.list_troubleshoots(q);
  if (!runs) return call->fail(runs.error());
  json items = json::array();
  for (const auto& r : *runs) items.push_back(selfservice::render_summary(r));
  call->reply(200, {{"runs", std::move(items)}});
}

void get(const ApiDeps& deps, const CallPtr& call) {
  deps.troubleshooter->get(call->principal().account, call->param("id"), request_lang(*call), answer(call));
}

void fix(const ApiDeps& deps, const CallPtr& call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status s = only_fields(*body, {"fix", "target"}); !s) return call->fail(s.error());
  auto id = text_field(*body, "fix", 64, true);
  if (!id) return call->fail(id.error());
  if (!selfservice::is_fix_id(**id)) {
    return call->fail(invalid_field("fix", "one of restart-gateway, restart-wifi, change-channel, "
                                           "move-to-5ghz, speed-test, update-firmware"));
  }
  auto target = text_field(*body, "target", 256, false);
  if (!target) return call->fail(target.error());
  selfservice::FixInput in;
  in.fix = **id;
  in.target = target->value_or("");
  in.lang = request_lang(*call);
  deps.troubleshooter->apply_fix(call->principal().account, call->param("id"), in, answer(call));
}

void finish(const ApiDeps& deps, const CallPtr& call) {
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  if (Status s = only_fields(*body, {"solved", "rating", "comment", "openTicket", "words"}); !s) {
    return call->fail(s.error());
  }
  auto solved = bool_field(*body, "solved");
  if (!solved) return call->fail(solved.error());
  if (!*solved) return call->fail(invalid_field("solved", "required: true or false"));
  auto open_ticket = bool_field(*body, "openTicket");
  if (!open_ticket) return call->fail(open_ticket.error());
  selfservice::FinishInput in;
  in.solved = **solved;
  in.open_ticket = open_ticket->value_or(false);
  if (auto it = body->find("rating"); it != body->end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > 5) {
      return call->fail(invalid_field("rating", "a whole number from 1 to 5"));
    }
    in.rating = static_cast<int>(it->get<int64_t>());
  }
  for (const char* name : {"comment", "words"}) {
    auto text = text_field(*body, name, kMaxWords * 4, false, Lines::kMany);
    if (!text) return call->fail(text.error());
    if (*text && selfservice::char_count(**text) > kMaxWords) {
      return call->fail(invalid_field(name, "longer than 2000 characters"));
    }
    (std::string(name) == "comment" ? in.comment : in.words) = text->value_or("");
  }
  in.lang = request_lang(*call);
  deps.troubleshooter->finish(call->principal().account, call->param("id"), in, answer(call));
}

// Runs the handler when the troubleshooter is wired, else answers 503.
Router::Handler with_desk(const ApiDeps& deps, void (*handler)(const ApiDeps&, const CallPtr&)) {
  const ApiDeps* d = &deps;
  return [d, handler](CallPtr call) {
    if (d->troubleshooter == nullptr) return call->fail(no_troubleshooter());
    handler(*d, call);
  };
}

}  // namespace

void add_selfservice_troubleshoot_routes(Router& router, const ApiDeps& deps) {
  const std::string base = kBase;
  router.add("POST", base, with_desk(deps, start), Access::kCustomer);
  router.add("GET", base, with_desk(deps, list), Access::kCustomer);
  router.add("GET", base + "/{id}", with_desk(deps, get), Access::kCustomer);
  router.add("POST", base + "/{id}/fix", with_desk(deps, fix), Access::kCustomer);
  router.add("POST", base + "/{id}/finish", with_desk(deps, finish), Access::kCustomer);
}

}  // namespace hearth::api
