import { FieldErrors } from '@/components/recovery/field-errors';

/** The language a person's emails go out in, each option named in its own language. */
export function LanguageSelect({
  languages,
  value,
  text,
  errors,
}: {
  languages: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  text: { label: string; hint: string };
  /** Why the language sent is refused: only a request made by hand sends one not in the list. */
  errors?: string[];
}) {
  return (
    <>
      <label htmlFor="language">{text.label}</label>
      <select id="language" name="language" defaultValue={value} aria-invalid={errors ? true : undefined} aria-describedby="language-hint language-errors">
        {languages.map((language) => (
          <option key={language.value} value={language.value} lang={language.value}>
            {language.label}
          </option>
        ))}
      </select>
      <p id="language-hint" className="muted">
        {text.hint}
      </p>
      <FieldErrors id="language-errors" errors={errors} />
    </>
  );
}
