/**
 * Requirement references in the rendered design preview (`**Validates: Requirements 1.2, 2.3**`,
 * `_Requirements: 1.1_`) become links to the criteria. Done on the sanitized DOM, so only text is touched: each id
 * inside such an emphasis becomes a button-like link carrying `data-req`.
 */
const LABEL = /^\s*(?:Validates\s*[:：]\s*)?(?:Requirements?|Reqs?|需求|要件|要求)\s*[:：]?\s*/i;
const ID = /\b(?:R|Req\.?\s*)?(\d+(?:\.\d+)?)\b/g;

export function linkRequirementRefs(root: HTMLElement, knownIds: ReadonlySet<string>): void {
  for (const el of root.querySelectorAll<HTMLElement>('strong, em')) {
    if (el.querySelector('[data-req]') || el.closest('pre, code')) continue;
    const text = el.textContent ?? '';
    const label = LABEL.exec(text);
    if (!label || el.children.length > 0) continue;
    const head = text.slice(0, label[0].length);
    const rest = text.slice(label[0].length);
    const parts: Node[] = [document.createTextNode(head)];
    let at = 0;
    for (const m of rest.matchAll(ID)) {
      const id = m[1] as string;
      parts.push(document.createTextNode(rest.slice(at, m.index)));
      const a = document.createElement('a');
      a.href = '#';
      a.textContent = m[0];
      if (knownIds.has(id)) {
        a.dataset.req = id;
        a.className = 'req-link';
        a.title = `Show requirement ${id}`;
      } else {
        a.className = 'req-link dangling';
        a.title = `${id} is not defined in the requirements`;
        a.removeAttribute('href');
      }
      parts.push(a);
      at = (m.index ?? 0) + m[0].length;
    }
    if (parts.length === 1) continue;
    parts.push(document.createTextNode(rest.slice(at)));
    el.replaceChildren(...parts);
  }
}
