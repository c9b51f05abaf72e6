# sim_bench: hearth-sim's memory per simulated home and CPU per session (one JSON line).
if(TARGET hearth_sim_engine)
  hearth_add_executable(sim_bench SOURCES ${CMAKE_CURRENT_LIST_DIR}/sim_bench.cc
    DEPS hearth_sim_engine hearth_net hearth_cwmp hearth_core CLI11::CLI11 fmt::fmt)
endif()
