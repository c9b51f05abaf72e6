// The knowledge base a new installation starts with: short, plain articles in English, German
// and Swedish that the portal's search and guided troubleshooting link to (ids such as
// "restart-router", "wifi-channel", "area-disturbance"). Operators change them afterwards through
// the API (/api/v1/kb); the seed is written only into an empty knowledge base, so their changes
// and deletions are never undone by a restart.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "store/records.h"
#include "store/store.h"

namespace hearth::selfservice {

// The seeded articles, stored form ({"tags","symptoms","text":{"en","de","sv"}}), sorted by id,
// each updated at `now_ms`.
std::vector<store::KbArticleRecord> seed_articles(int64_t now_ms);

// Writes seed_articles() when the store holds no article, and waits for the commit. Nothing
// happens when there is at least one. Returns the number of articles written.
Result<size_t> seed_knowledge_base(store::Store& store, int64_t now_ms);

}  // namespace hearth::selfservice
