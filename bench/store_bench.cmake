# Store benchmarks (store_bench) and the store generator (store_generate), sharing a realistic
# device tree template.
hearth_add_library(hearth_store_bench_support
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_template.cc
  DEPS hearth_store hearth_core)
target_link_libraries(hearth_store_bench_support PRIVATE hearth_build_paths)

hearth_add_executable(store_bench
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_bench.cc
  DEPS hearth_store_bench_support benchmark::benchmark_main)
target_include_directories(store_bench PRIVATE ${CMAKE_CURRENT_LIST_DIR})

hearth_add_executable(store_generate
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_generate.cc
  DEPS hearth_store_bench_support)
target_include_directories(store_generate PRIVATE ${CMAKE_CURRENT_LIST_DIR})

# Keeps the generator working: a small fleet into the memory store and into SQLite.
if(HEARTH_BUILD_TESTS)
  add_test(NAME store_generate_smoke_memory COMMAND store_generate --store memory: --devices 25)
  add_test(NAME store_generate_smoke_sqlite
           COMMAND store_generate --store sqlite:${CMAKE_CURRENT_BINARY_DIR}/store_generate_smoke.db
                   --devices 25 --per-batch 4)
endif()
