/**
 * The simulated Access Record Structured provider (GP Connect 1.6.2:
 * accessrecord_structured_development_retrieve_patient_record and the pages it links to): SDS and
 * the CapabilityStatement offer it only where the practice does, the Parameters are read as
 * strictly as the real providers' assurance tests read them, and the bundle's Lists carry their
 * exact codes, titles, warnings and empty reasons.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { STRUCTURED_INTERACTION, STU3_INTERACTIONS } from '../../mocks/handlers/interactions';
import { world, daysAgo } from '../../mocks/world';
import { buildStu3Jwt, type Stu3Scope } from '../../src/server/spine/jwt';
import { setUpSimulatedSpine } from '../support/spine';

type Json = any;

setUpSimulatedSpine();

const user = { sdsUserId: 'G13579135', roleProfileId: '111111111', family: 'Gilbert', given: 'Nichole', prefix: 'Dr' };
const practice = (ods: string) => world.practice(ods)!.gpConnect!;
const jwtFor = (root: string, scope: Stu3Scope = 'patient/*.read') =>
  buildStu3Jwt({ iss: 'https://viewer.example/', user, organisation: { odsCode: 'GPC001', name: 'Consumer' }, aud: root, scope });

const MEAKIN = '9658218873'; // A20047, rich record; clinical items withheld
const today = new Date().toISOString().slice(0, 10);

async function structured(parameters: Json, { ods = 'A20047', scope, interaction }: { ods?: string; scope?: Stu3Scope; interaction?: string } = {}) {
  const gpc = practice(ods);
  const response = await fetch(`${S.sspBaseUrl}/${gpc.stu3RootUrl}/Patient/$gpc.getstructuredrecord`, {
    method: 'POST',
    headers: {
      Accept: 'application/fhir+json',
      'Content-Type': 'application/fhir+json',
      'Ssp-TraceID': 'b6f2c3a1-0d7e-4c55-9f0a-5c2b7d0c1e11',
      'Ssp-From': '200000000359',
      'Ssp-To': gpc.asid,
      'Ssp-InteractionID': interaction ?? STRUCTURED_INTERACTION,
      Authorization: `Bearer ${jwtFor(gpc.stu3RootUrl, scope)}`,
    },
    body: typeof parameters === 'string' ? parameters : JSON.stringify(parameters),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

const nhs = (value: string) => ({ name: 'patientNHSNumber', valueIdentifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value } });
const params = (...parameter: Json[]) => ({ resourceType: 'Parameters', parameter });
const area = (name: string, ...part: Json[]) => (part.length ? { name, part } : { name });
const resources = (body: Json) => (body.entry ?? []).map((e: Json) => e.resource);
const lists = (body: Json) => resources(body).filter((r: Json) => r.resourceType === 'List');
const listByCode = (body: Json, code: string) => lists(body).find((l: Json) => l.code.coding[0].code === code);
const issueCode = (body: Json) => body.issue?.[0]?.details?.coding?.[0]?.code;
const warningCodes = (list: Json) =>
  (list.extension ?? []).filter((e: Json) => e.url.endsWith('Extension-CareConnect-GPC-ListWarningCode-1')).map((e: Json) => e.valueCode);
const outcome = (body: Json) => resources(body).filter((r: Json) => r.resourceType === 'OperationOutcome');

describe('where Access Record Structured is offered', () => {
  const sdsAddress = async (ods: string) => {
    const url = `${S.sdsBaseUrl}/Endpoint?organization=${encodeURIComponent(`https://fhir.nhs.uk/Id/ods-organization-code|${ods}`)}&identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhsServiceInteractionId|${STRUCTURED_INTERACTION}`)}`;
    return ((await (await fetch(url, { headers: { apikey: 'k' } })).json()) as Json).entry?.[0]?.resource.address;
  };

  it('SDS answers the structured interaction with the STU3 root only for practices that offer it', async () => {
    expect(await sdsAddress('A20047')).toBe(practice('A20047').stu3RootUrl);
    expect(await sdsAddress('C84001')).toBe(practice('C84001').stu3RootUrl);
    expect(await sdsAddress('B82617')).toBeUndefined();
  });

  it("the practice's CapabilityStatement lists the operation only where it is offered", async () => {
    const operations = async (ods: string) => {
      const gpc = practice(ods);
      const response = await fetch(`${S.sspBaseUrl}/${gpc.stu3RootUrl}/metadata`, {
        headers: {
          Accept: 'application/fhir+json',
          'Ssp-TraceID': crypto.randomUUID(),
          'Ssp-From': '200000000359',
          'Ssp-To': gpc.asid,
          'Ssp-InteractionID': STU3_INTERACTIONS.metadata,
          Authorization: `Bearer ${jwtFor(gpc.stu3RootUrl, 'organization/*.read')}`,
        },
      });
      return ((await response.json()) as Json).rest[0].operation.map((o: Json) => o.name);
    };
    expect(await operations('A20047')).toContain('gpc.getstructuredrecord');
    expect(await operations('B82617')).not.toContain('gpc.getstructuredrecord');
  });

  it('the SSP refuses the structured interaction at a practice that does not offer it', async () => {
    const r = await structured(params(nhs('9690123475'), area('includeAllergies', { name: 'includeResolvedAllergies', valueBoolean: false })), {
      ods: 'B82617',
    });
    expect(r.status).toBe(403);
  });

  it('wants the patient/*.read scope and the structured interaction id', async () => {
    const body = params(nhs(MEAKIN), area('includeProblems'));
    expect((await structured(body, { scope: 'patient/*.write' })).status).toBe(400);
    expect((await structured(body, { interaction: STU3_INTERACTIONS.readPatient })).status).toBe(400);
  });
});

describe('the Parameters grammar and its rules', () => {
  const allergies = (resolved?: boolean) =>
    area('includeAllergies', ...(resolved === undefined ? [] : [{ name: 'includeResolvedAllergies', valueBoolean: resolved }]));
  const rejects = async (body: Json, status: number, code: string, diagnostics?: RegExp) => {
    const r = await structured(body);
    expect(r.status).toBe(status);
    expect(issueCode(r.body)).toBe(code);
    if (diagnostics) expect(r.body.issue[0].diagnostics).toMatch(diagnostics);
  };

  it('a body that is not Parameters is 422 INVALID_RESOURCE', async () => {
    await rejects('not json', 422, 'INVALID_RESOURCE');
    await rejects({ resourceType: 'Patient' }, 422, 'INVALID_RESOURCE');
  });

  it('no recognised parameter, or no NHS number, is 422 INVALID_PARAMETER', async () => {
    await rejects(params({ name: 'inlcudeUnknownAllergies' }), 422, 'INVALID_PARAMETER');
    await rejects(params(area('includeProblems')), 422, 'INVALID_PARAMETER', /patientNHSNumber/);
  });

  it('an NHS number that fails its check digit is 400 INVALID_NHS_NUMBER', async () => {
    await rejects(params(nhs('9658218872'), area('includeProblems')), 400, 'INVALID_NHS_NUMBER');
  });

  it('includeAllergies without includeResolvedAllergies is 422 INVALID_PARAMETER naming the part', async () => {
    await rejects(params(nhs(MEAKIN), allergies()), 422, 'INVALID_PARAMETER', /includeResolvedAllergies/);
  });

  it('a wrong value type, a partial date, a future date or a period that ends before it starts is 422 INVALID_PARAMETER', async () => {
    await rejects(params(nhs(MEAKIN), area('includeAllergies', { name: 'includeResolvedAllergies', valueString: 'true' })), 422, 'INVALID_PARAMETER');
    await rejects(params(nhs(MEAKIN), area('includeMedication', { name: 'medicationSearchFromDate', valueDate: '2020-01' })), 422, 'INVALID_PARAMETER');
    await rejects(params(nhs(MEAKIN), area('includeMedication', { name: 'medicationSearchFromDate', valueDate: '2999-01-01' })), 422, 'INVALID_PARAMETER');
    await rejects(
      params(nhs(MEAKIN), area('includeUncategorisedData', { name: 'uncategorisedDataSearchPeriod', valuePeriod: { start: '2020-02-01', end: '2020-01-01' } })),
      422,
      'INVALID_PARAMETER',
      /starts after it ends/,
    );
    await rejects(params(nhs(MEAKIN), area('includeProblems', { name: 'filterStatus', valueCode: 'resolved' })), 422, 'INVALID_PARAMETER');
    await rejects(params(nhs(MEAKIN), area('includeDiaryEntries', { name: 'diaryEntriesSearchDate', valueDate: daysAgo(1) })), 422, 'INVALID_PARAMETER');
  });

  it('both consultation filters together, or a repeated part, is 422 INVALID_RESOURCE', async () => {
    await rejects(
      params(
        nhs(MEAKIN),
        area(
          'includeConsultations',
          { name: 'consultationSearchPeriod', valuePeriod: { start: '2020-01-01' } },
          { name: 'includeNumberOfMostRecent', valuePositiveInt: 3 },
        ),
      ),
      422,
      'INVALID_RESOURCE',
    );
    await rejects(
      params(
        nhs(MEAKIN),
        area('includeMedication', { name: 'includePrescriptionIssues', valueBoolean: true }, { name: 'includePrescriptionIssues', valueBoolean: false }),
      ),
      422,
      'INVALID_RESOURCE',
    );
  });

  it('a filter forbidden beside consultations or problems is 422 INVALID_PARAMETER naming it', async () => {
    const fromDate = area('includeMedication', { name: 'medicationSearchFromDate', valueDate: '2020-01-01' });
    await rejects(params(nhs(MEAKIN), area('includeConsultations'), fromDate), 422, 'INVALID_PARAMETER', /medicationSearchFromDate/);
    await rejects(params(nhs(MEAKIN), area('includeProblems'), fromDate), 422, 'INVALID_PARAMETER', /medicationSearchFromDate/);
    await rejects(
      params(nhs(MEAKIN), area('includeConsultations'), area('includeProblems', { name: 'filterStatus', valueCode: 'active' })),
      422,
      'INVALID_PARAMETER',
      /filterStatus/,
    );
    // filterStatus is allowed with problems alone, and the investigations period with either.
    expect((await structured(params(nhs(MEAKIN), area('includeProblems', { name: 'filterStatus', valueCode: 'active' })))).status).toBe(200);
  });

  it('predefined search 1 is exempt from the rule', async () => {
    const yearAgo = new Date(Date.parse(today) - 365 * 86_400_000).toISOString().slice(0, 10);
    const r = await structured(
      params(
        nhs(MEAKIN),
        area('includeConsultations', { name: 'includeNumberOfMostRecent', valuePositiveInt: 3 }),
        area('includeProblems'),
        allergies(true),
        area('includeMedication', { name: 'medicationSearchFromDate', valueDate: yearAgo }),
      ),
    );
    expect(r.status).toBe(200);
  });

  it("the specification's own all-areas example breaks its rules and is refused", async () => {
    const example = JSON.parse(
      readFileSync(new URL('../fixtures/spec-examples/stu3-getstructuredrecord-request-parameters-all-areas.json', import.meta.url), 'utf8'),
    );
    const r = await structured(example);
    expect(r.status).toBe(422);
  });

  it('an unknown parameter or part is answered, with one warning each in the one OperationOutcome', async () => {
    const r = await structured(
      params(
        nhs(MEAKIN),
        allergies(false),
        { name: 'inlcudeUnknownAllergies' },
        area('includeProblems', { name: 'includePrescriptionIssues', valueBoolean: true }),
      ),
    );
    expect(r.status).toBe(200);
    const [oo] = outcome(r.body);
    expect(outcome(r.body)).toHaveLength(1);
    expect(oo.issue.map((i: Json) => [i.severity, i.details.coding[0].code, i.details.text, i.diagnostics])).toEqual([
      ['warning', 'NOT_IMPLEMENTED', 'inlcudeUnknownAllergies is an unrecognised parameter', 'inlcudeUnknownAllergies'],
      ['warning', 'NOT_IMPLEMENTED', 'includeProblems.includePrescriptionIssues is an unrecognised parameter', 'includeProblems.includePrescriptionIssues'],
    ]);
  });

  it('the NHS number alone is answered with the patient and no clinical Lists, and no OperationOutcome', async () => {
    const r = await structured(params(nhs(MEAKIN)));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ resourceType: 'Bundle', type: 'collection', id: 'b6f2c3a1-0d7e-4c55-9f0a-5c2b7d0c1e11' });
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    expect(lists(r.body)).toEqual([]);
    expect(outcome(r.body)).toEqual([]);
    expect(resources(r.body).map((x: Json) => x.resourceType)).toContain('Patient');
  });

  it('an area disabled at the practice is a warning, not an error', async () => {
    const r = await structured(params(nhs('9690123408'), area('includeReferrals'), area('includeProblems')), { ods: 'C84001' });
    expect(r.status).toBe(200);
    expect(outcome(r.body)[0].issue[0]).toMatchObject({ details: { text: 'includeReferrals has been disabled' }, diagnostics: 'includeReferrals' });
    expect(listByCode(r.body, '717711000000103')).toBeDefined();
  });
});

describe("the patient's state", () => {
  const body = (n: string) => params(nhs(n), area('includeProblems'));
  it('dissent is 403 NO_PATIENT_CONSENT; unknown, inactive, sensitive and long-deceased patients are 404 PATIENT_NOT_FOUND', async () => {
    expect(issueCode((await structured(body('9658220169'))).body)).toBe('NO_PATIENT_CONSENT');
    for (const [n, ods] of [
      ['9658218881', 'A20047'],
      ['9690123750', 'A20047'],
      ['9690123688', 'C84001'],
      ['9658218873', 'C84001'],
    ]) {
      const r = await structured(body(n), { ods });
      expect([n, r.status, issueCode(r.body)]).toEqual([n, 404, 'PATIENT_NOT_FOUND']);
    }
  });
});

describe('the Lists', () => {
  it('allergies with resolved ones: two Lists with their exact codes and titles, ended allergies contained in theirs', async () => {
    const r = await structured(params(nhs(MEAKIN), area('includeAllergies', { name: 'includeResolvedAllergies', valueBoolean: true })));
    expect(lists(r.body).map((l: Json) => [l.code.coding[0].code, l.title])).toEqual([
      ['886921000000105', 'Allergies and adverse reactions'],
      ['1103671000000101', 'Ended allergies'],
    ]);
    const active = listByCode(r.body, '886921000000105');
    const allergies = resources(r.body).filter((x: Json) => x.resourceType === 'AllergyIntolerance');
    expect(active.entry).toHaveLength(allergies.length);
    expect(allergies.every((a: Json) => a.clinicalStatus === 'active')).toBe(true);
    const ended = listByCode(r.body, '1103671000000101');
    expect(ended.contained.length).toBeGreaterThan(0);
    expect(ended.entry.map((e: Json) => e.item.reference)).toEqual(ended.contained.map((a: Json) => `#${a.id}`));
    expect(ended.contained[0]).toMatchObject({ clinicalStatus: 'resolved', extension: [{ extension: [{ url: 'endDate' }, { url: 'reasonEnded' }] }] });
    for (const list of lists(r.body))
      expect(list).toMatchObject({ status: 'current', mode: 'snapshot', subject: { reference: expect.stringMatching(/^Patient\//) } });
    expect(lists(r.body).every((l: Json) => l.id === undefined)).toBe(true);
  });

  it('allergies without resolved ones: one List and no Ended allergies', async () => {
    const r = await structured(params(nhs(MEAKIN), area('includeAllergies', { name: 'includeResolvedAllergies', valueBoolean: false })));
    expect(lists(r.body).map((l: Json) => l.title)).toEqual(['Allergies and adverse reactions']);
  });

  it('an empty List has no entries, the no-content-recorded reason and the note "Information not available"', async () => {
    const r = await structured(
      params(nhs('9658218865'), area('includeAllergies', { name: 'includeResolvedAllergies', valueBoolean: true }), area('includeMedication')),
    );
    expect(lists(r.body)).toHaveLength(3);
    for (const list of lists(r.body)) {
      expect(list.entry).toBeUndefined();
      expect(list.emptyReason.coding[0]).toEqual({
        system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-ListEmptyReasonCode-1',
        code: 'no-content-recorded',
        display: 'No Content Recorded',
      });
      expect(list.note[0].text).toContain('Information not available');
    }
  });

  it('confidential-items only on the area it concerns; data-in-transit on every List, with its date', async () => {
    const meakin = await structured(params(nhs(MEAKIN), area('includeUncategorisedData'), area('includeProblems')));
    expect(warningCodes(listByCode(meakin.body, '826501000000100'))).toEqual(['confidential-items']);
    expect(listByCode(meakin.body, '826501000000100').note[0].text).toBe('Items excluded due to confidentiality and/or patient preferences.');
    expect(warningCodes(listByCode(meakin.body, '717711000000103'))).toEqual([]);

    const moved = await structured(params(nhs('9690124455'), area('includeProblems'), area('includeImmunisations')), { ods: 'C84001' });
    // Every query List; consultation-structure Lists (they have ids) never carry warnings.
    for (const list of lists(moved.body).filter((l: Json) => !l.id)) {
      expect(warningCodes(list)).toEqual(['data-in-transit']);
      expect(list.note[0].text).toMatch(
        /^Patient record transfer from previous GP practice not yet complete; information recorded before \d{2}-[A-Z][a-z]{2}-\d{4} may be missing\./,
      );
    }
  });

  it('medications: each statement based on its plan, issues as orders based on the plan, or none when issues are not asked for', async () => {
    const r = await structured(params(nhs(MEAKIN), area('includeMedication')));
    const all = resources(r.body);
    const statements = all.filter((x: Json) => x.resourceType === 'MedicationStatement');
    const plans = all.filter((x: Json) => x.resourceType === 'MedicationRequest' && x.intent === 'plan');
    const orders = all.filter((x: Json) => x.resourceType === 'MedicationRequest' && x.intent === 'order');
    expect(listByCode(r.body, '933361000000108').entry).toHaveLength(statements.length);
    for (const s of statements) expect(plans.map((p: Json) => `MedicationRequest/${p.id}`)).toContain(s.basedOn[0].reference);
    expect(orders.length).toBeGreaterThan(plans.filter((p: Json) => p.extension[0].valueCodeableConcept.coding[0].code === 'acute').length);
    for (const o of orders) expect(plans.map((p: Json) => `MedicationRequest/${p.id}`)).toContain(o.basedOn[0].reference);
    const stopped = plans.find((p: Json) => p.status === 'stopped');
    expect(stopped.extension.find((e: Json) => e.url.endsWith('MedicationStatusReason-1')).extension[1].valueCodeableConcept.text).toBeTruthy();

    const noIssues = await structured(params(nhs(MEAKIN), area('includeMedication', { name: 'includePrescriptionIssues', valueBoolean: false })));
    expect(resources(noIssues.body).filter((x: Json) => x.intent === 'order')).toEqual([]);
  });

  it('problems carry status and significance; filterStatus keeps one status', async () => {
    const r = await structured(params(nhs(MEAKIN), area('includeProblems', { name: 'filterStatus', valueCode: 'inactive' })));
    const problems = resources(r.body).filter((x: Json) => x.resourceType === 'Condition');
    expect(problems.length).toBe(7);
    expect(new Set(problems.map((p: Json) => p.clinicalStatus))).toEqual(new Set(['inactive']));
    expect(problems.every((p: Json) => ['major', 'minor'].includes(p.extension[0].valueCode))).toBe(true);
  });

  it('problems link to their medications, consultations, results and readings, each linked item in the bundle once, with the secondary Lists', async () => {
    const r = await structured(params(nhs(MEAKIN), area('includeProblems'), area('includeMedication')));
    const all = resources(r.body);
    const keys = all.filter((x: Json) => x.id).map((x: Json) => `${x.resourceType}/${x.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const links = (p: Json) =>
      (p.extension ?? []).filter((e: Json) => e.url.endsWith('Extension-CareConnect-RelatedClinicalContent-1')).map((e: Json) => e.valueReference.reference);
    const lrti = all.find((x: Json) => x.resourceType === 'Condition' && x.code.text === 'Lower respiratory tract infection');
    const diabetes = all.find((x: Json) => x.resourceType === 'Condition' && x.code.text === 'Type 2 diabetes mellitus');
    expect(links(lrti).some((ref: string) => ref.startsWith('MedicationRequest/'))).toBe(true);
    expect(links(diabetes).some((ref: string) => ref.startsWith('Encounter/'))).toBe(true);
    for (const ref of [...links(lrti), ...links(diabetes)]) expect(keys).toContain(ref);
    const secondary = lists(r.body).filter((l: Json) => l.code.coding[0].system === 'https://fhir.hl7.org.uk/STU3/CodeSystem/GPConnect-SecondaryListValues-1');
    expect(secondary.map((l: Json) => l.code.coding[0].code).sort()).toEqual([
      'problems-consultations-related-to-problems',
      'problems-investigations-related-to-problems',
      'problems-medications-related-to-problems',
      'problems-uncategorised-data-related-to-problems',
    ]);
  });

  it('investigations: one report per sample with its specimen and results, each with units, reference range and abnormal flag', async () => {
    const r = await structured(params(nhs(MEAKIN), area('includeInvestigations')));
    const all = resources(r.body);
    const reports = all.filter((x: Json) => x.resourceType === 'DiagnosticReport');
    expect(listByCode(r.body, '887191000000108').entry.map((e: Json) => e.item.reference)).toEqual(reports.map((d: Json) => `DiagnosticReport/${d.id}`));
    const results = reports.flatMap((d: Json) => d.result.map((ref: Json) => all.find((x: Json) => `Observation/${x.id}` === ref.reference)));
    const hba1c = results.find((o: Json) => o.code.text.startsWith('Haemoglobin A1c') && o.effectiveDateTime === '2015-09-09');
    expect(hba1c).toMatchObject({
      valueQuantity: { value: 58, unit: 'mmol/mol' },
      referenceRange: [{ low: { value: 20 }, high: { value: 41 }, text: '20 - 41 mmol/mol' }],
      interpretation: { coding: [{ code: 'H' }] },
    });
    expect(all.find((x: Json) => `Specimen/${x.id}` === hba1c.specimen.reference)).toMatchObject({ resourceType: 'Specimen' });
    // Blood pressure and BMI are not laboratory results: they are uncategorised data.
    expect(results.some((o: Json) => /blood pressure|body mass/i.test(o.code.text ?? ''))).toBe(false);
    const period = await structured(
      params(nhs(MEAKIN), area('includeInvestigations', { name: 'investigationSearchPeriod', valuePeriod: { start: '2026-01-01' } })),
    );
    expect(
      resources(period.body)
        .filter((x: Json) => x.resourceType === 'DiagnosticReport')
        .every((d: Json) => d.issued >= '2026-01-01'),
    ).toBe(true);
  });

  it('uncategorised data: blood pressure as the panel with systolic and diastolic components in mm[Hg]', async () => {
    const r = await structured(params(nhs(MEAKIN), area('includeUncategorisedData')));
    const bp = resources(r.body).find((x: Json) => x.resourceType === 'Observation' && x.effectiveDateTime === '2016-01-20');
    expect(bp.code.coding[0].code).toBe('163020007');
    expect(bp.component.map((c: Json) => [c.code.coding[0].code, c.valueQuantity.value, c.valueQuantity.code])).toEqual([
      ['72313002', 148, 'mm[Hg]'],
      ['1091811000000102', 92, 'mm[Hg]'],
    ]);
  });

  it('consultations: newest first when cut to the most recent, each with its consultation, topic and heading Lists', async () => {
    const r = await structured(params(nhs(MEAKIN), area('includeConsultations', { name: 'includeNumberOfMostRecent', valuePositiveInt: 3 })));
    const all = resources(r.body);
    const encounters = listByCode(r.body, '1149501000000101').entry.map((e: Json) => all.find((x: Json) => `Encounter/${x.id}` === e.item.reference));
    expect(encounters.map((e: Json) => e.period.start.slice(0, 10))).toEqual(['2026-11-17', '2026-09-16', '2026-08-12']);
    const structure = all.filter((x: Json) => x.resourceType === 'List' && x.encounter?.reference === `Encounter/${encounters[0].id}`);
    expect(structure.map((l: Json) => l.code.coding[0].code).sort()).toEqual(['24781000000107', '25851000000105', '325851000000107']);
    expect(structure.every((l: Json) => l.id && l.orderedBy.coding[0].code === 'system' && warningCodes(l).length === 0)).toBe(true);
  });

  it('referrals are outbound with status unknown; diary entries are active plans, overdue ones always returned', async () => {
    const referrals = await structured(params(nhs(MEAKIN), area('includeReferrals')));
    const rr = resources(referrals.body).filter((x: Json) => x.resourceType === 'ReferralRequest');
    expect(rr.length).toBe(listByCode(referrals.body, '792931000000107').entry.length);
    expect(rr.every((x: Json) => x.status === 'unknown')).toBe(true);

    const diary = await structured(params(nhs(MEAKIN), area('includeDiaryEntries', { name: 'diaryEntriesSearchDate', valueDate: today })));
    const due = resources(diary.body).filter((x: Json) => x.resourceType === 'ProcedureRequest');
    expect(listByCode(diary.body, '714311000000108').title).toBe('Patient recall administration');
    expect(due.map((d: Json) => [d.status, d.intent, d.code.text])).toEqual([['active', 'plan', 'Blood pressure check']]);
  });

  it('the large record answers with at least 5,000 entries across areas', async () => {
    const large = await structured(params(nhs('9690124528'), area('includeInvestigations'), area('includeUncategorisedData'), area('includeProblems')), {
      ods: 'C84001',
    });
    const items = resources(large.body).filter((x: Json) => ['Observation', 'DiagnosticReport', 'Condition'].includes(x.resourceType));
    expect(items.length).toBeGreaterThanOrEqual(5000);
  });
});

describe('the world around Structured', () => {
  const LUND = '9690125184'; // K82044: Structured only; moved practice; items withheld

  it('a Structured-only practice: SDS holds no HTML endpoint for it; its Lists carry several warnings with one note', async () => {
    const url = `${S.sdsBaseUrl}/Endpoint?organization=${encodeURIComponent('https://fhir.nhs.uk/Id/ods-organization-code|K82044')}&identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/nhsServiceInteractionId|urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord')}`;
    expect(((await (await fetch(url, { headers: { apikey: 'k' } })).json()) as Json).total).toBe(0);

    const r = await structured(params(nhs(LUND), area('includeProblems'), area('includeImmunisations')), { ods: 'K82044' });
    const problems = listByCode(r.body, '717711000000103');
    expect(warningCodes(problems)).toEqual(['confidential-items', 'data-in-transit']);
    expect(problems.note).toHaveLength(1);
    expect(problems.note[0].text).toMatch(/^Items excluded due to confidentiality and\/or patient preferences\. Patient record transfer/);
    expect(warningCodes(listByCode(r.body, '1102181000000102'))).toEqual(['data-in-transit']);
  });

  it('degraded allergies and medications carry the transfer-degraded codes with the original term as text', async () => {
    const r = await structured(
      params(nhs(LUND), area('includeAllergies', { name: 'includeResolvedAllergies', valueBoolean: false }), area('includeMedication')),
      {
        ods: 'K82044',
      },
    );
    const all = resources(r.body);
    const allergy = all.find((x: Json) => x.resourceType === 'AllergyIntolerance' && x.code.coding[0].code === '196461000000101');
    expect(allergy.code.text).toBe('Allergy to Elastoplast (EMIS code EGTON123)');
    const medication = all.find((x: Json) => x.resourceType === 'Medication' && x.code.coding[0].code === '196421000000109');
    expect(medication.code.text).toBe('Co-codamol 8/500 effervescent tablets (previous system)');
  });

  it('immunisations not given come back only when asked for, marked notGiven with the reason', async () => {
    const given = await structured(params(nhs(LUND), area('includeImmunisations')), { ods: 'K82044' });
    expect(resources(given.body).filter((x: Json) => x.resourceType === 'Immunization' && x.notGiven)).toEqual([]);
    const all = await structured(params(nhs(LUND), area('includeImmunisations', { name: 'includeNotGiven', valueBoolean: true })), { ods: 'K82044' });
    const notGiven = resources(all.body).filter((x: Json) => x.resourceType === 'Immunization' && x.notGiven);
    expect(notGiven.map((x: Json) => x.explanation.reasonNotGiven[0].text)).toEqual(['Patient declined: wishes to discuss with her midwife first.']);
  });

  it('the two GP systems differ as real ones do: System A marks an issued acute completed; System B also sends ended allergies top-level', async () => {
    const a = await structured(params(nhs(MEAKIN), area('includeMedication')));
    const acutePlans = resources(a.body).filter(
      (x: Json) => x.resourceType === 'MedicationRequest' && x.intent === 'plan' && x.extension[0].valueCodeableConcept.coding[0].code === 'acute',
    );
    expect(new Set(acutePlans.map((p: Json) => p.status))).toEqual(new Set(['completed']));

    const b = await structured(params(nhs(LUND), area('includeAllergies', { name: 'includeResolvedAllergies', valueBoolean: true })), { ods: 'K82044' });
    const topLevelResolved = resources(b.body).filter((x: Json) => x.resourceType === 'AllergyIntolerance' && x.clinicalStatus === 'resolved');
    expect(topLevelResolved.map((x: Json) => x.id)).toEqual(listByCode(b.body, '1103671000000101').contained.map((x: Json) => x.id));
  });
});
