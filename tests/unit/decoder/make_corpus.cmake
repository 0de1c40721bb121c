# Builds the mutation-test corpus: runs wast2json (WAST2JSON) over a few spec test files from
# TESTSUITE and leaves their .wasm modules in OUT. Invoked by ctest as a fixture setup step.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
foreach(name binary binary-leb128 custom data elem exports global imports memory names
             start table utf8-custom-section-id func call_indirect)
  execute_process(COMMAND ${WAST2JSON} ${TESTSUITE}/${name}.wast -o ${OUT}/${name}.json
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "wast2json failed on ${name}.wast")
  endif()
endforeach()
