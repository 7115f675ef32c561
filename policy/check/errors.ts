/** A check that cannot run: bad arguments, a folder that holds no program, an invalid config. Exit 2, message only. */
export class CheckError extends Error {}
