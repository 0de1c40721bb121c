# install.cmake: what `cmake --install` puts under the prefix, and the package metadata.
#   include/wasmc.h
#   lib/libwasmc.so{,.0,.x.y.z}, lib/libwasmc.a (MIR's objects included)
#   lib/cmake/wasmc/wasmc{Config,ConfigVersion,Targets}.cmake  find_package(wasmc):
#       wasmc::wasmc (shared) and wasmc::wasmc_static
#   lib/pkgconfig/wasmc.pc
# Tested by tests/install (label "install").
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(wasmc_shared PROPERTIES EXPORT_NAME wasmc)
set_target_properties(wasmc_static PROPERTIES EXPORT_NAME wasmc_static)
install(TARGETS wasmc_shared wasmc_static EXPORT wasmcTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/wasmc.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(WASMC_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/wasmc)
install(EXPORT wasmcTargets NAMESPACE wasmc:: DESTINATION ${WASMC_CMAKE_INSTALL_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/wasmcConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/wasmcConfig.cmake
                              INSTALL_DESTINATION ${WASMC_CMAKE_INSTALL_DIR})
# The SONAME carries only the major version: any 0.x library serves a 0.y request with y <= x.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/wasmcConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/wasmcConfig.cmake ${PROJECT_BINARY_DIR}/wasmcConfigVersion.cmake
        DESTINATION ${WASMC_CMAKE_INSTALL_DIR})

# wasmc.pc finds the prefix from its own location (${pcfiledir}), so the installed tree can be
# moved, and `cmake --install --prefix` (which changes the prefix after configuring) is honoured.
set(pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(WASMC_PC_PREFIX ${CMAKE_INSTALL_PREFIX})
else()
  file(RELATIVE_PATH up /root/${pc_dir} /root)
  string(REGEX REPLACE "/$" "" up "${up}")
  set(WASMC_PC_PREFIX "\${pcfiledir}/${up}")
endif()
foreach(d LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${d}}")
    set(WASMC_PC_${d} ${CMAKE_INSTALL_${d}})
  else()
    set(WASMC_PC_${d} "\${prefix}/${CMAKE_INSTALL_${d}}")
  endif()
endforeach()
# libwasmc.a holds C++ objects built against libstdc++; C programs linking it need it named.
set(WASMC_PC_CXX_LIB -lstdc++)
if(CMAKE_CXX_FLAGS MATCHES "-stdlib=libc\\+\\+")
  set(WASMC_PC_CXX_LIB -lc++)
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/wasmc.pc.in ${PROJECT_BINARY_DIR}/wasmc.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/wasmc.pc DESTINATION ${pc_dir})
