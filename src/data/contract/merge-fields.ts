/**
 * Fills `{{path.to.value}}` merge fields from `values`. A field we cannot fill stays in the text
 * exactly as written, so a typo in a template shows up in the document instead of vanishing.
 */
export function fillMergeFields(template: string, values: Record<string, Record<string, unknown> | string>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, path: string) => {
    let value: unknown = values;
    for (const part of path.split('.')) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return whole;
      value = (value as Record<string, unknown>)[part];
    }
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
}
