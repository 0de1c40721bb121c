# extract_mir_objects.cmake: copies MIR's C objects out of the cargo-built bridge archive so that
# libwasmc.a can carry them (the static library is then self-contained apart from libffi and
# system libraries). Only the named C objects are taken: the rest of the archive is the Rust
# runtime (std, compiler_builtins, ...), which MIR's C code never references.
# Run as a script: cmake -DAR=<ar> -DARCHIVE=<bridge .a> -DOUT_DIR=<dir> -DNAMES=mir,mir-gen -P ...
# Writes <OUT_DIR>/<name>.o for each name, and fails if a name matches no member or several.
foreach(var AR ARCHIVE OUT_DIR NAMES)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "extract_mir_objects.cmake: -D${var}=... is required")
  endif()
endforeach()
string(REPLACE "," ";" names "${NAMES}")
get_filename_component(ARCHIVE "${ARCHIVE}" ABSOLUTE)

execute_process(COMMAND ${AR} t ${ARCHIVE} OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "extract_mir_objects.cmake: '${AR} t ${ARCHIVE}' failed (${rc})")
endif()
string(REPLACE "\n" ";" members "${listing}")

set(tmp ${OUT_DIR}/extract.tmp)
file(REMOVE_RECURSE ${tmp})
file(MAKE_DIRECTORY ${tmp})
foreach(name ${names})
  # The cc crate names objects "<hash>-<source stem>.o".
  set(matches "")
  foreach(m ${members})
    if(m MATCHES "^([0-9a-f]+-)?${name}\\.o$")
      list(APPEND matches ${m})
    endif()
  endforeach()
  list(LENGTH matches n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "extract_mir_objects.cmake: expected one member '<hash>-${name}.o' in "
                        "${ARCHIVE}, found ${n} (${matches}); did the mir-sys crate change?")
  endif()
  execute_process(COMMAND ${AR} x ${ARCHIVE} ${matches} WORKING_DIRECTORY ${tmp}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "extract_mir_objects.cmake: extracting ${matches} failed (${rc})")
  endif()
  file(RENAME ${tmp}/${matches} ${OUT_DIR}/${name}.o)
  # A fresh time stamp, so the build tool sees the output as newer than the archive.
  file(TOUCH ${OUT_DIR}/${name}.o)
endforeach()
file(REMOVE_RECURSE ${tmp})
