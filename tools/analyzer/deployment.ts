// The check and its analyzer live in the pack package (policy/check/), so that its `bin` runs them outside this repository.
export * from "../../policy/check/analyzer/deployment";
