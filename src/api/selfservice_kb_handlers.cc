// The knowledge base: customers search and read it in their language
// (GET /api/v1/selfservice/kb, /kb/{id}); operators list, read, write and delete it
// (GET /api/v1/kb, GET/PUT/DELETE /api/v1/kb/{id}, admin for changes). And the operator's
// figures of guided troubleshooting (GET /api/v1/selfservice-stats).
//
// Articles are stored as {"tags":[..],"symptoms":[..],"text":{"en":{"title","body"},"de":..,"sv":..}}
// (store::KbArticleRecord); English is required, the other languages fall back to it.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "api/body_fields.h"
#include "api/errors.h"
#include "api/handler_support.h"
#include "api/portal_support.h"
#include "api/request_params.h"
#include "api/selfservice_handlers.h"
#include "api/views.h"
#include "core/clock.h"
#include "core/strings.h"

namespace hearth::api {

namespace {

using nlohmann::json;

constexpr size_t kMaxArticleId = 64;
constexpr size_t kMaxTags = 20;
constexpr size_t kMaxTag = 40;
constexpr size_t kMaxTitle = 200;
constexpr size_t kMaxBody = 20'000;
constexpr size_t kMaxSummary = 160;
constexpr size_t kMaxQuery = 200;
constexpr int64_t kDefaultStatsSpanMs = 30 * 24 * 3600'000LL;
constexpr size_t kStatsPage = 1000;

// ---- reading articles ----

struct Text {
  std::string title;
  std::string body;
};

struct Article {
  std::string id;
  int64_t updated_ms = 0;
  std::vector<std::string> tags;
  std::vector<std::string> symptoms;
  std::map<std::string, Text> text;  // by language
};

std::vector<std::string> strings_of(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.is_object() || !j.contains(key) || !j[key].is_array()) return out;
  for (const json& s : j[key]) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

// A stored article; nullopt when its JSON is unusable (no English text).
std::optional<Article> read_article(const store::KbArticleRecord& r) {
  const json j = embedded_json(r.json);
  Article a;
  a.id = r.id;
  a.updated_ms = r.updated_ms;
  a.tags = strings_of(j, "tags");
  a.symptoms = strings_of(j, "symptoms");
  if (j.is_object() && j.contains("text") && j["text"].is_object()) {
    for (const auto& [lang, t] : j["text"].items()) {
      if (!t.is_object()) continue;
      Text text{t.value("title", ""), t.value("body", "")};
      if (!text.title.empty()) a.text[lang] = std::move(text);
    }
  }
  if (!a.text.count("en")) return std::nullopt;
  return a;
}

const Text& text_in(const Article& a, const std::string& lang) {
  auto it = a.text.find(lang);
  return it != a.text.end() ? it->second : a.text.at("en");
}

// The first paragraph, cut at a word near kMaxSummary bytes.
std::string summary_of(const std::string& body) {
  std::string first = body.substr(0, body.find("\n\n"));
  std::replace(first.begin(), first.end(), '\n', ' ');
  if (first.size() <= kMaxSummary) return first;
  size_t cut = first.rfind(' ', kMaxSummary);
  if (cut == std::string::npos || cut < kMaxSummary / 2) {
    cut = kMaxSummary;
    while (cut > 0 && (static_cast<unsigned char>(first[cut]) & 0xc0) == 0x80) --cut;  // whole characters
  }
  return first.substr(0, cut) + "…";
}

// Lower case for ASCII and the upper-case letters of Latin-1 (Ä, Ö, Ü, Å, É, ...) in UTF-8.
std::string fold(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xc3 && i + 1 < out.size()) {
      const auto n = static_cast<unsigned char>(out[i + 1]);
      if (n >= 0x80 && n <= 0x9e && n != 0x97) out[i + 1] = static_cast<char>(n + 0x20);
      ++i;
    }
  }
  return out;
}

