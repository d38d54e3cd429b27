/**
 * FHIR STU3 Access Record Structured bundle → the viewer's clinical contract (src/shared/structuredRecord.ts).
 * Lists drive what is shown (GP Connect 1.6.2: accessrecord_structured_development_list): each
 * area's items are what its List references, resolved through the bundle, never the bundle's
 * order; what cannot be placed is counted, not dropped. A bundle that is not what the
 * specification describes is UPSTREAM_MALFORMED.
 */
import { z } from 'zod';
import type { Allergy, AreaStatus, Coded, Medication, Problem, StructuredAreaCode, StructuredData } from '../../shared/structuredRecord';
import { AppError } from '../problem';

type Resource = { resourceType: string; id?: string } & Record<string, unknown>;
/**
 * Provider JSON, read element by element: any element may be missing or of another shape, and
 * an item whose shape the mapper does not expect is counted as unmapped (mapEach), never a crash.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: FHIR from a GP system is narrowed where it is read
type Json = Record<string, any>;

const BundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('collection'),
  entry: z.array(z.object({ resource: z.looseObject({ resourceType: z.string(), id: z.string().optional() }) })).default([]),
});

/** Primary List codes (SNOMED) per area. */
const LIST_CODES = {
  allergies: '886921000000105',
  endedAllergies: '1103671000000101',
  medications: '933361000000108',
  problems: '717711000000103',
} as const;
/** The in-bundle warning's diagnostics name the parameter; the area it concerns. */
const AREA_PARAMETERS: Record<StructuredAreaCode, string> = {
  allergies: 'includeAllergies',
  medications: 'includeMedication',
  problems: 'includeProblems',
};

const DEGRADED_CODES = new Set(['196461000000101', '196471000000108', '196421000000109', '196411000000103']);
const WARNING_EXTENSION = 'Extension-CareConnect-GPC-ListWarningCode-1';

const endsWith = (url: unknown, name: string) => typeof url === 'string' && url.endsWith(`/${name}`);
const extension = (resource: Json | undefined, name: string): Json | undefined =>
  (resource?.extension as Json[] | undefined)?.find((e) => endsWith(e.url, name));
const extensions = (resource: Json | undefined, name: string): Json[] =>
  ((resource?.extension as Json[] | undefined) ?? []).filter((e) => endsWith(e.url, name));
const subExtension = (ext: Json | undefined, url: string): Json | undefined => (ext?.extension as Json[] | undefined)?.find((e) => e.url === url);
const day = (value: unknown) => (typeof value === 'string' && value ? value.slice(0, 10) : undefined);
const notes = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((n: Json) => n?.text).filter((t): t is string => typeof t === 'string' && t.length > 0) : [];

function coded(concept: Json | undefined): Coded {
  const codings = ((concept?.coding as Json[] | undefined) ?? []).map((c) => ({ system: c.system, code: c.code, display: c.display }));
  return {
    text: (typeof concept?.text === 'string' && concept.text) || codings.find((c) => c.display)?.display || 'No information available',
    codings,
    degraded: codings.some((c) => c.code !== undefined && DEGRADED_CODES.has(c.code)),
  };
}

class BundleIndex {
  private readonly byReference = new Map<string, Resource>();
  readonly lists: Json[] = [];
  readonly outcomes: Json[] = [];
  constructor(readonly resources: Resource[]) {
    for (const r of resources) {
      if (r.id) this.byReference.set(`${r.resourceType}/${r.id}`, r);
      if (r.resourceType === 'List') this.lists.push(r);
      if (r.resourceType === 'OperationOutcome') this.outcomes.push(r);
    }
  }
  get(reference: unknown, type?: string): Resource | undefined {
    if (typeof reference !== 'string') return undefined;
    const found = this.byReference.get(reference);
    return found && (!type || found.resourceType === type) ? found : undefined;
  }
  /** The query List for a primary code: identified by code, never by id. */
  list(code: string): Json | undefined {
    return this.lists.find((l) => !l.id && (l.code?.coding as Json[] | undefined)?.some((c) => c.code === code));
  }
  all(type: string): Resource[] {
    return this.resources.filter((r) => r.resourceType === type);
  }
}

function listStatus(list: Json | undefined): AreaStatus {
  if (!list) return { state: 'missing', warnings: [], notes: [] };
  const emptyReason = (list.emptyReason?.coding as Json[] | undefined)?.[0]?.display ?? list.emptyReason?.text;
  return {
    state: 'answered',
    warnings: extensions(list, WARNING_EXTENSION).map((e) => ({ code: String(e.valueCode) })),
    notes: notes(list.note),
    ...(emptyReason ? { emptyReason } : {}),
  };
}

