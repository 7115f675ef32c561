import { registerHooks } from "module";
import * as path from "path";
import { pathToFileURL } from "url";

/**
 * Lambda's Node.js runtimes (nodejs18.x and later) search the folders in NODE_PATH when an ES module
 * imports a package, which is how `import ... from "@aws-sdk/client-dynamodb"` in a function's index.mjs
 * finds the SDK the runtime provides (Lambda developer guide, "Building Lambda functions with Node.js",
 * designating a function handler as an ES module). Plain Node applies NODE_PATH to `require` only. This
 * resolve hook gives the execution environments (of `npm start`, the benchmarks and the tests that start
 * them) Lambda's behaviour: a bare specifier
 * that Node's own resolution cannot find is looked up in each NODE_PATH folder in turn, as that folder's
 * `node_modules` (the folders that hold packages on Lambda, such as /var/runtime/node_modules, are
 * `node_modules` folders; an entry of another name is skipped).
 */

const bare = /^(?![./]|[a-z][a-z0-9+.-]*:)/i;

function isNotFound(error: unknown): boolean {
    return (error as NodeJS.ErrnoException)?.code === "ERR_MODULE_NOT_FOUND";
}

/**
 * Registers the hook for `folders` (NODE_PATH's entries) in this process: the runtime bootstrap does, once,
 * before it loads the function. It changes `import` only where Node itself finds nothing.
 */
export function resolveEsmFromNodePath(folders: readonly string[]): void {
    const wanted = folders.filter((folder) => path.basename(folder) === "node_modules");
    registerHooks({
        resolve(specifier, context, nextResolve) {
            try {
                return nextResolve(specifier, context);
            } catch (error) {
                // Only ES module imports: `require` already follows NODE_PATH in Node itself.
                if (!isNotFound(error) || !bare.test(specifier) || !context.conditions?.includes("import")) throw error;
                for (const folder of wanted) {
                    // Resolving from a module beside the folder makes Node look in it first, with its own
                    // rules for packages (exports, main, conditions).
                    const parentURL = pathToFileURL(path.join(path.dirname(folder), "[node-path].mjs")).href;
                    try {
                        return nextResolve(specifier, { ...context, parentURL });
                    } catch (retry) {
                        if (!isNotFound(retry)) throw retry;
                    }
                }
                throw error;
            }
        },
    });
}

/** NODE_PATH's entries, as Node splits them. */
export function nodePathFolders(nodePath: string | undefined): string[] {
    return (nodePath ?? "").split(path.delimiter).filter(Boolean);
}
