# Third-party dependencies, all from Debian packages (see scripts/install-deps.sh).
# Targets that ship no CMake config are wrapped here as imported targets.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

# RESTinio's config does not look for fmt itself; its version file is ExactVersion.
find_package(fmt REQUIRED)
find_package(restinio REQUIRED)
find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)
find_library(HTTP_PARSER_LIBRARY http_parser REQUIRED)
find_package(Boost 1.74 REQUIRED)

find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
foreach(_c core sqlite3 postgresql)
  find_library(SOCI_${_c}_LIBRARY NAMES soci_${_c} REQUIRED)
  add_library(SOCI::${_c} UNKNOWN IMPORTED)
  set_target_properties(SOCI::${_c} PROPERTIES IMPORTED_LOCATION "${SOCI_${_c}_LIBRARY}"
                                                INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}")
endforeach()
target_link_libraries(SOCI::core INTERFACE Boost::headers ${CMAKE_DL_LIBS})
target_link_libraries(SOCI::sqlite3 INTERFACE SOCI::core SQLite::SQLite3)
target_link_libraries(SOCI::postgresql INTERFACE SOCI::core PostgreSQL::PostgreSQL)

pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core>=1.4)
pkg_check_modules(HUNSPELL REQUIRED IMPORTED_TARGET hunspell)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(MAGIC REQUIRED IMPORTED_TARGET libmagic)              # attachment types by content
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)      # text of PDF attachments
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)   # test client only

find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
add_library(kainjow::mustache INTERFACE IMPORTED)
set_target_properties(kainjow::mustache PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${MUSTACHE_INCLUDE_DIR}")

find_path(TL_EXPECTED_INCLUDE_DIR tl/expected.hpp REQUIRED)
add_library(tl::expected INTERFACE IMPORTED)
set_target_properties(tl::expected PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${TL_EXPECTED_INCLUDE_DIR}")

find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(FastFloat REQUIRED)

find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