// The words of a query: split at spaces and punctuation (UTF-8 letters stay whole), folded.
std::vector<std::string> terms_of(std::string_view q) {
  std::vector<std::string> out;
  std::string cur;
  const auto flush = [&] {
    if (!cur.empty() && std::find(out.begin(), out.end(), cur) == out.end()) out.push_back(cur);
    cur.clear();
  };
  for (char ch : fold(q)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      cur += ch;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

struct Scored {
  const Article* article = nullptr;
  size_t matched = 0;  // terms found anywhere
  int score = 0;
};

// Per term: in the title 4, a tag or symptom 3 (a part of one 2), the body 1. Articles that match
// more terms rank first, then by score, then by id.
Scored score(const Article& a, const std::vector<std::string>& terms, const std::string& lang) {
  const Text& t = text_in(a, lang);
  const std::string title = fold(t.title);
  const std::string body = fold(t.body);
  std::vector<std::string> labels;
  for (const auto* list : {&a.tags, &a.symptoms}) {
    for (const std::string& s : *list) labels.push_back(fold(s));
  }
  Scored s{&a, 0, 0};
  for (const std::string& term : terms) {
    int best = 0;
    if (title.find(term) != std::string::npos) best += 4;
    int label = 0;
    for (const std::string& l : labels) {
      if (l == term) label = std::max(label, 3);
      else if (l.find(term) != std::string::npos) label = std::max(label, 2);
    }
    best += label;
    if (body.find(term) != std::string::npos) best += 1;
    if (best > 0) ++s.matched;
    s.score += best;
  }
  return s;
}

Result<std::vector<Article>> all_articles(const ApiDeps& deps) {
  auto records = deps.store.list_kb_articles();
  if (!records) return records.error();
  std::vector<Article> out;
  for (const store::KbArticleRecord& r : *records) {
    if (auto a = read_article(r)) out.push_back(std::move(*a));
  }
  return out;
}

void search_kb(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  const std::string q = call->query("q").value_or("");
  if (q.size() > kMaxQuery) return call->fail(invalid_field("q", "at most 200 characters"));
  const std::string lang = request_lang(*call);
  Result<std::vector<Article>> articles = all_articles(deps);
  if (!articles) return call->fail(articles.error());
  const std::vector<std::string> terms = terms_of(q);
  std::vector<Scored> hits;
  for (const Article& a : *articles) {
    Scored s = score(a, terms, lang);
    if (terms.empty() || s.matched > 0) hits.push_back(s);
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Scored& a, const Scored& b) {
    if (a.matched != b.matched) return a.matched > b.matched;
    return a.score > b.score;  // stable: ties stay in id order
  });
  json list = json::array();
  for (const Scored& s : hits) {
    const Text& t = text_in(*s.article, lang);
    list.push_back({{"id", s.article->id}, {"title", t.title}, {"summary", summary_of(t.body)},
                    {"tags", s.article->tags}});
  }
  call->reply(200, {{"articles", std::move(list)}});
}

Result<Article> load_article(const ApiDeps& deps, const std::string& id) {
  auto r = deps.store.get_kb_article(id);
  if (!r) return r.error();
  std::optional<Article> a = r->has_value() ? read_article(**r) : std::nullopt;
  if (!a) return make_error(ErrorCode::kNotFound, "no article '" + id + "'");
  return std::move(*a);
}

void get_kb_article(const ApiDeps& deps, const CallPtr& call) {
  Result<store::HomeRecord> home = customer_home(deps, *call);
  if (!home) return call->fail(home.error());
  Result<Article> a = load_article(deps, call->param("id"));
  if (!a) return call->fail(a.error());
  const Text& t = text_in(*a, request_lang(*call));
  call->reply(200, {{"id", a->id}, {"title", t.title}, {"body", t.body}, {"tags", a->tags},
                    {"updatedAt", time_json(a->updated_ms)}});
}

// ---- operators ----

json operator_json(const Article& a) {
  json text = json::object();
  for (const auto& [lang, t] : a.text) text[lang] = {{"title", t.title}, {"body", t.body}};
  return {{"id", a.id}, {"tags", a.tags}, {"symptoms", a.symptoms}, {"text", std::move(text)},
          {"updatedAt", time_json(a.updated_ms)}};
}

void list_kb_operator(const ApiDeps& deps, const CallPtr& call) {
  Result<std::vector<Article>> articles = all_articles(deps);
  if (!articles) return call->fail(articles.error());
  json list = json::array();
  for (const Article& a : *articles) list.push_back(operator_json(a));
  call->reply(200, {{"articles", std::move(list)}});
}

void get_kb_operator(const ApiDeps& deps, const CallPtr& call) {
  Result<Article> a = load_article(deps, call->param("id"));
  if (!a) return call->fail(a.error());
  call->reply(200, operator_json(*a));
}

// An article id: 1 to 64 of a-z, 0-9 and '-' ("restart-router").
Status check_article_id(const std::string& id) {
  const bool ok = !id.empty() && id.size() <= kMaxArticleId &&
                  std::all_of(id.begin(), id.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                  });
  if (!ok) return invalid_field("id", "1 to 64 characters of a-z, 0-9 and '-'");
  return ok_status();
}

