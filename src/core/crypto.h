// Secrets: random tokens, password hashing (argon2id), digests for HTTP authentication and
// HMAC. The one place that talks to libsodium and OpenSSL's hash functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hearth::crypto {

// Must be called once before any other function here (thread-safe, idempotent).
void init();

// A random token of `bytes` random bytes, URL-safe base64 without padding.
std::string random_token(size_t bytes = 32);
// Lower-case hex of `bytes` random bytes.
std::string random_hex(size_t bytes);

// argon2id in the libsodium string form ($argon2id$v=19$...). Interactive limits.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

std::string md5_hex(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
std::string hmac_sha1_hex(std::string_view key, std::string_view data);

// Constant-time comparison of two strings (lengths may differ; that leaks only the length).
bool equal_constant_time(std::string_view a, std::string_view b);

std::string base64_encode(std::string_view data);
// Returns false on malformed input.
bool base64_decode(std::string_view text, std::string* out);

}  // namespace hearth::crypto
