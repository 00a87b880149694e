import { DOMAINS, type CircumstanceType, type Domain } from '../population/types.js';

/** The data domains a family database joins (defined once, with `Domain`, in src/population/types.ts). */
export { DOMAINS };

/** One true circumstance in the default catalogue (see `circumstanceSchema` for each field's meaning). */
export interface CatalogueEntry {
  readonly name: string;
  readonly label: string;
  readonly domain: Domain;
  readonly type: CircumstanceType;
  readonly level: 'child' | 'household';
  readonly prevalence: number;
  readonly loading: number;
  readonly effect: number;
}

const c = (
  name: string,
  label: string,
  domain: Domain,
  prevalence: number,
  loading: number,
  effect: number,
  type: CircumstanceType = 'binary',
  level: 'child' | 'household' = 'child',
): CatalogueEntry => ({ name, label, domain, type, level, prevalence, loading, effect });

/**
 * The default catalogue of 32 true circumstances.
 *
 * `prevalence` is the share of children with the circumstance (for counts,
 * the mean count) in the reference population of children aged 10–17.
 * `loading` is how strongly it follows the shared latent vulnerability (so
 * circumstances co-occur, as real ones do); `effect` is its log-odds effect on
 * the outcome before the scenario's separability scaling.
 *
 * All values are ASSUMPTIONS chosen to be plausible orders of magnitude for
 * England (e.g. persistent absence ≈ 20% of secondary pupils, children in
 * need ≈ 3.3%, looked after ≈ 0.7%, free school meals ≈ 24%); effects follow
 * the risk factors named in the CSE literature (missing episodes, older
 * associates, sexual health, substance misuse, being looked after). Presets
 * override them where a source gives a better number.
 */
export const DEFAULT_CATALOGUE: readonly CatalogueEntry[] = [
  c('persistent_absence', 'Persistent absence from school', 'education', 0.2, 0.8, 0.5),
  c('exclusion', 'Suspension or exclusion from school', 'education', 0.04, 0.9, 0.4),
  c('special_needs', 'Special educational needs', 'education', 0.15, 0.4, 0.2),
  c('school_moves', 'Mid-year school moves (count)', 'education', 0.3, 0.6, 0.2, 'count'),
  c('missing_episodes', 'Missing episodes (count)', 'missing', 0.08, 1.2, 0.5, 'count'),
  c('antisocial_behaviour', 'Antisocial behaviour', 'police', 0.04, 1.0, 0.3),
  c('offending', 'Offending', 'police', 0.03, 1.0, 0.3),
  c('violent_offence', 'Violent offence', 'police', 0.02, 1.0, 0.2),
  c('sexual_offence', 'Sexual offence recorded (as victim or concern)', 'police', 0.006, 1.1, 0.8),
  c('drugs', 'Drugs', 'police', 0.03, 1.1, 0.5),
  c('victim_of_crime', 'Victim of crime', 'police', 0.06, 0.7, 0.3),
  c('gang_association', 'Gang or organised-crime association', 'police', 0.01, 1.2, 0.8),
  c('older_associates', 'Older associates', 'police', 0.02, 1.2, 1.0),
  c('trafficking', 'Trafficking concern', 'police', 0.002, 1.3, 1.0),
  c('criminality_with_children', 'Criminality with other children', 'police', 0.01, 1.1, 0.6),
  c('child_in_need', 'Child in need', 'socialCare', 0.033, 1.0, 0.4),
  c('protection_plan', 'Child protection plan', 'socialCare', 0.005, 1.1, 0.5),
  c('looked_after', 'Looked after by the local authority', 'socialCare', 0.007, 1.2, 0.8),
  c('prior_referrals', 'Prior referrals to social care (count)', 'socialCare', 0.25, 0.9, 0.3, 'count'),
  c('mental_health_service', 'Mental health service contact', 'health', 0.08, 0.7, 0.4),
  c('self_harm', 'Self-harm', 'health', 0.03, 0.9, 0.6),
  c('substance_misuse', 'Substance misuse', 'health', 0.02, 1.0, 0.6),
  c('sexual_health', 'Sexual health service contact', 'health', 0.03, 0.8, 0.8),
  c('temporary_accommodation', 'Temporary accommodation', 'housing', 0.01, 0.8, 0.2, 'binary', 'household'),
  c('homelessness', 'Homelessness', 'housing', 0.01, 0.9, 0.3, 'binary', 'household'),
  c('frequent_moves', 'Frequent home moves', 'housing', 0.08, 0.6, 0.2, 'binary', 'household'),
  c('free_school_meals', 'Free school meals', 'welfare', 0.24, 0.6, 0.1, 'binary', 'household'),
  c('benefits', 'Out-of-work benefits', 'welfare', 0.2, 0.6, 0.1, 'binary', 'household'),
  c('domestic_abuse', 'Domestic abuse in the household', 'family', 0.06, 0.9, 0.4, 'binary', 'household'),
  c('parental_substance_misuse', 'Parental substance misuse', 'family', 0.04, 0.9, 0.3, 'binary', 'household'),
  c('parental_mental_health', 'Parental mental health', 'family', 0.08, 0.6, 0.2, 'binary', 'household'),
  c('parental_offending', 'Parental offending', 'family', 0.04, 0.8, 0.3, 'binary', 'household'),
];

/**
 * The factors IICSA lists for Avon and Somerset Police's TRAP score, mapped
 * onto the catalogue: sexual offences, violent offences, antisocial
 * behaviour, drugs, criminality with children, links to missing persons,
 * gang / organised-crime links, trafficking.
 */
export const TRAP_FLAGS: readonly string[] = [
  'sexual_offence',
  'violent_offence',
  'antisocial_behaviour',
  'drugs',
  'criminality_with_children',
  'missing_episodes',
  'gang_association',
  'trafficking',
];
