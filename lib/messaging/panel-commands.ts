import { z } from 'zod/mini';

/** The keyboard shortcuts the panel acts on (manifest.config.ts declares their keys). */
export const PANEL_COMMANDS = ['toggle-recording', 'generate-note', 'insert-all'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

/** Background → panel: a shortcut was pressed while `tabId` was the active tab. */
export const PanelCommandMessageSchema = z.object({
  type: z.literal('panel:command'),
  command: z.enum(PANEL_COMMANDS),
  tabId: z.optional(z.number().check(z.int(), z.gte(0))),
});
export type PanelCommandMessage = z.infer<typeof PanelCommandMessageSchema>;

export const isPanelCommand = (command: string): command is PanelCommand => (PANEL_COMMANDS as readonly string[]).includes(command);
