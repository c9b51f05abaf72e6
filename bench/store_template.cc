#include "store_template.h"

#include <cstdio>
#include <fstream>

#include "core/strings.h"
#include "tests/support/build_paths.h"

namespace hearth::bench {

namespace {

// One CSV line into fields: quoted fields may hold commas and doubled quotes.
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

cwmp::ValueType type_of(std::string_view xsd) {
  if (xsd == "xsd:int") return cwmp::ValueType::kInt;
  if (xsd == "xsd:unsignedInt") return cwmp::ValueType::kUnsignedInt;
  if (xsd == "xsd:long") return cwmp::ValueType::kLong;
  if (xsd == "xsd:unsignedLong") return cwmp::ValueType::kUnsignedLong;
  if (xsd == "xsd:boolean") return cwmp::ValueType::kBoolean;
  if (xsd == "xsd:dateTime") return cwmp::ValueType::kDateTime;
  if (xsd == "xsd:base64") return cwmp::ValueType::kBase64;
  if (xsd == "xsd:hexBinary") return cwmp::ValueType::kHexBinary;
  return cwmp::ValueType::kString;
}

std::string serial_of(int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "HRTH%010lld", static_cast<long long>(n));
  return buf;
}

}  // namespace

std::string TreeTemplate::default_path() {
  return hearth::testing::source_dir() + "/tests/data/store/huawei-bm632w-tr098-datamodel.csv";
}

Result<TreeTemplate> TreeTemplate::load(const std::string& csv_path) {
  std::ifstream in(csv_path);
  if (!in) return make_error(ErrorCode::kNotFound, "cannot read " + csv_path);
  TreeTemplate t;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto f = csv_fields(line);
    if (f.size() < 5) return make_error(ErrorCode::kInvalidArgument, "bad CSV line: " + line);
    if (f[0] == "DeviceID.SerialNumber") t.template_serial_ = f[3];
    if (!starts_with(f[0], "InternetGatewayDevice")) continue;
    TemplateParameter p;
    p.object = f[1] == "true";
    p.name = p.object ? f[0] + "." : f[0];
    p.writable = f[2] == "true";
    p.value = p.object ? "" : f[3];
    p.type = type_of(f[4]);
    if (!p.object && p.type == cwmp::ValueType::kUnsignedInt &&
        (p.name.find("Stats.") != std::string::npos || p.name.find("Total") != std::string::npos ||
         p.name.find("UpTime") != std::string::npos)) {
      t.counters_.push_back(t.parameters_.size());
    }
    t.parameters_.push_back(std::move(p));
  }
  // An Inform carries about ten changed values: pad with other leaves if the tree has fewer
  // counters, drop the rest if it has more.
  for (size_t i = 0; t.counters_.size() < 10 && i < t.parameters_.size(); ++i) {
    if (!t.parameters_[i].object) t.counters_.push_back(i);
  }
  t.counters_.resize(std::min<size_t>(t.counters_.size(), 10));
  return t;
}

std::string TreeTemplate::serial_number(int64_t n) { return serial_of(n); }

std::string TreeTemplate::device_id(int64_t n) { return "202BC1-BM632w-" + serial_of(n); }

store::DeviceRecord TreeTemplate::device(int64_t n, int64_t time_ms) const {
  store::DeviceRecord d;
  d.id = device_id(n);
  d.oui = "202BC1";
  d.product_class = "BM632w";
  d.serial_number = serial_of(n);
  d.manufacturer = "Huawei Technologies Co., Ltd.";
  d.model_name = "BM632w";
  d.software_version = "V100R001IRQC56B017";
  d.hardware_version = "40501";
  d.root = "InternetGatewayDevice.";
  d.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  d.first_seen_ms = time_ms;
  d.last_inform_ms = time_ms;
  d.last_boot_ms = time_ms;
  d.last_address = "10." + std::to_string((n >> 16) & 255) + "." + std::to_string((n >> 8) & 255) +
                   "." + std::to_string(n & 255);
  d.connection_request_url = "http://" + d.last_address + ":7547/";
  d.inform_interval_s = 900;
  // No CPE credentials: the unknown-device policy of the ACS applies, as for a new device.
  d.cr_username = "acs";
  d.cr_password = "cr-" + serial_of(n);
  d.tags = {n % 10 == 0 ? "pilot" : "fleet"};
  d.discovered_ms = time_ms;
  return d;
}

void TreeTemplate::add_device(int64_t n, int64_t time_ms, store::WriteBatch* batch) const {
  batch->add(store::UpsertDevice{device(n, time_ms)});
  const std::string serial = serial_of(n);
  std::vector<cwmp::ParameterValue> values;
  std::vector<std::pair<std::string, bool>> info;
  values.reserve(parameters_.size());
  for (size_t i = 0; i < parameters_.size(); ++i) {
    const TemplateParameter& p = parameters_[i];
    if (p.object || p.writable) info.emplace_back(p.name, p.writable);
    if (p.object) continue;
    std::string value = p.value == template_serial_ ? serial : p.value;
    if (p.type == cwmp::ValueType::kUnsignedInt && !p.writable) {
      value = std::to_string((n * 7919 + static_cast<int64_t>(i) * 104729) % 100000);
    }
    values.push_back(cwmp::ParameterValue{p.name, std::move(value), p.type});
  }
  batch->add(store::PutParameterValues{device_id(n), std::move(values), time_ms});
  batch->add(store::PutParameterInfo{device_id(n), std::move(info), time_ms});
}

void TreeTemplate::add_inform(int64_t n, int64_t time_ms, store::WriteBatch* batch) const {
  store::DeviceRecord d = device(n, time_ms);
  batch->add(store::UpsertDevice{std::move(d)});
  std::vector<cwmp::ParameterValue> values;
  for (size_t i : counters_) {
    const TemplateParameter& p = parameters_[i];
    values.push_back(cwmp::ParameterValue{p.name, std::to_string(time_ms / 1000 % 100000), p.type});
  }
  batch->add(store::PutParameterValues{device_id(n), std::move(values), time_ms});
  batch->add(store::AddEvents{{store::EventRecord{device_id(n), time_ms, "2 PERIODIC", ""}}});
}

}  // namespace hearth::bench
