#pragma once
// HTTP request and response as plain values, so that handlers, pages and tests never see the
// HTTP library (RESTinio lives only in server.cpp).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gezondin::web {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;          // "GET", "POST", ...
    std::string target;          // raw request target: path and query
    std::string path;            // percent-decoded path, without query
    Params query;                // decoded query parameters in order
    Params headers;              // names lower-cased
    std::string body;
    std::string remote_address;
    bool bad_encoding = false;   // the path or query had a broken %-escape

    // The first header with this lower-case name, or "" when absent.
    std::string_view header(std::string_view name) const;
    // The first query parameter with this name, or "" when absent.
    std::string_view param(std::string_view name) const;
    // True when the client asked for JSON (Accept: application/json) or the path is under /api/.
    bool wants_json() const;
};

struct Response {
    int status = 200;
    Params headers;
    std::string body;

    Response& set_header(std::string name, std::string value);
    std::string_view header(std::string_view name) const;

    static Response html(std::string body, int status = 200);
    static Response json(std::string body, int status = 200);
    static Response text(std::string body, std::string content_type = "text/plain; charset=utf-8", int status = 200);
    static Response redirect(std::string location, int status = 303);
};

}  // namespace gezondin::web
