# session_bench: periodic CWMP sessions per second against hearthd and a trivial reference server
# (both started as child processes). The load generator and the trivial server are Beast/Asio.
if(NOT TARGET hearth_test_support)
  # Tests are off: the process helper is still needed to start the servers.
  add_subdirectory(${PROJECT_SOURCE_DIR}/tests/support ${PROJECT_BINARY_DIR}/tests/support)
endif()

hearth_add_executable(session_bench
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/session_bench.cc ${CMAKE_CURRENT_LIST_DIR}/session_load.cc
          ${CMAKE_CURRENT_LIST_DIR}/telemetry_canned.cc
  DEPS hearth_test_support hearth_cwmp hearth_core hearth_diag_telemetry hearth_sim_model hearth_sim_world
       nlohmann_json::nlohmann_json CLI11::CLI11 Threads::Threads)
target_include_directories(session_bench PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${PROJECT_SOURCE_DIR})
target_link_libraries(session_bench PRIVATE hearth_build_paths)

