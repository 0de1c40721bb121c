# run_guide.cmake: builds and runs the first ```go block of docs/guide/go.md as a module of its
# own that requires wasmc.dev/go/wasmc through a replace directive (as the guide tells users to).
#   cmake -DGUIDE=docs/guide/go.md -DPACKAGE=bindings/go -DWORK=<dir> -DGO=<go> -P run_guide.cmake
# The go tool's environment (CGO_LDFLAGS, GOCACHE, ...) comes from the caller.
file(READ ${GUIDE} text)
string(FIND "${text}" "```go\n" start)
if(start EQUAL -1)
  message(FATAL_ERROR "${GUIDE}: no ```go block")
endif()
math(EXPR start "${start} + 6")
string(SUBSTRING "${text}" ${start} -1 rest)
string(FIND "${rest}" "\n```" end)
math(EXPR end "${end} + 1")
string(SUBSTRING "${rest}" 0 ${end} snippet)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/main.go "${snippet}")
file(WRITE ${WORK}/go.mod "module guide\n\ngo 1.24\n\nrequire wasmc.dev/go/wasmc v0.0.0\n\n"
                          "replace wasmc.dev/go/wasmc => ${PACKAGE}\n")
execute_process(COMMAND ${GO} vet . WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${GUIDE}: go vet of the program failed")
endif()
execute_process(COMMAND ${GO} run . WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc
                OUTPUT_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${GUIDE}: the program failed (${rc})")
endif()
if(NOT out MATCHES "add\\(40, 2\\) = 42" OR NOT out MATCHES "guest says: Hello from Wasm!")
  message(FATAL_ERROR "${GUIDE}: unexpected output")
endif()
