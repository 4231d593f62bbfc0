# Fixes to gumbo 0.10.1's parser, applied to a copy of its sources in the
# build tree (the sources themselves come from the pinned npm devDependency
# gumbo-parser and never enter the repository). Each fix replaces one exact
# piece of text and stops the configuration when that text is not found, so
# a different gumbo version cannot be patched by accident.
#
#   gumbo_fixed_sources(<from dir> <to dir> <out var: the .c files>)

function(gumbo_fix_replace var old new why)
  string(FIND "${${var}}" "${old}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "gumbo fix not applicable (${why}): the expected source text is missing")
  endif()
  string(REPLACE "${old}" "${new}" fixed "${${var}}")
  set(${var} "${fixed}" PARENT_SCOPE)
endfunction()

function(gumbo_fixed_sources from to out)
  file(GLOB headers "${from}/*.h" "${from}/*.rl")
  file(GLOB sources "${from}/*.c")
  file(MAKE_DIRECTORY "${to}")
  foreach(f IN LISTS headers sources)
    get_filename_component(name "${f}" NAME)
    file(READ "${f}" text)
    if(name STREQUAL "parser.c")
      # Resetting the insertion mode reads each open element's tag without
      # its namespace: an <svg> or <math> element named td, tr, select...
      # set the mode of the HTML one, and closing that "cell" popped the
      # whole stack and read through a null node (UBSan; a crash natively,
      # reads at address 0 in wasm). Foreign elements set no mode (HTML
      # spec, "reset the insertion mode appropriately": HTML elements only).
      gumbo_fix_replace(text
        "  assert(node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE);\n  switch (node->v.element.tag) {"
        "  assert(node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE);\n  if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)\n    return is_last ? GUMBO_INSERTION_MODE_IN_BODY : GUMBO_INSERTION_MODE_INITIAL;\n  switch (node->v.element.tag) {"
        "foreign elements in the insertion mode reset")
      # A copy of a formatting element (reconstructed, or made by the
      # adoption agency) kept the original's start position, so it looked
      # open on the stack of open elements from the original's start tag on,
      # long before it was made: the guard's check of its depth estimate
      # (GuardCheck::too_shallow, from source positions) counted such copies
      # where they did not exist yet and kept tags dropped where gumbo nested
      # less deep than the limit. A copy starts at the token that made it.
      # (Nothing else reads an element's start position.)
      gumbo_fix_replace(text
        "  new_node->parse_flags |= reason | GUMBO_INSERTION_BY_PARSER;\n  GumboElement* element = &new_node->v.element;\n"
        "  new_node->parse_flags |= reason | GUMBO_INSERTION_BY_PARSER;\n  GumboElement* element = &new_node->v.element;\n  if (parser->_parser_state->_current_token)\n    element->start_pos = parser->_parser_state->_current_token->position;\n"
        "copies of formatting elements start where they are made")
    endif()
    # Rewritten only when changed, so builds stay incremental.
    set(target "${to}/${name}")
    set(old_text "")
    if(EXISTS "${target}")
      file(READ "${target}" old_text)
    endif()
    if(NOT old_text STREQUAL text)
      file(WRITE "${target}" "${text}")
    endif()
  endforeach()
  file(GLOB fixed "${to}/*.c")
  set(${out} "${fixed}" PARENT_SCOPE)
  # Configure again when the originals change.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${headers} ${sources})
endfunction()
