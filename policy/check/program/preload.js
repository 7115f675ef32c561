"use strict";
// Preloaded (`node -r`) into the process that runs a team's program under mocks: see under-mocks.ts.
require("../register");
require("./under-mocks.ts");
