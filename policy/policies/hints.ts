/** How to get out of a mandatory Lambda policy when a function cannot follow it yet. */
export function exemptionHint(policy: string, resource = "<resource name>"): string {
    return (
        `If it cannot comply yet, ask for an exemption: {"policy-exemptions": {"exemptions": [{"policy": "${policy}", ` +
        `"resources": ["${resource}"], "reason": "<why>"}]}} in the pack config.`
    );
}

/** How each ecosystem builds its native code for arm64 Lambda (Amazon Linux on Graviton). */
export const arm64Builds =
    "Go, GOOS=linux GOARCH=arm64 go build -o bootstrap; npm packages with native modules (sharp, bcrypt, ...), npm ci " +
    "--os=linux --cpu=arm64 (or build in an arm64 container); Python wheels, pip install --platform manylinux2014_aarch64 " +
    "--only-binary=:all: --target package/";