function mapAllergy(r: Json, status: 'active' | 'ended'): Allergy {
  const end = extension(r, 'Extension-CareConnect-GPC-AllergyIntoleranceEnd-1');
  return {
    id: String(r.id),
    term: coded(r.code),
    category: Array.isArray(r.category) ? r.category[0] : undefined,
    status,
    onset: day(r.onsetDateTime),
    asserted: day(r.assertedDate),
    ...(status === 'ended' ? { ended: { date: day(subExtension(end, 'endDate')?.valueDateTime), reason: subExtension(end, 'reasonEnded')?.valueString } } : {}),
    reactions: ((r.reaction as Json[] | undefined) ?? []).map((reaction) => ({
      manifestation: coded((reaction.manifestation as Json[] | undefined)?.[0]).text,
      severity: reaction.severity,
    })),
    notes: notes(r.note),
  };
}

function mapMedication(statement: Json, index: BundleIndex): Medication | undefined {
  const plan = index.get((statement.basedOn as Json[] | undefined)?.[0]?.reference, 'MedicationRequest') as Json | undefined;
  if (!plan || plan.intent !== 'plan') return undefined;
  const medication = index.get(statement.medicationReference?.reference ?? plan.medicationReference?.reference, 'Medication') as Json | undefined;
  const repeat = extension(plan, 'Extension-CareConnect-GPC-MedicationRepeatInformation-1');
  const statusReason = extension(plan, 'Extension-CareConnect-GPC-MedicationStatusReason-1');
  const dosage = (statement.dosage as Json[] | undefined)?.[0]?.text ?? (plan.dosageInstruction as Json[] | undefined)?.[0]?.text ?? 'No information available';
  const quantity = plan.dispenseRequest?.quantity;
  const planReference = `MedicationRequest/${plan.id}`;
  const issues = index
    .all('MedicationRequest')
    .filter((o: Json) => o.intent === 'order' && (o.basedOn as Json[] | undefined)?.some((b) => b.reference === planReference))
    .map((o: Json) => ({
      id: String(o.id),
      date: day(o.authoredOn ?? o.dispenseRequest?.validityPeriod?.start),
      quantity: extension(o.dispenseRequest?.quantity, 'Extension-CareConnect-GPC-MedicationQuantityText-1')?.valueString,
      days: o.dispenseRequest?.expectedSupplyDuration?.value,
    }));
  const allowed = subExtension(repeat, 'numberOfRepeatPrescriptionsAllowed')?.valueUnsignedInt;
  const made = subExtension(repeat, 'numberOfRepeatPrescriptionsIssued')?.valueUnsignedInt;
  return {
    id: String(statement.id),
    name: coded(medication?.code),
    type: (extension(plan, 'Extension-CareConnect-GPC-PrescriptionType-1')?.valueCodeableConcept?.coding as Json[] | undefined)?.[0]?.code,
    status: String(plan.status ?? statement.status ?? 'unknown'),
    dosage,
    // The provider appends this to the dosage when the dose changed in the plan's lifetime (accessrecord_structured_development_medicationstatement).
    dosageChanged: /WARNING\s*[–-]\s*Dosage has changed/i.test(dosage),
    quantity:
      extension(quantity, 'Extension-CareConnect-GPC-MedicationQuantityText-1')?.valueString ??
      (quantity ? `${quantity.value} ${quantity.unit ?? ''}`.trim() : undefined),
    started: day(statement.effectivePeriod?.start ?? plan.dispenseRequest?.validityPeriod?.start),
    ended: day(statement.effectivePeriod?.end ?? plan.dispenseRequest?.validityPeriod?.end),
    lastIssued: day(extension(statement, 'Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1')?.valueDateTime),
    ...(made !== undefined ? { issuesMade: made } : {}),
    ...(allowed !== undefined ? { issuesAllowed: allowed } : {}),
    reviewDate: day(subExtension(repeat, 'authorisationExpiryDate')?.valueDateTime),
    prescribingAgency: coded(extension(statement, 'Extension-CareConnect-GPC-PrescribingAgency-1')?.valueCodeableConcept).text,
    stopReason: subExtension(statusReason, 'statusReason')?.valueCodeableConcept?.text,
    stoppedOn: day(subExtension(statusReason, 'statusChangeDate')?.valueDateTime),
    notes: notes(statement.note),
    issues,
  };
}

