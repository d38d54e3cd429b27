/**
 * The simulated SDS as an LDAP directory (R33; GP Connect 1.6: integration_spine_directory_service), made
 * from the same world as the SDS FHIR handlers (handlers/sds.ts), for the test slapd (test/support/slapd.ts):
 * one nhsMhs entry per practice and interaction (nhsMhsSvcIA is single-valued in SDS), one nhsAs entry per
 * AS record (nhsAsSvcIA lists every interaction), each with every attribute its class MUSTs (nhs-sds.schema).
 */
import type { World } from '../world';
import { asRecordsOf } from '../handlers/sds';
import { interactionsOffered, rootUrlFor } from '../handlers/interactions';

export const SDS_LDAP_SUFFIX = 'o=nhs';
export const SDS_LDAP_SERVICES = 'ou=Services,o=nhs';

/** An MHS record: the endpoint(s) one practice's system offers for one interaction. */
export interface MhsRecord {
  /** The entry's uniqueIdentifier. */
  id: string;
  odsCode: string;
  partyKey: string;
  interaction: string;
  /** nhsMhsEndPoint is multi-valued: normally one address. */
  endpoints: string[];
  cpaId: string;
}

/** An AS record: the ASID of one system at the practice. */
export interface AsRecord {
  asid: string;
  odsCode: string;
  partyKey: string;
  interactions: readonly string[];
}

type Attributes = [name: string, value: string | readonly string[]][];

/** What SDS holds for who asked for and approved an entry: the same made-up people throughout. */
const PROVENANCE: Attributes = [
  ['nhsRequestorURP', 'uniqueidentifier=555555555555,uid=555555555555,ou=people,o=nhs'],
  ['nhsDateRequested', '20240101120000'],
  ['nhsApproverURP', 'uniqueidentifier=555555555556,uid=555555555556,ou=people,o=nhs'],
  ['nhsDateApproved', '20240102120000'],
];

const SERVICE = 'urn:nhs:names:services:gpconnect';

function mhsAttributes(mhs: MhsRecord): Attributes {
  return [
    ['objectClass', ['top', 'nhsMhs']],
    ['uniqueIdentifier', mhs.id],
    ['nhsIDCode', mhs.odsCode],
    ['nhsMHSPartyKey', mhs.partyKey],
    ['nhsMhsSvcIA', mhs.interaction],
    // The service name and the interaction within it, as SDS splits the interaction id.
    ['nhsMHsSN', SERVICE],
    ['nhsMHsIN', mhs.interaction.startsWith(`${SERVICE}:`) ? mhs.interaction.slice(SERVICE.length + 1) : mhs.interaction],
    ['nhsMHSEndPoint', mhs.endpoints],
    ['nhsMhsIsAuthenticated', 'none'],
    ['nhsMhsCPAId', mhs.cpaId],
    ['nhsProductKey', '7374'],
    ...PROVENANCE,
    ['nhsDNSApprover', 'uniqueidentifier=555555555556,uid=555555555556,ou=people,o=nhs'],
    ['nhsDateDNSApproved', '20240102120000'],
    ['nhsEPInteractionType', 'FHIR'],
    ['nhsContractPropertyTemplateKey', '14'],
    ['nhsMhsFQDN', new URL(mhs.endpoints[0]).host],
    ['nhsMhsManufacturerOrg', 'YGJ'],
  ];
}

function asAttributes(as: AsRecord): Attributes {
  return [
    ['objectClass', ['top', 'nhsAs']],
    ['uniqueIdentifier', as.asid],
    ['nhsIDCode', as.odsCode],
    ['nhsMHSPartyKey', as.partyKey],
    ['nhsAsSvcIA', as.interactions],
    ...PROVENANCE,
    ['nhsMhsManufacturerOrg', 'YGJ'],
  ];
}

/** LDIF (RFC 2849): a value that is not plain printable ASCII, or starts with a space, colon or "<", goes base64. */
function line(name: string, value: string): string {
  return /^[\x21-\x39\x3b\x3d-\x7e][\x20-\x7e]*$/.test(value) && !value.endsWith(' ')
    ? `${name}: ${value}`
    : `${name}:: ${Buffer.from(value).toString('base64')}`;
}

function entry(dn: string, attributes: Attributes): string {
  return [line('dn', dn), ...attributes.flatMap(([name, value]) => (typeof value === 'string' ? [value] : value).map((v) => line(name, v)))].join('\n');
}

/** The world's MHS and AS records, as SDS FHIR answers them. */
export function directoryRecords(world: World): { mhs: MhsRecord[]; as: AsRecord[] } {
  const gpConnectPractices = world.practices.filter((p) => p.gpConnect);
  return {
    mhs: gpConnectPractices.flatMap((p) =>
      interactionsOffered(p.gpConnect!).map((interaction, index) => ({
        // One MHS entry per interaction, each with its own uniqueIdentifier.
        id: `${p.gpConnect!.mhsId}-${index + 1}`,
        odsCode: p.odsCode,
        partyKey: p.gpConnect!.partyKey,
        interaction,
        endpoints: [rootUrlFor(p.gpConnect!, interaction)],
        cpaId: p.gpConnect!.cpaId,
      })),
    ),
    as: gpConnectPractices.flatMap((p) => asRecordsOf(p).map((r) => ({ ...r, odsCode: p.odsCode, interactions: interactionsOffered(p.gpConnect!) }))),
  };
}

/**
 * The directory as LDIF for slapadd: `o=nhs`, `ou=Services`, then the world's records and any
 * `extraEntries` a test adds for a case the world does not hold (two MHS entries for one interaction, say).
 */
export function sdsLdif(world: World, extraEntries: { mhs?: MhsRecord[]; as?: AsRecord[] } = {}): string {
  const records = directoryRecords(world);
  const mhs = [...records.mhs, ...(extraEntries.mhs ?? [])];
  const as = [...records.as, ...(extraEntries.as ?? [])];
  const entries = [
    entry(SDS_LDAP_SUFFIX, [
      ['objectClass', ['top', 'organization']],
      ['o', 'nhs'],
    ]),
    entry(SDS_LDAP_SERVICES, [
      ['objectClass', ['top', 'organizationalUnit']],
      ['ou', 'Services'],
    ]),
    ...mhs.map((m) => entry(`uniqueIdentifier=${m.id},${SDS_LDAP_SERVICES}`, mhsAttributes(m))),
    ...as.map((a) => entry(`uniqueIdentifier=${a.asid},${SDS_LDAP_SERVICES}`, asAttributes(a))),
  ];
  return `${entries.join('\n\n')}\n`;
}
