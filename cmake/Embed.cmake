# gezondin_embed(<target> <namespace> <base_dir> <files...>)
# Compiles the given files into <target> as byte arrays, reachable through
#   std::optional<std::string_view> <namespace>::embedded_file(std::string_view relative_path)
#   std::vector<std::string_view> <namespace>::embedded_files()
# so the binary serves its templates and static files without a data folder beside it.
set(GEZONDIN_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/EmbedScript.cmake")

function(gezondin_embed target ns base_dir)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cpp")
  set(abs_files "")
  foreach(f IN LISTS ARGN)
    list(APPEND abs_files "${base_dir}/${f}")
  endforeach()
  string(REPLACE ";" "|" files_arg "${ARGN}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${ns} -DBASE=${base_dir} "-DFILES=${files_arg}"
            -P "${GEZONDIN_EMBED_SCRIPT}"
    DEPENDS ${abs_files} "${GEZONDIN_EMBED_SCRIPT}"
    COMMENT "Embedding ${target} files"
    VERBATIM)
  add_library(${target} STATIC "${out}")
endfunction()
