// Small steps the customer portal's handlers share: the language of an answer and the
// customer's home.
#pragma once

#include <string>

#include "api/api_deps.h"
#include "api/call.h"
#include "core/result.h"
#include "store/records.h"

namespace hearth::api {

// "en", "de" or "sv": the `lang` query parameter when it is one of them, else the first of them
// in Accept-Language (q-values ignored; "de-CH" counts as "de"), else "en".
std::string request_lang(const Call& call);

// The home of a customer's call: the account's first home by id. kNotFound when the account has
// none. REQUIRES: a customer principal.
Result<store::HomeRecord> customer_home(const ApiDeps& deps, const Call& call);

}  // namespace hearth::api
