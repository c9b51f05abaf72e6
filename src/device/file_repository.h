// The bytes of the files hearthd serves to CPEs (firmware images, configuration files), kept in
// one directory, one regular file per name. Metadata (type, OUI, version, ...) lives in the store
// (store::FileRecord); this class only keeps bytes and says where they are.
//
// Writes are atomic and durable: the bytes go to a temporary file in the same directory, which is
// fsynced and renamed over the name, and the directory is fsynced. A reader never sees a partial
// file. Temporary names start with '.', which valid names cannot, so they never collide.
//
// Thread safety: all methods may be called concurrently; two puts of one name leave one of the two.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace hearth::device {

class FileRepository {
 public:
  static constexpr size_t kMaxNameLength = 128;

  // The directory is created on the first put if it does not exist.
  explicit FileRepository(std::filesystem::path dir);

  // Names are [A-Za-z0-9._-]{1,128}, do not start with '.' and contain no "..": safe as a file
  // name and as a URL path segment. kInvalidArgument with the reason otherwise.
  static Status validate_name(std::string_view name);

  struct Stored {
    uint64_t size = 0;
    std::string sha256;  // lower-case hex
  };
  // Stores (or replaces) the file. kInvalidArgument for a bad name, kInternal on an I/O failure.
  Result<Stored> put(const std::string& name, std::string_view bytes);
  // kNotFound when there is no such file.
  Status remove(const std::string& name);
  bool exists(const std::string& name) const;
  // Where the bytes of `name` are (whether or not the file exists); kInvalidArgument for a bad name.
  Result<std::filesystem::path> path_for(const std::string& name) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace hearth::device
