#pragma once
// What a handler needs: the services, the renderer, the configuration, the request and the
// visitor's session.

#include "services/kennisbank.h"
#include "web/http/message.h"
#include "web/render/renderer.h"

namespace gezondin::services {
struct SessionContext;
}

namespace gezondin::web {

struct AppConfig;

struct Context {
    services::Kennisbank& kb;
    const Renderer& renderer;
    const AppConfig& config;
    const Request& request;
    // The logged-in visitor, or null when anonymous. A page that reads it is personal: the App
    // keeps pages of logged-in visitors out of the shared page cache.
    const services::SessionContext* session = nullptr;
};

}  // namespace gezondin::web
