/**
 * AWS's Lambda runtime table: for each managed runtime (.zip packages; OS-only runtimes included), the
 * date Lambda deprecates it (no more security patches or support), and the dates it blocks creating,
 * then updating, functions on it. One line per runtime, as the page lists them.
 *
 * Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html ("Supported runtimes" and
 * "Deprecated runtimes"), read on 2026-12-03 as copied by cfn-lint (src/cfnlint/data/AdditionalSpecs/
 * LmbdRuntimeLifecycle.json, "Update Lambda runtime lifecycle dates from AWS docs", 2026-06-02) and by
 * endoflife.date (products/aws-lambda.md, 2026-08-16, which adds the Java runtimes on Amazon Linux 2023
 * of 2026-07-31 with their deprecation and update-block dates; their create-block date is not in it).
 * The two agree on every runtime both list; AWS's lambda-nodejs and lambda-python pages show the same dates
 * for nodejs22.x, nodejs24.x and python3.12 to python3.14 (AWS moved the block dates of most deprecated
 * runtimes to 2027-02-01 and 2027-03-03 in 2026, which older copies of the page predate). Dates are UTC days.
 * To update: copy the page's rows here and change `runtimeTableRead`.
 */

export const runtimeTablePage = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html";
export const runtimeTableRead = "2026-12-03";

export interface RuntimeLifecycle {
    deprecation: string;
    blockCreate?: string;
    blockUpdate?: string;
}

export const lambdaRuntimes: Readonly<Record<string, RuntimeLifecycle>> = {
    "nodejs24.x": { deprecation: "2028-04-30", blockCreate: "2028-06-01", blockUpdate: "2028-07-01" },
    "nodejs22.x": { deprecation: "2027-04-30", blockCreate: "2027-06-01", blockUpdate: "2027-07-01" },
    "nodejs20.x": { deprecation: "2026-04-30", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    "nodejs18.x": { deprecation: "2025-09-01", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    "nodejs16.x": { deprecation: "2024-06-12", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    "nodejs14.x": { deprecation: "2023-12-04", blockCreate: "2024-01-09", blockUpdate: "2027-03-03" },
    "nodejs12.x": { deprecation: "2023-03-31", blockCreate: "2023-03-31", blockUpdate: "2023-04-30" },
    "nodejs10.x": { deprecation: "2021-07-30", blockCreate: "2021-07-30", blockUpdate: "2022-02-14" },
    "nodejs8.10": { deprecation: "2020-03-06", blockCreate: "2020-02-04", blockUpdate: "2020-03-06" },
    "nodejs6.10": { deprecation: "2019-08-12", blockCreate: "2019-07-12", blockUpdate: "2019-08-12" },
    "nodejs4.3": { deprecation: "2020-03-05", blockCreate: "2020-02-03", blockUpdate: "2020-03-05" },
    "nodejs4.3-edge": { deprecation: "2020-03-05", blockCreate: "2019-03-31", blockUpdate: "2019-04-30" },
    nodejs: { deprecation: "2016-08-30", blockCreate: "2016-09-30", blockUpdate: "2016-10-31" },
    "python3.14": { deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" },
    "python3.13": { deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" },
    "python3.12": { deprecation: "2028-10-31", blockCreate: "2028-11-30", blockUpdate: "2029-01-10" },
    "python3.11": { deprecation: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31" },
    "python3.10": { deprecation: "2026-10-31", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    "python3.9": { deprecation: "2025-12-15", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    "python3.8": { deprecation: "2024-10-14", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    "python3.7": { deprecation: "2023-12-04", blockCreate: "2024-01-09", blockUpdate: "2027-03-03" },
    "python3.6": { deprecation: "2022-07-18", blockCreate: "2022-07-18", blockUpdate: "2022-08-29" },
    "python2.7": { deprecation: "2021-07-15", blockCreate: "2021-07-15", blockUpdate: "2022-05-30" },
    java25: { deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" },
    java21: { deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" },
    "java17.al2023": { deprecation: "2029-06-30", blockUpdate: "2029-08-31" },
    "java11.al2023": { deprecation: "2029-06-30", blockUpdate: "2029-08-31" },
    "java8.al2023": { deprecation: "2029-06-30", blockUpdate: "2029-08-31" },
    java17: { deprecation: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31" },
    java11: { deprecation: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31" },
    "java8.al2": { deprecation: "2027-06-30", blockCreate: "2027-07-31", blockUpdate: "2027-08-31" },
    java8: { deprecation: "2024-01-08", blockCreate: "2024-02-08", blockUpdate: "2027-03-03" },
    dotnet10: { deprecation: "2028-11-14", blockCreate: "2028-12-14", blockUpdate: "2029-01-15" },
    dotnet9: { deprecation: "2026-11-10" },
    dotnet8: { deprecation: "2026-11-10", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    dotnet6: { deprecation: "2024-12-20", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    "dotnetcore3.1": { deprecation: "2023-04-03", blockCreate: "2023-04-03", blockUpdate: "2023-05-03" },
    "dotnetcore2.1": { deprecation: "2022-01-05", blockCreate: "2022-01-05", blockUpdate: "2022-04-13" },
    "dotnetcore2.0": { deprecation: "2019-05-30", blockCreate: "2019-04-30", blockUpdate: "2019-05-30" },
    "dotnetcore1.0": { deprecation: "2019-06-27", blockCreate: "2019-06-30", blockUpdate: "2019-07-30" },
    "ruby4.0": { deprecation: "2029-03-31", blockCreate: "2029-04-30", blockUpdate: "2029-05-31" },
    "ruby3.4": { deprecation: "2028-03-31", blockCreate: "2028-04-30", blockUpdate: "2028-05-31" },
    "ruby3.3": { deprecation: "2027-03-31", blockCreate: "2027-04-30", blockUpdate: "2027-05-31" },
    "ruby3.2": { deprecation: "2026-03-31", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    "ruby2.7": { deprecation: "2023-12-07", blockCreate: "2024-01-09", blockUpdate: "2027-03-03" },
    "ruby2.5": { deprecation: "2021-07-30", blockCreate: "2021-07-30", blockUpdate: "2022-03-31" },
    "provided.al2023": { deprecation: "2029-06-30", blockCreate: "2029-07-31", blockUpdate: "2029-08-31" },
    "provided.al2": { deprecation: "2026-07-31", blockCreate: "2027-02-01", blockUpdate: "2027-03-03" },
    provided: { deprecation: "2024-01-08", blockCreate: "2024-02-08", blockUpdate: "2027-03-03" },
    "go1.x": { deprecation: "2024-01-08", blockCreate: "2024-02-08", blockUpdate: "2027-03-03" },
};

/** The runtime to move to, by family (Go runs on the OS-only runtime since go1.x's deprecation). */
export const latestRuntime: Readonly<Record<string, string>> = {
    nodejs: "nodejs24.x",
    python: "python3.14",
    java: "java25",
    dotnet: "dotnet10",
    ruby: "ruby4.0",
    provided: "provided.al2023",
    go: "provided.al2023",
};
