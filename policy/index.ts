import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// Constructing the pack starts its gRPC server: only the Pulumi CLI loads this file, never a test.
new PolicyPack("events-api-policies", { policies, enforcementLevel: "advisory" });
