/**
 * The Parameters of `$gpc.getstructuredrecord` as a strict provider reads them (GP Connect 1.6.2:
 * accessrecord_structured_development_retrieve_patient_record; OperationDefinition
 * GPConnect-GetStructuredRecord-Operation-1 1.19.0): every area's parts with their types and
 * defaults, the clinical-risk combination rules, and what an unknown parameter earns (a warning in
 * the bundle, not an error).
 */
import { isValidNhsNumber } from '../../rules';

export const STRUCTURED_AREAS = [
  'includeAllergies',
  'includeMedication',
  'includeConsultations',
  'includeProblems',
  'includeImmunisations',
  'includeUncategorisedData',
  'includeInvestigations',
  'includeReferrals',
  'includeDiaryEntries',
] as const;
export type StructuredArea = (typeof STRUCTURED_AREAS)[number];

type PartType = 'boolean' | 'date' | 'period' | 'positiveInt' | 'code';
const PARTS: Record<StructuredArea, Record<string, PartType>> = {
  includeAllergies: { includeResolvedAllergies: 'boolean' },
  includeMedication: { includePrescriptionIssues: 'boolean', medicationSearchFromDate: 'date', filterPrescriptionType: 'code' },
  includeConsultations: { consultationSearchPeriod: 'period', includeNumberOfMostRecent: 'positiveInt' },
  includeProblems: { filterStatus: 'code' },
  includeImmunisations: { includeNotGiven: 'boolean', includeStatus: 'boolean' },
  includeUncategorisedData: { uncategorisedDataSearchPeriod: 'period' },
  includeInvestigations: { investigationSearchPeriod: 'period' },
  includeReferrals: { referralSearchPeriod: 'period' },
  includeDiaryEntries: { diaryEntriesSearchDate: 'date' },
};
/** filterPrescriptionType may repeat (0..*); every other part is 0..1. */
const REPEATABLE = new Set(['filterPrescriptionType']);
const CODES: Record<string, readonly string[]> = {
  filterStatus: ['active', 'inactive'],
  filterPrescriptionType: ['acute', 'repeat', 'repeat-dispensing', 'delayed-prescribing'],
};

/** Parts that may not be sent together with includeConsultations, or (all but filterStatus) with includeProblems. */
const FORBIDDEN_WITH_CONSULTATIONS = [
  'includeMedication.medicationSearchFromDate',
  'includeUncategorisedData.uncategorisedDataSearchPeriod',
  'includeProblems.filterStatus',
  'includeReferrals.referralSearchPeriod',
  'includeDiaryEntries.diaryEntriesSearchDate',
  'includeImmunisations.includeNotGiven',
  'includeImmunisations.includeStatus',
];
const FORBIDDEN_WITH_PROBLEMS = FORBIDDEN_WITH_CONSULTATIONS.filter((p) => p !== 'includeProblems.filterStatus');

export type Period = { start?: string; end?: string };
export type PartValue = boolean | string | number | Period | string[];

export interface StructuredQuery {
  nhsNumber: string;
  /** The areas asked for, each with the parts sent. */
  areas: Partial<Record<StructuredArea, Record<string, PartValue>>>;
  /** Unknown parameters and parts: each becomes a NOT_IMPLEMENTED warning in the bundle. */
  unrecognised: string[];
}

export type ParameterError = { status: 400 | 422; code: 'INVALID_RESOURCE' | 'INVALID_PARAMETER' | 'INVALID_NHS_NUMBER'; diagnostics: string };

type Parameter = { name?: unknown; part?: unknown } & Record<string, unknown>;

const WHOLE_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isArea = (name: string): name is StructuredArea => (STRUCTURED_AREAS as readonly string[]).includes(name);

