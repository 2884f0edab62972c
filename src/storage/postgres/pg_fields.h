#pragma once
// Reading libpqxx fields the same way in every PostgreSQL repository.
#include <pqxx/pqxx>

#include <string>

namespace boussole::storage::postgres {

//! The text of a nullable column, "" for NULL.
inline std::string TextOrEmpty(const pqxx::field& field) { return field.is_null() ? "" : field.as<std::string>(); }

}  // namespace boussole::storage::postgres
