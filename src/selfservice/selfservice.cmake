# Guided troubleshooting: the pure flow (flow*.cc) with its texts in en/de/sv (messages*.cc), the
# run documents (run_doc.cc) and the Troubleshooter that runs it against the live home.
hearth_add_library(hearth_selfservice
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/flow.cc ${CMAKE_CURRENT_SOURCE_DIR}/flow_support.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/flow_wifi.cc ${CMAKE_CURRENT_SOURCE_DIR}/messages.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/messages_en.cc ${CMAKE_CURRENT_SOURCE_DIR}/messages_de.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/messages_sv.cc ${CMAKE_CURRENT_SOURCE_DIR}/run_doc.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/troubleshooter.cc ${CMAKE_CURRENT_SOURCE_DIR}/troubleshooter_fixes.cc
  DEPS hearth_core hearth_store hearth_outage hearth_acs_control hearth_diag_rules hearth_diag_optimiser
       hearth_insight nlohmann_json::nlohmann_json spdlog::spdlog)
# The pure parts; the Troubleshooter itself is tested through the API (api/selfservice_troubleshoot_test.cc).
hearth_add_test(selfservice_test
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/flow_test.cc ${CMAKE_CURRENT_SOURCE_DIR}/flow_verify_test.cc
          ${CMAKE_CURRENT_SOURCE_DIR}/messages_test.cc
  DEPS hearth_selfservice)
