// The rows of docs/reliability.md for the faults an outside probe found (issue 12):
// each row is written only from the figures its test recorded in .cache/reliability/.
const FAULTS = [
  {
    name: 'fault-recovery-restart',
    fault: 'Recovery offer lost after a restart',
    test: 'tests/unit/faults-recovery.test.ts',
    text: (f) =>
      `${f.restarts} starts of a real server on a damaged workspace (${f.killedWithSigkill} ended by SIGKILL): the notice and the offered backup were there every time; after the restore ${f.restoredArticles} articles, no notice.`,
  },
  {
    name: 'fault-recovery-e2e',
    fault: 'Same, in Chromium',
    test: 'tests/e2e/faults.spec.ts',
    text: (f) =>
      `${f.starts} starts (${f.sigkills} SIGKILL): the banner was shown after the restart, restoring from it brought back ${f.articlesRestored} articles (lost: ${f.lost}).`,
  },
  {
    name: 'fault-rotation',
    fault: 'Daily backups rotating out the good ones',
    test: 'tests/unit/faults-recovery.test.ts',
    text: (f) =>
      `${f.dailyWritten} daily backups with keepDaily ${f.keepDaily}, the workspace emptied after the first: the backup with ${f.richerArticles} articles was kept apart (${f.richerKept} kept), not deleted.`,
  },
  {
    name: 'fault-disk-full',
    fault: 'Import on a full disk crashed the server',
    test: 'tests/unit/faults-diskfull.test.ts',
    text: (f) =>
      `${f.files} files into a ${f.tmpfsMb} MB tmpfs through a real server: ${f.saved} saved, ${f.notSavedWithDiskFullReason} listed "not saved: the disk is full", server still answering.`,
  },
  {
    name: 'fault-disk-full-pages',
    fault: 'Same, with max_page_count',
    test: 'tests/unit/faults-diskfull.test.ts',
    text: (f) =>
      `${f.files} files: ${f.saved} saved, ${f.notSavedWithDiskFullReason} not saved with the disk-full reason, integrity_check ok.`,
  },
  {
    name: 'fault-token-port',
    fault: 'Token cookie sent to every port of 127.0.0.1',
    test: 'tests/e2e/token-scope.spec.ts',
    text: (f) =>
      `Chromium followed a link to a second loopback server: ${f.requestsToOtherPort} requests reached it, ${f.carryingTheToken} carried the token; its page's storage held no token.`,
  },
  {
    name: 'fault-token-two-instances',
    fault: 'Two instances signing each other out',
    test: 'tests/e2e/token-scope.spec.ts',
    text: (f) => `${f.instances} Parleys in one browser, ${f.reloads} reloads: signed out ${f.signedOut} times.`,
  },
  {
    name: 'fault-read-only',
    fault: 'Read-only workspace hung backups and shutdown',
    test: 'tests/unit/faults-readonly.test.ts',
    text: (f) =>
      `File made read-only by ${f.how}: writes refused with ${f.writeRefusedWith}, a manual backup finished (no .partial), SIGTERM stopped the server in ${f.stopMs} ms and removed the lock.`,
  },
  {
    name: 'fault-lock-links',
    fault: 'Lock bypassed through a symlink or hard link',
    test: 'tests/unit/faults-lock.test.ts',
    text: (f) =>
      `${f.secondServersStarted} second servers started on a symlink and a hard link: ${f.refused} refused. A restore through a symlink replaced the file and left the link a link.`,
  },
  {
    name: 'fault-stale-lock',
    fault: 'Stale lock with a reused PID',
    test: 'tests/unit/faults-lock.test.ts',
    text: () =>
      'A lock whose PID belongs to a later process is taken over; a live holder gets a message saying which lock file to delete if no Parley runs.',
  },
  {
    name: 'fault-salvage',
    fault: 'Salvage left foreign-key violations, over-counted',
    test: 'tests/unit/faults-salvage.test.ts',
    text: (f) =>
      `${f.danglingRowsInDamagedCopy} dangling rows in the damaged copy: ${f.foreignKeyViolationsAfter} violations after salvage; annotations reported ${f.annotationsReported}, present ${f.annotationsPresent}.`,
  },
  {
    name: 'fault-percent-encoding',
    fault: 'Malformed percent-encoding gave 500 and a stack',
    test: 'tests/unit/server.test.ts',
    text: (f) => `Page ${f.pageStatus}, API ${f.apiStatus}; stacks logged: ${f.stacksLogged}.`,
  },
  {
    name: 'fault-file-modes',
    fault: 'Files readable by other users',
    test: 'tests/unit/faults-lock.test.ts',
    text: (f) =>
      `Folder ${f.folder}, workspace ${f.workspace}, WAL ${f.wal}, lock ${f.lock}, backups folder ${f.backups}, backup ${f.backup}.`,
  },
  {
    name: 'fault-port-in-use',
    fault: 'EADDRINUSE left the lock behind',
    test: 'tests/unit/faults-lock.test.ts',
    text: (f) => `Exit code ${f.exitCode} with a one-line message; lock left: ${f.lockLeft ? 'yes' : 'no'}.`,
  },
  {
    name: 'fault-markdown-links',
    fault: 'Markdown [click](javascript:…) left "click)"',
    test: 'tests/unit/faults-markdown.test.ts',
    text: (f) =>
      `${f.links} links with parentheses in their targets: ${f.leftoverTargetCharacters} characters of a target left in the text.`,
  },
  {
    name: 'fault-electron',
    fault: 'Electron menu, sender frame, link prompt',
    test: 'tests/unit/faults-electron.test.ts',
    text: (f) =>
      `Pure functions (Electron cannot run here): DevTools entries in the packaged menu ${f.devToolsInPackagedMenu}; a child frame accepted: ${f.childFrameAccepted ? 'yes' : 'no'}; the whole address shown: ${f.fullAddressShown ? 'yes' : 'no'}.`,
  },
];

export const FAULT_FIGURES = FAULTS.map((f) => f.name);

/** The section's lines; a fault whose test recorded nothing this run says so. */
export function faultLines(read) {
  const lines = ['## Faults found by the outside probe (issue 12)', ''];
  lines.push('| fault | test | figures from the last run |', '|---|---|---|');
  for (const f of FAULTS) {
    const figures = read(f.name);
    lines.push(`| ${f.fault} | ${f.test} | ${figures ? f.text(figures) : '_not measured in the last run_'} |`);
  }
  lines.push(
    '',
    'The long actor name in the top bar is checked in Chromium (tests/e2e/faults.spec.ts): the buttons stay inside a 1440 px window on one line each.',
    '',
  );
  return lines;
}
