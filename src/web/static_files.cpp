#include "web/static_files.h"

#include <optional>
#include <string>

namespace gezondin::static_assets {
std::optional<std::string_view> embedded_file(std::string_view path);
}

namespace gezondin::web {

namespace {
std::string content_type(std::string_view name) {
    auto ends = [&](std::string_view ext) { return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext; };
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".json")) return "application/json";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".png")) return "image/png";
    return "application/octet-stream";
}
}  // namespace

std::optional<Response> static_file(std::string_view name) {
    auto data = static_assets::embedded_file(name);
    if (!data) return std::nullopt;
    auto r = Response::text(std::string(*data), content_type(name));
    r.set_header("Cache-Control", "public, max-age=3600");
    return r;
}

}  // namespace gezondin::web