function valueOf(p: Parameter, type: PartType, name: string, today: string): PartValue | ParameterError {
  const invalid = (why: string): ParameterError => ({ status: 422, code: 'INVALID_PARAMETER', diagnostics: `${name}: ${why}` });
  const date = (value: unknown, what: string): string | ParameterError => {
    if (typeof value !== 'string' || !WHOLE_DATE.test(value) || Number.isNaN(Date.parse(value))) return invalid(`${what} must be a whole date, YYYY-MM-DD`);
    return value;
  };
  switch (type) {
    case 'boolean':
      return typeof p.valueBoolean === 'boolean' ? p.valueBoolean : invalid('expected valueBoolean');
    case 'positiveInt':
      return Number.isInteger(p.valuePositiveInt) && (p.valuePositiveInt as number) > 0
        ? (p.valuePositiveInt as number)
        : invalid('expected a valuePositiveInt');
    case 'code': {
      if (typeof p.valueCode !== 'string') return invalid('expected valueCode');
      const allowed = CODES[name.split('.')[1]];
      return allowed.includes(p.valueCode) ? p.valueCode : invalid(`'${p.valueCode}' is not one of ${allowed.join(', ')}`);
    }
    case 'date': {
      const value = date(p.valueDate, 'the date');
      if (typeof value !== 'string') return value;
      // The medication search looks back; the diary search looks forward (it returns entries on or before the date).
      if (name.endsWith('medicationSearchFromDate') && value > today) return invalid('the date may not be in the future');
      if (name.endsWith('diaryEntriesSearchDate') && value < today) return invalid('the date may not be in the past');
      return value;
    }
    case 'period': {
      const period = p.valuePeriod as Period | undefined;
      if (!period || typeof period !== 'object' || (period.start === undefined && period.end === undefined))
        return invalid('expected a valuePeriod with a start or an end');
      for (const key of ['start', 'end'] as const) {
        if (period[key] === undefined) continue;
        const value = date(period[key], `the period ${key}`);
        if (typeof value !== 'string') return value;
        if (value > today) return invalid(`the period ${key} may not be in the future`);
      }
      if (period.start && period.end && period.start > period.end) return invalid('the period starts after it ends');
      return { ...(period.start ? { start: period.start } : {}), ...(period.end ? { end: period.end } : {}) };
    }
  }
}

/** Reads the request body; an error is what the provider answers with, otherwise the query to answer. */
export function readStructuredParameters(body: string, today: string): StructuredQuery | ParameterError {
  const resource = (() => {
    try {
      return JSON.parse(body) as { resourceType?: unknown; parameter?: unknown };
    } catch {
      return undefined;
    }
  })();
  if (!resource || resource.resourceType !== 'Parameters' || !Array.isArray(resource.parameter))
    return { status: 422, code: 'INVALID_RESOURCE', diagnostics: 'The request body is not a FHIR Parameters resource' };

  const query: StructuredQuery = { nhsNumber: '', areas: {}, unrecognised: [] };
  const seen = new Set<string>();
  let nhsNumberParameter: Parameter | undefined;
  for (const p of resource.parameter as Parameter[]) {
    if (!p || typeof p.name !== 'string') return { status: 422, code: 'INVALID_RESOURCE', diagnostics: 'Every parameter needs a name' };
    const name = p.name;
    if (name !== 'patientNHSNumber' && !isArea(name)) {
      query.unrecognised.push(name);
      continue;
    }
    if (seen.has(name)) return { status: 422, code: 'INVALID_RESOURCE', diagnostics: `${name} may appear only once` };
    seen.add(name);
    if (name === 'patientNHSNumber') {
      nhsNumberParameter = p;
      continue;
    }
    const parts: Record<string, PartValue> = {};
    for (const part of (Array.isArray(p.part) ? p.part : []) as Parameter[]) {
      const partName = typeof part?.name === 'string' ? part.name : '';
      const type = PARTS[name][partName];
      if (!type) {
        query.unrecognised.push(`${name}.${partName}`);
        continue;
      }
      const value = valueOf(part, type, `${name}.${partName}`, today);
      if (typeof value === 'object' && value !== null && 'code' in value) return value;
      if (REPEATABLE.has(partName)) {
        parts[partName] = [...((parts[partName] as string[] | undefined) ?? []), value as string];
        continue;
      }
      if (partName in parts) return { status: 422, code: 'INVALID_RESOURCE', diagnostics: `${name}.${partName} may appear only once` };
      parts[partName] = value;
    }
    query.areas[name] = parts;
  }

  if (!nhsNumberParameter && Object.keys(query.areas).length === 0)
    return { status: 422, code: 'INVALID_PARAMETER', diagnostics: 'No recognised parameter: patientNHSNumber is required' };
  if (!nhsNumberParameter) return { status: 422, code: 'INVALID_PARAMETER', diagnostics: 'patientNHSNumber is required' };
  const identifier = nhsNumberParameter.valueIdentifier as { system?: unknown; value?: unknown } | undefined;
  if (!identifier || identifier.system !== 'https://fhir.nhs.uk/Id/nhs-number' || typeof identifier.value !== 'string')
    return { status: 422, code: 'INVALID_PARAMETER', diagnostics: 'patientNHSNumber must be a valueIdentifier with system https://fhir.nhs.uk/Id/nhs-number' };
  if (!/^\d{10}$/.test(identifier.value) || !isValidNhsNumber(identifier.value))
    return { status: 400, code: 'INVALID_NHS_NUMBER', diagnostics: 'patientNHSNumber is not a valid NHS number' };
  query.nhsNumber = identifier.value;

  const allergies = query.areas.includeAllergies;
  if (allergies && allergies.includeResolvedAllergies === undefined)
    return { status: 422, code: 'INVALID_PARAMETER', diagnostics: 'includeAllergies.includeResolvedAllergies is required when includeAllergies is sent' };
  const consultations = query.areas.includeConsultations;
  if (consultations?.consultationSearchPeriod && consultations.includeNumberOfMostRecent !== undefined)
    return {
      status: 422,
      code: 'INVALID_RESOURCE',
      diagnostics: 'includeConsultations.consultationSearchPeriod and includeConsultations.includeNumberOfMostRecent may not be sent together',
    };
  return combinationError(query, today) ?? query;
}

