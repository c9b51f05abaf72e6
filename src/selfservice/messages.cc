// Rendering of the troubleshooting's texts (messages.h).
#include "selfservice/messages.h"

#include <algorithm>

namespace hearth::selfservice {

const MessageTable& message_table(const std::string& lang) {
  if (lang == "de") return messages_de();
  if (lang == "sv") return messages_sv();
  return messages_en();
}

namespace {

const std::string* lookup(const MessageTable& table, const std::string& id) {
  auto it = table.find(id);
  if (it != table.end()) return &it->second;
  const size_t dot = id.rfind('.');
  if (dot != std::string::npos && dot > 0 && id.find('.') != dot) {
    it = table.find(id.substr(0, dot));
    if (it != table.end()) return &it->second;
  }
  if (id.rfind("finding.", 0) == 0) {
    it = table.find("finding.other");
    if (it != table.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace

std::string render(const Message& m, const std::string& lang) {
  const std::string* text = lookup(message_table(lang), m.id);
  if (text == nullptr) return m.id;
  std::string out;
  out.reserve(text->size() + 32);
  for (size_t i = 0; i < text->size(); ++i) {
    const char c = (*text)[i];
    if (c == '{') {
      const size_t end = text->find('}', i);
      if (end != std::string::npos) {
        auto p = m.params.find(text->substr(i + 1, end - i - 1));
        if (p != m.params.end()) out += p->second;
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::string render(const std::vector<Message>& ms, const std::string& lang) {
  std::string out;
  for (const auto& m : ms) {
    std::string s = render(m, lang);
    if (s.empty()) continue;
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::vector<std::string> message_params(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = text.find('{'); i != std::string::npos; i = text.find('{', i + 1)) {
    const size_t end = text.find('}', i);
    if (end == std::string::npos) break;
    out.push_back(text.substr(i + 1, end - i - 1));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace hearth::selfservice
