/**
 * The Access Record Structured bundle a simulated GP system builds from the same world record the
 * HTML provider renders, so one patient reads the same in both views (GP Connect 1.6.2:
 * accessrecord_structured_development_bundle, _list, _lists_for_message_structure, and the
 * per-resource pages for AllergyIntolerance, MedicationStatement, MedicationRequest, Condition,
 * Immunization and Observation).
 */
import type { Row, WorldPatient, WorldPractice, WorldRecord } from '../../../world';
import { daysAgo } from '../../../world';
import type { StructuredArea, StructuredQuery, Period } from './parameters';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition';
const UK_SD = 'https://fhir.hl7.org.uk/STU3/StructureDefinition';
const SNOMED = 'http://snomed.info/sct';
const profile = (name: string) => ({ profile: [`${SD}/${name}`] });

export type FhirResource = { resourceType: string; id?: string } & Record<string, unknown>;

/** Primary List codes and their exact titles (accessrecord_structured_development_list). */
export const PRIMARY_LISTS = {
  allergies: { code: '886921000000105', title: 'Allergies and adverse reactions' },
  endedAllergies: { code: '1103671000000101', title: 'Ended allergies' },
  medications: { code: '933361000000108', title: 'Medications and medical devices' },
  problems: { code: '717711000000103', title: 'Problems' },
  immunisations: { code: '1102181000000102', title: 'Immunisations' },
  uncategorised: { code: '826501000000100', title: 'Uncategorised data', display: 'Miscellaneous record' },
  investigations: { code: '887191000000108', title: 'Investigations and results' },
  consultations: { code: '1149501000000101', title: 'List of consultations' },
  referrals: { code: '792931000000107', title: 'Outbound referral' },
  diary: { code: '714311000000108', title: 'Patient recall administration' },
} as const;

const WARNING_TEXT = {
  'confidential-items': 'Items excluded due to confidentiality and/or patient preferences.',
  'data-in-transit': (date: string) =>
    `Patient record transfer from previous GP practice not yet complete; information recorded before ${displayDate(date)} may be missing.`,
  'data-awaiting-filing': (date: string) =>
    `Patient record contains some items in the GP practice workflow that have not been reviewed for inclusion in this message; information recorded before ${displayDate(date)} may be missing.`,
};

/** dd-Mmm-yyyy, as the warning texts write dates. */
function displayDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${String(d.getUTCDate()).padStart(2, '0')}-${d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}-${d.getUTCFullYear()}`;
}

/** Which HTML section's exclusion banner (WorldRecord.excludedSections) an area's confidential items come from. */
const AREA_SECTION: Partial<Record<StructuredArea, string[]>> = {
  includeAllergies: ['ALL'],
  includeMedication: ['MED'],
  includeProblems: ['PRB'],
  includeImmunisations: ['IMM'],
  includeUncategorisedData: ['OBS', 'CLI'],
  includeInvestigations: ['OBS'],
  includeConsultations: ['ENC'],
  includeReferrals: ['REF'],
};

interface Context {
  patient: WorldPatient;
  record: WorldRecord;
  patientRef: { reference: string };
  today: string;
  supplier: string | undefined;
  /** The usual GP the bundle carries: the recorder of medications and the clinician of consultations. */
  clinicianRef?: { reference: string };
  out: FhirResource[];
}

function list(
  ctx: Context,
  area: StructuredArea,
  kind: { code: string; title: string; display?: string },
  entries: { reference: string }[],
  contained?: FhirResource[],
): FhirResource {
  const warnings: string[] = [];
  const notes: string[] = [];
  const excluded = ctx.record.excludedSections ?? [];
  if ((AREA_SECTION[area] ?? []).some((s) => excluded.includes(s))) {
    warnings.push('confidential-items');
    notes.push(WARNING_TEXT['confidential-items']);
  }
  const transfer = ctx.patient.gp?.transferIncompleteDaysAgo;
  if (transfer !== undefined) {
    // data-in-transit goes on every List, dated from the new registration.
    warnings.push('data-in-transit');
    notes.push(WARNING_TEXT['data-in-transit'](daysAgo(transfer)));
  }
  const filing = ctx.record.awaitingFiling;
  if (filing && (AREA_SECTION[area] ?? []).some((s) => filing.sections.includes(s))) {
    warnings.push('data-awaiting-filing');
    notes.push(WARNING_TEXT['data-awaiting-filing'](daysAgo(filing.daysAgo)));
  }
  if (entries.length === 0) notes.push('Information not available');
  return {
    resourceType: 'List',
    meta: profile('CareConnect-GPC-List-1'),
    extension: [
      {
        url: `${SD}/Extension-CareConnect-GPC-ClinicalSetting-1`,
        valueCodeableConcept: { coding: [{ system: SNOMED, code: '1060971000000108', display: 'General practice service' }] },
      },
      ...warnings.map((code) => ({ url: `${SD}/Extension-CareConnect-GPC-ListWarningCode-1`, valueCode: code })),
    ],
    status: 'current',
    mode: 'snapshot',
    title: kind.title,
    code: { coding: [{ system: SNOMED, code: kind.code, display: kind.display ?? kind.title }] },
    subject: ctx.patientRef,
    date: `${ctx.today}T09:00:00+00:00`,
    orderedBy: { coding: [{ system: 'http://hl7.org/fhir/list-order', code: 'event-date', display: 'Sorted by Event Date' }] },
    ...(notes.length ? { note: [{ text: notes.join(' ') }] } : {}),
    ...(contained?.length ? { contained } : {}),
    ...(entries.length
      ? { entry: entries.map((item) => ({ item })) }
      : {
          emptyReason: {
            coding: [
              { system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-ListEmptyReasonCode-1', code: 'no-content-recorded', display: 'No Content Recorded' },
            ],
          },
        }),
  };
}

const text = (value: string | undefined) => (value ? value : undefined);
const firstSentence = (details: string) => details.split(/\.\s/)[0].replace(/\.$/, '');
const inPeriod = (date: string, period: Period | undefined) => !period || ((!period.start || date >= period.start) && (!period.end || date <= period.end));

/** The GP system's own identifier for an item (business identifiers a consumer keeps when it imports). */
const localId = (kind: string, value: string) => [{ system: `https://simulated-gp.test/Id/${kind}`, value }];

