// Writes a fresh self-signed certificate and key (EC P-256, valid for 127.0.0.1, ::1 and
// localhost) as PEM files, so TLS tests need no checked-in secrets.
#pragma once

#include <string>

namespace hearth::net::testing {

struct TestCertificate {
  std::string certificate_file;
  std::string private_key_file;
};

// Returns false if OpenSSL fails. The files go into `dir`, which must exist.
bool write_self_signed_certificate(const std::string& dir, TestCertificate* out);

}  // namespace hearth::net::testing
