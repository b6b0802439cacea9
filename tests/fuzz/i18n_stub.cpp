// The fuzzer is built outside CMake, without the embedded message catalogue: messages are keys.
#include <optional>
#include <string_view>
#include <vector>

namespace gezondin::i18n {
std::optional<std::string_view> embedded_file(std::string_view) { return std::nullopt; }
std::vector<std::string_view> embedded_files() { return {}; }
}  // namespace gezondin::i18n
