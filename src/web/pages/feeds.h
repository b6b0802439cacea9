#pragma once
// Machine-readable pages: the Atom feed of new items, sitemap.xml and robots.txt.

#include "web/context.h"
#include "web/http/message.h"

namespace gezondin::web {

Response atom_feed(const Context& ctx);
Response sitemap(const Context& ctx);
Response robots_txt(const Context& ctx);

}  // namespace gezondin::web
