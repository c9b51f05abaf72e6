// The walk that renders a data model tree. Render code enters objects and offers leaves; the
// Emitter decides what is wanted, so the same render code serves the whole tree (discovery), a
// branch (GetParameterValues of a partial path) and a single name (the Inform list, one GPV name,
// SetParameterValues validation) without building what is not asked for: a branch that cannot
// contain the target is skipped at its object, and a leaf's value is computed only when wanted.
//
// Usage:
//   if (Scope s{e, "WiFi"}) { ... e.ro("RadioNumberOfEntries", kUnsignedInt, [&] { ... }); }
// Not thread-safe; one Emitter per call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cwmp/value.h"
#include "sim/data_model.h"
#include "sim/model/rules.h"

namespace hearth::sim::model {

class Emitter {
 public:
  // Everything, into `params` and/or `objects` (either may be null).
  static Emitter all(std::vector<Param>* params, std::vector<ObjectInfo>* objects);
  // Under a partial path ("Device.WiFi.") or the one leaf a full name names.
  static Emitter under(std::string_view path, std::vector<Param>* params,
                       std::vector<ObjectInfo>* objects);
  // One leaf, with what a write to it needs (found()).
  static Emitter one(std::string_view name);

  // Enters "<segment>." below the current object; false when nothing wanted lies below (the
  // caller then skips the branch and must not call leave()). `table`: a multi-instance table
  // that accepts AddObject.
  bool enter(std::string_view segment, bool table = false);
  bool enter(uint32_t instance);
  void leave();

  // True once a single-name lookup found its leaf (render code may stop early).
  bool done() const { return found_.has_value(); }
  const std::string& path() const { return path_; }  // current object path, ends with '.'

  bool wants(std::string_view leaf) const;
  void put(std::string_view leaf, std::string value, const LeafMeta& meta);

  // A read-only leaf; `value` is called only when the leaf is wanted.
  template <class F>
  void ro(std::string_view leaf, cwmp::ValueType type, F&& value) {
    if (wants(leaf)) put(leaf, value(), LeafMeta{type, false, {}, {}});
  }
  // A writable leaf with its validation rule and write target.
  template <class F>
  void rw(std::string_view leaf, cwmp::ValueType type, Rule rule, Hook hook, F&& value) {
    if (wants(leaf)) put(leaf, value(), LeafMeta{type, true, rule, hook});
  }

  struct Found {
    Param param;
    LeafMeta meta;
  };
  const std::optional<Found>& found() const { return found_; }

 private:
  enum class Mode : uint8_t { kAll, kUnder, kOne };
  Emitter(Mode mode, std::string_view target, std::vector<Param>* params,
          std::vector<ObjectInfo>* objects);
  // Whether `candidate` (an object path being entered) leads to or lies inside the target.
  bool object_wanted(size_t new_size) const;

  Mode mode_;
  std::string target_;
  bool target_is_object_ = false;
  std::vector<Param>* params_;
  std::vector<ObjectInfo>* objects_;
  std::string path_;
  std::vector<uint16_t> marks_;  // path_ sizes to return to on leave()
  std::optional<Found> found_;
};

// Enters an object for the lifetime of the scope (when wanted).
class Scope {
 public:
  Scope(Emitter& e, std::string_view segment, bool table = false)
      : e_(e), entered_(e.enter(segment, table)) {}
  Scope(Emitter& e, uint32_t instance) : e_(e), entered_(e.enter(instance)) {}
  ~Scope() {
    if (entered_) e_.leave();
  }
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;
  explicit operator bool() const { return entered_; }

 private:
  Emitter& e_;
  bool entered_;
};

}  // namespace hearth::sim::model
