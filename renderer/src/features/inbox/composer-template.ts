// A WhatsApp template picked in the composer: its parameters filled from the card, any of them
// overwritten by the operator (a parameter that is one variable, such as {{name}}, then shows the
// operator's words in the preview too). What is sent is the template by name, language and
// parameters, and its text as the thread keeps it.
import { CANNED_VARIABLES, type CannedResponse, type CannedVariable } from '../../../../contract/domain/canned-response.ts';
import type { MessageTemplate } from '../../../../contract/domain/conversation.ts';
import { fillVariables, templateParameter, unfilledVariables, type CannedValues } from './canned-variables.ts';

export interface PickedTemplate {
  response: CannedResponse;
  /** Parameter index → the operator's own value. */
  edits: Record<number, string>;
}

/** The variable a parameter consists of alone ({{name}} → name), or null. */
export function soleVariable(parameter: string): CannedVariable | null {
  const m = /^\{\{\s*([a-z]+)\s*\}\}$/.exec(parameter.trim());
  return m && (CANNED_VARIABLES as readonly string[]).includes(m[1]!) ? (m[1] as CannedVariable) : null;
}

export interface TemplateToSend {
  body: string;
  template: MessageTemplate;
  /** Parameters (1-based) still empty or with a variable nobody filled. */
  missing: number[];
}

export function templateToSend(picked: PickedTemplate, values: CannedValues): TemplateToSend {
  const source = picked.response.template;
  if (!source) throw new Error('not a template');
  const merged: CannedValues = { ...values };
  source.parameters.forEach((p, i) => {
    const v = soleVariable(p);
    const edit = picked.edits[i];
    if (v && edit !== undefined) merged[v] = edit;
  });
  const missing: number[] = [];
  const parameters = source.parameters.map((p, i) => {
    const edit = picked.edits[i];
    const value = templateParameter(edit !== undefined ? edit : fillVariables(p, merged).text);
    if (!value || unfilledVariables(value).length > 0) missing.push(i + 1);
    return value;
  });
  const body = fillVariables(picked.response.body, merged).text;
  return { body, template: { name: source.name, language: source.language, parameters }, missing };
}
