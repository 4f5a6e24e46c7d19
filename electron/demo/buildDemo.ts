// The demo case: five invented news reports on an invented crisis, with claims, a codebook, links and reviews,
// so that every view of Attest has something to show the first time it opens (`npm start`, browser mode).
//
// Everything is written through the engine's own functions (never SQL), so the demo is a case file an analyst
// could have made by hand, and `verify` holds on it. The content is fixed: the same texts, claims, tags, links
// and reviews every run; only record ids and timestamps differ.
//
// Usage: node electron/demo/buildDemo.ts OUT.attest
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { closeCase, createCase, toAuthor, type CaseFile } from '../../db/caseFile.ts';
import { createClaim, type ClaimStatus } from '../../db/claims.ts';
import { addLink, type LinkRelation } from '../../db/links.ts';
import { addReview, type Verdict } from '../../db/reviews.ts';
import { importSources, updateSource, type SourceMetadataPatch } from '../../db/sources.ts';
import { addTag, type TagOptions } from '../../db/tags.ts';

export const DEMO_TITLE = 'Demo: fighting in Upper Dasha (invented)';
export const DEMO_AUTHOR = 'Demo Analyst';
/** A second person gives the reviews, as in a team: the audit trail then shows who did what. */
export const DEMO_REVIEWER = 'Demo Reviewer';

const SOURCES_DIR = resolve(import.meta.dirname, 'sources');

type SourceKey = 'northline' | 'courier' | 'herald' | 'kestrel' | 'monitor';

interface DemoSource {
  file: string;
  /** What an analyst would correct or add after import: the importer's guesses are kept otherwise. */
  metadata: SourceMetadataPatch;
  tags: string[];
}

// Everything in these reports is invented: Selvaria, its places, groups, people and outlets do not exist.
export const DEMO_SOURCES: Readonly<Record<SourceKey, DemoSource>> = {
  northline: {
    file: 'northline-mirek-airport.txt',
    metadata: {
      title: 'Rebels seize Mirek airport; ministry says 40 killed in market shelling',
      outlet: 'Northline News Agency',
      url: 'https://northline.example/selvaria/2025-03-10-mirek-airport',
      language: 'en',
      reliability: 'B',
    },
    tags: ['Topics/Wire story', 'Places/Upper Dasha/Mirek'],
  },
  courier: {
    file: 'lorn-courier-mirek-airport.txt',
    metadata: {
      title: 'Rebels take Mirek airport (Northline wire)',
      language: 'en',
      reliability: 'C',
      note: "Carries Northline's wire story of the same day almost word for word: not an independent source.",
    },
    tags: ['Topics/Wire story'],
  },
  herald: { file: 'dasha-herald-market-toll.md', metadata: { reliability: 'C' }, tags: [] },
  kestrel: {
    file: 'kestrel-radio-ceasefire.txt',
    metadata: { language: 'en', reliability: 'B' },
    tags: ['Places/Lorn'],
  },
  monitor: {
    file: 'upper-dasha-monitor-briefing.md',
    metadata: { language: 'en', reliability: 'D' },
    tags: ['Topics/Analysis'],
  },
};

/** The codebook, parents before children; colors group actors, places, topics and event types at a glance. */
export const DEMO_CODEBOOK: readonly [string, TagOptions][] = [
  ['Actors', { kind: 'actor', description: 'Armed groups, forces and governments.' }],
  [
    'Actors/Red Ridge Brigades',
    { kind: 'actor', color: '#c0392b', description: 'Rebel group fighting in Upper Dasha.' },
  ],
  [
    'Actors/Kovari Guard',
    { kind: 'actor', color: '#8e44ad', description: 'Militia holding the hills east of Tovel.' },
  ],
  ['Actors/Selvarian Armed Forces', { kind: 'actor', color: '#2c3e50', description: 'The national army.' }],
  ['Actors/Government of Selvaria', { kind: 'actor', color: '#34495e' }],
  ['Organizations', { kind: 'organization' }],
  [
    'Organizations/Selvarian Red Cross',
    { kind: 'organization', color: '#e74c3c', description: 'Counts casualties on its own.' },
  ],
  ['Places', { kind: 'place' }],
  ['Places/Upper Dasha', { kind: 'place', color: '#27ae60', description: 'Northern province.' }],
  ['Places/Upper Dasha/Mirek', { kind: 'place', color: '#2ecc71', description: 'Provincial capital.' }],
  ['Places/Upper Dasha/Tovel', { kind: 'place', color: '#16a085', description: 'Town on the Dasha River.' }],
  ['Places/Lorn', { kind: 'place', color: '#1abc9c', description: 'The capital.' }],
  ['Topics', { kind: 'topic' }],
  ['Topics/Casualties', { kind: 'topic', color: '#d35400' }],
  ['Topics/Displacement', { kind: 'topic', color: '#e67e22' }],
  ['Topics/Arms supply', { kind: 'topic', color: '#7f8c8d' }],
  ['Topics/Infrastructure', { kind: 'topic', color: '#95a5a6' }],
  [
    'Topics/Wire story',
    { kind: 'topic', color: '#3498db', description: 'Agency copy, often carried by several outlets.' },
  ],
  ['Topics/Analysis', { kind: 'topic', color: '#2980b9' }],
  ['Events', { kind: 'event-type' }],
  ['Events/Seizure', { kind: 'event-type', color: '#a93226' }],
  ['Events/Shelling', { kind: 'event-type', color: '#cb4335' }],
  ['Events/Ceasefire', { kind: 'event-type', color: '#229954' }],
];

