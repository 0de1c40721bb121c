# run_snippet.cmake: runs the first ```c or ```python block of a guide, so that the guides'
# programs keep compiling and working (ctests docs.guide-c and docs.guide-python, label docs).
#   cmake -DGUIDE=docs/guide/c.md -DLANG=c -DWORK=<dir> -DLIB=<libwasmc.so.0> \
#         -DCC=<compiler> -DINCLUDE=<include dir> -P run_snippet.cmake
#   cmake -DGUIDE=docs/guide/python.md -DLANG=python -DWORK=<dir> -DLIB=<libwasmc.so.0> \
#         -DPYTHON=<python3> -P run_snippet.cmake
# Fails if the block is missing, does not compile, or the program exits non-zero.
file(READ ${GUIDE} text)
string(FIND "${text}" "```${LANG}\n" start)
if(start EQUAL -1)
  message(FATAL_ERROR "${GUIDE}: no ```${LANG} block")
endif()
string(LENGTH "```${LANG}\n" fence)
math(EXPR start "${start} + ${fence}")
string(SUBSTRING "${text}" ${start} -1 rest)
string(FIND "${rest}" "\n```" end)
math(EXPR end "${end} + 1")
string(SUBSTRING "${rest}" 0 ${end} snippet)
file(MAKE_DIRECTORY ${WORK})

if(LANG STREQUAL "c")
  file(WRITE ${WORK}/snippet.c "${snippet}")
  get_filename_component(libdir ${LIB} DIRECTORY)
  execute_process(COMMAND ${CC} -std=c99 -Wall -Wextra -Werror -I${INCLUDE} ${WORK}/snippet.c
                          ${LIB} -Wl,-rpath,${libdir} -o ${WORK}/snippet
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${GUIDE}: the C program does not compile")
  endif()
  set(run ${WORK}/snippet)
else()
  file(WRITE ${WORK}/snippet.py "${snippet}")
  set(run ${PYTHON} ${WORK}/snippet.py ${LIB})
endif()
execute_process(COMMAND ${run} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${GUIDE}: the program failed (${rc})")
endif()
