/**
 * Shapes of the simulated Spine's world. The world itself is data (JSON files beside this one);
 * the handlers turn it into PDS, SDS and GP Connect answers.
 */

export interface WorldPractice {
  odsCode: string;
  name: string;
  address: { line: string[]; city: string; postalCode: string };
  telephone: string;
  /** Absent when the practice has no GP Connect entry in SDS (R11). */
  gpConnect?: {
    supplier: string;
    /** The DSTU2 service root URL exactly as SDS holds it (GP Connect 1.6: integration_spine_directory_service). */
    dstu2RootUrl: string;
    /** The STU3 Foundations service root URL (GP Connect 1.6: integration_spine_directory_service), distinct from the DSTU2 one. */
    stu3RootUrl: string;
    /** GP Connect version the STU3 CapabilityStatement reports (GP Connect 1.6: foundations_use_case_get_the_fhir_capability_statement). */
    version: string;
    asid: string;
    partyKey: string;
    mhsId: string;
    cpaId: string;
    /**
     * How the Spine Security Proxy treats calls to this practice: `fot-check-fails` → 403
     * FOT_CHECK_FAILED (no data-sharing agreement), `down` → 502 ERROR_COMMUNICATING_TO_ENDPOINT,
     * `timeout` → the GP system never answers (the SSP gives up with 504 after its own limit).
     */
    sspBehaviour?: 'fot-check-fails' | 'down' | 'timeout';
    /**
     * Further AS (Device) records SDS holds for the practice beside the current one: during a
     * supplier move the old system's record stays, with its own party key (R34); two records with
     * one party key leave nothing to choose by.
     */
    otherAsRecords?: { asid: string; partyKey: string; supplier: string }[];
    /**
     * Present when the practice offers Access Record Structured on its STU3 root (GP Connect 1.6.2:
     * accessrecord_structured): SDS then answers its interaction. Areas switched off at the practice
     * come back as "has been disabled" warnings (accessrecord_structured_development_clinical_area_config).
     */
    structured?: { disabledAreas?: string[] };
    /** False when the practice offers Structured only: SDS holds no Access Record HTML interaction for it. */
    html?: false;
  };
  /** What the practice's STU3 Foundations server holds (GP Connect 1.6: foundations). */
  foundations?: {
    /** Organization resources; name, address and telephone default to the practice's. */
    organisations: { id: string; odsCode: string; name?: string; telephone?: string }[];
    /** At least the main surgery and a branch surgery. */
    locations: WorldLocation[];
    /** Practitioners with zero, one or two SDS role profile ids (GP Connect provider test data (github.com/nhsconnect/gpconnect-provider-testing)). */
    practitioners: WorldPractitioner[];
  };
}

export interface WorldAddress {
  line: string[];
  city: string;
  postalCode: string;
}

export interface WorldLocation {
  id: string;
  name: string;
  /** The main surgery; the others are branch surgeries. */
  main?: boolean;
  address: WorldAddress;
  telephone: string;
}

export interface WorldPractitioner {
  id: string;
  sdsUserId: string;
  roleProfileIds: string[];
  /** Structured when the family name is known; otherwise text only (GP Connect 1.6: foundations_use_case_find_a_practitioner). */
  name: { prefix?: string; given?: string[]; family: string } | { text: string };
  gender: 'male' | 'female' | 'other' | 'unknown';
}

export type WorldScenario =
  | 'normal'
  | 'empty-record'
  | 'restricted'
  | 'dissent'
  | 'deceased-recent'
  | 'deceased-old'
  | 'unknown-to-practice'
  | 'practice-without-gp-connect'
  | 'superseded'
  | 'in-transit'
  | 'not-on-pds'
  | 'unverified'
  | 'sensitive-at-practice'
  | 'inactive'
  | 'merged'
  | 'confidential-items'
  | 'practice-fot-fails'
  | 'practice-down'
  | 'practice-timeout'
  | 'large-record'
  | 'demographics-mismatch'
  | 'register-candidate'
  | 'invalidated-at-provider'
  | 'practice-without-organisation-record'
  | 'hostile-html'
  | 'supplier-move'
  | 'sds-ambiguous'
  | 'registration-ended'
  | 'pds-retry'
  | 'common-details'
  | 'structured-only';

