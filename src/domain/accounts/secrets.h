#pragma once
// Password hashing and random tokens (libsodium): Argon2id for passwords, 256-bit random
// tokens for sessions and links, SHA-256 to store tokens without storing them.
#include <string>
#include <string_view>

namespace boussole::accounts {

//! libsodium's encoded Argon2id hash of `password` (salt and costs inside the string).
//! Throws std::runtime_error when memory runs out.
std::string HashPassword(std::string_view password);
//! Whether `password` matches an encoded hash. Constant time with respect to the password.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);
//! A hash of a made-up password, to spend the same time on unknown accounts as on known
//! ones (no account enumeration by timing).
const std::string& DecoyPasswordHash();

//! 32 random bytes as URL-safe base64 without padding (43 characters).
std::string RandomToken();
//! Lower-case hex SHA-256 of a token: what the store keeps.
std::string TokenHash(std::string_view token);
//! Constant-time comparison of two texts.
bool SameSecret(std::string_view a, std::string_view b);

}  // namespace boussole::accounts