/** An observation's code: the row's SNOMED concept when it has one, else the term as text under "Observable entity". */
const observableCode = (row: Row) => ({
  coding: [{ system: SNOMED, code: row.snomed ?? '363787002', display: row.snomed ? row.entry : 'Observable entity' }],
  text: row.entry,
});

/** A stable logical id per resource: the area's letter and the row's place. */
const idOf = (prefix: string, i: number) => `${prefix}-${i + 1}`;

// --- Allergies (accessrecord_structured_development_allergyintolerance) ---------------------------------------

const ENVIRONMENTAL = /plaster|nut|pollen|latex|dust|egg|mite|wasp|bee|lentil|cat |dog |grass|shellfish|food/i;

function allergy(ctx: Context, row: Row, id: string, resolved: boolean): FhirResource {
  const term = row.term ?? firstSentence(row.details ?? '');
  const reaction = /Reaction:\s*([^.(;]+?)\s*(?:\((mild|moderate|severe)\)|[.;]|$)/i.exec(row.details ?? '');
  const severity = row.severity ?? reaction?.[2]?.toLowerCase();
  return {
    resourceType: 'AllergyIntolerance',
    id,
    meta: profile('CareConnect-GPC-AllergyIntolerance-1'),
    ...(resolved
      ? {
          extension: [
            {
              url: `${SD}/Extension-CareConnect-GPC-AllergyIntoleranceEnd-1`,
              extension: [
                { url: 'endDate', valueDateTime: row.endDate },
                { url: 'reasonEnded', valueString: row.endReason ?? 'No information available' },
              ],
            },
          ],
        }
      : {}),
    identifier: localId('allergy', id),
    clinicalStatus: resolved ? 'resolved' : 'active',
    // Fixed by the spec: it carries no meaning.
    verificationStatus: 'unconfirmed',
    category: [row.category ?? (ENVIRONMENTAL.test(term) ? 'environment' : 'medication')],
    code: {
      coding: row.snomed
        ? [{ system: SNOMED, code: row.snomed, display: term }]
        : [
            {
              system: SNOMED,
              code: row.degraded ? '196461000000101' : '609328004',
              display: row.degraded ? 'Transfer-degraded drug allergy' : 'Allergic disposition',
            },
          ],
      text: term,
    },
    patient: ctx.patientRef,
    onsetDateTime: row.date,
    assertedDate: row.date,
    ...(row.details ? { note: [{ text: row.details }] } : {}),
    ...(reaction
      ? { reaction: [{ manifestation: [{ text: reaction[1].trim() }], ...(severity ? { severity } : {}) }] }
      : severity
        ? { reaction: [{ manifestation: [{ coding: [{ system: 'http://hl7.org/fhir/v3/NullFlavor', code: 'NI', display: 'NoInformation' }] }], severity }] }
        : {}),
  };
}

function addAllergies(ctx: Context, parts: Record<string, unknown>) {
  const degraded = (ctx.record.degradedItems ?? []).filter((row) => row.area === 'allergy').map((row) => ({ ...row, degraded: 'true' }));
  const current = [...(ctx.record.allergies?.current ?? []), ...degraded].map((row, i) => allergy(ctx, row, idOf('allergy', i), false));
  ctx.out.push(...current);
  ctx.out.push(
    list(
      ctx,
      'includeAllergies',
      PRIMARY_LISTS.allergies,
      current.map((a) => ({ reference: `AllergyIntolerance/${a.id}` })),
    ),
  );
  if (parts.includeResolvedAllergies === true) {
    // Ended allergies live inside their List, referenced as #id (accessrecord_structured_development_allergyintolerance).
    const ended = (ctx.record.allergies?.historical ?? []).map((row, i) => allergy(ctx, row, idOf('ended-allergy', i), true));
    ctx.out.push(
      list(
        ctx,
        'includeAllergies',
        PRIMARY_LISTS.endedAllergies,
        ended.map((a) => ({ reference: `#${a.id}` })),
        ended,
      ),
    );
    // System B also sends ended allergies top-level, beside the contained copies (as TPP does: github.com/DrDamo/GP-Connect-Demo, src/fhir/allergies.ts).
    if (ctx.supplier === 'Simulated GP System B') ctx.out.push(...ended);
  }
}

// --- Medications (accessrecord_structured_development_medication_resource_relationships) ---------------------

const CS = 'https://fhir.nhs.uk/STU3/CodeSystem';

/** `dispenseRequest.quantity` from "28 capsule", with the quantity text extension; nothing when the row has none. */
function withQuantity(row: Row) {
  const match = /^(\d+(?:\.\d+)?)\s*(.*)$/.exec(row.quantity ?? '');
  if (!match) return {};
  return {
    quantity: {
      extension: [{ url: `${SD}/Extension-CareConnect-GPC-MedicationQuantityText-1`, valueString: `${match[1]} ${match[2]}(s)` }],
      value: Number(match[1]),
      unit: match[2],
    },
  };
}

const prescriptionType = (kind: 'acute' | 'repeat') => ({
  url: `${SD}/Extension-CareConnect-GPC-PrescriptionType-1`,
  valueCodeableConcept: { coding: [{ system: `${CS}/CareConnect-PrescriptionType-1`, code: kind, display: kind === 'acute' ? 'Acute' : 'Repeat' }] },
});

function addMedications(ctx: Context, parts: Record<string, unknown>) {
  const meds = ctx.record.medications ?? {};
  const fromDate = parts.medicationSearchFromDate as string | undefined;
  const withIssues = parts.includePrescriptionIssues !== false;
  const types = parts.filterPrescriptionType as string[] | undefined;
  const rows: { row: Row; kind: 'acute' | 'repeat'; stopped: boolean }[] = [
    ...(meds.acute ?? []).map((row) => ({ row, kind: 'acute' as const, stopped: false })),
    ...(ctx.record.degradedItems ?? [])
      .filter((row) => row.area === 'medication')
      .map((row) => ({ row: { ...row, degraded: 'true' }, kind: 'acute' as const, stopped: false })),
    ...(meds.currentRepeat ?? []).map((row) => ({ row, kind: 'repeat' as const, stopped: false })),
    ...(meds.discontinuedRepeat ?? []).map((row) => ({ row, kind: 'repeat' as const, stopped: true })),
  ];
  const entries: { reference: string }[] = [];
  rows.forEach(({ row, kind, stopped }, i) => {
    const end = stopped ? row.discontinuedDate : kind === 'acute' ? (row.scheduledEndDate ?? row.date) : undefined;
    // Returned when the authorisation ends on or after the date, or has no end (ongoing repeats).
    if (fromDate && end && end < fromDate) return;
    if (types && !types.includes(kind)) return;
    const n = i + 1;
    // System A marks an acute completed once it is issued, whatever its course (as EMIS Web does: github.com/DrDamo/GP-Connect-Demo, src/fhir/medications.ts); System B keeps it active until it ends.
    const status = stopped ? 'stopped' : (end && end < ctx.today) || (kind === 'acute' && ctx.supplier === 'Simulated GP System A') ? 'completed' : 'active';
    const medication: FhirResource = {
      resourceType: 'Medication',
      id: `medication-${n}`,
      meta: profile('CareConnect-GPC-Medication-1'),
      code: row.degraded
        ? { coding: [{ system: SNOMED, code: '196421000000109', display: 'Transfer-degraded medication entry' }], text: row.item }
        : { coding: [{ system: SNOMED, code: row.snomed ?? `${100000 + n}`, display: row.item }], text: row.item },
    };
    const period = { start: row.date, ...(end ? { end } : {}) };
    const plan: FhirResource = {
      resourceType: 'MedicationRequest',
      id: `plan-${n}`,
      meta: profile('CareConnect-GPC-MedicationRequest-1'),
      extension: [
        prescriptionType(kind),
        ...(kind === 'repeat'
          ? [
              {
                url: `${SD}/Extension-CareConnect-GPC-MedicationRepeatInformation-1`,
                extension: [
                  ...(row.maxIssues ? [{ url: 'numberOfRepeatPrescriptionsAllowed', valueUnsignedInt: Number(row.maxIssues) }] : []),
                  ...(row.issuesCount ? [{ url: 'numberOfRepeatPrescriptionsIssued', valueUnsignedInt: Number(row.issuesCount) }] : []),
                  ...(row.reviewDate ? [{ url: 'authorisationExpiryDate', valueDateTime: row.reviewDate }] : []),
                ],
              },
            ]
          : []),
        ...(stopped
          ? [
              {
                url: `${SD}/Extension-CareConnect-GPC-MedicationStatusReason-1`,
                extension: [
                  { url: 'statusChangeDate', valueDateTime: row.discontinuedDate },
                  { url: 'statusReason', valueCodeableConcept: { text: row.discontinuationReason ?? 'No information available' } },
                ],
              },
            ]
          : []),
      ],
      identifier: localId('medication-plan', `plan-${n}`),
      status,
      intent: 'plan',
      medicationReference: { reference: `Medication/${medication.id}` },
      subject: ctx.patientRef,
      authoredOn: row.date,
      // The prescriber (MedicationRequest.recorder, 1..1 in CareConnect-GPC-MedicationRequest-1).
      ...(ctx.clinicianRef ? { recorder: ctx.clinicianRef } : {}),
      dosageInstruction: [{ text: row.dosage ?? 'No information available' }],
      dispenseRequest: { validityPeriod: period, ...withQuantity(row) },
    };
    const issueRows = row.degraded
      ? []
      : kind === 'acute'
        ? [row]
        : (meds.issues ?? []).filter((r) => r.item === row.item && r.date >= row.date && (!end || r.date <= end));
    const orders: FhirResource[] = withIssues
      ? issueRows.map((issue, j) => ({
          resourceType: 'MedicationRequest',
          id: `issue-${n}-${j + 1}`,
          meta: profile('CareConnect-GPC-MedicationRequest-1'),
          extension: [prescriptionType(kind)],
          identifier: localId('medication-issue', `issue-${n}-${j + 1}`),
          basedOn: [{ reference: `MedicationRequest/${plan.id}` }],
          status: 'completed',
          intent: 'order',
          medicationReference: { reference: `Medication/${medication.id}` },
          subject: ctx.patientRef,
          authoredOn: issue.date,
          dosageInstruction: [{ text: issue.dosage ?? row.dosage ?? 'No information available' }],
          dispenseRequest: {
            validityPeriod: { start: issue.date },
            ...withQuantity(issue),
            ...(issue.daysDuration
              ? { expectedSupplyDuration: { value: Number(issue.daysDuration), unit: 'day', system: 'http://unitsofmeasure.org', code: 'd' } }
              : {}),
          },
        }))
      : [];
    const lastIssued = row.lastIssuedDate ?? (kind === 'acute' ? row.date : issueRows.at(-1)?.date);
    const statement: FhirResource = {
      resourceType: 'MedicationStatement',
      id: `statement-${n}`,
      meta: profile('CareConnect-GPC-MedicationStatement-1'),
      extension: [
        ...(lastIssued ? [{ url: `${SD}/Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1`, valueDateTime: lastIssued }] : []),
        {
          url: `${SD}/Extension-CareConnect-GPC-PrescribingAgency-1`,
          valueCodeableConcept: {
            coding: [{ system: `${CS}/CareConnect-PrescribingAgency-1`, code: 'prescribed-at-gp-practice', display: 'Prescribed at GP practice' }],
          },
        },
      ],
      identifier: localId('medication-statement', `statement-${n}`),
      basedOn: [{ reference: `MedicationRequest/${plan.id}` }],
      status,
      medicationReference: { reference: `Medication/${medication.id}` },
      effectivePeriod: period,
      dateAsserted: row.date,
      subject: ctx.patientRef,
      // Always unk (accessrecord_structured_development_medicationstatement): it means nothing.
      taken: 'unk',
      ...(row.additionalInformation ? { note: [{ text: row.additionalInformation }] } : {}),
      dosage: [{ text: row.dosage ?? 'No information available' }],
    };
    ctx.out.push(statement, plan, ...orders, medication);
    entries.push({ reference: `MedicationStatement/${statement.id}` });
  });
  ctx.out.push(list(ctx, 'includeMedication', PRIMARY_LISTS.medications, entries));
}

// --- Problems (accessrecord_structured_development_condition) -------------------------------------------------

function addProblems(ctx: Context, parts: Record<string, unknown>) {
  const problems = ctx.record.problems ?? {};
  const rows: { row: Row; active: boolean }[] = [
    ...(problems.active ?? []).map((row) => ({ row, active: true })),
    ...(problems.majorInactive ?? []).map((row) => ({ row, active: false })),
    ...(problems.otherInactive ?? []).map((row) => ({ row, active: false })),
  ];
  const filter = parts.filterStatus as string | undefined;
  const entries: { reference: string }[] = [];
  const linked = linkableItems(
    ctx,
    rows.some(({ row }) => row.relatedObservations),
  );
  const related = {
    medications: new Set<FhirResource>(),
    consultations: new Set<FhirResource>(),
    uncategorised: new Set<FhirResource>(),
    investigations: new Set<FhirResource>(),
  };
  rows.forEach(({ row, active }, i) => {
    if (filter && filter !== (active ? 'active' : 'inactive')) return;
    const id = idOf('problem', i);
    // What the clinician linked to the problem: here, the items whose text names it.
    const term = (row.entry ?? '').toLowerCase();
    const medications = linked.medications.filter((m) => term && m.text.includes(term));
    const consultations = linked.consultations.filter((c) => term && c.text.includes(term));
    // Results and readings the world row names as related (relatedObservations: entries, '|' between).
    const named = (row.relatedObservations ?? '').split('|').filter(Boolean);
    const observations = linked.observations.filter((o) => named.includes(o.term));
    for (const m of medications) related.medications.add(m.statement);
    for (const c of consultations) related.consultations.add(c.encounter);
    for (const o of observations) (o.report ? related.investigations : related.uncategorised).add(o.report ?? o.observation);
    ctx.out.push(...medications.flatMap((m) => m.resources), ...consultations.flatMap((c) => c.resources), ...observations.flatMap((o) => o.resources));
    ctx.out.push({
      resourceType: 'Condition',
      id,
      meta: profile('CareConnect-GPC-ProblemHeader-Condition-1'),
      extension: [
        { url: `${UK_SD}/Extension-CareConnect-ProblemSignificance-1`, valueCode: (row.significance ?? 'minor').toLowerCase() },
        ...[
          ...medications.map((m) => `MedicationRequest/${m.plan.id}`),
          ...consultations.map((c) => `Encounter/${c.encounter.id}`),
          ...observations.map((o) => `Observation/${o.observation.id}`),
        ].map((reference) => ({
          url: `${UK_SD}/Extension-CareConnect-RelatedClinicalContent-1`,
          valueReference: { reference },
        })),
      ],
      identifier: localId('problem', id),
      clinicalStatus: active ? 'active' : 'inactive',
      category: [
        {
          coding: [
            { system: 'https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-ConditionCategory-1', code: 'problem-list-item', display: 'Problem List Item' },
          ],
        },
      ],
      code: { coding: [{ system: SNOMED, code: row.snomed ?? '55607006', display: row.snomed ? row.entry : 'Problem' }], text: row.entry },
      subject: ctx.patientRef,
      onsetDateTime: row.date,
      ...(row.endDate ? { abatementDateTime: row.endDate } : {}),
      assertedDate: row.date,
      ...(row.details ? { note: [{ text: row.details }] } : {}),
    });
    entries.push({ reference: `Condition/${id}` });
  });
  ctx.out.push(list(ctx, 'includeProblems', PRIMARY_LISTS.problems, entries));
  // Secondary Lists, only when there is something in them (accessrecord_structured_development_lists_for_message_structure).
  const secondary = (code: string, title: string, items: Set<FhirResource>) =>
    items.size
      ? [
          {
            ...list(
              ctx,
              'includeProblems',
              { code, title },
              [...items].map((r) => ({ reference: `${r.resourceType}/${r.id}` })),
            ),
            code: { coding: [{ system: 'https://fhir.hl7.org.uk/STU3/CodeSystem/GPConnect-SecondaryListValues-1', code, display: title }] },
          },
        ]
      : [];
  ctx.out.push(
    ...secondary('problems-medications-related-to-problems', 'Medications related to problems', related.medications),
    ...secondary('problems-consultations-related-to-problems', 'Consultations related to problems', related.consultations),
    ...secondary('problems-uncategorised-data-related-to-problems', 'Uncategorised data related to problems', related.uncategorised),
    ...secondary('problems-investigations-related-to-problems', 'Investigations and results related to problems', related.investigations),
  );
}

/** The medications (statement, plan, medication: not the issues), consultations and observations a problem can link to, with the text that names them. */
function linkableItems(ctx: Context, withObservations: boolean) {
  const meds: Context = { ...ctx, out: [] };
  addMedications(meds, { includePrescriptionIssues: false });
  const byId = (type: string, id: string) => meds.out.find((r) => r.resourceType === type && r.id === id)!;
  const medications = meds.out
    .filter((r) => r.resourceType === 'MedicationStatement')
    .map((statement) => {
      const plan = byId('MedicationRequest', (statement.basedOn as { reference: string }[])[0].reference.split('/')[1]);
      const medication = byId('Medication', (statement.medicationReference as { reference: string }).reference.split('/')[1]);
      const text = `${(medication.code as { text?: string }).text ?? ''} ${((statement.note as { text: string }[] | undefined) ?? []).map((n) => n.text).join(' ')}`;
      return { statement, plan, resources: [statement, plan, medication], text: text.toLowerCase() };
    });
  const visits: Context = { ...ctx, out: [] };
  addConsultations(visits, {});
  const consultations = visits.out
    .filter((r) => r.resourceType === 'Encounter')
    .map((encounter) => {
      const structure = visits.out.filter((r) => r.id && (r.encounter as { reference?: string } | undefined)?.reference === `Encounter/${encounter.id}`);
      const note = visits.out.find((r) => (r.context as { reference?: string } | undefined)?.reference === `Encounter/${encounter.id}`);
      return { encounter, resources: [encounter, ...structure, ...(note ? [note] : [])], text: String(note?.valueString ?? '').toLowerCase() };
    });
  // Readings (uncategorised data) and laboratory results (with their report and specimen), by the term they record;
  // built only when a problem names some (the large record's thousands are not built for nothing).
  const readings: Context = { ...ctx, out: [] };
  const results: Context = { ...ctx, out: [] };
  if (withObservations) {
    addUncategorised(readings, {});
    addInvestigations(results, {});
  }
  const termOf = (o: FhirResource) => String((o.code as { text?: string } | undefined)?.text ?? '');
  const observations = [
    ...readings.out
      .filter((r) => r.resourceType === 'Observation')
      .map((observation) => ({ observation, report: undefined, resources: [observation], term: termOf(observation) })),
    ...results.out
      .filter((r) => r.resourceType === 'Observation')
      .map((observation) => {
        const report = results.out.find(
          (r) => r.resourceType === 'DiagnosticReport' && (r.result as { reference: string }[]).some((x) => x.reference === `Observation/${observation.id}`),
        )!;
        const specimen = results.out.find(
          (r) => r.resourceType === 'Specimen' && `Specimen/${r.id}` === (observation.specimen as { reference: string }).reference,
        )!;
        return { observation, report, resources: [observation, report, specimen], term: termOf(observation) };
      }),
  ];
  return { medications, consultations, observations };
}

// --- Immunisations (accessrecord_structured_development_immunization) -----------------------------------------

function addImmunisations(ctx: Context, parts: Record<string, unknown>) {
  const includeNotGiven = parts.includeNotGiven === true;
  const entries: { reference: string }[] = [];
  const rows: Row[] = [...(ctx.record.immunisations ?? []), ...(ctx.record.immunisationsNotGiven ?? []).map((row) => ({ ...row, notGiven: 'true' }))];
  rows.forEach((row, i) => {
    const notGiven = row.notGiven === 'true';
    if (notGiven && !includeNotGiven) return;
    const id = idOf('immunisation', i);
    ctx.out.push({
      resourceType: 'Immunization',
      id,
      meta: profile('CareConnect-GPC-Immunization-1'),
      extension: [
        {
          url: `${UK_SD}/Extension-CareConnect-VaccinationProcedure-1`,
          valueCodeableConcept: { coding: [{ system: SNOMED, code: row.snomed ?? '33879002', display: row.vaccination }], text: row.vaccination },
        },
      ],
      identifier: localId('immunisation', id),
      status: 'completed',
      notGiven,
      ...(notGiven ? { explanation: { reasonNotGiven: [{ text: row.reasonNotGiven ?? 'No information available' }] } } : {}),
      vaccineCode: row.contents
        ? { coding: [{ system: SNOMED, code: '787859002', display: 'Vaccine product' }], text: row.contents }
        : { coding: [{ system: 'http://hl7.org/fhir/v3/NullFlavor', code: 'UNK', display: 'unknown' }] },
      patient: ctx.patientRef,
      date: row.date,
      recorded: row.date,
      primarySource: true,
      ...(row.details ? { note: [{ text: row.details }] } : {}),
      ...(row.part ? { vaccinationProtocol: [{ doseSequence: Number.parseInt(row.part, 10) || undefined, description: row.part }] } : {}),
    });
    entries.push({ reference: `Immunization/${id}` });
  });
  ctx.out.push(list(ctx, 'includeImmunisations', PRIMARY_LISTS.immunisations, entries));
}

// --- Uncategorised data and investigations (accessrecord_structured_development_observation_uncategorised, _diagnosticreport) ---

/** Observations a GP records at the desk go to uncategorised data; laboratory results come as investigations. */
const VITAL_SIGN = /blood pressure|body mass index|weight|height|pulse|oxygen saturation|peak expiratory|temperature/i;
const isVitalSign = (row: Row) => VITAL_SIGN.test(row.entry ?? '');

function valueQuantity(value: string | undefined) {
  const match = /^([<>]=?)?\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(value ?? '');
  if (!match) return value ? { valueString: value } : {};
  return { valueQuantity: { ...(match[1] ? { comparator: match[1] } : {}), value: Number(match[2]), ...(match[3] ? { unit: match[3] } : {}) } };
}

/** "20 - 41 mmol/mol" → low and high; ">90 mL/min" → low only; the text always kept. */
function referenceRange(range: string | undefined) {
  if (!range) return {};
  const between = /^(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(range);
  const above = /^>\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(range);
  const unit = (u: string) => (u ? { unit: u } : {});
  if (between)
    return {
      referenceRange: [{ low: { value: Number(between[1]), ...unit(between[3]) }, high: { value: Number(between[2]), ...unit(between[3]) }, text: range }],
    };
  if (above) return { referenceRange: [{ low: { value: Number(above[1]), ...unit(above[2]) }, text: range }] };
  return { referenceRange: [{ text: range }] };
}

/** H or L against the reference range, as a laboratory flags it. */
function interpretation(value: string | undefined, range: string | undefined) {
  const v = Number(/^(-?\d+(?:\.\d+)?)/.exec(value ?? '')?.[1]);
  const r = referenceRange(range).referenceRange?.[0] as { low?: { value: number }; high?: { value: number } } | undefined;
  if (Number.isNaN(v) || !r) return {};
  const flag = r.high && v > r.high.value ? ['H', 'High'] : r.low && v < r.low.value ? ['L', 'Low'] : undefined;
  return flag ? { interpretation: { coding: [{ system: 'http://hl7.org/fhir/v2/0078', code: flag[0], display: flag[1] }] } } : {};
}

const MMHG = { unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' };
/** Blood pressure is always a triple: the panel with systolic and diastolic components (accessrecord_structured_development_observation_uncategorised). */
function bloodPressure(systolic: number | undefined, diastolic: number | undefined) {
  const component = (code: string, display: string, value: number | undefined) => ({
    code: { coding: [{ system: SNOMED, code, display }] },
    ...(value === undefined
      ? { dataAbsentReason: { coding: [{ system: 'http://hl7.org/fhir/data-absent-reason', code: 'unknown', display: 'Unknown' }] } }
      : { valueQuantity: { value, ...MMHG } }),
  });
  return {
    code: { coding: [{ system: SNOMED, code: '163020007', display: 'O/E - blood pressure reading' }], text: 'Blood pressure' },
    component: [component('72313002', 'Systolic arterial pressure', systolic), component('1091811000000102', 'Diastolic arterial pressure', diastolic)],
  };
}

function addUncategorised(ctx: Context, parts: Record<string, unknown>) {
  const period = parts.uncategorisedDataSearchPeriod as Period | undefined;
  const observations = ctx.record.observations ?? [];
  const rows = [...observations.filter(isVitalSign), ...(ctx.record.clinicalItems ?? [])];
  const entries: { reference: string }[] = [];
  const pairedDiastolic = new Set<Row>();
  rows.forEach((row, i) => {
    if (pairedDiastolic.has(row) || !inPeriod(row.date, period)) return;
    const id = idOf('observation', i);
    const combined = /^blood pressure$/i.test(row.entry ?? '') ? /^(\d+)\/(\d+)/.exec(row.value ?? '') : undefined;
    let shape: Record<string, unknown>;
    if (combined) shape = bloodPressure(Number(combined[1]), Number(combined[2]));
    else if (/^systolic blood pressure$/i.test(row.entry ?? '')) {
      // Separately recorded halves on one day make one reading; a missing half is absent, never invented.
      const diastolic = rows.find((r) => r.date === row.date && /^diastolic blood pressure$/i.test(r.entry ?? '') && !pairedDiastolic.has(r));
      if (diastolic) pairedDiastolic.add(diastolic);
      shape = bloodPressure(Number.parseFloat(row.value ?? ''), diastolic ? Number.parseFloat(diastolic.value ?? '') : undefined);
    } else if (/^diastolic blood pressure$/i.test(row.entry ?? '')) shape = bloodPressure(undefined, Number.parseFloat(row.value ?? ''));
    else
      shape = {
        code: observableCode(row),
        ...valueQuantity(text(row.value)),
        ...referenceRange(text(row.range)),
      };
    ctx.out.push({
      resourceType: 'Observation',
      id,
      meta: profile('CareConnect-GPC-Observation-1'),
      identifier: localId('observation', id),
      status: 'final',
      ...shape,
      subject: ctx.patientRef,
      effectiveDateTime: row.date,
      issued: `${row.date}T12:00:00+00:00`,
      ...(row.details ? { comment: row.details } : {}),
    });
    entries.push({ reference: `Observation/${id}` });
  });
  ctx.out.push(list(ctx, 'includeUncategorisedData', PRIMARY_LISTS.uncategorised, entries));
}

function addInvestigations(ctx: Context, parts: Record<string, unknown>) {
  const period = parts.investigationSearchPeriod as Period | undefined;
  const results = (ctx.record.observations ?? []).filter((row) => !isVitalSign(row));
  // One report per day's sample: the results of a day come back together.
  const byDate = new Map<string, Row[]>();
  for (const row of results) byDate.set(row.date, [...(byDate.get(row.date) ?? []), row]);
  const entries: { reference: string }[] = [];
  [...byDate.entries()].forEach(([date, rows], i) => {
    // DiagnosticReport.issued is what the period filters on.
    if (!inPeriod(date, period)) return;
    const n = i + 1;
    const specimen: FhirResource = {
      resourceType: 'Specimen',
      id: `specimen-${n}`,
      meta: profile('CareConnect-GPC-Specimen-1'),
      identifier: localId('specimen', `specimen-${n}`),
      status: 'available',
      type: { coding: [{ system: SNOMED, code: '119297000', display: 'Blood specimen' }] },
      subject: ctx.patientRef,
      collection: { collectedDateTime: date },
    };
    const observations: FhirResource[] = rows.map((row, j) => ({
      resourceType: 'Observation',
      id: `result-${n}-${j + 1}`,
      meta: profile('CareConnect-GPC-Observation-1'),
      identifier: localId('test-result', `result-${n}-${j + 1}`),
      status: 'final',
      category: [{ coding: [{ system: 'http://hl7.org/fhir/observation-category', code: 'laboratory', display: 'Laboratory' }] }],
      code: observableCode(row),
      subject: ctx.patientRef,
      effectiveDateTime: date,
      issued: `${date}T12:00:00+00:00`,
      ...valueQuantity(text(row.value)),
      ...interpretation(row.value, row.range),
      ...referenceRange(text(row.range)),
      ...(row.details ? { comment: row.details } : {}),
      specimen: { reference: `Specimen/${specimen.id}` },
    }));
    const report: FhirResource = {
      resourceType: 'DiagnosticReport',
      id: `report-${n}`,
      meta: profile('CareConnect-GPC-DiagnosticReport-1'),
      identifier: localId('report', `report-${n}`),
      status: 'final',
      category: { coding: [{ system: 'http://hl7.org/fhir/v2/0074', code: 'PAT', display: 'Pathology (gross & histopath, not surgical)' }] },
      code: { coding: [{ system: SNOMED, code: '721981007', display: 'Diagnostic studies report' }] },
      subject: ctx.patientRef,
      issued: `${date}T12:00:00+00:00`,
      specimen: [{ reference: `Specimen/${specimen.id}` }],
      result: observations.map((o) => ({ reference: `Observation/${o.id}` })),
    };
    ctx.out.push(report, specimen, ...observations);
    entries.push({ reference: `DiagnosticReport/${report.id}` });
  });
  ctx.out.push(list(ctx, 'includeInvestigations', PRIMARY_LISTS.investigations, entries));
}

// --- Consultations (accessrecord_structured_development_consultation_guidance) --------------------------------

function addConsultations(ctx: Context, parts: Record<string, unknown>) {
  const period = parts.consultationSearchPeriod as Period | undefined;
  const mostRecent = parts.includeNumberOfMostRecent as number | undefined;
  let rows = (ctx.record.encounters ?? []).map((row, i) => ({ row, n: i + 1 })).filter(({ row }) => inPeriod(row.date, period));
  // Ordered by Encounter.period.start, newest first, then cut.
  if (mostRecent) rows = [...rows].sort((a, b) => b.row.date.localeCompare(a.row.date)).slice(0, mostRecent);
  const entries: { reference: string }[] = [];
  for (const { row, n } of rows) {
    const encounter: FhirResource = {
      resourceType: 'Encounter',
      id: `encounter-${n}`,
      meta: profile('CareConnect-GPC-Encounter-1'),
      identifier: localId('encounter', `encounter-${n}`),
      status: 'finished',
      type: [{ text: row.title }],
      subject: ctx.patientRef,
      ...(ctx.clinicianRef
        ? { participant: [{ type: [{ coding: [{ system: 'http://hl7.org/fhir/v3/ParticipationType', code: 'PPRF' }] }], individual: ctx.clinicianRef }] }
        : {}),
      period: { start: `${row.date}T09:00:00+00:00` },
    };
    const note: FhirResource = {
      resourceType: 'Observation',
      id: `consultation-note-${n}`,
      meta: profile('CareConnect-GPC-Observation-1'),
      status: 'final',
      // Free text goes into a Comment note, first under its heading.
      code: { coding: [{ system: SNOMED, code: '37331000000100', display: 'Comment note' }] },
      subject: ctx.patientRef,
      context: { reference: `Encounter/${encounter.id}` },
      effectiveDateTime: row.date,
      valueString: row.details,
    };
    const structure = (id: string, code: string, display: string, title: string, item: string): FhirResource => ({
      resourceType: 'List',
      id,
      meta: profile('CareConnect-GPC-List-1'),
      status: 'current',
      mode: 'snapshot',
      title,
      code: { coding: [{ system: SNOMED, code, display }] },
      subject: ctx.patientRef,
      encounter: { reference: `Encounter/${encounter.id}` },
      date: `${row.date}T09:00:00+00:00`,
      orderedBy: { coding: [{ system: 'http://hl7.org/fhir/list-order', code: 'system', display: 'Sorted by System' }] },
      entry: [{ item: { reference: item } }],
    });
    const heading = structure(`heading-${n}`, '24781000000107', 'Category (Heading)', 'History', `Observation/${note.id}`);
    const topic = structure(`topic-${n}`, '25851000000105', 'Topic (EHR)', row.title.split(' – ')[0], `List/${heading.id}`);
    const consultation = structure(`consultation-${n}`, '325851000000107', 'Consultation', row.title, `List/${topic.id}`);
    ctx.out.push(encounter, consultation, topic, heading, note);
    entries.push({ reference: `Encounter/${encounter.id}` });
  }
  ctx.out.push(list(ctx, 'includeConsultations', PRIMARY_LISTS.consultations, entries));
}

// --- Referrals and diary entries (accessrecord_structured_development_referralrequest, _procedurerequest) -----

const ERS_PRIORITY: Record<string, string> = { routine: 'routine', urgent: 'urgent', 'two week wait': 'asap' };

function addReferrals(ctx: Context, parts: Record<string, unknown>) {
  const period = parts.referralSearchPeriod as Period | undefined;
  const entries: { reference: string }[] = [];
  (ctx.record.referrals ?? []).forEach((row, i) => {
    if (!inPeriod(row.date, period)) return;
    const id = idOf('referral', i);
    const priority = ERS_PRIORITY[(row.priority ?? '').toLowerCase()];
    ctx.out.push({
      resourceType: 'ReferralRequest',
      id,
      meta: profile('CareConnect-GPC-ReferralRequest-1'),
      identifier: localId('referral', id),
      // Always unknown: the GP system does not know what became of it.
      status: 'unknown',
      intent: 'order',
      // Only when it maps to an eRS priority.
      ...(priority ? { priority } : {}),
      subject: ctx.patientRef,
      authoredOn: row.date,
      requester: { agent: { display: row.from } },
      recipient: [{ display: row.to }],
      reasonCode: [{ text: row.details }],
      description: row.details,
    });
    entries.push({ reference: `ReferralRequest/${id}` });
  });
  ctx.out.push(list(ctx, 'includeReferrals', PRIMARY_LISTS.referrals, entries));
}

function addDiaryEntries(ctx: Context, parts: Record<string, unknown>) {
  const until = parts.diaryEntriesSearchDate as string | undefined;
  const entries: { reference: string }[] = [];
  (ctx.record.diary ?? []).forEach((row, i) => {
    // Entries on or before the date: overdue ones always come back.
    if (until && row.date > until) return;
    const id = idOf('diary', i);
    ctx.out.push({
      resourceType: 'ProcedureRequest',
      id,
      meta: profile('CareConnect-GPC-ProcedureRequest-1'),
      identifier: localId('diary', id),
      status: 'active',
      intent: 'plan',
      code: { text: row.entry },
      subject: ctx.patientRef,
      occurrenceDateTime: row.date,
      // When the entry was added, where the world says; never the due date (that would be a date in the future).
      ...(row.authoredOn ? { authoredOn: row.authoredOn } : {}),
      ...(row.details ? { note: [{ text: row.details }] } : {}),
    });
    entries.push({ reference: `ProcedureRequest/${id}` });
  });
  ctx.out.push(list(ctx, 'includeDiaryEntries', PRIMARY_LISTS.diary, entries));
}

const BUILDERS: Record<StructuredArea, (ctx: Context, parts: Record<string, unknown>) => void> = {
  includeAllergies: addAllergies,
  includeMedication: addMedications,
  includeProblems: addProblems,
  includeImmunisations: addImmunisations,
  includeUncategorisedData: addUncategorised,
  includeInvestigations: addInvestigations,
  includeConsultations: addConsultations,
  includeReferrals: addReferrals,
  includeDiaryEntries: addDiaryEntries,
};

/** The in-bundle OperationOutcome for what the provider did not answer (accessrecord_structured_development_retrieve_patient_record). */
function operationOutcome(issues: { text: string; diagnostics: string }[]): FhirResource {
  return {
    resourceType: 'OperationOutcome',
    meta: profile('GPConnect-OperationOutcome-1'),
    issue: issues.map(({ text, diagnostics }) => ({
      severity: 'warning',
      code: 'not-supported',
      details: { coding: [{ system: `${CS}/Spine-ErrorOrWarningCode-1`, code: 'NOT_IMPLEMENTED', display: 'Not implemented' }], text },
      diagnostics,
    })),
  };
}

export interface BundleInput {
  traceId: string;
  query: StructuredQuery;
  patient: WorldPatient;
  record: WorldRecord;
  practice: WorldPractice;
  /** The Patient, registered practice Organization and usual GP the bundle always carries. */
  header: FhirResource[];
  patientId: string;
  today: string;
}

/** A resource reached by several routes appears once (accessrecord_structured_development_linkages); id-less query Lists are all kept. */
function once(resources: FhirResource[]): FhirResource[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    if (!r.id) return true;
    const key = `${r.resourceType}/${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function structuredBundle(input: BundleInput) {
  const ctx: Context = {
    patient: input.patient,
    record: input.record,
    patientRef: { reference: `Patient/${input.patientId}` },
    today: input.today,
    supplier: input.practice.gpConnect?.supplier,
    clinicianRef: ((gp) => (gp?.id ? { reference: `Practitioner/${gp.id}` } : undefined))(input.header.find((r) => r.resourceType === 'Practitioner')),
    out: [],
  };
  const disabled = input.practice.gpConnect?.structured?.disabledAreas ?? [];
  const warnings = input.query.unrecognised.map((name) => ({ text: `${name} is an unrecognised parameter`, diagnostics: name }));
  for (const [area, parts] of Object.entries(input.query.areas) as [StructuredArea, Record<string, unknown>][]) {
    if (disabled.includes(area)) {
      warnings.push({ text: `${area} has been disabled`, diagnostics: area });
      continue;
    }
    BUILDERS[area](ctx, parts);
  }
  return {
    resourceType: 'Bundle',
    // The Bundle's id is the request's Ssp-TraceID; versionId, lastUpdated and fullUrl are not populated.
    id: input.traceId,
    meta: profile('GPConnect-StructuredRecord-Bundle-1'),
    type: 'collection',
    entry: [...input.header, ...once(ctx.out), ...(warnings.length ? [operationOutcome(warnings)] : [])].map((resource) => ({ resource })),
  };
}
