// The tree walk's filter (emitter.h): which objects to enter and which leaves to build.
#include "sim/model/emitter.h"

#include <algorithm>
#include <charconv>

namespace hearth::sim::model {

Emitter::Emitter(Mode mode, std::string_view target, std::vector<Param>* params,
                 std::vector<ObjectInfo>* objects)
    : mode_(mode), target_(target), params_(params), objects_(objects) {
  target_is_object_ = !target_.empty() && target_.back() == '.';
  path_.reserve(128);
  marks_.reserve(12);
}

Emitter Emitter::all(std::vector<Param>* params, std::vector<ObjectInfo>* objects) {
  return Emitter(Mode::kAll, {}, params, objects);
}

Emitter Emitter::under(std::string_view path, std::vector<Param>* params,
                       std::vector<ObjectInfo>* objects) {
  if (path.empty()) return all(params, objects);
  return Emitter(Mode::kUnder, path, params, objects);
}

Emitter Emitter::one(std::string_view name) { return Emitter(Mode::kOne, name, nullptr, nullptr); }

bool Emitter::object_wanted(size_t new_size) const {
  // path_ already holds the candidate object path (new_size characters).
  if (mode_ == Mode::kAll) return true;
  if (mode_ == Mode::kOne && found_) return false;
  const size_t n = std::min(new_size, target_.size());
  if (path_.compare(0, n, target_, 0, n) != 0) return false;
  // The candidate is on the way to the target, or (for a partial path) inside it.
  if (new_size <= target_.size()) return true;
  return mode_ == Mode::kUnder && target_is_object_;
}

bool Emitter::enter(std::string_view segment, bool table) {
  const size_t old = path_.size();
  path_.append(segment);
  path_.push_back('.');
  if (!object_wanted(path_.size())) {
    path_.resize(old);
    return false;
  }
  marks_.push_back(static_cast<uint16_t>(old));
  if (objects_ != nullptr) {
    const bool record = mode_ == Mode::kAll ||
                        (target_is_object_ && path_.size() >= target_.size());
    if (record) objects_->push_back(ObjectInfo{path_, table});
  }
  return true;
}

bool Emitter::enter(uint32_t instance) {
  char buf[12];
  auto res = std::to_chars(buf, buf + sizeof buf, instance);
  return enter(std::string_view(buf, static_cast<size_t>(res.ptr - buf)));
}

void Emitter::leave() {
  path_.resize(marks_.back());
  marks_.pop_back();
}

bool Emitter::wants(std::string_view leaf) const {
  if (params_ == nullptr && mode_ != Mode::kOne) return false;  // collecting objects only
  switch (mode_) {
    case Mode::kAll:
      return true;
    case Mode::kUnder:
      if (target_is_object_) return path_.size() >= target_.size();
      [[fallthrough]];
    case Mode::kOne:
      return !found_ && path_.size() + leaf.size() == target_.size() &&
             target_.compare(path_.size(), leaf.size(), leaf) == 0;
  }
  return false;
}

void Emitter::put(std::string_view leaf, std::string value, const LeafMeta& meta) {
  std::string name;
  name.reserve(path_.size() + leaf.size());
  name.append(path_).append(leaf);
  if (mode_ == Mode::kOne || (mode_ == Mode::kUnder && !target_is_object_)) {
    found_ = Found{Param{std::move(name), std::move(value), meta.type, meta.writable}, meta};
    if (params_ != nullptr) params_->push_back(found_->param);
    return;
  }
  if (params_ != nullptr) {
    params_->push_back(Param{std::move(name), std::move(value), meta.type, meta.writable});
  }
}

}  // namespace hearth::sim::model