Result<std::vector<std::string>> labels_field(const json& body, const char* name) {
  std::vector<std::string> out;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return invalid_field(name, "must be an array of strings");
  if (it->size() > kMaxTags) return invalid_field(name, "at most 20 entries");
  for (const json& s : *it) {
    if (!s.is_string() || s.get<std::string>().empty() || s.get<std::string>().size() > kMaxTag)
      return invalid_field(name, "entries must be strings of 1 to 40 characters");
    for (unsigned char c : s.get<std::string>()) {
      if (c < 0x20 || c == 0x7f) return invalid_field(name, "an entry holds a control character");
    }
    if (std::find(out.begin(), out.end(), s.get<std::string>()) == out.end()) out.push_back(s.get<std::string>());
  }
  return out;
}

// The body of PUT /api/v1/kb/{id}; the stored JSON it becomes.
Result<json> parse_article(const json& body) {
  if (Status st = only_fields(body, {"tags", "symptoms", "text"}); !st) return st.error();
  Result<std::vector<std::string>> tags = labels_field(body, "tags");
  if (!tags) return tags.error();
  Result<std::vector<std::string>> symptoms = labels_field(body, "symptoms");
  if (!symptoms) return symptoms.error();
  auto text = body.find("text");
  if (text == body.end() || !text->is_object()) {
    return invalid_field("text", "required: {\"en\": {\"title\", \"body\"}, \"de\": ..., \"sv\": ...}");
  }
  json out_text = json::object();
  for (const auto& [lang, t] : text->items()) {
    const std::string field = "text." + lang;
    if (lang != "en" && lang != "de" && lang != "sv") return invalid_field(field, "languages are en, de and sv");
    if (!t.is_object()) return invalid_field(field, "must be {\"title\", \"body\"}");
    if (Status st = only_fields(t, {"title", "body"}); !st) {
      return invalid_field(field, st.error().message);
    }
    Result<std::optional<std::string>> title = text_field(t, "title", kMaxTitle, true);
    if (!title) return invalid_field(field, title.error().message);
    Result<std::optional<std::string>> b = text_field(t, "body", kMaxBody, true, Lines::kMany);
    if (!b) return invalid_field(field, b.error().message);
    out_text[lang] = {{"title", **title}, {"body", **b}};
  }
  if (!out_text.contains("en")) return invalid_field("text.en", "required");
  return json{{"tags", *tags}, {"symptoms", *symptoms}, {"text", std::move(out_text)}};
}

