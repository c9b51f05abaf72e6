# CWMP SOAP codec benchmarks: the ACS parses one Inform per session and aims at tens of
# thousands of sessions per second. Machine-readable output: --benchmark_format=json.
add_executable(codec_bench ${CMAKE_CURRENT_LIST_DIR}/codec_bench.cc)
target_link_libraries(codec_bench PRIVATE hearth_cwmp benchmark::benchmark_main)
target_link_libraries(codec_bench PRIVATE hearth_build_paths)
hearth_target_settings(codec_bench)