export interface WorldPatient {
  nhsNumber: string;
  scenario: WorldScenario;
  /** One line for the catalogue in the README. */
  description: string;
  /** Absent for a number PDS does not know (404). */
  pds?: {
    versionId: string;
    /** R = restricted (S-flag), U = unrestricted (PDS FHIR API). */
    security: 'U' | 'R';
    prefix?: string;
    given: string[];
    family: string;
    gender: 'male' | 'female' | 'other' | 'unknown';
    birthDate: string;
    /** Days before today; kept relative so the 28-day rule holds whatever the date. */
    deceasedDaysAgo?: number;
    address?: { line: string[]; city: string; postalCode: string };
    telephone?: string;
    practiceOdsCode?: string;
    /** NHS number verification status code, 01–08 (PDS FHIR API). */
    verificationCode: string;
    /** PDS answers this record instead when this number is asked for (superseded or merged). */
    supersededBy?: string;
    /** The registration with practiceOdsCode ended this many days ago (generalPractitioner identifier period end; R37). */
    registrationEndedDaysAgo?: number;
    /** PDS answers a new X-Request-ID with 503 and its repeat with 200, as PDS de-duplicates by it (R35). */
    answersOnRetryOnly?: boolean;
    /** GP systems' own PDS checks find the number flagged invalid (register patient: INVALID_NHS_NUMBER). */
    flaggedInvalidForProviders?: boolean;
  };
  /** What the practice's GP system holds; absent when the practice does not know the patient. */
  gp?: {
    /** dissent: 403 NO_PATIENT_CONSENT on record calls (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section). */
    consent: 'shared' | 'dissent';
    /** Flagged sensitive in the GP system only: record calls answer 404 (mocks/README.md). */
    sensitive?: boolean;
    /** An inactive (left) registration: record calls answer 404. Default active. */
    registration?: 'active' | 'inactive';
    /** GP2GP transfer not yet integrated: banner date (days before today). */
    transferIncompleteDaysAgo?: number;
    /** File name under world/records/, without .json. */
    record?: string;
    /** Where the practice's record differs from PDS (R7 demographic cross-check). */
    demographics?: { family?: string; given?: string[]; gender?: 'male' | 'female' | 'other' | 'unknown'; birthDate?: string };
    /** Start of the (regular) registration, YYYY-MM-DD. */
    registeredSince?: string;
    /** Location id of the preferred branch surgery. */
    preferredBranch?: string;
  };
}

/** A clinical entry; `date` (YYYY-MM-DD) sorts and filters, the other fields are the table cells. */
export type Row = Record<string, string> & { date: string };

export interface WorldRecord {
  /** Free provider text shown in the section content banner. */
  contentBanner?: string;
  /** The GP system appends the XSS corpus (world/xss-vectors.ts) unescaped to every section. */
  hostileMarkup?: boolean;
  /** Items withheld for confidentiality/patient preference: shows the exclusion banner. */
  excludedSections?: string[];
  encounters?: Row[];
  problems?: { active?: Row[]; majorInactive?: Row[]; otherInactive?: Row[] };
  allergies?: { current?: Row[]; historical?: Row[] };
  medications?: {
    acute?: Row[];
    currentRepeat?: Row[];
    discontinuedRepeat?: Row[];
    all?: Row[];
    issues?: Row[];
  };
  clinicalItems?: Row[];
  referrals?: Row[];
  observations?: Row[];
  immunisations?: Row[];
  administrative?: Row[];
  /** Diary entries: incomplete planned actions, `date` when due (Access Record Structured only; HTML has no such section). */
  diary?: Row[];
  /** Intended vaccinations not given (Structured only: `includeNotGiven`), with `reasonNotGiven`. */
  immunisationsNotGiven?: Row[];
  /**
   * Entries the GP2GP transfer could not code (Structured only), `area` allergy or medication: sent
   * with the transfer-degraded code and the original term as text.
   */
  degradedItems?: Row[];
  /** Items in the practice's workflow not yet filed (Structured only): the areas of these HTML sections carry data-awaiting-filing, dated this many days ago. */
  awaitingFiling?: { sections: string[]; daysAgo: number };
}
