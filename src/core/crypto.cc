#include "core/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sodium.h>

#include <pthread.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace hearth::crypto {

namespace {

std::string to_hex(const unsigned char* data, size_t len) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (size_t i = 0; i < len; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 15];
  }
  return out;
}

std::string digest_hex(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, md, nullptr);
  return to_hex(out, len);
}

std::string hmac_hex(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return to_hex(out, len);
}

// Random bytes from a per-thread buffer filled 4 KiB at a time by OpenSSL's DRBG (a CSPRNG in
// user space, seeded and reseeded from the kernel): a session cookie then costs no system call
// and no lock. Bytes handed out are wiped from the buffer; a forked child starts empty, so that
// parent and child never hand out the same bytes.
constexpr size_t kPool = 4096;
struct RandomPool {
  unsigned char bytes[kPool];
  size_t used = kPool;
  ~RandomPool() { sodium_memzero(bytes, sizeof bytes); }
};
thread_local RandomPool random_pool;

void fill_random(unsigned char* buf, size_t len) {
  static const bool fork_handler = [] {
    // The child has one thread, the one that forked: its pool is the only one left.
    pthread_atfork(nullptr, nullptr, [] { random_pool.used = kPool; });
    return true;
  }();
  (void)fork_handler;
  if (len > kPool / 4) {
    if (RAND_bytes(buf, static_cast<int>(len)) != 1) randombytes_buf(buf, len);
    return;
  }
  RandomPool& pool = random_pool;
  if (kPool - pool.used < len) {
    if (RAND_bytes(pool.bytes, static_cast<int>(kPool)) != 1) randombytes_buf(pool.bytes, kPool);
    pool.used = 0;
  }
  std::memcpy(buf, pool.bytes + pool.used, len);
  sodium_memzero(pool.bytes + pool.used, len);
  pool.used += len;
}

}  // namespace

void init() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

std::string random_token(size_t bytes) {
  init();
  std::vector<unsigned char> buf(bytes);
  fill_random(buf.data(), buf.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string random_hex(size_t bytes) {
  init();
  std::vector<unsigned char> buf(bytes);
  fill_random(buf.data(), buf.size());
  return to_hex(buf.data(), buf.size());
}

// argon2id with the OWASP password-storage parameters (19 MiB, 2 passes, 1 lane): about 40 ms
// per hash here, so that importing thousands of subscribers or a burst of portal logins stays
// affordable. The parameters are stored in each hash; older, costlier hashes still verify.
constexpr unsigned long long kPasswordOps = 2;
constexpr size_t kPasswordMemory = 19u << 20;

std::string hash_password(std::string_view password) {
  init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOps, kPasswordMemory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  init();
  std::string h(encoded_hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string md5_hex(std::string_view data) { return digest_hex(EVP_md5(), data); }
std::string sha256_hex(std::string_view data) { return digest_hex(EVP_sha256(), data); }
std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  return hmac_hex(EVP_sha256(), key, data);
}
std::string hmac_sha1_hex(std::string_view key, std::string_view data) {
  return hmac_hex(EVP_sha1(), key, data);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string base64_encode(std::string_view data) {
  init();
  std::string out(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

bool base64_decode(std::string_view text, std::string* out) {
  init();
  std::string buf(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(buf.data()), buf.size(), text.data(),
                        text.size(), " \t\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  buf.resize(len);
  *out = std::move(buf);
  return true;
}

}  // namespace hearth::crypto