interface DemoClaim {
  source: SourceKey;
  /** Exact words of the source; the anchor is found by the engine, as when an analyst selects them. */
  quote: string;
  statement: string;
  claimant?: string;
  /** EDTF: exact days, an approximate month (2025-03~) and an interval (2025-03-08/2025-03-10). */
  date?: string;
  place?: string;
  actors?: string[];
  eventType?: string;
  credibility?: number;
  status?: ClaimStatus;
  note?: string;
  tags?: string[];
}

export const DEMO_CLAIMS = {
  airportSeized: {
    source: 'northline',
    quote: 'Fighters of the Red Ridge Brigades seized the airport of Mirek last Sunday',
    statement: 'The Red Ridge Brigades seized Mirek airport.',
    claimant: 'Interior ministry',
    date: '2025-03-09', // "last Sunday" in a report of Monday 10 March
    place: 'Mirek',
    actors: ['Red Ridge Brigades', 'Selvarian Armed Forces'],
    eventType: 'Seizure',
    credibility: 2,
    status: 'verified',
    tags: [
      'Actors/Red Ridge Brigades',
      'Actors/Selvarian Armed Forces',
      'Places/Upper Dasha/Mirek',
      'Events/Seizure',
    ],
  },
  ministryToll: {
    source: 'northline',
    quote: 'At least 40 people were killed when shells struck the central market of Mirek on Sunday morning',
    statement: 'At least 40 people were killed in the shelling of Mirek central market.',
    claimant: 'Interior ministry',
    date: '2025-03-09',
    place: 'Mirek',
    eventType: 'Shelling',
    credibility: 3,
    status: 'disputed',
    tags: ['Topics/Casualties', 'Places/Upper Dasha/Mirek', 'Events/Shelling'],
  },
  marketBlame: {
    source: 'northline',
    quote: 'It blamed the Red Ridge Brigades, who denied firing on the market.',
    statement: 'The interior ministry blamed the Red Ridge Brigades for the market shelling; they denied it.',
    claimant: 'Interior ministry',
    date: '2025-03-09',
    place: 'Mirek',
    actors: ['Red Ridge Brigades'],
    eventType: 'Shelling',
    credibility: 5,
    tags: ['Actors/Red Ridge Brigades', 'Events/Shelling'],
  },
  bridgeDestroyed: {
    source: 'northline',
    quote: 'A day earlier, the road bridge over the Dasha River at Tovel was blown up',
    statement: 'The road bridge over the Dasha River at Tovel was blown up.',
    claimant: 'Northline News Agency',
    date: '2025-03-08', // "a day earlier" than Sunday 9 March
    place: 'Tovel',
    credibility: 2,
    note: 'Each side blames the other; who destroyed it is not established.',
    tags: ['Topics/Infrastructure', 'Places/Upper Dasha/Tovel'],
  },
  armsSupply: {
    source: 'northline',
    quote:
      'According to UN experts, the Red Ridge Brigades have been supplied with mortars and drones by the Kovari Guard',
    statement: 'The Kovari Guard supplied the Red Ridge Brigades with mortars and drones.',
    claimant: 'UN experts',
    actors: ['Kovari Guard', 'Red Ridge Brigades'],
    credibility: 3,
    tags: ['Actors/Kovari Guard', 'Actors/Red Ridge Brigades', 'Topics/Arms supply'],
  },
  courierToll: {
    source: 'courier',
    quote: 'At least 40 people were killed when shells struck the central market of Mirek on Sunday morning',
    statement: 'At least 40 people were killed in the shelling of Mirek central market.',
    claimant: 'Interior ministry',
    date: '2025-03-09',
    place: 'Mirek',
    eventType: 'Shelling',
    credibility: 3,
    status: 'disputed',
    tags: ['Topics/Casualties', 'Places/Upper Dasha/Mirek'],
  },
  redCrossToll: {
    source: 'herald',
    quote: '65 people had died in the shelling of the central market on Sunday',
    statement: '65 people died in the shelling of Mirek central market.',
    claimant: 'Selvarian Red Cross',
    date: '2025-03-09',
    place: 'Mirek',
    eventType: 'Shelling',
    credibility: 3,
    status: 'disputed',
    note: 'Counted by Red Cross volunteers at the market and in two hospitals.',
    tags: ['Topics/Casualties', 'Organizations/Selvarian Red Cross', 'Places/Upper Dasha/Mirek'],
  },
  airportEntered: {
    source: 'herald',
    quote:
      "The Red Ridge Brigades entered Mirek's airport on Sunday after the army withdrew, residents said.",
    statement: 'The Red Ridge Brigades entered Mirek airport after the army withdrew.',
    claimant: 'Residents of Mirek',
    date: '2025-03-09',
    place: 'Mirek',
    actors: ['Red Ridge Brigades', 'Selvarian Armed Forces'],
    eventType: 'Seizure',
    credibility: 3,
    tags: ['Actors/Red Ridge Brigades', 'Events/Seizure'],
  },
  exodus: {
    source: 'herald',
    quote: 'between 8 and 10 March some 12,000 people fled Mirek and the villages around it',
    statement: 'About 12,000 people fled Mirek and nearby villages.',
    claimant: 'UN experts',
    date: '2025-03-08/2025-03-10',
    place: 'Mirek',
    credibility: 3,
    tags: ['Topics/Displacement', 'Places/Upper Dasha/Mirek'],
  },
  ceasefire: {
    source: 'kestrel',
    quote:
      'The government and the Red Ridge Brigades agreed on Friday to a ceasefire in Upper Dasha province, a government spokesman told reporters',
    statement: 'The government and the Red Ridge Brigades agreed a ceasefire in Upper Dasha.',
    claimant: 'Government spokesman',
    date: '2025-03-14', // "on Friday" in a report of Saturday 15 March
    place: 'Upper Dasha',
    actors: ['Government of Selvaria', 'Red Ridge Brigades'],
    eventType: 'Ceasefire',
    credibility: 2,
    status: 'verified',
    tags: ['Events/Ceasefire', 'Places/Upper Dasha', 'Actors/Government of Selvaria'],
  },
  displaced: {
    source: 'kestrel',
    quote: 'More than 20,000 people have been displaced from Mirek since the fighting began',
    statement: 'More than 20,000 people have been displaced from Mirek.',
    claimant: 'Selvarian Red Cross',
    place: 'Mirek',
    credibility: 4,
    note: 'A running total with no start date: left undated.',
    tags: ['Topics/Displacement', 'Organizations/Selvarian Red Cross'],
  },
  ceasefireHolding: {
    source: 'monitor',
    quote: 'The ceasefire agreed on 14 March has largely held in and around Mirek',
    statement: 'The ceasefire has largely held around Mirek.',
    claimant: 'Upper Dasha Monitor',
    date: '2025-04-02',
    place: 'Mirek',
    eventType: 'Ceasefire',
    credibility: 3,
    tags: ['Events/Ceasefire', 'Topics/Analysis'],
  },
  kovariDeployment: {
    source: 'monitor',
    quote: 'the Kovari Guard sent fighters into the Tovel hills early in March, days before the airport fell',
    statement: 'The Kovari Guard sent fighters into the hills near Tovel.',
    claimant: 'Upper Dasha Monitor',
    date: '2025-03~', // "early in March": the month is approximate, not the day
    place: 'Tovel',
    actors: ['Kovari Guard'],
    credibility: 4,
    tags: ['Actors/Kovari Guard', 'Places/Upper Dasha/Tovel'],
  },
  exodusMonitor: {
    source: 'monitor',
    quote: 'about 12,000 people fled Mirek between 8 and 10 March',
    statement: 'About 12,000 people fled Mirek.',
    claimant: 'UN experts',
    date: '2025-03-08/2025-03-10',
    place: 'Mirek',
    credibility: 3,
    tags: ['Topics/Displacement'],
  },
} as const satisfies Record<string, DemoClaim>;

