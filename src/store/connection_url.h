// Turns the URL the program is configured with into what SOCI's backends accept.
#pragma once

#include <string>
#include <string_view>

namespace wangju::store {

bool is_postgres_url(std::string_view url);

// "postgresql://user:secret@host:5432/db?sslmode=require" -> libpq keywords
// "host='host' port='5432' dbname='db' user='user' password='secret' sslmode='require'".
// SOCI 4.0 does not pass URIs through to libpq intact, so they are converted here.
// Throws Error(invalid_input) for a malformed URL.
// Without `with_password`, the password is left out (for programs that read it from PGPASSWORD,
// so that it never shows on a command line).
std::string postgres_conninfo(std::string_view url, bool with_password = true);
// The password the URL holds, or "".
std::string postgres_password(std::string_view url);

// The same URL with another database name, for tools and tests that create databases.
std::string with_database(std::string_view url, std::string_view dbname);

}  // namespace wangju::store
