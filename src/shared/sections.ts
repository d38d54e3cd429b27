/**
 * Access Record HTML sections (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section, requirement R19).
 * SUM, ALL and IMM never accept a date range: the provider answers 400 if one is sent.
 */
export const SECTION_CODES = ['SUM', 'PRB', 'MED', 'ALL', 'ENC', 'CLI', 'REF', 'OBS', 'IMM', 'ADM'] as const;

export type SectionCode = (typeof SECTION_CODES)[number];

export interface SectionInfo {
  code: SectionCode;
  title: string;
  acceptsDateRange: boolean;
}

export const SECTIONS: Record<SectionCode, SectionInfo> = {
  SUM: { code: 'SUM', title: 'Summary', acceptsDateRange: false },
  PRB: { code: 'PRB', title: 'Problems and Issues', acceptsDateRange: true },
  MED: { code: 'MED', title: 'Medications', acceptsDateRange: true },
  ALL: { code: 'ALL', title: 'Allergies and Adverse Reactions', acceptsDateRange: false },
  ENC: { code: 'ENC', title: 'Encounters', acceptsDateRange: true },
  CLI: { code: 'CLI', title: 'Clinical Items', acceptsDateRange: true },
  REF: { code: 'REF', title: 'Referrals', acceptsDateRange: true },
  OBS: { code: 'OBS', title: 'Observations', acceptsDateRange: true },
  IMM: { code: 'IMM', title: 'Immunisations', acceptsDateRange: false },
  ADM: { code: 'ADM', title: 'Administrative Items', acceptsDateRange: true },
};

export function isSectionCode(value: string): value is SectionCode {
  return (SECTION_CODES as readonly string[]).includes(value);
}
