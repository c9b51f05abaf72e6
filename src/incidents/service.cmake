# The regional disturbance service (included by CMakeLists.txt once service.cc exists).
hearth_add_library(hearth_incidents
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/service.cc ${CMAKE_CURRENT_SOURCE_DIR}/service_desk.cc
  DEPS hearth_core hearth_store hearth_outage hearth_acs_control hearth_incident_webhooks hearth_net
       nlohmann_json::nlohmann_json spdlog::spdlog)
if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/service_test.cc)
  hearth_add_test(incidents_test SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/service_test.cc DEPS hearth_incidents)
endif()
