#include "storage/soci/soci_database.h"

#include <algorithm>
#include <filesystem>

#include "core/messages.h"
#include "storage/soci/connection.h"
#include "storage/soci/migrator.h"

namespace gezondin::storage {

namespace {

core::Status create_parent_directory(const std::string& path) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return {};
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) return core::fail(core::Error::unavailable(core::msg("storage.create_directory", {parent.string()})));
    return {};
}

}  // namespace

core::Result<std::unique_ptr<Database>> open_database(const std::string& url, int pool_size) {
    auto spec = parse_database_url(url);
    if (!spec) return core::fail(spec.error());
    return SociDatabase::open(*spec, pool_size);
}

core::Result<std::unique_ptr<Database>> SociDatabase::open(const ConnectionSpec& spec, int pool_size) {
    if (pool_size < 1) return core::fail(core::Error::invalid_input(std::string(core::msg("storage.pool_size"))));
    if (spec.engine == Engine::Sqlite) {
        if (auto made = create_parent_directory(spec.target); !made) return core::fail(made.error());
    }
    auto db = std::make_unique<SociDatabase>(spec.engine, static_cast<std::size_t>(pool_size));
    try {
        for (int i = 0; i < pool_size; ++i) open_connection(db->m_pool.at(static_cast<std::size_t>(i)), spec);
    } catch (...) {
        auto error = current_exception_to_error();
        // Opening is about reaching the database; report every failure here as Unavailable.
        return core::fail(core::Error::unavailable(error.message()));
    }
    return std::unique_ptr<Database>(std::move(db));
}


core::Status SociDatabase::migrate() {
    auto migrations = embedded_migrations();
    if (!migrations) return core::fail(migrations.error());
    return run([&](soci::session& sql) { return apply_migrations(sql, m_engine, *migrations); });
}

core::Status SociDatabase::ping() {
    return run([](soci::session& sql) -> core::Status {
        int one = 0;
        sql << "SELECT 1", soci::into(one);
        return {};
    });
}

core::Result<long> SociDatabase::upsert_municipalities(const std::vector<domain::Municipality>& list) {
    return run([&](soci::session& sql) -> core::Result<long> {
        long changed = 0;
        soci::transaction tx(sql);
        for (const auto& m : list) {
            soci::statement st =
                (sql.prepare << "INSERT INTO municipalities (code, name, province_code, province_name) "
                                "VALUES (:c, :n, :pc, :pn) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                                "province_code = excluded.province_code, province_name = excluded.province_name "
                                "WHERE municipalities.name <> excluded.name "
                                "OR municipalities.province_code <> excluded.province_code "
                                "OR municipalities.province_name <> excluded.province_name",
                 soci::use(m.code), soci::use(m.name), soci::use(m.province_code), soci::use(m.province_name));
            st.execute(true);
            changed += static_cast<long>(st.get_affected_rows());
        }
        tx.commit();
        return changed;
    });
}

core::Result<domain::Municipality> SociDatabase::municipality(const std::string& code) {
    return run([&](soci::session& sql) -> core::Result<domain::Municipality> {
        domain::Municipality m;
        sql << "SELECT code, name, province_code, province_name FROM municipalities WHERE code = :c",
            soci::into(m.code), soci::into(m.name), soci::into(m.province_code), soci::into(m.province_name),
            soci::use(code);
        if (!sql.got_data()) return core::fail(core::Error::not_found(std::string(core::msg("storage.municipality")), code));
        return m;
    });
}

core::Result<std::vector<domain::Municipality>> SociDatabase::municipalities() {
    return run([&](soci::session& sql) -> core::Result<std::vector<domain::Municipality>> {
        std::vector<domain::Municipality> out;
        domain::Municipality m;
        soci::statement st = (sql.prepare << "SELECT code, name, province_code, province_name FROM municipalities",
                              soci::into(m.code), soci::into(m.name), soci::into(m.province_code),
                              soci::into(m.province_name));
        st.execute();
        while (st.fetch()) out.push_back(m);
        // Sorted here, byte-wise, so both engines give the same order whatever their collation.
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return std::tie(a.name, a.code) < std::tie(b.name, b.code); });
        return out;
    });
}

}  // namespace gezondin::storage