export type DemoClaimKey = keyof typeof DEMO_CLAIMS;

export const DEMO_LINKS: readonly [DemoClaimKey, DemoClaimKey, LinkRelation, string?][] = [
  ['courierToll', 'ministryToll', 'repeats', 'The Courier carries the Northline wire: one source, not two.'],
  ['redCrossToll', 'ministryToll', 'contradicts', '65 dead (Red Cross) against 40 (interior ministry).'],
  ['airportEntered', 'airportSeized', 'corroborates', 'Residents confirm the ministry’s account.'],
  ['marketBlame', 'redCrossToll', 'same-event'],
  ['exodusMonitor', 'exodus', 'corroborates', 'Both rest on the same UN experts.'],
  ['ceasefireHolding', 'ceasefire', 'same-event'],
];

export const DEMO_REVIEWS: readonly [DemoClaimKey, Verdict, string][] = [
  ['airportSeized', 'citation-ok', 'Quote and date checked: "last Sunday" in a Monday report is 9 March.'],
  [
    'kovariDeployment',
    'unsupported',
    'The Monitor names no source for the deployment; keep as draft until someone else reports it.',
  ],
];

export interface DemoCase {
  path: string;
  sourceIds: Record<SourceKey, string>;
  claimIds: Record<DemoClaimKey, string>;
}

