# MIR 1.0.0 comes from the Rust registry crate `mir-sys` (pinned in the bridge crate's Cargo.lock).
# cargo builds it in release mode into a static library; MIR's headers are read from the crate's
# unpacked source, found with `cargo metadata`. No MIR source is kept in this tree.
set(WASMC_MIR_BRIDGE ${CMAKE_CURRENT_SOURCE_DIR}/src/mir_backend/mir-sys-bridge)
find_program(CARGO cargo HINTS $ENV{HOME}/.cargo/bin $ENV{CARGO_HOME}/bin REQUIRED)
set(WASMC_CARGO_TARGET_DIR ${CMAKE_BINARY_DIR}/cargo)

execute_process(
  COMMAND ${CARGO} metadata --format-version 1 --locked --manifest-path ${WASMC_MIR_BRIDGE}/Cargo.toml
  OUTPUT_VARIABLE _meta RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "cargo metadata failed (is the Rust registry reachable?):\n${_err}")
endif()
string(JSON _npk LENGTH "${_meta}" packages)
math(EXPR _last "${_npk} - 1")
set(MIR_SYS_DIR "")
foreach(i RANGE ${_last})
  string(JSON _name GET "${_meta}" packages ${i} name)
  if(_name STREQUAL "mir-sys")
    string(JSON _manifest GET "${_meta}" packages ${i} manifest_path)
    get_filename_component(MIR_SYS_DIR ${_manifest} DIRECTORY)
  endif()
endforeach()
if(NOT EXISTS "${MIR_SYS_DIR}/mir/mir.h")
  message(FATAL_ERROR "mir-sys sources not found (got '${MIR_SYS_DIR}')")
endif()
set(MIR_INCLUDE_DIR ${MIR_SYS_DIR}/mir)
message(STATUS "MIR headers: ${MIR_INCLUDE_DIR}")

set(WASMC_MIR_LIB ${WASMC_CARGO_TARGET_DIR}/release/libwasmc_mir_bridge.a)
add_custom_command(
  OUTPUT ${WASMC_MIR_LIB}
  COMMAND ${CARGO} build --release --locked --quiet --manifest-path ${WASMC_MIR_BRIDGE}/Cargo.toml
          --target-dir ${WASMC_CARGO_TARGET_DIR}
  DEPENDS ${WASMC_MIR_BRIDGE}/Cargo.toml ${WASMC_MIR_BRIDGE}/Cargo.lock ${WASMC_MIR_BRIDGE}/src/lib.rs
  COMMENT "Building MIR (mir-sys 0.2.0) with cargo"
  VERBATIM)
add_custom_target(wasmc_mir_build DEPENDS ${WASMC_MIR_LIB})

add_library(wasmc_mir INTERFACE)
add_dependencies(wasmc_mir wasmc_mir_build)
# MIR's headers are third-party: include them as system headers so our warning flags skip them.
target_include_directories(wasmc_mir SYSTEM INTERFACE ${MIR_INCLUDE_DIR})
target_link_libraries(wasmc_mir INTERFACE ${WASMC_MIR_LIB} ${CMAKE_DL_LIBS} m Threads::Threads)
