/** The language a person's emails go out in, each option named in its own language. */
export function LanguageSelect({
  languages,
  value,
  text,
}: {
  languages: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  text: { label: string; hint: string };
}) {
  return (
    <>
      <label htmlFor="language">{text.label}</label>
      <select id="language" name="language" defaultValue={value} aria-describedby="language-hint">
        {languages.map((language) => (
          <option key={language.value} value={language.value} lang={language.value}>
            {language.label}
          </option>
        ))}
      </select>
      <p id="language-hint" className="muted">
        {text.hint}
      </p>
    </>
  );
}