function importDemoSources(c: CaseFile): Record<SourceKey, string> {
  const keys = Object.keys(DEMO_SOURCES) as SourceKey[];
  const results = importSources(
    c,
    keys.map((key) => {
      const fileName = DEMO_SOURCES[key].file;
      return { fileName, bytes: readFileSync(resolve(SOURCES_DIR, fileName)) };
    }),
  );
  const ids = {} as Record<SourceKey, string>;
  keys.forEach((key, i) => {
    const result = results[i]!;
    if (!result.ok) throw new Error(`The demo source ${result.fileName} did not import: ${result.error}`);
    ids[key] = result.id;
  });
  for (const key of keys) {
    const { metadata, tags } = DEMO_SOURCES[key];
    updateSource(c, ids[key], { ...metadata, tags });
  }
  return ids;
}

/** Builds the demo case at `path` (which must not exist yet) and closes it. */
export function buildDemoCase(path: string, author: string = DEMO_AUTHOR): DemoCase {
  const c = createCase(path, { author, title: DEMO_TITLE });
  try {
    // Codebook first, so claims and sources find their tags with kinds and colors already set.
    for (const [tagPath, options] of DEMO_CODEBOOK) addTag(c, tagPath, options);
    const sourceIds = importDemoSources(c);
    const claimIds = {} as Record<DemoClaimKey, string>;
    for (const [key, claim] of Object.entries(DEMO_CLAIMS) as [DemoClaimKey, DemoClaim][]) {
      const { source, quote, ...fields } = claim;
      claimIds[key] = createClaim(c, {
        ...fields,
        tags: fields.tags ? [...fields.tags] : [],
        actors: fields.actors ? [...fields.actors] : undefined,
        anchor: { sourceId: sourceIds[source], quote },
      }).id;
    }
    for (const [from, to, relation, note] of DEMO_LINKS)
      addLink(c, claimIds[from], claimIds[to], relation, note);
    c.author = toAuthor(DEMO_REVIEWER);
    for (const [key, verdict, comment] of DEMO_REVIEWS) addReview(c, claimIds[key], verdict, comment);
    return { path, sourceIds, claimIds };
  } finally {
    closeCase(c);
  }
}

if (import.meta.main) {
  const out = process.argv[2];
  if (!out) {
    console.error('Usage: node electron/demo/buildDemo.ts OUT.attest');
    process.exit(2);
  }
  const demo = buildDemoCase(resolve(out));
  console.log(
    `Wrote ${demo.path}: ${Object.keys(demo.sourceIds).length} sources, ${Object.keys(demo.claimIds).length} claims.`,
  );
}
