# Turns a text file into a C++ source defining one function that returns it:
#   cmake -DINPUT=file -DOUTPUT=file.cc -DNAMESPACE=ns -DFUNCTION=name -P embed_text.cmake
# The text is cut into raw-string pieces of at most 16 KiB (compilers need only accept string
# literals of 64 KiB) and joined once at run time.
file(READ "${INPUT}" content)
set(delimiter "hearth_embed")
string(FIND "${content}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
string(LENGTH "${content}" length)
set(pieces "")
set(offset 0)
while(offset LESS length)
  string(SUBSTRING "${content}" ${offset} 16384 piece)
  string(APPEND pieces "      R\"${delimiter}(${piece})${delimiter}\",\n")
  math(EXPR offset "${offset} + 16384")
endwhile()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} at build time. Do not edit.\n"
  "#include <string>\n"
  "#include <string_view>\n\n"
  "namespace ${NAMESPACE} {\n\n"
  "std::string_view ${FUNCTION}() {\n"
  "  static const std::string text = [] {\n"
  "    static constexpr const char* kPieces[] = {\n"
  "${pieces}"
  "      nullptr};\n"
  "    std::string joined;\n"
  "    for (const char* const* p = kPieces; *p != nullptr; ++p) joined += *p;\n"
  "    return joined;\n"
  "  }();\n"
  "  return text;\n"
  "}\n\n"
  "}  // namespace ${NAMESPACE}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
