# run_spec.cmake: one spec ctest. Converts WAST (relative to SUITE) with wast2json into OUT_DIR,
# then runs the spec driver on the JSON. Run as
#   cmake -DWAST2JSON=... -DDRIVER=... -DSUITE=... -DWAST=... -DOUT_DIR=... -DBOUNDS=guard|explicit
#         -DSTATUS=.../spec.status -DLABEL=group/name [-DEXTRA=--fuel] -P run_spec.cmake
foreach(var WAST2JSON DRIVER SUITE WAST OUT_DIR BOUNDS STATUS LABEL)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_spec.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT WAST2JSON)
  message(FATAL_ERROR "wast2json not found at configure time: install wabt and re-run cmake")
endif()

get_filename_component(stem ${WAST} NAME_WLE)
set(json ${OUT_DIR}/${stem}.json)
file(MAKE_DIRECTORY ${OUT_DIR})
# Run from the suite folder so that the JSON's source_filename is the path relative to it,
# which is how spec.status names files.
execute_process(COMMAND ${WAST2JSON} ${WAST} -o ${json}
                WORKING_DIRECTORY ${SUITE} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wast2json ${WAST} failed (${rc})")
endif()
execute_process(COMMAND ${DRIVER} --bounds=${BOUNDS} ${EXTRA} --status ${STATUS} --label ${LABEL} ${json}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wasmc-spec-driver: ${rc}")
endif()
