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

// The visitor's session as a handler sees it: null when anonymous. Reading it in any way marks
// the page as personal (the flag is shared by copies of the Context), so the App knows which
// pages it may serve to logged-in visitors from the shared page cache: those whose handler
// never looked at who is asking.
class SessionRef {
public:
    SessionRef(const services::SessionContext* session = nullptr, bool* read = nullptr) : m_session(session), m_read(read) {}

    const services::SessionContext* get() const {
        if (m_read) *m_read = true;
        return m_session;
    }
    const services::SessionContext* operator->() const { return get(); }
    const services::SessionContext& operator*() const { return *get(); }
    operator const services::SessionContext*() const { return get(); }
    explicit operator bool() const { return get() != nullptr; }

private:
    const services::SessionContext* m_session;
    bool* m_read;
};

struct Context {
    services::Kennisbank& kb;
    const Renderer& renderer;
    const AppConfig& config;
    const Request& request;
    // The logged-in visitor, or null when anonymous. A page whose handler reads it is personal
    // and stays out of the page cache for logged-in visitors (see SessionRef).
    SessionRef session = {};
};

}  // namespace gezondin::web
