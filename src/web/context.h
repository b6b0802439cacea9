#pragma once
// What a handler needs: the services, the renderer, the configuration and the request.

#include "services/kennisbank.h"
#include "web/http/message.h"
#include "web/render/renderer.h"

namespace gezondin::web {

struct AppConfig;

struct Context {
    services::Kennisbank& kb;
    const Renderer& renderer;
    const AppConfig& config;
    const Request& request;
};

}  // namespace gezondin::web
