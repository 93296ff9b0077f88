// The rows of docs/reliability.md for the desk (issue 18): each written only from the figures its test recorded
// in .cache/reliability/ (tests/unit/faults-desk.test.ts, and the heavy tests/unit/faults-desk-load.test.ts,
// which runs with PARLEY_HEAVY=1 as `npm run reliability` sets it).
const n = (x) => Number(x).toLocaleString('en');

const DESK = [
  {
    name: 'fault-desk-killed',
    fault: 'Desk server killed (SIGKILL) mid-send and mid-pull',
    test: 'tests/unit/faults-desk.test.ts',
    text: (f) =>
      `After the cut send ${f.setsOnDeskAfterCutSend} sets on the desk, after the resend ${f.setsOnDeskAfterResend} (duplicates: ${f.duplicateSetsOnDesk}); the cut pull had applied ${f.passagesAfterCutPull} passages, the resumed one ${f.passagesAfterResumedPull} (duplicates: ${f.duplicatePassages}).`,
  },
  {
    name: 'fault-desk-offline-session',
    fault: 'Desk stopped for a whole session of work',
    test: 'tests/unit/faults-desk.test.ts',
    text: (f) =>
      `${f.changesMadeOffline} changes made offline, ${f.failedRounds} rounds failed while it was away; after it came back ${f.passagesArrived} passages arrived (lost: ${f.lost}).`,
  },
  {
    name: 'fault-desk-clocks',
    fault: 'Laptops’ clocks an hour apart',
    test: 'tests/unit/faults-desk.test.ts',
    text: (f) =>
      `Offset ${f.clockOffsetMs / 3_600_000} h: the desk’s order decided, conflicts ${f.conflicts}, converged: ${f.converged ? 'yes' : 'no'}.`,
  },
  {
    name: 'fault-desk-load-small',
    fault: 'Several analysts syncing in rounds (small)',
    test: 'tests/unit/faults-desk.test.ts',
    text: (f) =>
      `${f.analysts} analysts × ${f.changesEach} changes: ${f.setsOnDesk} sets on the desk, ${f.passagesPerLaptop} passages on every laptop, worst score difference ${f.worstScoreDifference}.`,
  },
  {
    name: 'fault-desk-load',
    fault: 'Load: 20 analysts × 1,000 changes while syncing',
    test: 'tests/unit/faults-desk-load.test.ts (PARLEY_HEAVY=1)',
    text: (f) =>
      `${f.analysts} analysts × ${n(f.changesEach)} changes (${n(f.tags)} tags, ${n(f.edits)} edits, ${n(f.deletes)} deletes, ${n(f.codeEdits)} shared-code edits), ${n(f.syncRounds)} sync rounds during the work; ${n(f.setsOnDesk)} sets on the desk (duplicates: ${f.duplicateSetsOnDesk}; fewer than the changes, since a change to a passage deleted before its laptop synced travels as that delete alone); ${n(f.conflictsListed)} conflicts listed, all settled in ${f.settlingPasses} passes of "keep theirs"; every laptop ${n(f.passagesPerLaptop)} passages, the same rows, worst score difference ${f.worstScoreDifference}; ${f.workSeconds} s of work, ${f.wallSeconds} s in all.`,
  },
];

export const DESK_FIGURES = DESK.map((f) => f.name);

/** The section's lines; a case whose test recorded nothing this run says so. */
export function deskLines(read) {
  const lines = ['## The desk: PostgreSQL shared by several laptops (issue 18)', ''];
  lines.push(
    'Against a real PostgreSQL 15 started on loopback for the test run. In each case: nothing lost, nothing twice, every conflict listed.',
    '',
  );
  lines.push('| case | test | figures from the last run |', '|---|---|---|');
  for (const f of DESK) {
    const figures = read(f.name);
    lines.push(`| ${f.fault} | ${f.test} | ${figures ? f.text(figures) : '_not measured in the last run_'} |`);
  }
  lines.push('');
  return lines;
}
