// Steps that put a MemoryState back as it was before a batch, run newest first.
#pragma once

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace hearth::store::memory {

class UndoLog {
 public:
  void add(std::function<void()> step) { steps_.push_back(std::move(step)); }

  // Remembers (*map)[key] as it is now (or its absence), to be put back on undo. The map must
  // outlive the log; the key is looked up again on undo.
  template <typename Map, typename Key>
  void remember(Map* map, const Key& key) {
    std::optional<typename Map::mapped_type> prior;
    if (auto it = map->find(key); it != map->end()) prior = it->second;
    add([map, key, prior = std::move(prior)]() mutable {
      if (prior) {
        (*map)[key] = std::move(*prior);
      } else {
        map->erase(key);
      }
    });
  }

  template <typename T>
  void remember_value(T* value) {
    add([value, prior = *value]() { *value = prior; });
  }

  void undo() {
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)();
    steps_.clear();
  }

 private:
  std::vector<std::function<void()>> steps_;
};

// Erases every entry of `map` whose value `match` selects, remembering each in `undo`.
template <typename Map, typename Match>
void erase_where(Map* map, Match match, UndoLog* undo) {
  for (auto it = map->begin(); it != map->end();) {
    if (match(it->second)) {
      undo->remember(map, it->first);
      it = map->erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace hearth::store::memory
