import { z } from 'zod/mini';

/**
 * What Chartside read from the open chart. It crosses from the content script to the background
 * and on to the panel, so it is a zod schema: nothing a page produced is trusted unparsed.
 *
 * Every item says where it came from (`source`), so the panel can show it and tests can check it.
 */

const text = z.string().check(z.maxLength(20_000));

export const ItemSourceSchema = z.object({
  /** The adapter that read it (`generic`, `openemr`, …). */
  adapter: z.string().check(z.maxLength(40)),
  /** The heading or label it was found under, as shown on the page ("Allergies", "DOB"). */
  label: z.optional(z.string().check(z.maxLength(200))),
  /** A CSS selector for the element, for tests and for highlighting it. */
  selector: z.optional(z.string().check(z.maxLength(500))),
  /** The frame's URL when the item came from an iframe. */
  frameUrl: z.optional(z.string().check(z.maxLength(2_000))),
});
export type ItemSource = z.infer<typeof ItemSourceSchema>;

export const ChartItemKindSchema = z.enum(['medication', 'allergy', 'problem', 'history', 'visit-note', 'message']);
export type ChartItemKind = z.infer<typeof ChartItemKindSchema>;

/** One line of the chart a clinician can include or exclude. */
export const ChartItemSchema = z.object({
  /** Stable within one read: `${kind}:${index}`; the panel keys checkboxes by it. */
  id: z.string().check(z.maxLength(80)),
  kind: ChartItemKindSchema,
  text,
  source: ItemSourceSchema,
});
export type ChartItem = z.infer<typeof ChartItemSchema>;

/** A prior visit note (for `patient_history` and, later, the visit-history summary). */
export const VisitNoteSchema = z.object({
  id: z.string().check(z.maxLength(80)),
  /** ISO date (YYYY-MM-DD) when the page showed one. */
  date: z.optional(z.string().check(z.maxLength(40))),
  provider: z.optional(z.string().check(z.maxLength(200))),
  title: z.optional(z.string().check(z.maxLength(300))),
  text,
  source: ItemSourceSchema,
});
export type VisitNote = z.infer<typeof VisitNoteSchema>;

/** A patient-portal message (for `chat_messages`). */
export const PortalMessageSchema = z.object({
  id: z.string().check(z.maxLength(80)),
  /** `patient` or `provider` where the page makes it clear, else what it said. */
  role: z.string().check(z.maxLength(60)),
  content: text,
  /** ISO 8601 when the page showed a time. */
  timestamp: z.optional(z.string().check(z.maxLength(40))),
  source: ItemSourceSchema,
});
export type PortalMessage = z.infer<typeof PortalMessageSchema>;

/** Who the chart is about: kept with each note so an insert can refuse the wrong patient. */
export const PatientIdentitySchema = z.object({
  name: z.optional(z.string().check(z.maxLength(200))),
  /** ISO date (YYYY-MM-DD). */
  dob: z.optional(z.string().check(z.maxLength(10))),
  mrn: z.optional(z.string().check(z.maxLength(80))),
  source: z.optional(ItemSourceSchema),
});
export type PatientIdentity = z.infer<typeof PatientIdentitySchema>;

export const DemographicsSchema = z.object({
  age: z.optional(z.number().check(z.gte(0), z.lte(130))),
  /** As the chart says it ("Female", "male", "non-binary"), lower-cased. */
  gender: z.optional(z.string().check(z.maxLength(60))),
  ageSource: z.optional(ItemSourceSchema),
  genderSource: z.optional(ItemSourceSchema),
});
export type Demographics = z.infer<typeof DemographicsSchema>;

const MAX_ITEMS = 500;

export const ChartContextSchema = z.object({
  adapter: z.string().check(z.maxLength(40)),
  /** The page it was read from (top frame). */
  url: z.string().check(z.maxLength(2_000)),
  identity: PatientIdentitySchema,
  demographics: DemographicsSchema,
  /** Medications, allergies, problems and history lines, in page order within each kind. */
  items: z.array(ChartItemSchema).check(z.maxLength(MAX_ITEMS)),
  /** The chart says so explicitly ("NKDA", "No known allergies"): not the same as none found. */
  noKnownAllergies: z.boolean(),
  visitNotes: z.array(VisitNoteSchema).check(z.maxLength(100)),
  messages: z.array(PortalMessageSchema).check(z.maxLength(200)),
});
export type ChartContext = z.infer<typeof ChartContextSchema>;

/** True when a read found anything worth showing as a chart. */
export function hasChart(context: ChartContext): boolean {
  return Boolean(
    context.identity.name ||
      context.identity.mrn ||
      context.items.length ||
      context.visitNotes.length ||
      context.messages.length ||
      context.noKnownAllergies,
  );
}
