# outage_bench: one regional-outage detector pass over 1,000,000 homes and 20,000 access nodes,
# against a plain loop over the homes measured in the same run.
hearth_add_executable(outage_bench SOURCES ${CMAKE_CURRENT_LIST_DIR}/outage_bench.cc
  DEPS hearth_outage CLI11::CLI11)
