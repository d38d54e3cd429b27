/**
 * FHIR STU3 Access Record Structured bundle → the viewer's clinical contract (src/shared/structuredRecord.ts).
 * Lists drive what is shown (GP Connect 1.6.2: accessrecord_structured_development_list): each
 * area's items are what its List references, resolved through the bundle, never the bundle's
 * order; what cannot be placed is counted, not dropped. A bundle that is not what the
 * specification describes is UPSTREAM_MALFORMED.
 */
import { z } from 'zod';
import type {
  Allergy,
  AreaStatus,
  Coded,
  Consultation,
  DiaryEntry,
  Immunisation,
  Investigation,
  Medication,
  Problem,
  Referral,
  Result,
  StructuredAreaCode,
  StructuredData,
} from '../../shared/structuredRecord';
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
  immunisations: '1102181000000102',
  uncategorised: '826501000000100',
  investigations: '887191000000108',
  consultations: '1149501000000101',
  referrals: '792931000000107',
  diary: '714311000000108',
} as const;
/** The Lists inside a consultation (accessrecord_structured_development_consultation_guidance). */
const CONSULTATION_LISTS = { consultation: '325851000000107', topic: '25851000000105', heading: '24781000000107' } as const;
/** Each area's parameter of $gpc.getstructuredrecord: what the BFF asks with, and what an in-bundle warning's diagnostics name. */
export const AREA_PARAMETERS: Record<StructuredAreaCode, string> = {
  allergies: 'includeAllergies',
  medications: 'includeMedication',
  problems: 'includeProblems',
  immunisations: 'includeImmunisations',
  consultations: 'includeConsultations',
  investigations: 'includeInvestigations',
  uncategorised: 'includeUncategorisedData',
  referrals: 'includeReferrals',
  diary: 'includeDiaryEntries',
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
  /** Issues (MedicationRequest intent order) by the plan they are basedOn; consultation Lists by their Encounter. Built once, read per item. */
  private readonly ordersByPlan = new Map<string, Json[]>();
  private readonly consultationByEncounter = new Map<string, Json>();
  constructor(resources: Resource[]) {
    for (const r of resources as Json[]) {
      if (r.id) this.byReference.set(`${r.resourceType}/${r.id}`, r as Resource);
      if (r.resourceType === 'List') this.lists.push(r);
      if (r.resourceType === 'OperationOutcome') this.outcomes.push(r);
      if (r.resourceType === 'MedicationRequest' && r.intent === 'order')
        for (const plan of new Set(((r.basedOn as Json[] | undefined) ?? []).map((b) => b.reference)))
          this.ordersByPlan.set(plan, [...(this.ordersByPlan.get(plan) ?? []), r]);
      const encounter = r.resourceType === 'List' ? r.encounter?.reference : undefined;
      const isConsultation = (r.code?.coding as Json[] | undefined)?.some((c) => c.code === CONSULTATION_LISTS.consultation);
      if (typeof encounter === 'string' && isConsultation && !this.consultationByEncounter.has(encounter)) this.consultationByEncounter.set(encounter, r);
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
  /** A plan's issues, in bundle order. */
  ordersOf(planReference: string): Json[] {
    return this.ordersByPlan.get(planReference) ?? [];
  }
  /** The consultation List of an Encounter (the first, if a bundle sent two). */
  consultationOf(encounterReference: string): Json | undefined {
    return this.consultationByEncounter.get(encounterReference);
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
  const issues = index.ordersOf(planReference).map((o) => ({
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
    prescriber: nameOf(index.get(plan.recorder?.reference, 'Practitioner') as Json | undefined),
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
    if (target?.resourceType === 'Observation') {
      // A laboratory result opens investigations; any other reading, uncategorised data.
      const laboratory = ((target.category as Json[] | undefined) ?? []).some((c) => (c.coding as Json[] | undefined)?.some((x) => x.code === 'laboratory'));
      // A panel (blood pressure) as its parts: 148/92 mm[Hg].
      const parts = ((target.component as Json[] | undefined) ?? []).map((c) => c.valueQuantity);
      const value =
        valueText(target) ??
        (parts.length && parts.every((q) => typeof q?.value === 'number') ? `${parts.map((q) => q.value).join('/')} ${parts[0].unit ?? ''}`.trim() : undefined);
      return {
        kind: laboratory ? ('investigation' as const) : ('observation' as const),
        id: reference,
        label: coded(target.code).text,
        ...(value ? { detail: value } : {}),
        date: day(target.effectiveDateTime ?? target.issued),
      };
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

/** A Practitioner's, Organization's or Location's name, for who and where. */
function nameOf(resource: Json | undefined): string | undefined {
  if (!resource) return undefined;
  if (typeof resource.name === 'string') return resource.name;
  const name = (resource.name as Json[] | undefined)?.[0];
  if (!name) return undefined;
  const parts = [...((name.prefix as string[] | undefined) ?? []), ...((name.given as string[] | undefined) ?? []), name.family].filter(Boolean);
  return (name.text as string | undefined) ?? (parts.length ? parts.join(' ') : undefined);
}

const quantityText = (q: Json | undefined) => (q && q.value !== undefined ? `${q.comparator ?? ''}${q.value}${q.unit ? ` ${q.unit}` : ''}` : undefined);

/** An Observation's value as written, whichever value[x] it came in. */
function valueText(o: Json): string | undefined {
  if (o.valueQuantity) return quantityText(o.valueQuantity);
  if (typeof o.valueString === 'string') return o.valueString;
  if (o.valueCodeableConcept) return coded(o.valueCodeableConcept).text;
  if (typeof o.valueBoolean === 'boolean') return o.valueBoolean ? 'Yes' : 'No';
  if (o.valueRange) return `${quantityText(o.valueRange.low) ?? ''} – ${quantityText(o.valueRange.high) ?? ''}`;
  return undefined;
}

function rangeText(o: Json): string | undefined {
  const range = (o.referenceRange as Json[] | undefined)?.[0];
  if (!range) return undefined;
  if (typeof range.text === 'string') return range.text;
  const low = quantityText(range.low);
  const high = quantityText(range.high);
  return low && high ? `${low} – ${high}` : low ? `≥ ${low}` : high ? `≤ ${high}` : undefined;
}

function mapResult(o: Json, group?: string): Result {
  const quantity = o.valueQuantity;
  const interpretation = o.interpretation;
  return {
    id: String(o.id),
    term: coded(o.code),
    date: day(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued),
    value: valueText(o),
    ...(typeof quantity?.value === 'number'
      ? {
          numeric: {
            value: quantity.value,
            ...(quantity.unit ? { unit: quantity.unit } : {}),
            ...(quantity.comparator ? { comparator: quantity.comparator } : {}),
          },
        }
      : {}),
    components: ((o.component as Json[] | undefined) ?? []).map((c) => ({
      term: coded(c.code).text,
      value: valueText(c),
      // A part with a comparator ("<60") is not a number to plot.
      ...(typeof c.valueQuantity?.value === 'number' && !c.valueQuantity.comparator ? { numeric: c.valueQuantity.value } : {}),
      ...(c.valueQuantity?.unit ? { unit: c.valueQuantity.unit } : {}),
    })),
    range: rangeText(o),
    flag: interpretation ? ((interpretation.coding as Json[] | undefined)?.[0]?.code ?? interpretation.text) : undefined,
    ...(group ? { group } : {}),
    notes: typeof o.comment === 'string' && o.comment ? [o.comment] : [],
  };
}

function mapImmunisation(r: Json): Immunisation {
  const procedure = extension(r, 'Extension-CareConnect-VaccinationProcedure-1')?.valueCodeableConcept;
  const product = r.vaccineCode;
  const productKnown = !(product?.coding as Json[] | undefined)?.some((c) => c.code === 'UNK');
  const protocol = (r.vaccinationProtocol as Json[] | undefined)?.[0];
  const reason = (r.explanation?.reasonNotGiven as Json[] | undefined)?.[0];
  return {
    id: String(r.id),
    vaccination: coded(procedure ?? product),
    ...(product && productKnown ? { product: coded(product).text } : {}),
    date: day(r.date),
    given: r.notGiven !== true,
    ...(r.notGiven === true ? { reasonNotGiven: reason ? coded(reason).text : 'No information available' } : {}),
    dose: protocol?.description ?? (protocol?.doseSequence !== undefined ? String(protocol.doseSequence) : undefined),
    notes: notes(r.note),
  };
}

/** A report's results; a test group (an Observation with has-member) gives its members, named by the group. */
function mapReport(report: Json, index: BundleIndex): Investigation {
  const results: Result[] = [];
  for (const ref of (report.result as Json[] | undefined) ?? []) {
    const o = index.get(ref.reference, 'Observation') as Json | undefined;
    if (!o) throw new Error('result not in the bundle');
    const members = ((o.related as Json[] | undefined) ?? []).filter((r) => r.type === 'has-member');
    if (members.length === 0) results.push(mapResult(o));
    for (const m of members) {
      const member = index.get(m.target?.reference, 'Observation') as Json | undefined;
      if (!member) throw new Error('test group member not in the bundle');
      results.push(mapResult(member, coded(o.code).text));
    }
  }
  const specimen = index.get((report.specimen as Json[] | undefined)?.[0]?.reference, 'Specimen') as Json | undefined;
  const names = [...new Set(results.map((r) => r.group ?? r.term.text))];
  return {
    id: String(report.id),
    // DiagnosticReport.code is one fixed code for every report; what was tested is the title a clinician looks for.
    title: names.length ? names.join(', ') : coded(report.code).text,
    date: day(report.issued ?? report.effectiveDateTime),
    status: report.status,
    ...(specimen ? { specimen: { type: coded(specimen.type).text, collected: day(specimen.collection?.collectedDateTime) } } : {}),
    results,
    notes: [...notes(report.note), ...(typeof report.conclusion === 'string' ? [report.conclusion] : [])],
  };
}

/** One recorded item inside a consultation heading, as a line of text. */
function describeItem(resource: Json): { kind: string; text: string } {
  if (resource.resourceType === 'Observation') {
    const code = coded(resource.code);
    // A Comment note carries the free text itself (accessrecord_structured_development_consultation_guidance).
    if (code.codings.some((c) => c.code === '37331000000100')) return { kind: 'note', text: valueText(resource) ?? '' };
    const value = valueText(resource);
    return { kind: 'observation', text: value ? `${code.text}: ${value}` : code.text };
  }
  const term = resource.code ?? resource.vaccineCode ?? (resource.type as Json[] | undefined)?.[0];
  return { kind: String(resource.resourceType).toLowerCase(), text: coded(term).text };
}

function mapConsultation(encounter: Json, index: BundleIndex): Consultation {
  const reference = `Encounter/${encounter.id}`;
  const consultation = index.consultationOf(reference);
  const listOf = (entry: Json) => index.get(entry.item?.reference, 'List') as Json | undefined;
  const itemsOf = (list: Json) =>
    ((list.entry as Json[] | undefined) ?? []).map((e) => {
      const item = index.get(e.item?.reference) as Json | undefined;
      return item ? describeItem(item) : { kind: 'missing', text: 'An item not in the record sent' };
    });
  const topics = ((consultation?.entry as Json[] | undefined) ?? []).map((entry) => {
    const topic = listOf(entry);
    if (!topic) throw new Error('topic not in the bundle');
    const children = ((topic.entry as Json[] | undefined) ?? []).map((e) => listOf(e));
    // A topic holds headings, or (with no headings recorded) the items themselves.
    const headings = children.every((c) => c !== undefined)
      ? children.map((heading) => ({ title: String(heading!.title ?? 'Heading'), items: itemsOf(heading!) }))
      : [{ title: '', items: itemsOf(topic) }];
    return { title: String(topic.title ?? 'Topic'), headings };
  });
  const participant = (encounter.participant as Json[] | undefined)?.[0]?.individual?.reference;
  const location = (encounter.location as Json[] | undefined)?.[0]?.location?.reference;
  return {
    id: String(encounter.id),
    title: (consultation?.title as string | undefined) ?? coded((encounter.type as Json[] | undefined)?.[0]).text,
    date: day(encounter.period?.start),
    status: encounter.status,
    clinician: nameOf(index.get(participant) as Json | undefined),
    location: nameOf(index.get(location) as Json | undefined),
    topics,
  };
}

function mapReferral(r: Json, index: BundleIndex): Referral {
  const requester = r.requester?.agent;
  return {
    id: String(r.id),
    date: day(r.authoredOn),
    ...(typeof r.priority === 'string' ? { priority: r.priority } : {}),
    from: requester?.display ?? nameOf(index.get(requester?.reference) as Json | undefined),
    to: ((r.recipient as Json[] | undefined) ?? []).map((p) => p.display ?? nameOf(index.get(p.reference) as Json | undefined) ?? 'Not recorded'),
    reason: (r.reasonCode as Json[] | undefined)?.[0] ? coded((r.reasonCode as Json[])[0]).text : r.description,
    status: String(r.status ?? 'unknown'),
    notes: notes(r.note),
  };
}

function mapDiaryEntry(r: Json): DiaryEntry {
  return {
    id: String(r.id),
    entry: coded(r.code),
    due: day(r.occurrenceDateTime ?? r.occurrencePeriod?.start),
    authored: day(r.authoredOn),
    status: String(r.status ?? 'unknown'),
    notes: notes(r.note),
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
  /** An area that is its List's items, each mapped alone. */
  const simple = <T>(area: StructuredAreaCode, type: string, map: (item: Json) => T) => {
    const list = index.list(LIST_CODES[area as keyof typeof LIST_CODES]);
    return { status: statusOf(area, list), items: mapEach(resolve(list, type), map) };
  };
  if (areas.includes('immunisations')) data.areas.immunisations = simple('immunisations', 'Immunization', mapImmunisation);
  if (areas.includes('consultations')) data.areas.consultations = simple('consultations', 'Encounter', (r) => mapConsultation(r, index));
  if (areas.includes('investigations')) data.areas.investigations = simple('investigations', 'DiagnosticReport', (r) => mapReport(r, index));
  if (areas.includes('uncategorised')) data.areas.uncategorised = simple('uncategorised', 'Observation', (r) => mapResult(r));
  if (areas.includes('referrals')) data.areas.referrals = simple('referrals', 'ReferralRequest', (r) => mapReferral(r, index));
  if (areas.includes('diary')) data.areas.diary = simple('diary', 'ProcedureRequest', mapDiaryEntry);
  const areaParameters = new Set(Object.values(AREA_PARAMETERS));
  data.otherWarnings = providerWarnings.filter((w) => !areaParameters.has(w.parameter)).map((w) => w.text);
  const known = new Set<string>(Object.values(LIST_CODES));
  for (const list of index.lists.filter((l) => !l.id)) {
    const coding = (list.code?.coding as Json[] | undefined)?.[0];
    const title = String(list.title ?? coding?.display ?? 'A list');
    if (typeof coding?.system === 'string' && coding.system.endsWith('/GPConnect-SecondaryListValues-1')) {
      // A secondary list's warnings (items withheld from the linked items) are said, never dropped.
      const status = listStatus(list);
      if (status.warnings.length) data.otherWarnings.push(`${title}: ${status.notes.join(' ') || status.warnings.map((w) => w.code).join(', ')}`);
    } else if (!known.has(String(coding?.code))) {
      // A List this viewer does not know (a draft code, a newer area): its items are counted as not placed, and said.
      const entries = ((list.entry as Json[] | undefined) ?? []).length;
      unmapped += entries;
      data.otherWarnings.push(`The GP system sent a list this viewer cannot show: "${title}" (${entries} item${entries === 1 ? '' : 's'}).`);
    }
  }
  data.unmapped = unmapped;
  return data;
}
