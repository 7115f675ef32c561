import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// Constructing the pack starts its gRPC server: only a pack process loads this file, the Pulumi CLI's or
// tools/analyzer's, which starts it as the CLI does.
new PolicyPack("events-api-policies", { policies, enforcementLevel: "advisory" });
