#pragma once
// A small tree of values handed to templates: text, flag, list or object. Keeps the template
// library out of every page handler.

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gezondin::web {

class View {
public:
    enum class Kind { Empty, Text, Flag, List, Object };

    View() = default;
    View(std::string text) : m_kind(Kind::Text), m_text(std::move(text)) {}   // NOLINT: implicit on purpose
    View(const char* text) : View(std::string(text)) {}                        // NOLINT
    View(bool flag) : m_kind(Kind::Flag), m_flag(flag) {}                       // NOLINT
    View(long number) : View(std::to_string(number)) {}                         // NOLINT
    View(int number) : View(std::to_string(number)) {}                          // NOLINT

    static View object() { View v; v.m_kind = Kind::Object; return v; }
    static View list() { View v; v.m_kind = Kind::List; return v; }

    // Object: sets a member (turns an empty view into an object). Returns *this for chaining.
    View& set(const std::string& key, View value);
    // List: appends (turns an empty view into a list) and returns the new element.
    View& push(View value);

    Kind kind() const { return m_kind; }
    const std::string& text() const { return m_text; }
    bool flag() const { return m_flag; }
    const std::vector<View>& items() const { return m_items; }
    const std::map<std::string, View>& members() const { return m_members; }
    bool empty_list() const { return m_kind == Kind::List && m_items.empty(); }

private:
    Kind m_kind = Kind::Empty;
    std::string m_text;
    bool m_flag = false;
    std::vector<View> m_items;
    std::map<std::string, View> m_members;
};

}  // namespace gezondin::web
