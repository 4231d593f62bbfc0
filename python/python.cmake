# The Python binding (python/): `import quietpage` for Debian's /usr/bin/python3,
# built into <build>/python (PYTHONPATH=<build>/python). Opt-in:
# -DQUIETPAGE_PYTHON=ON (scripts/build.sh turns it on when pybind11 is installed).
set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python the binding is built for")
set(PYBIND11_FINDPYTHON ON)
find_package(pybind11 CONFIG REQUIRED)
# The module is a shared object: the static libraries it links are built
# position-independent (no semantic interposition: calls inside the core
# stay direct, as in an executable).
set_target_properties(gumbo quietpage_core quietpage_batch PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_compile_options(quietpage_core PRIVATE -fno-semantic-interposition)
target_compile_options(quietpage_batch PRIVATE -fno-semantic-interposition)
pybind11_add_module(quietpage_python MODULE python/_core.cc)
target_link_libraries(quietpage_python PRIVATE quietpage_batch)
set_target_properties(quietpage_python PROPERTIES OUTPUT_NAME _core
  LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/python/quietpage")
foreach(file quietpage/__init__.py quietpage/__init__.pyi quietpage/py.typed quietpage_dask.py)
  configure_file(python/${file} "${CMAKE_BINARY_DIR}/python/${file}" COPYONLY)
endforeach()