void put_kb_operator(const ApiDeps& deps, const CallPtr& call) {
  const std::string& id = call->param("id");
  if (Status st = check_article_id(id); !st) return call->fail(st.error());
  Result<json> body = parse_json_object(call->request().body, deps.max_json_body);
  if (!body) return call->fail(body.error());
  Result<json> stored = parse_article(*body);
  if (!stored) return call->fail(stored.error());
  store::KbArticleRecord r{id, now_ms(deps), stored->dump()};
  store::WriteBatch batch;
  batch.add(store::PutKbArticle{r});
  write_then(deps, std::move(batch), call, [call, r] {
    call->reply(200, operator_json(*read_article(r)));
  });
}

void delete_kb_operator(const ApiDeps& deps, const CallPtr& call) {
  const std::string& id = call->param("id");
  auto found = deps.store.get_kb_article(id);
  if (!found) return call->fail(found.error());
  if (!found->has_value()) return call->fail(make_error(ErrorCode::kNotFound, "no article '" + id + "'"));
  store::WriteBatch batch;
  batch.add(store::DeleteKbArticle{id});
  write_then(deps, std::move(batch), call, [call] { call->respond(ApiResponse{204, "", "", {}}); });
}

// ---- figures ----

double two_places(double v) {
  return std::round(v * 100) / 100;
}

constexpr int64_t kDayMs = 24 * 3600'000LL;
constexpr uint64_t kMaxStatsDays = 366;

// One UTC day of the daily series.
struct DayFigures {
  uint64_t runs = 0, resolved = 0, tickets = 0, ratings = 0;
  int64_t rating_sum = 0;
};

std::string day_name(int64_t day_ms) {
  return format_iso8601(from_unix_ms(day_ms)).substr(0, 10);
}

int64_t day_start(int64_t ms) {
  return ms - (((ms % kDayMs) + kDayMs) % kDayMs);
}

