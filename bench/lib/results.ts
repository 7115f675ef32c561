import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { projectRoot } from "../../components/bundle";
import type { Table } from "./table";

/**
 * The measurements a full `npm run bench` or `npm run tune` records, committed so that the tables in
 * docs/ are generated from them (`npm run docs`) rather than copied by hand: each table as the run
 * printed it, with the command, machine and date it came from.
 */
export interface RecordedTable {
    table: Table;
    command: string;
    machine: string;
    /** The day it was measured, `YYYY-MM-DD`. */
    recorded: string;
}

export type ResultsFile = "bench" | "tune";

export const resultsDir = path.join(projectRoot, "bench", "results");
export const resultsPath = (file: ResultsFile) => path.join(resultsDir, `${file}.json`);

export function readResults(file: ResultsFile, dir: string = resultsDir): Record<string, RecordedTable> {
    const target = path.join(dir, `${file}.json`);
    return existsSync(target) ? (JSON.parse(readFileSync(target, "utf8")) as Record<string, RecordedTable>) : {};
}

/** Writes `tables` into the results file, replacing the tables of the same ids and keeping the others. */
export function recordResults(file: ResultsFile, tables: Record<string, RecordedTable>, dir: string = resultsDir): string {
    mkdirSync(dir, { recursive: true });
    const merged = { ...readResults(file, dir), ...tables };
    const sorted = Object.fromEntries(Object.keys(merged).sort().map((id) => [id, merged[id]]));
    const target = path.join(dir, `${file}.json`);
    writeFileSync(target, `${JSON.stringify(sorted, null, 2)}\n`);
    return target;
}

/**
 * Keeps the tables one run prints, each with the command, machine and day it came from, and writes them
 * to the results file at the end (`write` gives the file's path from the working directory).
 */
export function tableRecorder(file: ResultsFile, command: string, machine: string, dir: string = resultsDir) {
    const tables: Record<string, RecordedTable> = {};
    const recorded = new Date().toISOString().slice(0, 10);
    return {
        keep(id: string, table: Table): Table {
            tables[id] = { table, command, machine, recorded };
            return table;
        },
        write: (): string => path.relative(process.cwd(), recordResults(file, tables, dir)),
    };
}

/** A progress line on stderr, so stdout holds only the report. */
export const progress = (message: string) => process.stderr.write(`${message}\n`);