function mapProblem(r: Json, index: BundleIndex): Problem {
  const significance = extension(r, 'Extension-CareConnect-ProblemSignificance-1')?.valueCode;
  const links = extensions(r, 'Extension-CareConnect-RelatedClinicalContent-1').map((e) => {
    const reference = String(e.valueReference?.reference ?? '');
    const target = index.get(reference) as Json | undefined;
    if (target?.resourceType === 'MedicationRequest') {
      const medication = index.get(target.medicationReference?.reference, 'Medication') as Json | undefined;
      return { kind: 'medication' as const, id: reference, label: coded(medication?.code).text, date: day(target.authoredOn) };
    }
    if (target?.resourceType === 'Encounter')
      return { kind: 'consultation' as const, id: reference, label: coded((target.type as Json[] | undefined)?.[0]).text, date: day(target.period?.start) };
    // A linked item of a disabled or unsupported area comes with only a display text (accessrecord_structured_development_problems_guidance).
    return { kind: 'other' as const, id: reference, label: e.valueReference?.display ?? target?.resourceType ?? 'Linked item not in the record sent' };
  });
  return {
    id: String(r.id),
    term: coded(r.code),
    status: r.clinicalStatus === 'active' ? 'active' : 'inactive',
    ...(significance === 'major' || significance === 'minor' ? { significance } : {}),
    onset: day(r.onsetDateTime),
    ended: day(r.abatementDateTime),
    asserted: day(r.assertedDate),
    notes: notes(r.note),
    links,
  };
}

/** Maps the areas asked for; `areas` is what the request named, so an area with no List is "missing", not empty. */
export function mapStructuredBundle(body: unknown, areas: readonly StructuredAreaCode[]): StructuredData {
  const bundle = BundleSchema.safeParse(body);
  if (!bundle.success)
    throw new AppError('UPSTREAM_MALFORMED', {
      step: 'provider',
      upstreamStatus: 200,
      detail: 'The GP system answered with a structured record that is not a collection Bundle',
    });
  const index = new BundleIndex(bundle.data.entry.map((e) => e.resource as Resource));
  let unmapped = 0;

  const providerWarnings = index.outcomes.flatMap((o) =>
    ((o.issue as Json[] | undefined) ?? []).map((i) => ({
      parameter: String(i.diagnostics ?? ''),
      text: String(i.details?.text ?? i.diagnostics ?? 'Warning from the GP system'),
    })),
  );
  const statusOf = (area: StructuredAreaCode, list: Json | undefined): AreaStatus => {
    const said = providerWarnings.find((w) => w.parameter === AREA_PARAMETERS[area]);
    const status = listStatus(list);
    if (said && status.state === 'missing') return { ...status, state: /disabled/i.test(said.text) ? 'disabled' : 'not-supported', providerWarning: said.text };
    return said ? { ...status, providerWarning: said.text } : status;
  };
  /** The resources a List references; each one that is not there, or not of the type, is counted. */
  const resolve = (list: Json | undefined, type: string, contained: Json[] = []): Json[] =>
    ((list?.entry as Json[] | undefined) ?? []).flatMap((entry) => {
      const reference = entry.item?.reference;
      const found =
        typeof reference === 'string' && reference.startsWith('#')
          ? contained.find((c) => `#${c.id}` === reference && c.resourceType === type)
          : index.get(reference, type);
      if (!found) unmapped += 1;
      return found ? [found] : [];
    });

  /** Maps each item; one whose shape throws is counted, and the rest are still shown. */
  const mapEach = <T>(items: Json[], map: (item: Json) => T | undefined): T[] =>
    items.flatMap((item) => {
      try {
        const mapped = map(item);
        if (mapped === undefined) unmapped += 1;
        return mapped === undefined ? [] : [mapped];
      } catch {
        unmapped += 1;
        return [];
      }
    });

  const data: StructuredData = { areas: {}, otherWarnings: [], unmapped: 0 };
  if (areas.includes('allergies')) {
    const active = index.list(LIST_CODES.allergies);
    const ended = index.list(LIST_CODES.endedAllergies);
    data.areas.allergies = {
      status: statusOf('allergies', active),
      ...(ended ? { ended: listStatus(ended) } : {}),
      items: [
        ...mapEach(resolve(active, 'AllergyIntolerance'), (r) => mapAllergy(r, 'active')),
        // Ended allergies are contained in their List (a supplier may also send them top-level: only the List counts).
        ...mapEach(resolve(ended, 'AllergyIntolerance', (ended?.contained as Json[] | undefined) ?? []), (r) => mapAllergy(r, 'ended')),
      ],
    };
  }
  if (areas.includes('medications')) {
    const list = index.list(LIST_CODES.medications);
    const items = mapEach(resolve(list, 'MedicationStatement'), (statement) => mapMedication(statement, index));
    data.areas.medications = { status: statusOf('medications', list), items };
  }
  if (areas.includes('problems')) {
    const list = index.list(LIST_CODES.problems);
    data.areas.problems = { status: statusOf('problems', list), items: mapEach(resolve(list, 'Condition'), (r) => mapProblem(r, index)) };
  }
  const areaParameters = new Set(Object.values(AREA_PARAMETERS));
  data.otherWarnings = providerWarnings.filter((w) => !areaParameters.has(w.parameter)).map((w) => w.text);
  data.unmapped = unmapped;
  return data;
}
