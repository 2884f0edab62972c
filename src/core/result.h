#pragma once
// Result<T>: the value of an operation that can fail in an expected way (bad input, not
// found, conflict). Exceptions are kept for bugs and resource failures.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace boussole {

//! An expected failure: a stable machine code and a French message for people.
struct Error {
  std::string code;     //!< e.g. "not_found", "invalid_input", "conflict"
  std::string message;  //!< French, shown to users as is
  std::string field;    //!< the input field at fault, when there is one
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { assert(ok()); return std::get<T>(state_); }
  T& value() & { assert(ok()); return std::get<T>(state_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(state_)); }
  const Error& error() const { assert(!ok()); return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

//! Result of an operation that yields nothing but may fail.
struct Unit {};
using Status = Result<Unit>;
inline Status Ok() { return Unit{}; }

inline Error NotFound(std::string message) { return {"not_found", std::move(message), {}}; }
inline Error InvalidInput(std::string message, std::string field = {}) {
  return {"invalid_input", std::move(message), std::move(field)};
}

}  // namespace boussole
