#include "storage/soci/sql_builder.h"

namespace gezondin::storage {

SqlBuilder& SqlBuilder::text(std::string_view sql) {
    m_sql += sql;
    return *this;
}

void SqlBuilder::placeholder(Kind kind, std::size_t index) {
    m_sql += ":p" + std::to_string(m_order.size());
    m_order.emplace_back(kind, index);
}

SqlBuilder& SqlBuilder::value(std::string v) {
    m_texts.push_back(std::move(v));
    placeholder(Kind::Text, m_texts.size() - 1);
    return *this;
}

SqlBuilder& SqlBuilder::value(long long v) {
    m_integers.push_back(v);
    placeholder(Kind::Integer, m_integers.size() - 1);
    return *this;
}

SqlBuilder& SqlBuilder::value_list(const std::vector<long long>& values) {
    text("(");
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) text(", ");
        value(values[i]);
    }
    return text(")");
}

SqlBuilder& SqlBuilder::value_list(const std::vector<std::string>& values) {
    text("(");
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) text(", ");
        value(values[i]);
    }
    return text(")");
}

void SqlBuilder::prepare(soci::statement& st) const {
    for (const auto& [kind, index] : m_order) {
        if (kind == Kind::Text)
            st.exchange(soci::use(m_texts[index]));
        else
            st.exchange(soci::use(m_integers[index]));
    }
    st.alloc();
    st.prepare(m_sql);
    st.define_and_bind();
}

}  // namespace gezondin::storage
