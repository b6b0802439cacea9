#pragma once
// An SQL text assembled piece by piece with its bound values, for statements whose shape
// depends on the input (optional filters, IN lists). Values are always bound, never pasted.

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

namespace gezondin::storage {

class SqlBuilder {
public:
    SqlBuilder& text(std::string_view sql);
    SqlBuilder& value(std::string v);
    SqlBuilder& value(long long v);
    // "(:p, :p, ...)" with one bound value per element; the caller keeps lists non-empty.
    SqlBuilder& value_list(const std::vector<long long>& values);
    SqlBuilder& value_list(const std::vector<std::string>& values);

    // The statement text with numbered placeholders.
    const std::string& sql() const { return m_sql; }

    // Binds the values to `st` (whose into() elements are already exchanged) and prepares it.
    // The builder must outlive the statement's execution: values are bound by reference.
    void prepare(soci::statement& st) const;

private:
    enum class Kind { Text, Integer };
    void placeholder(Kind kind, std::size_t index);

    std::string m_sql;
    std::deque<std::string> m_texts;   // deques: bound by reference, so addresses must not move
    std::deque<long long> m_integers;
    std::vector<std::pair<Kind, std::size_t>> m_order;
};

}  // namespace gezondin::storage
