import { memoryRow } from "../../bench/lib/power-tuning";
import { TuneRun } from "../../bench/lib/tune-results";

/**
 * A tune of two routes at 256, 512 and 1024 MB, every warm invocation the same length so that each cost
 * is written out by hand: memory GB x billed s x 1e6 x $0.0000133334 (+ $0.20 request fee).
 *   list-events: warm 30, 12, 7 ms -> duration cost $0.1000005, $0.0800004, $0.0933338:
 *     cheapest 512; fastest 1024; balanced (0.5) 1024 (scores 1, 0.6, 0.5833).
 *   get-event:   warm 8, 5, 4 ms  -> duration cost $0.0266668, $0.0333335, $0.0533336:
 *     cheapest 256; fastest 1024; balanced (0.5) 512 (scores 0.75, 0.625, 0.75).
 * Cold starts, per memory, three processes: Init + first invocation
 *   256: 200+60, 210+40, 260+50 (medians: init 210, first 50, cold request 260)
 *   512: 150+20, 160+30, 170+25 (160, 25, 190)
 *   1024: 140+10, 150+12, 130+11 (140, 11, 150)
 */
const cold: Record<number, { initMs: number[]; firstInvocationMs: number[] }> = {
    256: { initMs: [200, 210, 260], firstInvocationMs: [60, 40, 50] },
    512: { initMs: [150, 160, 170], firstInvocationMs: [20, 30, 25] },
    1024: { initMs: [140, 150, 130], firstInvocationMs: [10, 12, 11] },
};

const rows = (warmBySize: Record<number, number>) =>
    [256, 512, 1024].map((memoryMb) => memoryRow({ memoryMb, vcpus: memoryMb / 1769, ...cold[memoryMb], warmMs: [warmBySize[memoryMb], warmBySize[memoryMb], warmBySize[memoryMb], warmBySize[memoryMb]] }));

export const tuneRun: TuneRun = {
    command: "npm run tune -- --rounds 3",
    machine: "machine: test",
    measuredAt: new Date("2026-12-05T10:20:30.000Z"),
    rounds: 3,
    warmInvocationsPerRound: 4,
    balancedWeight: 0.5,
    minimumMemoryMb: 129,
    routes: [
        { route: "list-events", rows: rows({ 256: 30, 512: 12, 1024: 7 }) },
        { route: "get-event", rows: rows({ 256: 8, 512: 5, 1024: 4 }) },
    ],
    currentMemoryMb: (route) => (route === "get-event" ? 3008 : 512),
};
