# hearth-sim: the simulated fleet (src/sim/), one thread.
hearth_add_executable(hearth-sim SOURCES ${CMAKE_CURRENT_LIST_DIR}/hearth_sim_main.cc
  DEPS hearth_sim_engine hearth_net hearth_log hearth_core CLI11::CLI11 fmt::fmt spdlog::spdlog)
