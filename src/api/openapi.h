// The OpenAPI 3 description of the API (src/api/openapi.json), compiled into the binary by the
// build (embed_text.cmake), served at /api/openapi.json.
#pragma once

#include <string_view>

namespace hearth::api {

std::string_view openapi_document();

}  // namespace hearth::api
