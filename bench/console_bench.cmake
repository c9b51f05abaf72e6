# The console benchmarks' store generator: a fleet of homes with a week of history, written
# straight through store::Store (console_fleet.h); bench/console_bench.mjs times the pages on it.
if(TARGET hearth_store_bench_support AND TARGET hearth_insight)
  hearth_add_executable(console_generate
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/console_generate.cc ${CMAKE_CURRENT_LIST_DIR}/console_fleet.cc
    DEPS hearth_store_bench_support hearth_insight hearth_diag_rules hearth_store hearth_core)
  target_include_directories(console_generate PRIVATE ${CMAKE_CURRENT_LIST_DIR})
  if(HEARTH_BUILD_TESTS)
    add_test(NAME console_generate_smoke
             COMMAND console_generate --store sqlite:${CMAKE_CURRENT_BINARY_DIR}/console_generate_smoke.db
                     --homes 30 --per-batch 7 --days 2 --raw-hours 6)
  endif()
endif()