/** The clinical-risk rules (§ "Not permitted parameter combinations"), and the predefined multi-area searches they exempt. */
function combinationError(query: StructuredQuery, today: string): ParameterError | undefined {
  const sent = Object.entries(query.areas).flatMap(([area, parts]) => Object.keys(parts).map((part) => `${area}.${part}`));
  const rules: [StructuredArea, string[]][] = [
    ['includeConsultations', FORBIDDEN_WITH_CONSULTATIONS],
    ['includeProblems', FORBIDDEN_WITH_PROBLEMS],
  ];
  for (const [area, forbidden] of rules) {
    if (!query.areas[area]) continue;
    const clash = sent.find((p) => forbidden.includes(p));
    if (clash && !isPredefinedSearch(query, today))
      return { status: 422, code: 'INVALID_PARAMETER', diagnostics: `${clash} may not be sent together with ${area}` };
  }
  return undefined;
}

/**
 * Predefined searches 1 and 2 (accessrecord_structured_development_searchMultiAreaSearches): the
 * three most recent consultations, problems, all allergies, a year of medication, and (search 2)
 * immunisations and uncategorised data with no parts.
 */
function isPredefinedSearch(query: StructuredQuery, today: string): boolean {
  const a = query.areas;
  const yearAgo = new Date(Date.parse(today) - 365 * 86_400_000).toISOString().slice(0, 10);
  const only = (parts: Record<string, PartValue> | undefined, expected: Record<string, PartValue>) =>
    parts !== undefined && Object.keys(parts).length === Object.keys(expected).length && Object.entries(expected).every(([k, v]) => parts[k] === v);
  const searchOne =
    only(a.includeConsultations, { includeNumberOfMostRecent: 3 }) &&
    only(a.includeProblems, {}) &&
    only(a.includeAllergies, { includeResolvedAllergies: true }) &&
    only(a.includeMedication, { medicationSearchFromDate: yearAgo });
  const others = Object.keys(a).filter((k) => !['includeConsultations', 'includeProblems', 'includeAllergies', 'includeMedication'].includes(k));
  const extrasAllowed = others.every((k) => (k === 'includeImmunisations' || k === 'includeUncategorisedData') && only(a[k as StructuredArea], {}));
  return searchOne && extrasAllowed;
}
