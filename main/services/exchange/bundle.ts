/**
 * The common shape every incoming exchange is read into (Parley JSON-LD, a
 * REFI-QDA project, a colleague's workspace) before it is merged, so that
 * matching, deduplication and conflicts are decided in one place.
 */
export interface BundleSource {
  /** The key annotations use to point at this source. */
  key: string;
  title: string;
  outlet: string;
  author: string;
  url: string;
  publishedOn: string;
  text: string;
  /** The file says this article was adjudicated: its consensus, not the analyst's own coding, counts in the score. */
  adjudicated?: boolean;
}

export interface BundleCode {
  key: string;
  name: string;
  parentKey: string | null;
  weight: number;
  color: string;
  cameo: string;
  description: string;
}

export interface BundleAnnotation {
  sourceKey: string;
  start: number;
  end: number;
  exact: string;
  codeKey: string;
  sourceActor: string;
  targetActor: string;
  confidence: number;
  eventDate: string;
  note: string;
  analyst: string;
  createdAtMs: number;
  updatedAtMs: number;
  /** The event (BundleEvent.key) this passage is grouped into, '' when it counts on its own. */
  eventKey: string;
  /** The file says this passage is a colleague's (their layer, by `analyst`) or the consensus. */
  layerHint?: 'coder' | 'consensus';
}

/** Passages grouped so that they count once: the event's own code, date and direction. */
export interface BundleEvent {
  key: string;
  codeKey: string;
  sourceActor: string;
  targetActor: string;
  eventDate: string;
}

export interface Bundle {
  sources: BundleSource[];
  codes: BundleCode[];
  actors: { code: string; name: string }[];
  annotations: BundleAnnotation[];
  events: BundleEvent[];
  /** Reliability factor per Admiralty grade (A–F); absent when the file has none. */
  gradeFactors: { grade: string; factor: number }[];
  /** Outlets graded in the file (outlet name → grade letter). */
  outletGrades: { outlet: string; grade: string }[];
  /** What could not be read, said for the analyst (never dropped silently). */
  unreadable: string[];
  /** A colleague's whole workspace (a returned coding package): its analyst and every article's content hash, tagged or not. */
  coderSaw?: { coder: string; contentHashes: string[] };
}

export function emptyBundle(): Bundle {
  return { sources: [], codes: [], actors: [], annotations: [], events: [], gradeFactors: [], outletGrades: [], unreadable: [] };
}
