// /api/v1/files: the files CPEs download (firmware images, configuration files). The bytes go to
// the FileRepository, the metadata to the store; CPEs fetch them from the CWMP port at /files/{id}.
//
// An upload writes and fsyncs the file on the calling thread before answering: the answer means
// the file is durable.
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "api/views.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr const char* kDefaultFileType = "1 Firmware Upgrade Image";
constexpr size_t kMaxMetadataLength = 64;

Result<std::string> metadata(const Call& call, const char* name, const char* fallback) {
  std::string v = call.query(name).value_or(fallback);
  if (v.size() > kMaxMetadataLength) {
    return make_error(ErrorCode::kInvalidArgument, std::string(name) + ": longer than 64 characters");
  }
  for (char c : v) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return make_error(ErrorCode::kInvalidArgument, std::string(name) + ": contains a control character");
    }
  }
  return v;
}

void put_file(const ApiDeps& deps, CallPtr call) {
  const std::string& name = call->param("name");
  if (Status s = device::FileRepository::validate_name(name); !s) {
    return call->fail(make_error(ErrorCode::kInvalidArgument, "name: " + s.error().message));
  }
  store::FileRecord record;
  record.id = name;
  struct Field {
    const char* name;
    const char* fallback;
    std::string* out;
  };
  const Field fields[] = {{"fileType", kDefaultFileType, &record.file_type},
                          {"oui", "", &record.oui},
                          {"productClass", "", &record.product_class},
                          {"version", "", &record.version}};
  for (const Field& f : fields) {
    Result<std::string> v = metadata(*call, f.name, f.fallback);
    if (!v) return call->fail(v.error());
    *f.out = std::move(*v);
  }
  if (record.file_type.empty()) return call->fail(make_error(ErrorCode::kInvalidArgument, "fileType: must not be empty"));
  if (call->request().body.empty()) {
    return call->fail(make_error(ErrorCode::kInvalidArgument, "body: the file is empty (send its bytes as the body)"));
  }
  Result<std::optional<store::FileRecord>> existing = deps.store.get_file(name);
  if (!existing) return call->fail(existing.error());
  const int status = existing->has_value() ? 200 : 201;

  Result<device::FileRepository::Stored> stored = deps.files.put(name, call->request().body);
  if (!stored) return call->fail(stored.error());
  record.size = stored->size;
  record.sha256 = stored->sha256;
  record.created_ms = now_ms(deps);
  json body = file_json(record, deps.files_base_url);
  store::WriteBatch batch;
  batch.add(store::PutFile{std::move(record)});
  write_then(deps, std::move(batch), call, [call, status, body = std::move(body), name] {
    ApiResponse r = json_response(status, body);
    r.headers.set("Location", "/api/v1/files/" + name);
    call->respond(std::move(r));
  });
}

void list_files(const ApiDeps& deps, CallPtr call) {
  Result<Paging> paging = parse_paging(*call);
  if (!paging) return call->fail(paging.error());
  Result<std::vector<store::FileRecord>> files = deps.store.list_files();
  if (!files) return call->fail(files.error());
  json items = json::array();
  for (size_t i = paging->offset; i < files->size() && i < paging->offset + paging->limit; ++i) {
    items.push_back(file_json((*files)[i], deps.files_base_url));
  }
  const bool more = paging->offset + paging->limit < files->size();
  call->reply(200, list_json(std::move(items), files->size(), paging->offset, paging->limit, more));
}

Result<store::FileRecord> load_file(const ApiDeps& deps, const std::string& name) {
  Result<std::optional<store::FileRecord>> f = deps.store.get_file(name);
  if (!f) return f.error();
  if (!f->has_value()) return make_error(ErrorCode::kNotFound, "no file '" + name + "'");
  return std::move(**f);
}

void get_file(const ApiDeps& deps, CallPtr call) {
  Result<store::FileRecord> f = load_file(deps, call->param("name"));
  if (!f) return call->fail(f.error());
  call->reply(200, file_json(*f, deps.files_base_url));
}

void delete_file(const ApiDeps& deps, CallPtr call) {
  Result<store::FileRecord> f = load_file(deps, call->param("name"));
  if (!f) return call->fail(f.error());
  store::WriteBatch batch;
  batch.add(store::DeleteFile{f->id});
  // Metadata first: once it is gone nothing offers the file, then the bytes can go.
  const ApiDeps* dp = &deps;
  write_then(deps, std::move(batch), call, [dp, call, id = f->id] {
    Status removed = dp->files.remove(id);
    if (!removed && removed.error().code != ErrorCode::kNotFound) return call->fail(removed.error());
    call->respond(ApiResponse{204, "", "", {}});
  });
}

}  // namespace

void add_file_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/files", [d](CallPtr c) { list_files(*d, std::move(c)); });
  router.add("PUT", "/api/v1/files/{name}", [d](CallPtr c) { put_file(*d, std::move(c)); });
  router.add("GET", "/api/v1/files/{name}", [d](CallPtr c) { get_file(*d, std::move(c)); });
  router.add("DELETE", "/api/v1/files/{name}", [d](CallPtr c) { delete_file(*d, std::move(c)); });
}

}  // namespace hearth::api
