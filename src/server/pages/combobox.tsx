/** A search box with a suggestion list (ARIA combobox), which app.js drives over /api/search. */
export interface ComboboxProps {
  id: string;
  /** Set when the box submits a form (the header's search). */
  name?: string;
  value?: string;
  /** The list's accessible name. */
  label: string;
  class?: string;
}

export function Combobox({ id, name, value, label, class: listClass }: ComboboxProps) {
  return (
    <>
      <input
        id={id}
        name={name}
        type="search"
        value={value ?? ''}
        placeholder="Search titles"
        autocomplete="off"
        maxlength={100}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded="false"
        aria-controls={`${id}-list`}
      />
      <ul id={`${id}-list`} class={listClass} role="listbox" aria-label={label} hidden></ul>
    </>
  );
}
