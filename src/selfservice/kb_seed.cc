#include "selfservice/kb_seed.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "selfservice/kb_seed_text.h"

namespace hearth::selfservice {

namespace {

nlohmann::json text_json(const SeedText& t) {
  return {{"title", t.title}, {"body", t.body}};
}

}  // namespace

std::vector<store::KbArticleRecord> seed_articles(int64_t now_ms) {
  std::vector<store::KbArticleRecord> out;
  for (const SeedArticle& a : seed_table()) {
    nlohmann::json tags = nlohmann::json::array();
    for (const char* t : a.tags) tags.push_back(t);
    nlohmann::json symptoms = nlohmann::json::array();
    for (const char* s : a.symptoms) symptoms.push_back(s);
    const nlohmann::json j = {{"tags", std::move(tags)},
                              {"symptoms", std::move(symptoms)},
                              {"text", {{"en", text_json(a.en)}, {"de", text_json(a.de)}, {"sv", text_json(a.sv)}}}};
    out.push_back(store::KbArticleRecord{a.id, now_ms, j.dump()});
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  return out;
}

Result<size_t> seed_knowledge_base(store::Store& store, int64_t now_ms) {
  auto existing = store.list_kb_articles();
  if (!existing) return existing.error();
  if (!existing->empty()) return size_t{0};
  std::vector<store::KbArticleRecord> articles = seed_articles(now_ms);
  store::WriteBatch batch;
  for (const store::KbArticleRecord& a : articles) batch.add(store::PutKbArticle{a});
  if (Status st = store.write_sync(std::move(batch)); !st) return st.error();
  return articles.size();
}

}  // namespace hearth::selfservice
