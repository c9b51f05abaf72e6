// The agent console's customer page at first paint (GET /api/v1/homes/{id}/overview): the home,
// its customer, its status (an incident, a problem of the home, or fine), the diagnosis, the
// recommended action, the network map, the devices and the open tickets, in one answer. What the
// diagnosis or the incidents do not know yet is null or empty, never an error; an unknown home
// is 404.
#pragma once

#include "api/api_deps.h"
#include "api/call.h"

namespace hearth::api {

void get_home_overview(const ApiDeps& deps, const CallPtr& call);

}  // namespace hearth::api
