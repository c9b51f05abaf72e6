#include "device/file_repository.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/crypto.h"

namespace hearth::device {

namespace {

Error io_error(const std::string& what, int err) {
  return make_error(ErrorCode::kInternal, what + ": " + std::strerror(err));
}

Status write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("write", errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return ok_status();
}

Status fsync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("open " + dir.string(), errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return io_error("fsync " + dir.string(), err);
  return ok_status();
}

}  // namespace

FileRepository::FileRepository(std::filesystem::path dir) : dir_(std::move(dir)) { crypto::init(); }

Status FileRepository::validate_name(std::string_view name) {
  if (name.empty()) return make_error(ErrorCode::kInvalidArgument, "file name must not be empty");
  if (name.size() > kMaxNameLength) {
    return make_error(ErrorCode::kInvalidArgument,
                      "file name longer than " + std::to_string(kMaxNameLength) + " characters");
  }
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return make_error(ErrorCode::kInvalidArgument, "file name may only hold A-Z a-z 0-9 . _ -");
  }
  if (name.front() == '.') return make_error(ErrorCode::kInvalidArgument, "file name must not start with '.'");
  if (name.find("..") != std::string_view::npos) {
    return make_error(ErrorCode::kInvalidArgument, "file name must not contain \"..\"");
  }
  return ok_status();
}

Result<FileRepository::Stored> FileRepository::put(const std::string& name, std::string_view bytes) {
  if (Status s = validate_name(name); !s) return s.error();
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return make_error(ErrorCode::kInternal, "create " + dir_.string() + ": " + ec.message());

  const std::filesystem::path tmp = dir_ / ("." + name + "." + crypto::random_hex(8) + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("create " + tmp.string(), errno);
  Status written = write_all(fd, bytes);
  if (written && ::fsync(fd) != 0) written = io_error("fsync " + tmp.string(), errno);
  if (::close(fd) != 0 && written) written = io_error("close " + tmp.string(), errno);
  if (!written) {
    ::unlink(tmp.c_str());
    return written.error();
  }
  const std::filesystem::path target = dir_ / name;
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return io_error("rename to " + target.string(), err);
  }
  if (Status s = fsync_dir(dir_); !s) return s.error();
  return Stored{bytes.size(), crypto::sha256_hex(bytes)};
}

Status FileRepository::remove(const std::string& name) {
  if (Status s = validate_name(name); !s) return s;
  const std::filesystem::path target = dir_ / name;
  if (::unlink(target.c_str()) != 0) {
    if (errno == ENOENT) return make_error(ErrorCode::kNotFound, "no file named " + name);
    return io_error("remove " + target.string(), errno);
  }
  return fsync_dir(dir_);
}

bool FileRepository::exists(const std::string& name) const {
  if (!validate_name(name)) return false;
  std::error_code ec;
  return std::filesystem::is_regular_file(dir_ / name, ec);
}

Result<std::filesystem::path> FileRepository::path_for(const std::string& name) const {
  if (Status s = validate_name(name); !s) return s.error();
  return dir_ / name;
}

}  // namespace hearth::device
