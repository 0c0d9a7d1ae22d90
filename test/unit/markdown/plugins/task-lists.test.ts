// Tests the task-lists plugin: `- [x]` items become labelled read-only checkboxes, not literal brackets.
import { describe, expect, test } from 'vitest';
import { createMarkdown } from '../../../../src/markdown/create.ts';

describe('markdown/plugins/task-lists', () => {
  test('renders done and open tasks as disabled checkboxes named by their labels', () => {
    const html = createMarkdown().render('- [x] Write the post\n- [ ] Run its examples\n- a plain item\n');
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" id="task-item-0" checked disabled><label class="task-list-item-label" for="task-item-0"> Write the post</label></li>');
    expect(html).toContain('<input type="checkbox" class="task-list-item-checkbox" id="task-item-1" disabled><label class="task-list-item-label" for="task-item-1"> Run its examples</label>');
    expect(html).toContain('<li>a plain item</li>');
    expect(html).not.toContain('[x]');
  });
});
