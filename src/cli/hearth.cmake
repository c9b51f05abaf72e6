# hearth, the admin command line: it speaks hearthd's HTTP API (net/http_client.h) and nothing
# else, never the store.
hearth_add_executable(hearth
  SOURCES hearth_main.cc hearth_client.cc hearth_diagnosis.cc hearth_incidents.cc hearth_users.cc
  DEPS hearth_net CLI11::CLI11 nlohmann_json::nlohmann_json)
