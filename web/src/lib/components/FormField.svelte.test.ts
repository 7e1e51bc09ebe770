import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import FormField from './FormField.svelte';

describe('FormField', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) unmount(component);
    document.body.innerHTML = '';
  });

  it('labels the input and links its hint', () => {
    // Prepare / Act
    component = mount(FormField, {
      target: document.body,
      props: { id: 'email', label: 'Adresse e-mail', hint: 'nom@exemple.fr' },
    });

    // Assess
    const input = document.querySelector('input')!;
    expect(document.querySelector(`label[for="${input.id}"]`)?.textContent).toContain(
      'Adresse e-mail',
    );
    expect(input.getAttribute('aria-describedby')).toBe('email-hint');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('announces its error through aria-invalid and aria-describedby', () => {
    component = mount(FormField, {
      target: document.body,
      props: {
        id: 'email',
        label: 'Adresse e-mail',
        hint: 'nom@exemple.fr',
        error: 'Saisissez une adresse e-mail valide.',
      },
    });

    const input = document.querySelector('input')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy).toEqual(['email-hint', 'email-error']);
    expect(document.getElementById('email-error')?.textContent).toContain(
      'Saisissez une adresse e-mail valide.',
    );
  });

  it('marks optional fields instead of required ones', () => {
    component = mount(FormField, {
      target: document.body,
      props: { id: 'phone', label: 'Téléphone', optional: true },
    });

    expect(document.querySelector('label')?.textContent).toContain('(facultatif)');
    expect(document.querySelector('input')?.required).toBe(false);
  });

  it('writes what people type back to the bound value', () => {
    const props = $state({ id: 'email', label: 'Adresse e-mail', value: '' });
    component = mount(FormField, { target: document.body, props });

    const input = document.querySelector('input')!;
    input.value = 'nom@exemple.fr';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();

    expect(props.value).toBe('nom@exemple.fr');
  });
});
