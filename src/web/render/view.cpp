#include "web/render/view.h"

namespace gezondin::web {

View& View::set(const std::string& key, View value) {
    m_kind = Kind::Object;
    m_members[key] = std::move(value);
    return *this;
}

View& View::push(View value) {
    m_kind = Kind::List;
    m_items.push_back(std::move(value));
    return m_items.back();
}

}  // namespace gezondin::web