// Tickets opened in [from_ms, to_ms) by the cause the diagnosis gave when they were opened
// ("none" when it gave none), most first. The store lists tickets newest first: read pages until
// they are older than the window.
Result<json> tickets_by_cause(const ApiDeps& deps, int64_t from_ms, int64_t to_ms) {
  std::map<std::string, uint64_t> by_cause;
  store::TicketQuery q;
  q.limit = kStatsPage;
  for (bool older = false; !older; q.offset += kStatsPage) {
    auto page = deps.store.list_tickets(q);
    if (!page) return page.error();
    for (const store::TicketRecord& t : *page) {
      if (t.created_ms < from_ms) {
        older = true;
        break;
      }
      if (t.created_ms < to_ms) ++by_cause[t.cause_code.empty() ? "none" : t.cause_code];
    }
    if (page->size() < kStatsPage) break;
  }
  std::vector<std::pair<std::string, uint64_t>> sorted(by_cause.begin(), by_cause.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  json out = json::array();
  for (const auto& [code, n] : sorted) out.push_back({{"code", code}, {"tickets", n}});
  return out;
}

// ?days=N (1 to 366) is the N days up to `to`; it overrides from. Without either, 30 days.
void get_stats(const ApiDeps& deps, const CallPtr& call) {
  Result<std::optional<int64_t>> from = query_time(*call, "from");
  if (!from) return call->fail(from.error());
  Result<std::optional<int64_t>> to = query_time(*call, "to");
  if (!to) return call->fail(to.error());
  Result<std::optional<uint64_t>> days = query_uint(*call, "days", kMaxStatsDays);
  if (!days) return call->fail(days.error());
  if (*days && **days == 0) return call->fail(invalid_field("days", "1 to 366"));
  const int64_t to_ms = to->value_or(now_ms(deps));
  const int64_t from_ms = *days ? to_ms - static_cast<int64_t>(**days) * kDayMs
                                : from->value_or(to_ms - kDefaultStatsSpanMs);
  if (from_ms > to_ms) return call->fail(invalid_field("from", "after to"));
  if (to_ms - from_ms > static_cast<int64_t>(kMaxStatsDays) * kDayMs) {
    return call->fail(invalid_field("from", "at most 366 days before to"));
  }

  uint64_t runs = 0, resolved = 0, resolved_alone = 0, tickets = 0, ratings = 0;
  int64_t rating_sum = 0;
  std::map<std::string, uint64_t> by_symptom;
  std::map<int64_t, DayFigures> daily;  // UTC day start -> figures
  for (int64_t d = day_start(from_ms); d < to_ms; d += kDayMs) daily[d];
  store::TroubleshootQuery q;
  q.from_ms = from_ms;
  q.to_ms = to_ms;
  q.limit = kStatsPage;
  for (;; q.offset += kStatsPage) {
    auto page = deps.store.list_troubleshoots(q);
    if (!page) return call->fail(page.error());
    for (const store::TroubleshootRecord& r : *page) {
      DayFigures& day = daily[day_start(r.created_ms)];
      ++runs;
      ++day.runs;
      ++by_symptom[r.symptom];
      const bool ticket = r.ticket_id != 0 || r.state == "ticket";
      if (ticket) {
        ++tickets;
        ++day.tickets;
      }
      if (r.state == "resolved") {
        ++resolved;
        ++day.resolved;
        if (!ticket) ++resolved_alone;
      }
      if (r.rating >= 1 && r.rating <= 5) {
        ++ratings;
        rating_sum += r.rating;
        ++day.ratings;
        day.rating_sum += r.rating;
      }
    }
    if (page->size() < kStatsPage) break;
  }
  Result<json> causes = tickets_by_cause(deps, from_ms, to_ms);
  if (!causes) return call->fail(causes.error());
  json symptoms = json::object();
  for (const auto& [s, n] : by_symptom) symptoms[s] = n;
  json series = json::array();
  for (const auto& [d, f] : daily) {
    series.push_back({{"day", day_name(d)},
                      {"runs", f.runs},
                      {"resolved", f.resolved},
                      {"tickets", f.tickets},
                      {"avgRating", f.ratings ? json(two_places(static_cast<double>(f.rating_sum) /
                                                                static_cast<double>(f.ratings)))
                                              : json(nullptr)}});
  }
  call->reply(200, {{"from", time_json(from_ms)},
                    {"to", time_json(to_ms)},
                    {"days", (to_ms - from_ms + kDayMs - 1) / kDayMs},
                    {"runs", runs},
                    {"resolved", resolved},
                    {"resolvedWithoutTicket", resolved_alone},
                    {"shareResolvedWithoutTicket",
                     runs ? json(two_places(static_cast<double>(resolved_alone) / static_cast<double>(runs)))
                          : json(nullptr)},
                    {"tickets", tickets},
                    {"ticketsAvoided", resolved_alone},
                    {"ratingCount", ratings},
                    {"ratingAverage",
                     ratings ? json(two_places(static_cast<double>(rating_sum) / static_cast<double>(ratings)))
                             : json(nullptr)},
                    {"bySymptom", std::move(symptoms)},
                    {"daily", std::move(series)},
                    {"ticketsByCause", std::move(*causes)}});
}

}  // namespace

void add_selfservice_kb_routes(Router& router, const ApiDeps& deps) {
  const ApiDeps* d = &deps;
  router.add("GET", "/api/v1/selfservice/kb", [d](CallPtr c) { search_kb(*d, c); }, Access::kCustomer);
  router.add("GET", "/api/v1/selfservice/kb/{id}", [d](CallPtr c) { get_kb_article(*d, c); }, Access::kCustomer);
  router.add("GET", "/api/v1/kb", [d](CallPtr c) { list_kb_operator(*d, c); });
  router.add("GET", "/api/v1/kb/{id}", [d](CallPtr c) { get_kb_operator(*d, c); });
  router.add("PUT", "/api/v1/kb/{id}", [d](CallPtr c) { put_kb_operator(*d, c); });
  router.add("DELETE", "/api/v1/kb/{id}", [d](CallPtr c) { delete_kb_operator(*d, c); });
  router.add("GET", "/api/v1/selfservice-stats", [d](CallPtr c) { get_stats(*d, c); });
}

}  // namespace hearth::api
