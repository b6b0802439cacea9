#pragma once
// Error values for expected failures. Every layer returns Result<T> instead of throwing;
// third-party exceptions are caught in the adapter that calls the library.

#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace gezondin::core {

enum class ErrorCode {
    InvalidInput,     // the caller sent something malformed or out of range
    NotFound,         // the thing asked for does not exist
    Conflict,         // the write clashes with the current state
    Forbidden,        // the caller may not do this
    Unauthenticated,  // the caller must log in first
    TooLarge,         // the input exceeds a configured limit
    Unavailable,      // a store or index cannot be reached right now
    Internal,         // a bug or an unexpected library failure
};

// One problem with one field of an input, e.g. line 12 of an import file, field "date".
struct FieldProblem {
    std::string field;
    std::string reason;   // Dutch, for people
    long line = 0;        // 0 when the input has no lines
};

// An error: a code for programs, a Dutch message for people, and optional field problems.
class [[nodiscard]] Error {
public:
    Error(ErrorCode code, std::string message, std::vector<FieldProblem> problems = {})
        : m_code(code), m_message(std::move(message)), m_problems(std::move(problems)) {}

    static Error invalid_input(std::string message, std::vector<FieldProblem> problems = {});
    static Error not_found(std::string what, std::string key);
    static Error conflict(std::string message);
    static Error forbidden(std::string message);
    static Error unauthenticated(std::string message);
    static Error too_large(std::string message);
    static Error unavailable(std::string message);
    static Error internal(std::string message);

    ErrorCode code() const { return m_code; }
    const std::string& message() const { return m_message; }
    const std::vector<FieldProblem>& problems() const { return m_problems; }

private:
    ErrorCode m_code;
    std::string m_message;
    std::vector<FieldProblem> m_problems;
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

// Short name of an error code, stable for logs and APIs ("not_found").
const char* to_string(ErrorCode code);

}  // namespace gezondin::core
