// The words of the seeded knowledge base (kb_seed_text.cc), kept apart from the code that
// stores them (kb_seed.cc).
#pragma once

#include <vector>

namespace hearth::selfservice {

struct SeedText {
  const char* title;
  const char* body;  // paragraphs separated by a blank line
};

struct SeedArticle {
  const char* id;
  std::vector<const char*> tags;
  std::vector<const char*> symptoms;  // the guided troubleshooting's symptoms it helps with
  SeedText en;
  SeedText de;
  SeedText sv;
};

const std::vector<SeedArticle>& seed_table();

}  // namespace hearth::selfservice
