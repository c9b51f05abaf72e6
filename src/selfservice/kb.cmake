# The seeded knowledge base (kb_seed.h).
hearth_add_library(hearth_selfservice_kb
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/kb_seed.cc ${CMAKE_CURRENT_LIST_DIR}/kb_seed_text.cc
  DEPS hearth_store hearth_core nlohmann_json::nlohmann_json)
