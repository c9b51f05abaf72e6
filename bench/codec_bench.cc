// Benchmarks of the CWMP SOAP codec (src/cwmp/codec.h) on realistic messages.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "cwmp/codec.h"
#include "cwmp/datamodel_csv.h"
#include "tests/support/build_paths.h"

namespace hearth::cwmp {
namespace {

std::string read_data(const std::string& name) {
  std::ifstream in(hearth::testing::source_dir() + "/tests/data/cwmp/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  if (s.str().empty()) {
    std::fprintf(stderr, "missing test data %s\n", name.c_str());
    std::abort();
  }
  return s.str();
}

// The Huawei BM632w TR-098 tree: 1006 rows, 796 of them leaves with values.
const std::vector<DataModelEntry>& tr098_tree() {
  static const std::vector<DataModelEntry> tree = [] {
    auto rows = parse_datamodel_csv(read_data("huawei-bm632w-tr098-datamodel.csv"));
    if (!rows.ok()) std::abort();
    return *rows;
  }();
  return tree;
}

std::string tree_gpv_response_xml() {
  GetParameterValuesResponse gpv;
  for (const auto& r : tr098_tree()) {
    if (!r.is_object) gpv.parameters.push_back({r.name, r.value, r.type});
  }
  Envelope env;
  env.header.id = "gpv-1";
  env.body = std::move(gpv);
  return write_envelope(env);
}

std::string tree_gpn_response_xml() {
  GetParameterNamesResponse gpn;
  for (const auto& r : tr098_tree()) gpn.parameters.push_back({r.name, r.writable});
  Envelope env;
  env.header.id = "gpn-1";
  env.body = std::move(gpn);
  return write_envelope(env);
}

void parse_loop(benchmark::State& state, const std::string& xml, size_t items) {
  for (auto _ : state) {
    auto r = parse_envelope(xml);
    if (!r.ok()) state.SkipWithError(r.error().message.c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * xml.size()));
  state.counters["params"] = static_cast<double>(items);
  state.counters["bytes"] = static_cast<double>(xml.size());
}

// A TR-181 Inform with 15 parameters, CWMP 1.4 header (tests/data/cwmp/inform_tr181_cwmp14.xml).
void BM_ParseTr181Inform(benchmark::State& state) {
  parse_loop(state, read_data("inform_tr181_cwmp14.xml"), 15);
}
BENCHMARK(BM_ParseTr181Inform);

void BM_WriteInformResponse(benchmark::State& state) {
  Envelope env;
  env.header.id = "1234";
  env.cwmp_ns = "urn:dslforum-org:cwmp-1-0";
  env.body = InformResponse{1};
  for (auto _ : state) {
    std::string xml = write_envelope(env);
    benchmark::DoNotOptimize(xml);
  }
}
BENCHMARK(BM_WriteInformResponse);

// GenieACS's default GPV batch size is 32 names (tr069.md 3.2).
void BM_WriteGetParameterValues32(benchmark::State& state) {
  GetParameterValues gpv;
  for (const auto& r : tr098_tree()) {
    if (!r.is_object && gpv.parameter_names.size() < 32) gpv.parameter_names.push_back(r.name);
  }
  Envelope env;
  env.header.id = "gpv-32";
  env.body = gpv;
  size_t bytes = 0;
  for (auto _ : state) {
    std::string xml = write_envelope(env);
    bytes = xml.size();
    benchmark::DoNotOptimize(xml);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_WriteGetParameterValues32);

void BM_ParseGetParameterValuesResponseTr098Tree(benchmark::State& state) {
  parse_loop(state, tree_gpv_response_xml(), 796);
}
BENCHMARK(BM_ParseGetParameterValuesResponseTr098Tree);

void BM_ParseGetParameterNamesResponseTr098Tree(benchmark::State& state) {
  parse_loop(state, tree_gpn_response_xml(), 1006);
}
BENCHMARK(BM_ParseGetParameterNamesResponseTr098Tree);

// The simulated CPE's side of the same exchange.
void BM_WriteGetParameterValuesResponseTr098Tree(benchmark::State& state) {
  GetParameterValuesResponse gpv;
  for (const auto& r : tr098_tree()) {
    if (!r.is_object) gpv.parameters.push_back({r.name, r.value, r.type});
  }
  Envelope env;
  env.header.id = "gpv-1";
  env.body = std::move(gpv);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string xml = write_envelope(env);
    bytes = xml.size();
    benchmark::DoNotOptimize(xml);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_WriteGetParameterValuesResponseTr098Tree);

}  // namespace
}  // namespace hearth::cwmp
