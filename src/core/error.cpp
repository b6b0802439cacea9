#include "core/error.h"

namespace gezondin::core {

Error Error::invalid_input(std::string message, std::vector<FieldProblem> problems) {
    return Error(ErrorCode::InvalidInput, std::move(message), std::move(problems));
}

Error Error::not_found(std::string what, std::string key) {
    return Error(ErrorCode::NotFound, what + " '" + key + "' bestaat niet.");
}

Error Error::conflict(std::string message) { return Error(ErrorCode::Conflict, std::move(message)); }
Error Error::forbidden(std::string message) { return Error(ErrorCode::Forbidden, std::move(message)); }
Error Error::unauthenticated(std::string message) {
    return Error(ErrorCode::Unauthenticated, std::move(message));
}
Error Error::too_large(std::string message) { return Error(ErrorCode::TooLarge, std::move(message)); }
Error Error::unavailable(std::string message) { return Error(ErrorCode::Unavailable, std::move(message)); }
Error Error::internal(std::string message) { return Error(ErrorCode::Internal, std::move(message)); }

const char* to_string(ErrorCode code) {
    switch (code) {
    case ErrorCode::InvalidInput: return "invalid_input";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::Unauthenticated: return "unauthenticated";
    case ErrorCode::TooLarge: return "too_large";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

}  // namespace gezondin::core
