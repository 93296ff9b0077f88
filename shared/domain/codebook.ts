/**
 * The default codebook of ../docs/scoring.md: three top-level codes on the
 * Goldstein scale, with CAMEO-derived subtypes. Workspaces are seeded from it;
 * after that the workspace's own codebook (which analysts may re-weight) rules.
 */

export type TopLevelCodeKey = 'THREAT' | 'OVERTURE' | 'CONCESSION';

export interface DefaultCode {
  key: string;
  name: string;
  parentKey: TopLevelCodeKey | null;
  weight: number;
  color: string;
  cameo: string;
  description: string;
  /** Digit that picks this top-level code in the tagging popover. */
  shortcut?: '1' | '2' | '3';
}

// scoring.md gives weights but no colours; these three are distinguishable
// for the common colour-vision deficiencies and readable in both themes.
const THREAT_COLOR = '#e5484d';
const OVERTURE_COLOR = '#30a46c';
const CONCESSION_COLOR = '#3e7bfa';

export const DEFAULT_CODES: readonly DefaultCode[] = [
  {
    key: 'THREAT',
    name: 'Threat',
    parentKey: null,
    weight: -6.0,
    color: THREAT_COLOR,
    cameo: '13',
    description: 'A threat of any kind.',
    shortcut: '1',
  },
  {
    key: 'THREAT.GENERIC',
    name: 'Generic threat',
    parentKey: 'THREAT',
    weight: -4.4,
    color: THREAT_COLOR,
    cameo: '130',
    description: 'Threaten, not otherwise specified.',
  },
  {
    key: 'THREAT.NONFORCE',
    name: 'Non-force threat, sanctions, halt talks',
    parentKey: 'THREAT',
    weight: -5.8,
    color: THREAT_COLOR,
    cameo: '131-135',
    description: 'Threaten non-force action: sanctions, boycott, to halt negotiations or reduce relations.',
  },
  {
    key: 'THREAT.MILITARY',
    name: 'Military threat, ultimatum',
    parentKey: 'THREAT',
    weight: -7.0,
    color: THREAT_COLOR,
    cameo: '138-139',
    description: 'Threaten military force, or give an ultimatum.',
  },
  {
    key: 'OVERTURE',
    name: 'Overture',
    parentKey: null,
    weight: 4.0,
    color: OVERTURE_COLOR,
    cameo: '03',
    description: 'An overture of any kind.',
    shortcut: '2',
  },
  {
    key: 'OVERTURE.INTENT',
    name: 'Intent to cooperate or negotiate',
    parentKey: 'OVERTURE',
    weight: 4.0,
    color: OVERTURE_COLOR,
    cameo: '030,036',
    description: 'Express intent to cooperate, or to meet and negotiate.',
  },
  {
    key: 'OVERTURE.PRAISE',
    name: 'Praise',
    parentKey: 'OVERTURE',
    weight: 3.4,
    color: OVERTURE_COLOR,
    cameo: '051',
    description: 'Praise or endorse.',
  },
  {
    key: 'OVERTURE.DIPLOMATIC',
    name: 'Diplomatic cooperation',
    parentKey: 'OVERTURE',
    weight: 4.5,
    color: OVERTURE_COLOR,
    cameo: '032',
    description: 'Express intent to engage in diplomatic cooperation.',
  },
  {
    key: 'OVERTURE.MATERIAL',
    name: 'Material cooperation, aid',
    parentKey: 'OVERTURE',
    weight: 5.2,
    color: OVERTURE_COLOR,
    cameo: '031,033',
    description: 'Express intent to engage in material cooperation, or to provide aid.',
  },
  {
    key: 'OVERTURE.MEDIATION',
    name: 'Accept mediation',
    parentKey: 'OVERTURE',
    weight: 7.0,
    color: OVERTURE_COLOR,
    cameo: '038',
    description: 'Express intent to accept mediation.',
  },
  {
    key: 'CONCESSION',
    name: 'Concession',
    parentKey: null,
    weight: 5.0,
    color: CONCESSION_COLOR,
    cameo: '08',
    description: 'A concession of any kind.',
    shortcut: '3',
  },
  {
    key: 'CONCESSION.VERBAL',
    name: 'Verbal concession, accede to demands',
    parentKey: 'CONCESSION',
    weight: 5.0,
    color: CONCESSION_COLOR,
    cameo: '081-083',
    description: 'Ease administrative sanctions, political dissent or accede to demands.',
  },
  {
    key: 'CONCESSION.EASE',
    name: 'Ease economic sanctions, release',
    parentKey: 'CONCESSION',
    weight: 7.0,
    color: CONCESSION_COLOR,
    cameo: '084-085',
    description: 'Return or release persons or property; ease economic sanctions, boycott or embargo.',
  },
  {
    key: 'CONCESSION.DEESCALATE',
    name: 'De-escalate militarily',
    parentKey: 'CONCESSION',
    weight: 9.0,
    color: CONCESSION_COLOR,
    cameo: '086-087',
    description: 'Allow international involvement; de-escalate military engagement.',
  },
];

export interface DefaultActor {
  code: string;
  name: string;
  aliases: string[];
}

export const DEFAULT_ACTORS: readonly DefaultActor[] = [
  { code: 'USA', name: 'United States', aliases: ['United States', 'U.S.', 'US', 'America', 'Washington', 'the White House', 'Trump'] },
  { code: 'IND', name: 'India', aliases: ['India', 'New Delhi', 'Delhi', 'Modi'] },
  { code: 'CHN', name: 'China', aliases: ['China', 'Beijing', 'Xi'] },
  { code: 'RUS', name: 'Russia', aliases: ['Russia', 'Moscow', 'Kremlin', 'Putin'] },
  { code: 'PAK', name: 'Pakistan', aliases: ['Pakistan', 'Islamabad'] },
  { code: 'EUR', name: 'European Union', aliases: ['European Union', 'EU', 'Brussels'] },
];

/** Relationships a new workspace starts with, as pairs of actor codes. */
export const DEFAULT_RELATIONSHIPS: readonly (readonly [string, string])[] = [
  ['USA', 'IND'],
  ['IND', 'CHN'],
  ['USA', 'CHN'],
];
