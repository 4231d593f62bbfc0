# quietpage-batch (tools/batch/): the core over web archives and folders of
# pages, natively, on every core. zlib reads gzip; iconv is glibc's.
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
add_library(quietpage_batch STATIC tools/batch/charset.cc tools/batch/warc.cc tools/batch/pages.cc)
target_include_directories(quietpage_batch PUBLIC tools/batch)
target_link_libraries(quietpage_batch PUBLIC quietpage_core ZLIB::ZLIB)
target_compile_options(quietpage_batch PRIVATE -Wall -Wextra -Wshadow -Wno-unused-parameter)
add_executable(quietpage-batch tools/batch/main.cc)
target_link_libraries(quietpage-batch PRIVATE quietpage_batch Threads::Threads)
target_compile_options(quietpage-batch PRIVATE -Wall -Wextra -Wshadow -Wno-unused-parameter)
